"""Attribution as safe HTML: the sentence with each token shaded by how much it raised (blue) or
lowered (orange) the model's log-probability of its word at the blank.

One row per model (BERT above GPT, stacked by the tab). GPT's tokens at and after the blank score
exactly 0 — it predicted the blank before reading them — and are drawn grey with a dashed outline
and said so in words. Every piece of text goes through html.escape (quotes too: some lands in
title attributes); the shade is inline because it is data.
"""
from __future__ import annotations

import html

from demo.results import Attribution
from demo.text import say
from demo.viz.bars import piece_label
from demo.viz.pieces import readable, word_text

POSITIVE, NEGATIVE = "37, 99, 235", "234, 88, 12"  # blue raised log p, orange lowered it (colour-blind safe)
MAX_ALPHA = 0.8


def shade(score: float, scale: float) -> str:
    """Background for a score: the colour says the sign, the strength |score| / scale."""
    rgb = POSITIVE if score > 0 else NEGATIVE
    alpha = MAX_ALPHA * min(1.0, abs(score) / scale) if scale > 0 else 0.0
    return f"rgba({rgb}, {alpha:.3f})"


def zero_from(result: Attribution) -> int | None:
    """Where the run of exact zeros at the end starts, if it covers the blank (GPT: always)."""
    start = len(result.scores)
    while start > 0 and result.scores[start - 1] == 0.0:
        start -= 1
    return start if start <= result.blank < len(result.scores) else None


def _chip(text: str, score: float, scale: float, kind: str, lang: str) -> str:
    classes = "inside-attr-chip" + (f" inside-attr-{kind}" if kind else "")
    zero = kind.startswith("zero")
    style = "" if zero else f' style="background-color: {shade(score, scale)}"'
    hint = say("inside.attr.zero_hint", lang) if zero else f"{score:+.3g}"
    return (f'<span class="{classes}" data-score="{score:.6g}"{style} title="{html.escape(hint, quote=True)}">'
            f"{html.escape(text)}</span>")


def attribution_html(result: Attribution, lang: str = "en", by_word: bool = False) -> str:
    """One model's row: a heading, the shaded tokens (or words: pieces summed), and what the
    numbers add up to, in words."""
    zeros = zero_from(result) if result.family == "causal" else None  # BERT's zeros (e.g. its own blank) are no rule
    scale = max((abs(s) for s in result.scores), default=0.0)
    if by_word:
        # the tokenizer's own words (word_ids(), read by the service); one token a word if none were given
        groups = result.word_scores() or [([i], s) for i, s in enumerate(result.scores)]
        units = [(word_text([result.tokens[i] for i in indices]), score, indices[0], indices[-1])
                 for indices, score in groups]
    else:
        units = [(piece_label(t), s, i, i) for i, (t, s) in enumerate(zip(result.tokens, result.scores))]
    chips = []
    for text, score, first, last in units:
        kind = ("zero" if zeros is not None and first >= zeros
                else "blank" if first <= result.blank <= last else "")
        if kind == "zero" and first <= result.blank <= last:
            kind = "zero inside-attr-blank"
        chips.append(_chip(text, score, scale, kind, lang))
    word = readable(result.target.token).strip() or piece_label(result.target.token)
    family = "causal" if result.family == "causal" else "masked"
    head = say(f"inside.attr.head_{family}", lang, model=html.escape(result.model), word=html.escape(word),
               logprob=f"{result.target_logprob:.3f}")
    total = sum(result.scores)
    sums = say(f"inside.attr.sums_{result.method}", lang, total=f"{total:+.3f}", target=f"{result.target_logprob:.3f}",
               baseline=f"{result.baseline_logprob:.3f}", diff=f"{result.target_logprob - result.baseline_logprob:+.3f}",
               method=html.escape(say(f"inside.attr.method_{result.method}", lang)), steps=result.steps)
    if result.baseline:
        sums += " " + say("inside.attr.baseline", lang, baseline=html.escape(result.baseline))
    return (f'<div class="inside-attr-row" data-family="{family}">'
            f'<div class="inside-attr-head">{head}</div>'
            f'<div class="inside-attr-chips">{"".join(chips)}</div>'
            f'<p class="inside-attr-note">{_side_note(result, zeros, lang)}</p>'
            f'<p class="inside-attr-sums">{sums}</p></div>')


def _side_note(result: Attribution, zeros: int | None, lang: str) -> str:
    """What the right side of the blank did, computed from the scores."""
    if result.family == "causal":
        if zeros is None:
            return ""
        after = " ".join(readable(t).strip() or piece_label(t) for t in result.tokens[zeros:])
        return say("inside.attr.causal_zero", lang, count=len(result.tokens) - zeros, tokens=html.escape(after))
    magnitude = sum(abs(s) for s in result.scores)
    right = sum(abs(s) for s in result.scores[result.blank + 1:])
    share = right / magnitude if magnitude > 0 else 0.0
    return say("inside.attr.masked_right", lang, share=f"{share:.0%}")


def legend_html(lang: str = "en") -> str:
    return (f'<div class="inside-attr-legend">'
            f'<span class="inside-attr-chip" style="background-color: {shade(1, 1)}">'
            f'{html.escape(say("inside.attr.legend_up", lang))}</span>'
            f'<span class="inside-attr-chip" style="background-color: {shade(-1, 1)}">'
            f'{html.escape(say("inside.attr.legend_down", lang))}</span>'
            f'<span class="inside-attr-chip inside-attr-zero">{html.escape(say("inside.attr.legend_zero", lang))}</span>'
            f'<span class="inside-attr-chip inside-attr-blank">{html.escape(say("inside.attr.legend_blank", lang))}</span>'
            f"</div>")
