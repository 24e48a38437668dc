"""Tokens as a person reads them (display only: which pieces make a word, and which tokens are
special, the service reads from the tokenizer itself: its word_ids() and all_special_ids).

Three conventions meet here. WordPiece (BERT, DistilBERT, ELECTRA) marks a piece that *continues*
a word with "##". Byte-level BPE (GPT-2, RoBERTa) marks a piece that *starts* a word with "Ġ" (a
space), and SentencePiece (ALBERT) with "▁".
"""
from __future__ import annotations


def readable(token: str) -> str:
    """The piece as a person reads it: byte-level BPE's Ġ and SentencePiece's ▁ mark a space."""
    return token.replace("Ġ", " ").replace("▁", " ").replace("Ċ", "\\n")


def word_text(pieces: list[str]) -> str:
    """The pieces of one word (as the tokenizer grouped them) written as the word: "play" + "##ing"
    -> "playing", "Ġplay" + "ful" -> "playful"."""
    parts = [p[2:] if i and p.startswith("##") and len(p) > 2 else readable(p) for i, p in enumerate(pieces)]
    return "".join(parts).strip() or "".join(parts)
