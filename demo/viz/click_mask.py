"""Click to mask (as exBERT does): the typed sentence as words to click; a clicked word becomes the blank.

A word is a run of letters or digits (an apostrophe inside it kept: "don't"), or one Chinese character (a
Chinese BERT reads one character per token). Punctuation and blanks already there are not offered.
"""
from __future__ import annotations

import re

BLANK = "[MASK]"
WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[^\W_\u3400-\u9fff\uf900-\ufaff]+(?:'[^\W_\u3400-\u9fff]+)*")
BLANKS = re.compile(r"\[mask\]|<mask>|_{3,}", re.IGNORECASE)  # as demo.inputs.MASK_PATTERN spells a blank


def words(text: str | None) -> list[tuple[int, int, str]]:
    """(start, end, word) of each clickable word, left to right."""
    text = text or ""
    taken = [m.span() for m in BLANKS.finditer(text)]
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)
            if not any(a <= m.start() < b for a, b in taken)]


def choices(text: str | None) -> list[tuple[str, int]]:
    """For a gr.Radio: (the word as shown, its index)."""
    return [(word, i) for i, (_, _, word) in enumerate(words(text))]


def masked_at(text: str, index: int) -> str:
    """`text` with its index-th word replaced by the blank; the text as it was if there is no such word."""
    found = words(text)
    if not 0 <= index < len(found):
        return text
    start, end, _ = found[index]
    return text[:start] + BLANK + text[end:]
