"""The Harvard sentences (IEEE 1969): 720 short, plain everyday sentences written for speech
tests, as shipped in R's stringr package (Debian `r-cran-stringr`, `stringr::sentences`).
Documents: the 72 lists of ten sentences."""
from __future__ import annotations

from demo.pocket.sentences import clean
from demo.pocket.sources import Rows, Source, r_output

SCRIPT = "library(stringr); writeLines(sentences)"


def parse(text: str) -> Rows:
    for i, line in enumerate(line for line in text.splitlines() if line.strip()):
        sentence = clean(line)
        if sentence:
            yield f"list{i // 10 + 1}", sentence


def read() -> Rows:
    yield from parse(r_output(SCRIPT, "stringr", "r-cran-stringr"))


SOURCE = Source("harvard", "r-cran-stringr", "a list of ten sentences",
                "plain modern everyday sentences (\"The birch canoe slid on the smooth planks.\"): few, but the "
                "register the app's users type", read)
