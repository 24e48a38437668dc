"""Encoder-decoder infilling: the encoder reads the whole sentence (like BERT), the decoder writes
what is missing left to right (like GPT), so one blank may become several words.

GLM (one stack, demo.glm; the bundled pocket-t5) writes each blank's words after the text, as T5 does.
T5 (span corruption) writes only the missing spans, each after its sentinel:
    input   "The cat <extra_id_0> on the mat."   ->   output   "<extra_id_0> sat <extra_id_1>"
BART (denoising) writes the whole sentence again, blank filled; the span is what stands where
the blank was, found by matching the words around it.

Candidates come from beam search; each is then scored exactly by one teacher-forced pass, and a
blank's spans are ranked by the log-likelihood of the best output that contains them.
"""
from __future__ import annotations

import math
import re

import torch

from demo import glm, infill_glm
from demo.loading import LoadedModel
from demo.results import Span
from demo.tensors import right_padded

BLANK = "[MASK]"  # how the service hands blanks over
MAX_SPAN_TOKENS = 8  # the longest span written for one blank


def sentinels(tokenizer) -> list[int]:
    """T5's <extra_id_0>, <extra_id_1>, ... ids in order (empty for BART)."""
    ids = []
    for i in range(100):
        token = f"<extra_id_{i}>"
        found = tokenizer.convert_tokens_to_ids(token)
        if found is None or found == tokenizer.unk_token_id:
            break
        ids.append(found)
    return ids


def is_span_corruption(lm: LoadedModel) -> bool:
    return bool(sentinels(lm.tokenizer))


def source_text(lm: LoadedModel, text: str) -> str:
    """The text as the encoder reads it: T5's numbered sentinels, or BART's single <mask> token."""
    if is_span_corruption(lm):
        parts = text.split(BLANK)
        return "".join(p + (f"<extra_id_{i}>" if i < len(parts) - 1 else "") for i, p in enumerate(parts))
    return text.replace(BLANK, lm.tokenizer.mask_token)


def decoder_room(lm: LoadedModel, blanks: int, max_span_tokens: int = MAX_SPAN_TOKENS) -> int:
    """Positions BART's decoder needs beyond the source's length: it writes the source again with
    each blank's span, from one start token, in a position table as long as the encoder's (at most
    len(ids) + max_span_tokens * blanks + 2 inputs reach it). T5's positions are relative: no limit.
    GLM's written tokens stand at their blank's position plus their place in the span (demo.glm)."""
    if glm.is_glm(lm.model.config):
        return max_span_tokens
    return 0 if is_span_corruption(lm) else max_span_tokens * blanks + 2


