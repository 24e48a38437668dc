"""WordNet 3.0's glosses and example sentences (Debian `wordnet-base`).

Each synset line of the data files ends with `| gloss; "example"; "example"`; its first field is
the synset's offset, which names the document (a synset: its gloss and examples).
"""
from __future__ import annotations

from pathlib import Path

from demo.pocket.sentences import clean
from demo.pocket.sources import Missing, Rows, Source

FOLDER = Path("/usr/share/wordnet")
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")


def parse(text: str, part: str) -> Rows:
    for line in text.splitlines():
        if line.startswith("  ") or " | " not in line:  # the licence header is indented
            continue
        synset = f"{part}:{line.split(' ', 1)[0]}"
        for piece in line.split(" | ", 1)[1].split(";"):
            # WordNet glosses keep 3-word lines ("a domestic dog"): they define, and define briefly
            sentence = clean(piece.strip().strip('"'), min_words=3)
            if sentence:
                yield synset, sentence


def read(folder: Path = FOLDER) -> Rows:
    if not (folder / "data.noun").is_file():
        raise Missing(f"WordNet in {folder}", "wordnet-base")
    for part in PARTS_OF_SPEECH:
        yield from parse((folder / f"data.{part}").read_text(encoding="latin-1"), part)


SOURCE = Source("wordnet", "wordnet-base", "a synset (its gloss and examples)",
                "short modern definitions and example sentences for 117,000 senses: the everyday meaning of "
                "common words, in today's English", read)
