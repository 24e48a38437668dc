"""Blank infilling with GLM's single stack (demo.glm): a beam search over part B.

Each beam is the spans written so far, the last one still open. A step lays every live beam out as
one row (text, then each span after its blank's [MASK]), reads the next token's log-probabilities at
the row's last position, and keeps the best `width` continuations; [SEP] closes a span and opens the
next blank's. Scores are the model's own log-probabilities, summed (nothing renormalised, no length
penalty), so a beam's score only falls and the search stops once no live beam can beat the
`width`-th finished output. A blank's spans are ranked as demo.infill ranks T5's: by the best
finished output that holds them.
"""
from __future__ import annotations

import math

import torch

from demo import glm
from demo.loading import LoadedModel
from demo.results import Span

Beam = tuple[list[list[int]], float]  # (spans written so far, the last open; log-likelihood in nats)


def infill(lm: LoadedModel, text: str, ids: list[int], top_k: int, max_span_tokens: int) -> list[list[Span]]:
    """One ranked list of up to top_k spans per [MASK] in `ids` (the text as part A)."""
    tok = lm.tokenizer
    blank, end = tok.mask_token_id, tok.sep_token_id
    blanks, width = ids.count(blank), max(2 * top_k, 8)
    banned = lm.never.to(lm.device).clone()  # (V,) special ids; [SEP] is how a span ends
    banned[end] = False
    live: list[Beam] = [([[]], 0.0)]
    done: list[Beam] = []
    while live:
        step = next_token_log_probs(lm, ids, [spans for spans, _ in live])  # (N, V)
        step[:, banned] = -math.inf
        for n, (spans, _) in enumerate(live):
            if not spans[-1]:  # a blank stands for at least one piece
                step[n, end] = -math.inf
            elif len(spans[-1]) >= max_span_tokens:  # the longest span: only its end may follow
                step[n, torch.arange(step.shape[1], device=step.device) != end] = -math.inf
        totals = step + torch.tensor([score for _, score in live], device=step.device)[:, None]  # (N, V)
        best = totals.flatten().topk(min(width, int(torch.isfinite(totals).sum())))
        grown: list[Beam] = []
        for score, flat in zip(best.values.tolist(), best.indices.tolist()):
            n, token = divmod(flat, totals.shape[1])
            spans = live[n][0]
            if token != end:
                grown.append(([*spans[:-1], spans[-1] + [token]], score))
            elif len(spans) == blanks:
                done.append((spans, score))
            else:
                grown.append(([*spans, []], score))
        done = sorted(done, key=lambda b: -b[1])[:width]
        live = [b for b in grown if len(done) < width or b[1] > done[-1][1]]
    ranked: list[dict[str, float]] = [{} for _ in range(blanks)]
    for spans, score in done:
        for i, span in enumerate(spans):
            words = tok.decode(span, skip_special_tokens=True).strip()
            if words and score > ranked[i].get(words, -math.inf):
                ranked[i][words] = score
    return [[Span(s, math.exp(lp), lp) for s, lp in sorted(r.items(), key=lambda kv: -kv[1])[:top_k]]
            for r in ranked]


def next_token_log_probs(lm: LoadedModel, ids: list[int], beams: list[list[list[int]]]) -> torch.Tensor:
    """(N, V) log p(next token | text, spans so far) for each beam, in one batched pass."""
    tok = lm.tokenizer
    rows = [glm.layout(ids, spans, tok.mask_token_id, tok.sep_token_id, closed=len(spans) - 1) for spans in beams]
    inputs = glm.batch(rows, [len(ids)] * len(rows), tok.pad_token_id, dtype=lm.model.dtype)
    inputs = {k: v.to(lm.device) for k, v in inputs.items()}
    last = torch.tensor([len(r[0]) - 1 for r in rows], device=lm.device)  # (N,) each row's last real position
    with torch.inference_mode():
        step = glm.next_log_probs(lm.model, inputs, last)
    return step.clone()  # cloned outside inference mode: a tensor the search may edit
