"""Judge a model on the fixed sentences (demo/measure/sentences.py): its top-5 at each blank (masked)
or after each prompt (causal), its own quality figure, and its latency against another model's.

Fidelity is the mean share of the reference's top-5 that a variant also ranks in its top-5: 1.0 when
the two agree on every sentence. Special tokens are never counted (they are never offered either).
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch

from demo.catalog import MASKED
from demo.loading import LoadedModel
from demo.measure import sentences
from demo.tensors import pad_id, right_padded

TOP = 5


@dataclass
class Probe:
    ids: torch.Tensor  # (S, T) right-padded: masked sentences, or causal prompts after the start token
    attention: torch.Tensor  # (S, T) 1 for real tokens
    positions: torch.Tensor  # (S,) where each row's prediction is read (the blank, or the last prompt token)
    answers: torch.Tensor | None  # (S,) masked: the hidden word's (first) piece id
    filled: tuple[torch.Tensor, torch.Tensor] | None  # causal: (S, T') filled sentences and their mask


def build(lm: LoadedModel) -> Probe:
    tok = lm.tokenizer
    pad = pad_id(tok)
    if lm.spec.family == MASKED:
        rows = [tok(text)["input_ids"] for text in sentences.masked_texts(tok.mask_token)]
        ids, mask = right_padded(rows, pad, lm.device)
        positions = torch.tensor([r.index(tok.mask_token_id) for r in rows], device=lm.device)
        answers = torch.tensor([tok.convert_tokens_to_ids(tok.tokenize(a)[0]) for a in sentences.answers()],
                               device=lm.device)
        return Probe(ids, mask, positions, answers, None)
    start = [tok.bos_token_id] if tok.bos_token_id is not None else []  # so a first word is predicted too
    rows = [start + tok(text)["input_ids"] for text in sentences.prompts()]
    ids, mask = right_padded(rows, pad, lm.device)
    positions = torch.tensor([len(r) - 1 for r in rows], device=lm.device)
    filled = right_padded([start + tok(text)["input_ids"] for text in sentences.filled()], pad, lm.device)
    return Probe(ids, mask, positions, None, filled)


def top5(lm: LoadedModel, model: torch.nn.Module, probe: Probe) -> torch.Tensor:
    """(S, 5) token ids: the model's five likeliest offerable tokens for each sentence."""
    with lm.lock, torch.inference_mode():
        logits = model(input_ids=probe.ids, attention_mask=probe.attention).logits  # (S, T, V)
    rows = torch.arange(len(probe.positions), device=logits.device)
    scores = logits[rows, probe.positions].float()  # (S, V)
    scores = scores.masked_fill(lm.never.to(scores.device)[: scores.shape[-1]], float("-inf"))
    return scores.topk(TOP, dim=-1).indices


def fidelity(reference: torch.Tensor, variant: torch.Tensor) -> float:
    """Mean over sentences of |reference top-5 ∩ variant top-5| / 5."""
    shared = (reference.unsqueeze(-1) == variant.unsqueeze(-2)).any(-1).sum(-1)  # (S,)
    return float(shared.float().mean() / reference.shape[-1])


def quality(lm: LoadedModel, model: torch.nn.Module, probe: Probe, top: torch.Tensor) -> float:
    """Masked: share of sentences whose hidden word is in the top-5. Causal: perplexity of the filled
    sentences (exp of the mean negative log-likelihood per predicted token)."""
    if probe.answers is not None:
        return float((top == probe.answers.unsqueeze(-1)).any(-1).float().mean())
    ids, mask = probe.filled
    with lm.lock, torch.inference_mode():
        logits = model(input_ids=ids, attention_mask=mask).logits.float()  # (S, T, V)
    nll = torch.nn.functional.cross_entropy(logits[:, :-1].transpose(1, 2), ids[:, 1:], reduction="none")
    kept = mask[:, 1:].bool()  # predictions of real tokens only
    return math.exp(float(nll[kept].mean()))


def latency_ratio(lm: LoadedModel, full: torch.nn.Module, variant: torch.nn.Module, probe: Probe,
                  repeats: int = 5, budget_s: float = 3.0) -> float:
    """variant / full seconds on the same batch, the fastest of up to `repeats` interleaved runs each
    (interleaved, so a busy moment of the machine hits both alike); at least two, fewer than `repeats`
    once they pass `budget_s` (fp16 on a CPU can be ten times slower: users wait on the device lock)."""
    times = {"full": [], "variant": []}
    started = time.perf_counter()
    for step in range(repeats):
        if step >= 2 and time.perf_counter() - started > budget_s:
            break
        for name, model in (("full", full), ("variant", variant)):
            with lm.lock, torch.inference_mode():
                begin = time.perf_counter()
                model(input_ids=probe.ids, attention_mask=probe.attention)
                if probe.ids.device.type == "cuda":
                    torch.cuda.synchronize(probe.ids.device)
                times[name].append(time.perf_counter() - begin)
    return min(times["variant"]) / min(times["full"])
