"""The "How they differ" page: short lessons and token chips.

Text is Markdown for gr.Markdown; chips are escaped HTML built from a tokenizer's pieces. (The O(n²)
formula plot that stood here gave way to the measured one in the Cost & compression tab.)
"""
from __future__ import annotations

import html

from demo.text import say
from demo.viz.bars import piece_label

# The text lives in demo/text (en/learn.py, zh/learn.py). A tab shows a lesson in the reader's language with
# gr.Markdown(t(lessons.VARIANTS_KEY)); the constants without _KEY hold the English text (Python API, tests).
READING_KEY, FAMILIES_KEY, TOKENS_KEY = "learn.reading", "learn.families", "learn.tokens"
VARIANTS_KEY, ATTENTION_KEY = "lesson.variants", "lesson.attention"
COMPRESSION_KEY, TRAINING_KEY = "lesson.compression", "lesson.training"

READING = say(READING_KEY)
FAMILIES = say(FAMILIES_KEY)
VARIANTS = say(VARIANTS_KEY)
TOKENS = say(TOKENS_KEY)
ATTENTION = say(ATTENTION_KEY)
COMPRESSION = say(COMPRESSION_KEY)
TRAINING = say(TRAINING_KEY)


MARKERS = ("##", "Ġ", "▁")  # WordPiece continuation, byte-level BPE space, SentencePiece space


def piece_chip(piece: str) -> str:
    """One piece with its marker set apart, so a class sees what ## and a leading space mean. A space
    mark (BPE's Ġ, SentencePiece's ▁) is drawn ␣, as on every chart and table (piece_label)."""
    marker = next((m for m in MARKERS if piece.startswith(m) and len(piece) > len(m)), "")
    body = html.escape(piece_label(piece[len(marker):]))
    mark = f'<span class="learn-marker">{html.escape(piece_label(marker))}</span>' if marker else ""
    return f'<span class="learn-chip">{mark}{body}</span>'


def token_chips(model: str, tokenizer: str, pieces: list[str], lang: str = "en", reference: bool = False) -> str:
    """A model's (or a reference tokenizer's) pieces for one text, with how many there are."""
    count = say("lesson.pieces_one" if len(pieces) == 1 else "lesson.pieces_many", lang, count=len(pieces))
    chips = "".join(piece_chip(p) for p in pieces)
    note = f' <i>({html.escape(say("lesson.reference_tokenizer", lang))})</i>' if reference else ""
    return (f'<div class="learn-tokens"><div class="learn-tokens-head"><b>{html.escape(model)}</b> '
            f'({html.escape(tokenizer)}): {count}{note}</div><div class="learn-chips">{chips}</div></div>')


def split_view(splits, lang: str = "en") -> tuple[str, str, str]:
    """The Split button's result: (the masked model's chips, the causal model's, the reference tokenizers')."""
    masked, causal = (token_chips(r.name, r.tokenizer, r.pieces, lang) for r in splits.rows[:2])
    refs = "".join(token_chips(r.name, r.tokenizer, r.pieces, lang, True) for r in splits.rows[2:])
    return masked, causal, refs
