"""Tokens as a person reads them: which pieces are special tokens, and which pieces make one word.

Three conventions meet here. WordPiece (BERT, DistilBERT, ELECTRA) marks a piece that *continues*
a word with "##". Byte-level BPE (GPT-2, RoBERTa) marks a piece that *starts* a word with "Ġ" (a
space), and SentencePiece (ALBERT) with "▁"; there an unmarked piece continues the word before it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from demo.inputs import MASK_PATTERN
from demo.viz.bertviz_frame import readable

# [CLS] [SEP] [PAD] [UNK] (WordPiece), <s> </s> <pad> <unk> (RoBERTa), <|endoftext|> (GPT-2)
_SPECIAL = re.compile(r"\[[A-Z]+\]|</?s>|<pad>|<unk>|<\|[a-z_]+\|>")
_STARTS = ("Ġ", "▁")


def is_special(token: str) -> bool:
    """A token the tokenizer adds around the text; a blank ([MASK], <mask>) is not one: it holds a word."""
    return bool(_SPECIAL.fullmatch(token)) and not MASK_PATTERN.fullmatch(token)


@dataclass(frozen=True)
class Word:
    text: str  # what it reads as ("playing" from "play" + "##ing")
    first: int  # index of its first piece in the token list
    last: int  # index of its last piece (inclusive)
    score: float = 0.0  # sum of its pieces' scores


def words(tokens: list[str], scores: list[float] | None = None) -> list[Word]:
    """Group pieces into words and sum their scores (attribution is additive: a word's share is
    the sum of its pieces'). Special tokens and blanks are words of their own."""
    scores = list(scores) if scores is not None else [0.0] * len(tokens)
    marked_starts = any(t.startswith(_STARTS) for t in tokens)  # BPE / SentencePiece text
    out: list[list] = []  # [text, first, last, score]
    alone_before = True  # the previous piece was special, a blank, or there was none
    for i, (token, score) in enumerate(zip(tokens, scores)):
        alone = is_special(token) or bool(MASK_PATTERN.fullmatch(token))
        if token.startswith("##"):
            continues, text = not alone_before, token[2:]
        elif token.startswith(_STARTS):
            continues, text = False, readable(token).strip()
        else:
            continues, text = marked_starts and not alone_before and not alone, readable(token)
        if continues and out:
            out[-1][0] += text
            out[-1][2] = i
            out[-1][3] += float(score)
        else:
            out.append([text, i, i, float(score)])
        alone_before = alone
    return [Word(text, first, last, score) for text, first, last, score in out]
