"""BERT vs GPT on one blank, as views: candidate bars, GPT's ranking of BERT's words, which
tokens each model sees, the causality check and the facts table.

Pure functions of demo.results dataclasses. Every piece of user or model text goes through
html.escape; nothing typed by a user becomes live markup.
"""
from __future__ import annotations

import html
import unicodedata

from demo.inputs import MASK_PATTERN
from demo.results import Candidate, Comparison, ModelInfo
from demo.viz.bertviz_frame import readable

MASKED_COLOR, CAUSAL_COLOR = "#4f46e5", "#d97706"  # the theme's indigo and amber
# Other users' requests may share a batch (padded rows): the same prompt can then differ in the
# last float digits, which is not the model looking at different words.
TOLERANCE = 1e-6

FACTS_HEADERS = ["", "BERT-style (masked)", "GPT-style (causal)"]
DESIGN = [
    ["Architecture", "Transformer encoder, bidirectional", "Transformer decoder, left to right"],
    ["Each token attends to", "every token, both sides", "itself and the tokens before it"],
    ["Pre-training task", "masked LM (+ next-sentence prediction)", "next-word prediction"],
    ["Typical uses", "classification, named entities, extractive QA", "generation, completion, chat"],
]
RANKING_HEADERS = ["GPT rank", "BERT rank", "BERT's candidate", "BERT probability", "GPT log-likelihood (nats)",
                   "completed sentence"]
SHIFT_HEADERS = ["rank", "before", "p before", "after", "p after"]


def ranking_rows(comparison: Comparison) -> list[list]:
    """BERT's candidates in GPT's order, with the sentence GPT scored (rounded for reading)."""
    bert_rank = {c.id: rank for rank, c in enumerate(comparison.masked, start=1)}
    rows = []
    for rank, ranked in enumerate(comparison.ranking, start=1):
        c = ranked.candidate
        sentence = f"{comparison.left} {c.text.strip()}{comparison.right}".strip()
        rows.append([rank, bert_rank.get(c.id), readable(c.token), round(c.prob, 4), round(ranked.logprob, 3),
                     sentence])
    return rows


def ranking_note(comparison: Comparison) -> str:
    """One line: GPT's favourite among BERT's words, and whether the two models agree."""
    if not comparison.ranking:
        return ""
    gpt_best = comparison.ranking[0].candidate
    bert_best = comparison.masked[0]
    word = html.escape(readable(gpt_best.token).strip())
    if gpt_best.id == bert_best.id:
        verdict = "the same word BERT ranks first: the two models agree."
    else:
        place = 1 + [c.id for c in comparison.masked].index(gpt_best.id)
        verdict = (f"BERT ranks it #{place}; BERT's own favourite is "
                   f"<b>{html.escape(readable(bert_best.token).strip())}</b>.")
    return f'<p class="compare-note">GPT finds the sentence with <b>{word}</b> most likely, {verdict}</p>'


def chip(text: str, kind: str, title: str = "") -> str:
    """One token as an escaped chip; hidden tokens are struck through (<s>) for every reader."""
    tag = "s" if kind == "hidden" else "span"
    hint = f' title="{html.escape(title, quote=True)}"' if title else ""
    return f'<{tag} class="compare-chip compare-{kind}"{hint}>{html.escape(text)}</{tag}>'


def _row(label: str, family: str, chips: list[str]) -> str:
    return (f'<div class="compare-strip-row" data-family="{family}">'
            f'<span class="compare-strip-label">{html.escape(label)}</span>{"".join(chips)}</div>')


def visibility_strip(comparison: Comparison) -> str:
    """The sentence as each model holds it while predicting the blank: BERT sees every token
    but the blank; GPT sees only its tokens left of the blank, the words after it are hidden."""
    masked = [chip(readable(t), "blank", "the blank BERT fills") if MASK_PATTERN.fullmatch(t)
              else chip(readable(t), "seen") for t in comparison.masked_tokens]
    causal = [chip(readable(t), "seen") for t in comparison.causal_tokens]
    causal.append(chip("___", "blank", "the next word GPT predicts"))
    causal += [chip(word, "hidden", "GPT cannot see this yet") for word in comparison.right.split()]
    legend = (f'<div class="compare-strip-legend">{chip("seen", "seen")} what the model reads '
              f'{chip("___", "blank")} the blank it predicts {chip("hidden", "hidden")} not visible</div>')
    return (f'<div class="compare-strip">'
            f'{_row(f"BERT ({comparison.masked_model}) sees", "masked", masked)}'
            f'{_row(f"GPT ({comparison.causal_model}) sees", "causal", causal)}{legend}</div>')


