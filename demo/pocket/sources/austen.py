"""Jane Austen's six novels (Debian `r-cran-janeaustenr`, `janeaustenr::austen_books()`), read
through Rscript as tab-separated (text, book) lines. Paragraphs are runs of non-blank lines;
documents: chapters (a line "CHAPTER 12" or "Chapter 12" starts one)."""
from __future__ import annotations

import re

from demo.pocket.sentences import rows
from demo.pocket.sources import Rows, Source, r_output

SCRIPT = ('library(janeaustenr); b <- austen_books(); '
          'write.table(b, stdout(), sep="\\t", quote=FALSE, row.names=FALSE, col.names=FALSE)')
_CHAPTER = re.compile(r"^(chapter|volume)\s+[0-9ivxlc]+\b", re.IGNORECASE)


def parse(text: str) -> Rows:
    chapter, paragraph, last_book = 0, [], None

    def flush():
        if paragraph:
            yield from ((f"{last_book}:{chapter}", s) for s in rows(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        words, _, book = line.rpartition("\t")
        if book != last_book:
            yield from flush()
            chapter, last_book = 0, book
        if _CHAPTER.match(words.strip()):
            yield from flush()
            chapter += 1
        elif words.strip():
            paragraph.append(words.strip())
        else:
            yield from flush()
    yield from flush()


def read() -> Rows:
    yield from parse(r_output(SCRIPT, "janeaustenr", "r-cran-janeaustenr"))


SOURCE = Source("austen", "r-cran-janeaustenr", "a chapter of a novel",
                "narrative and dialogue about people, homes, letters, walks, dinners and feelings: how words "
                "are used in running prose, not defined", read)
