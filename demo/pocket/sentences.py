"""Prose into training rows: split into sentences, clean, and keep only what reads as a sentence.

A small regex splitter, tuned to the sources' own habits (Austen's "Mr." and "Mrs.", the KJV's
verse-long sentences, GCIDE's "e.g." and "i.e."): a sentence ends at . ! or ? (and any closing
quote or bracket) followed by a space and a capital letter or an opening quote, unless the word
before the full stop is a known abbreviation or a single capital letter (an initial).
"""
from __future__ import annotations

import re
import unicodedata

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "sr", "jr", "prof", "rev", "col", "gen", "capt", "lt", "sgt",
                 "vs", "etc", "e.g", "i.e", "cf", "viz", "esp", "fig", "vol", "ch", "pp", "lb", "oz", "ft", "co",
                 "inc", "ltd", "mt", "ave", "fr", "obs", "adj", "adv", "prep", "conj", "pl", "p.p", "q.v"}
# a candidate end: terminal punctuation, closing quotes/brackets, whitespace, then a capital or an opening quote
_END = re.compile(r"""([.!?]+["'\u2019\u201d)\]]*)\s+(?=["'\u2018\u201c(]?[A-Z])""")
_SPACES = re.compile(r"\s+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# what a clean row may hold: letters, digits, spaces and ordinary punctuation (no markup, no code)
_ALLOWED = re.compile(r"""[A-Za-z0-9 .,;:!?'"()\-&%$/]+""")
MIN_WORDS, MAX_WORDS = 4, 80  # shorter teaches little context; longer may not fit 128 positions
MIN_LETTERS = 0.7  # share of a row's characters that are letters or spaces (drops tables, numbers, code)


def split(text: str) -> list[str]:
    """Sentences of one paragraph of prose (whitespace normalised)."""
    text = _SPACES.sub(" ", text).strip()
    out, start = [], 0
    for found in _END.finditer(text):
        before = _WORD_BEFORE.search(text[start: found.start() + 1].rstrip(".!?"))
        word = before.group(1).lower().rstrip(".") if before else ""
        if found.group(1).startswith(".") and len(found.group(1)) == 1 and \
                (word in ABBREVIATIONS or (before and len(before.group(1)) == 1 and before.group(1).isupper())):
            continue  # "Mr. Darcy", "J. Smith": not an end
        out.append(text[start: found.end(1)].strip())
        start = found.end()
    tail = text[start:].strip()
    return out + ([tail] if tail else [])


def ascii_text(text: str) -> str:
    """Typographic quotes and dashes as typed on a keyboard; accents dropped (café -> cafe)."""
    text = (text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
            .replace("\u2014", " - ").replace("_", "").replace("\u2013", "-").replace("--", " - "))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SPACES.sub(" ", text).strip()


def as_sentence(text: str) -> str:
    """A capital first letter and a final full stop, as people type a sentence into the app.
    WordNet's lines have neither, and a model trained on them reads "[MASK] ." as the "e.g." of
    its glosses."""
    text = text[0].upper() + text[1:]
    ended = text[-1] in ".!?" or text[-1] in "\"')" and text[-2:-1] in (".", "!", "?")
    return text if ended else text + "."


def clean(text: str, min_words: int = MIN_WORDS) -> str | None:
    """The row as trained on, or None when it does not read as one plain English sentence."""
    text = ascii_text(text)
    words = text.split()
    if not min_words <= len(words) <= MAX_WORDS or not _ALLOWED.fullmatch(text):
        return None
    if sum(c.isalpha() or c == " " for c in text) < MIN_LETTERS * len(text):
        return None
    if not (text[0].isalnum() or text[0] in "\"'("):  # a fragment: ", and then ..." or "- said he"
        return None
    if sum(w.isupper() and len(w) > 1 for w in words) > len(words) / 3:  # headings, SHOUTING, acronym lists
        return None
    if text.count('"') % 2:  # a quotation the splitter cut in half: keep the words, drop its marks
        text = " ".join(text.replace('"', " ").split())
    if text.count("(") != text.count(")") or not text:
        return None
    return as_sentence(text)


def rows(paragraph: str) -> list[str]:
    """The clean sentences of one paragraph."""
    return [s for s in map(clean, split(paragraph)) if s]
