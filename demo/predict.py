"""Batched forward passes: masked-token and next-token distributions for many requests at once.

Rows are right-padded to the longest request; padding is hidden by the attention mask, so
each row's answer equals the unbatched one.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch

from demo.loading import LoadedModel
from demo.results import Candidate
from demo.tensors import logits_at, pad_id, right_padded


@dataclass(frozen=True)
class Request:
    ids: list[int]  # token ids, special tokens included
    top_k: int


def _pad(lm: LoadedModel, requests) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, T) ids and attention mask, right-padded."""
    return right_padded([r.ids for r in requests], pad_id(lm.tokenizer), lm.device)


def candidates(lm: LoadedModel, probs: torch.Tensor, k: int) -> list[Candidate]:
    """Top-k of one (V,) distribution, never offering special tokens; probs stay unrenormalised."""
    k = min(k, lm.offerable)  # a tiny vocabulary may have fewer tokens than asked for
    values, idx = probs.masked_fill(lm.never, 0.0).topk(k)
    ids = idx.tolist()
    pieces = lm.tokenizer.convert_ids_to_tokens(ids)
    return [Candidate(piece, p, i, lm.tokenizer.decode([i]))
            for piece, p, i in zip(pieces, values.tolist(), ids)]


def fill_mask_batch(lm: LoadedModel, requests: list[Request]) -> list[list[list[Candidate]]]:
    """For each request, one ranked list per mask token, left to right."""
    ids, attention = _pad(lm, requests)
    with torch.inference_mode():
        rows, cols = (ids == lm.tokenizer.mask_token_id).nonzero(as_tuple=True)  # (M,), (M,): row-major
        logits, _ = logits_at(lm, ids, attention, rows, cols)  # (M, V): the head runs on masked rows only
        probs = logits.float().softmax(-1)  # float32 even on a half-precision GPU
    out: list[list[list[Candidate]]] = [[] for _ in requests]
    for m, row in enumerate(rows.tolist()):
        out[row].append(candidates(lm, probs[m], requests[row].top_k))
    return out


@dataclass(frozen=True)
class NextDistribution:
    candidates: list[Candidate]
    entropy: float  # nats


def next_token_batch(lm: LoadedModel, requests: list[Request]) -> list[NextDistribution]:
    ids, attention = _pad(lm, requests)
    last = attention.sum(1) - 1  # (B,) index of each row's last real token
    with torch.inference_mode():
        logits, _ = logits_at(lm, ids, attention, torch.arange(len(requests), device=ids.device), last)  # (B, V)
        probs = logits.float().softmax(-1)  # (B, V)
        entropy = torch.special.entr(probs).sum(-1)  # (B,)
    return [NextDistribution(candidates(lm, probs[b], r.top_k), float(entropy[b]))
            for b, r in enumerate(requests)]


def sentence_logprobs(lm: LoadedModel, sentences: list[list[int]]) -> list[float]:
    """Total log-likelihood (nats) of each id list under a causal LM, given its first id."""
    ids, attention = _pad(lm, [Request(s, 1) for s in sentences])
    with torch.inference_mode():
        logp = lm.model(input_ids=ids, attention_mask=attention).logits.float().log_softmax(-1)  # (B, T, V)
        # token t+1 given tokens ..t; padding contributes nothing
        picked = logp[:, :-1].gather(-1, ids[:, 1:, None]).squeeze(-1)  # (B, T-1)
        total = (picked * attention[:, 1:]).sum(-1)
    return total.tolist()