def infill(lm: LoadedModel, text: str, ids: list[int], top_k: int,
           max_span_tokens: int = MAX_SPAN_TOKENS) -> list[list[Span]]:
    """One ranked list of up to top_k spans per blank in `text` (blanks written as [MASK])."""
    if glm.is_glm(lm.model.config):  # one stack, GLM's mask (pocket-t5): demo.infill_glm
        return infill_glm.infill(lm, text, ids, top_k, max_span_tokens)
    blanks = text.count(BLANK)
    marks = sentinels(lm.tokenizer)
    model, device = lm.model, lm.device
    beams = max(2 * top_k, 8)
    source = torch.tensor([ids], device=device)  # (1, S)
    start = model.config.decoder_start_token_id
    if marks:  # T5: start with the first sentinel, stop at the one after the last blank
        prefix = [start, marks[0]]
        stop = [lm.tokenizer.eos_token_id, marks[blanks]] if blanks < len(marks) else [lm.tokenizer.eos_token_id]
        suppress = [m for m in marks[blanks + 1:]] + [lm.tokenizer.pad_token_id]
        new_tokens = (max_span_tokens + 1) * blanks + 1
    else:  # BART: the whole sentence again
        prefix = [start]
        stop = [lm.tokenizer.eos_token_id]
        suppress = [lm.tokenizer.mask_token_id, lm.tokenizer.pad_token_id]
        new_tokens = len(ids) + max_span_tokens * blanks + 2
    with torch.inference_mode():
        out = model.generate(
            input_ids=source, attention_mask=torch.ones_like(source),
            decoder_input_ids=torch.tensor([prefix], device=device), num_beams=beams,
            num_return_sequences=beams, max_new_tokens=new_tokens, eos_token_id=stop,
            suppress_tokens=suppress, do_sample=False, early_stopping=False, no_repeat_ngram_size=0,
            # rank by log-likelihood, as we report it. Said explicitly, as a hub model's generation config
            # (bart-base's) may set others: early_stopping=True ends the search once `beams` outputs have
            # finished, and short unlikely ones finish first, so a likely span of several pieces was cut
            # off unwritten; False goes on while a live beam can still beat a finished one (with
            # length_penalty 0 a beam's score only falls: the test is exact). No n-gram ban: BART writes the
            # sentence again, repeats and all.
            length_penalty=0.0,
        )  # (beams, len(prefix) + new)
        written = [_until_stop(row[len(prefix):].tolist(), stop) for row in out]
        logprobs = sequence_logprobs(lm, ids, prefix, written)
    parse = _t5_spans if marks else _bart_spans
    ranked: list[dict[str, float]] = [{} for _ in range(blanks)]
    for tokens, logprob in zip(written, logprobs):
        spans = parse(lm, text, tokens, marks[:blanks + 1])
        if spans is None:
            continue  # the output broke the format (a sentinel missing, the context rewritten)
        for i, span in enumerate(spans):
            if span and logprob > ranked[i].get(span, -math.inf):
                ranked[i][span] = logprob
    return [[Span(s, math.exp(lp), lp) for s, lp in sorted(r.items(), key=lambda kv: -kv[1])[:top_k]]
            for r in ranked]


def _until_stop(tokens: list[int], stop: list[int]) -> list[int]:
    """The written ids up to and including the first stop id (beam search pads after it)."""
    for i, token in enumerate(tokens):
        if token in stop:
            return tokens[: i + 1]
    return tokens


def sequence_logprobs(lm: LoadedModel, ids: list[int], prefix: list[int], written: list[list[int]]) -> list[float]:
    """log p(written | source, prefix) of each output, summed over its tokens (nats), one batched pass."""
    B = len(written)
    # (B, P+W) prefix and output, right-padded (T5 and BART both have a pad token); keep: the written positions
    target, real = right_padded([prefix + w for w in written], lm.tokenizer.pad_token_id, lm.device)
    keep = real[:, len(prefix):].bool()  # (B, W)
    source = torch.tensor([ids] * B, device=lm.device)
    with torch.inference_mode():
        logits = lm.model(input_ids=source, decoder_input_ids=target[:, :-1]).logits  # (B, P+W-1, V)
        logp = logits.float().log_softmax(-1)[:, len(prefix) - 1:]  # (B, W, V): the written positions
        picked = logp.gather(-1, target[:, len(prefix):, None]).squeeze(-1)  # (B, W)
    return (picked * keep).sum(-1).tolist()


def _t5_spans(lm, text, tokens, marks) -> list[str] | None:
    """Split "span0 <extra_id_1> span1 ... <extra_id_n>" (the first sentinel is the prefix)."""
    spans, current = [], []
    expected = 1
    for token in tokens:
        if token in marks or token == lm.tokenizer.eos_token_id:
            if token != lm.tokenizer.eos_token_id and token != marks[expected]:
                return None
            spans.append(lm.tokenizer.decode(current, skip_special_tokens=True).strip())
            current, expected = [], expected + 1
            if token == lm.tokenizer.eos_token_id or expected == len(marks):
                break
        else:
            current.append(token)
    return spans if len(spans) == len(marks) - 1 else None


def _bart_spans(lm, text, tokens, marks) -> list[str] | None:
    """What stands where each blank was, if the output keeps every word around the blanks."""
    written = " ".join(lm.tokenizer.decode(tokens, skip_special_tokens=True).split())
    parts = [" ".join(p.split()) for p in text.split(BLANK)]
    pattern = r"\s*(.+?)\s*".join(r"\s*".join(re.escape(w) for w in p.split(" ")) if p else "" for p in parts)
    found = re.fullmatch(pattern, written)
    return [g.strip() for g in found.groups()] if found else None
