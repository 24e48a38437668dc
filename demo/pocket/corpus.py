"""English text from Debian's `wordnet-base` package: WordNet's glosses and example sentences.

Installed at training time (`apt-get install wordnet-base`); the text itself is never committed.
Each synset line of WordNet's data files ends with `| gloss; "example"; "example"`. Every
definition and every example becomes one line, written as a sentence (capital letter, full stop). A line goes to the held-out split by a hash of
its text, so the split never depends on file order or on a random state.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")
HELD_OUT_PERCENT = 2
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Corpus:
    train: list[str]
    held_out: list[str]


def _lines(data_file: Path):
    for line in data_file.read_text(encoding="latin-1").splitlines():
        if line.startswith("  ") or " | " not in line:  # the licence header is indented
            continue
        for part in line.split(" | ", 1)[1].split(";"):
            text = _SPACES.sub(" ", part.strip().strip('"')).strip()
            if len(text.split()) >= 3:  # "(music)" or "a dog" teaches little context
                yield as_sentence(text)


def as_sentence(text: str) -> str:
    """A capital first letter and a final full stop, as people type a sentence into the app.
    WordNet's lines have neither, and a model trained on them reads "[MASK] ." as the "e.g." of
    its glosses."""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 100 < HELD_OUT_PERCENT


def load(folder: Path = WORDNET) -> Corpus:
    if not (folder / "data.noun").is_file():
        raise SystemExit(f"WordNet not found in {folder}: run `apt-get install wordnet-base` first.")
    seen: dict[str, None] = {}  # ordered and deduplicated
    for pos in PARTS_OF_SPEECH:
        seen.update(dict.fromkeys(_lines(folder / f"data.{pos}")))
    train = [t for t in seen if not held_out(t)]
    return Corpus(train, [t for t in seen if held_out(t)])
