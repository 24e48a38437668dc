"""The three families on one sentence (How they differ tab): what an autoencoding, an autoregressive
and an encoder-decoder model each read of a sentence with one blank, and what each answers there.

One pure function of a Comparison (demo/results.py) to escaped HTML: every piece of user or
model text goes through html.escape.
"""
from __future__ import annotations

import html

from demo.results import Comparison
from demo.text import say
from demo.viz.pieces import readable


def _card(family: str, model: str, reads: str, answers: list[tuple[str, float]], lang: str, note: str = "") -> str:
    items = "".join(f'<li><span class="families-answer">{html.escape(text)}</span> '
                    f'<span class="families-prob">{prob:.1%}</span></li>' for text, prob in answers)
    body = f'<ol class="families-answers">{items}</ol>' if answers else f'<p class="families-note">{html.escape(note)}</p>'
    return (f'<div class="families-card" data-family="{family}">'
            f'<h3>{html.escape(say(f"families.{family}", lang))}</h3>'
            f'<p class="families-model"><code>{html.escape(model)}</code>: {html.escape(say(f"families.{family}.how", lang))}</p>'
            f'<p class="families-reads">{html.escape(say("families.reads", lang, text=reads))}</p>{body}</div>')


def three_families(comparison: Comparison, lang: str = "en") -> str:
    """Three cards side by side: BERT's tokens for the blank, GPT's next tokens after the words
    left of it, and the encoder-decoder's written spans (or one line saying it cannot run here)."""
    c = comparison
    sentence = f"{c.left} ___{c.right}".strip()
    masked = [(readable(x.token).strip(), x.prob) for x in c.masked]
    causal = [(readable(x.token).strip(), x.prob) for x in c.causal]
    spans = c.infill.blanks[0] if c.infill is not None and c.infill.blanks else []
    seq2seq_model = c.infill.model if c.infill is not None else c.seq2seq_model
    none = (say("families.none", lang, model=c.seq2seq_model or "?") if c.infill is None
            else say("compare.seq2seq.empty", lang, model=seq2seq_model))
    cards = [_card("masked", c.masked_model, sentence, masked, lang),
             _card("causal", c.causal_model, f"{c.left} ___".strip(), causal, lang),
             _card("seq2seq", seq2seq_model, sentence, [(s.text, s.prob) for s in spans], lang, none)]
    return f'<div class="families">{"".join(cards)}</div>'
