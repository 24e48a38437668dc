"""Safe HTML for text views: a sentence with its blanks filled, and generated text shaded by probability.

Every piece of user or model text goes through html.escape (quotes included, since some of it
lands in title attributes), so nothing typed can become live HTML. Classes are styled in
assets/style.css; the shade is inline because it is data, one value per token.
"""
from __future__ import annotations

import html
from typing import Sequence

from demo.results import FillMask, GeneratedToken
from demo.text import say
from demo.viz.bars import piece_label

SHADE_RGB = "245, 158, 11"  # the theme's amber: dark text stays readable on every shade
MIN_ALPHA, MAX_ALPHA = 0.08, 0.85  # even an unlikely token gets a visible box


def shade(prob: float) -> str:
    """Background colour for a token of probability `prob`: darker = the model was more sure."""
    alpha = MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * min(max(prob, 0.0), 1.0)
    return f"rgba({SHADE_RGB}, {alpha:.3f})"


def filled_sentence(result: FillMask, lang: str = "en") -> str:
    """The text with each blank's top candidate filled in and highlighted; the hover names the
    runners-up, so the highlight is visibly one choice among several."""
    parts = result.text.split(result.mask_token)
    out = [html.escape(parts[0])]
    for number, (cands, rest) in enumerate(zip(result.masks, parts[1:]), start=1):
        if cands:
            others = ", ".join(f"{c.text.strip()} {c.prob:.1%}" for c in cands[1:4])
            hint = say("fill.hint_then" if others else "fill.hint", lang, n=number, prob=f"{cands[0].prob:.1%}",
                       others=others)
            out.append(f'<mark class="fill-mask-word" title="{html.escape(hint)}">'
                       f"{html.escape(cands[0].text.strip())}</mark>")
        else:
            out.append('<mark class="fill-mask-word">?</mark>')
        out.append(html.escape(rest))
    return f'<div class="fill-mask-sentence">{"".join(out)}</div>'


def generated_html(prompt: str, tokens: Sequence[GeneratedToken]) -> str:
    """The prompt in plain text, then each new token shaded by its probability (value on hover).
    A byte-level piece that is half a character has no text yet; its character arrives with the
    next token, so it gets no box of its own. The hover also names the piece, to show the tokenization."""
    spans = [f'<span class="generate-token" style="background-color: {shade(t.prob)}" '
             f'title="{html.escape(f"{t.prob:.1%} · {piece_label(t.token)}")}">{html.escape(t.text)}</span>'
             for t in tokens if t.text]
    return (f'<div class="generate-output"><span class="generate-prompt">{html.escape(prompt)}</span>'
            f'{"".join(spans)}</div>')