def with_new_right(left: str, new_right: str) -> str:
    """The sentence with the same words before the blank and new words after it."""
    new_right = (new_right or "").strip()
    glue = "" if not new_right or unicodedata.category(new_right[0]).startswith("P") else " "
    return f"{left} [MASK]{glue}{new_right}".lstrip()


def shift_rows(before: list[Candidate], after: list[Candidate]) -> list[list]:
    """Rank by rank: each model's candidates for the original and the changed sentence."""
    rows = []
    for rank in range(max(len(before), len(after))):
        b = before[rank] if rank < len(before) else None
        a = after[rank] if rank < len(after) else None
        rows.append([rank + 1, readable(b.token) if b else "", round(b.prob, 4) if b else None,
                     readable(a.token) if a else "", round(a.prob, 4) if a else None])
    return rows


def max_difference(before: list[Candidate], after: list[Candidate]) -> float:
    """Largest probability change of a candidate present in both lists (0 if none is)."""
    probs = {c.id: c.prob for c in after}
    return max((abs(c.prob - probs[c.id]) for c in before if c.id in probs), default=0.0)


def identical(before: list[Candidate], after: list[Candidate]) -> bool:
    """Same tokens in the same order with the same probabilities (up to float noise)."""
    return ([c.id for c in before] == [c.id for c in after]
            and max_difference(before, after) <= TOLERANCE)


def _verdict(name: str, before: list[Candidate], after: list[Candidate]) -> str:
    diff = max_difference(before, after)
    if identical(before, after):
        return f"{name}: identical (same candidates, same order, max difference {diff:.2g})"
    if before and after and before[0].id != after[0].id:
        top = (f"top candidate {html.escape(readable(before[0].token).strip())} → "
               f"{html.escape(readable(after[0].token).strip())}")
    elif [c.id for c in before] != [c.id for c in after]:
        top = "the candidates changed"
    else:
        top = "same candidates, new probabilities"
    return f"{name}: moved ({top}; max difference {diff:.2g})"


def causality_verdict(before: Comparison, after: Comparison) -> str:
    """Computed from the data, one line per model."""
    lines = [_verdict("BERT", before.masked, after.masked), _verdict("GPT", before.causal, after.causal)]
    gpt_blind = identical(before.causal, after.causal)
    moral = ("GPT predicted the blank from the words on its left only, so the new words could not reach it."
             if gpt_blind else "GPT's candidates changed: the words left of the blank must have changed too.")
    if before.masked_tokens == after.masked_tokens:  # e.g. every new word is [UNK] to a small vocabulary
        moral += " BERT read exactly the same tokens both times, so it could not move either."
    items = "".join(f"<li>{line}</li>" for line in lines)
    return f'<div class="compare-verdict"><ul>{items}</ul><p>{moral}</p></div>'


def _seconds(seconds: dict[str, float], key: str) -> str:
    return f"{seconds[key] * 1000:.0f} ms" if key in seconds else "–"


def facts_rows(masked: ModelInfo, causal: ModelInfo, seconds: dict[str, float]) -> list[list]:
    """How each family is built, then the loaded models' own figures and how long this request
    took for each (all text: one column holds numbers and names)."""
    def both(label, value):
        return [label, value(masked), value(causal)]

    return DESIGN + [
        both("Model", lambda i: i.id),
        both("Parameters", lambda i: f"{i.parameters:,}"),
        both("Layers", lambda i: str(i.layers)),
        both("Attention heads", lambda i: str(i.heads)),
        both("Hidden size", lambda i: str(i.hidden)),
        both("Vocabulary", lambda i: f"{i.vocab:,}"),
        both("Max positions", lambda i: f"{i.max_positions:,}"),
        both("Tokenizer", lambda i: i.tokenizer),
        both("Device, dtype", lambda i: f"{i.device}, {i.dtype}"),
        ["This request", _seconds(seconds, "masked"), _seconds(seconds, "causal")],
    ]
