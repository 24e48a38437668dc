"""GCIDE, the Collaborative International Dictionary of English (Debian `dict-gcide`): Webster's
1913 definitions, usage notes and the quotations that illustrate them.

dictd format: `gcide.index` lists `headword TAB offset TAB length` (offsets and lengths in
dictd's base64 digits) into the gzip-compatible `gcide.dict.dz`. Each article is
    Arrive \\Ar*rive"\\, v. i. [OE. ariven, ...]        <- headword, pronunciation, part of speech, etymology
       1. To get to some place, ...                    <- definitions, numbered
          [1913 Webster]                               <- where the text comes from (dropped)
                If at great things thou wouldst arrive. --Milton.   <- a quotation and its author
    Syn: ...                                            <- synonym lists (dropped)
Documents: articles (one headword's entry).
"""
from __future__ import annotations

import gzip
import re
from pathlib import Path

from demo.pocket.sentences import rows
from demo.pocket.sources import Missing, Rows, Source

FOLDER = Path("/usr/share/dictd")
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_ACCENT = re.compile(r"\[[\"=^,~\-.`'/]([A-Za-z]{1,2})\]")  # ["o] -> o, [=a] -> a
_HEADER = re.compile(r"^[^\n]*\\[,\s]*((?:[a-z]{1,6}\.\s*|&\s*|or\s+)*)")  # Word \Pro*nun"ci*a`tion\, n.
_BRACKETS = re.compile(r"\[[^\[\]]*\]")  # etymologies, [Obs.], [1913 Webster], [R.]
_AUTHOR = re.compile(r"--\s?[A-Z][^\n]*")  # "--Milton." "--Dr. H. More." to the end of the line
_LABEL = re.compile(r"^\s*(?:\d+\.|\([a-z]\))?\s*(?:\((?:[A-Z][A-Za-z.]*\s*)+\)\s*)?")  # "2. (Bot.) "


def number(digits: str) -> int:
    value = 0
    for c in digits:
        value = value * 64 + DIGITS.index(c)
    return value


def articles(index: str, data: bytes):
    """(headword, article text), each article once (many headwords point at the same one)."""
    seen = set()
    for line in index.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or parts[0].startswith("00-"):  # 00-database-info: the licence and headers
            continue
        where = (number(parts[1]), number(parts[2]))
        if where not in seen:
            seen.add(where)
            yield parts[0], data[where[0]: sum(where)].decode("utf-8", errors="replace")


def parse_article(article: str) -> list[str]:
    out = []
    for block in re.split(r"\n\s*\n", _ACCENT.sub(r"\1", article)):
        if block.lstrip().startswith(("Syn", "[")):  # synonym lists; a bare source tag
            continue
        if block[:1].strip():  # the headword line: drop headword, pronunciation and part of speech
            if "\\" not in block.split("\n", 1)[0]:
                continue
            block = _HEADER.sub("", block, count=1)
        block = _AUTHOR.sub("", block)
        while _BRACKETS.search(block):  # nested brackets: innermost first
            block = _BRACKETS.sub("", block)
        block = re.sub(r"[{}]", "", block).replace("Note:", "")
        text = " ".join(block.split())
        for piece in re.split(r"\s(?=\d+\.\s|\([a-z]\)\s)", text):  # "1. To go. 2. To come." -> one each
            out.extend(rows(_LABEL.sub("", piece)))
    return out


def parse(index: str, data: bytes) -> Rows:
    for headword, article in articles(index, data):
        for sentence in parse_article(article):
            yield headword, sentence


def read(folder: Path = FOLDER) -> Rows:
    index, data = folder / "gcide.index", folder / "gcide.dict.dz"
    if not (index.is_file() and data.is_file()):
        raise Missing(f"GCIDE in {folder}", "dict-gcide")
    yield from parse(index.read_text(encoding="utf-8"), gzip.decompress(data.read_bytes()))


SOURCE = Source("gcide", "dict-gcide", "an article (one headword's entry)",
                "Webster's 1913 definitions, usage notes and quotations from English literature: the largest "
                "source, many rare words and older usage", read)
