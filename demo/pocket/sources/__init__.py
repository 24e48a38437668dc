"""The corpus's sources: English text that Debian ships, read at training time (never committed).

Each source module has `parse(...)` (text in, `(document, sentence)` rows out: testable on small
samples) and `read()` (the installed package in, rows out, or `Missing` naming the apt-get command).
A *document* is the unit the held-out split is drawn by (a Bible chapter, a novel's chapter, a
dictionary article, a WordNet synset, a fortune cookie, a list of ten Harvard sentences): every
row of a document goes to the same side, so held-out text is text the models never saw a piece of.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

Rows = Iterator[tuple[str, str]]  # (document id, one clean sentence)


class Missing(RuntimeError):
    """A source's Debian package is not installed."""

    def __init__(self, what: str, package: str):
        super().__init__(f"{what} not found: run `apt-get install {package}` first.")
        self.package = package


@dataclass(frozen=True)
class Source:
    name: str
    package: str  # the Debian package(s) to install
    document: str  # what one held-out document is
    adds: str  # what this text teaches the models (the model card's note)
    read: Callable[[], Rows]


def r_output(script: str, library: str, package: str) -> str:
    """What an R script prints, for the sources Debian ships as R data packages (Austen, Harvard)."""
    import shutil
    import subprocess

    if not shutil.which("Rscript"):
        raise Missing("Rscript (R)", package)
    done = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True)
    if done.returncode:
        raise Missing(f"R's {library} package", package)
    return done.stdout


def all_sources() -> list[Source]:
    from demo.pocket.sources import austen, fortunes, gcide, harvard, kjv, wordnet

    return [wordnet.SOURCE, gcide.SOURCE, austen.SOURCE, kjv.SOURCE, fortunes.SOURCE, harvard.SOURCE]
