"""The pocket models' training text: English prose Debian ships (demo/pocket/sources), one clean
sentence per row, deduplicated, with a held-out split drawn by document.

Built where the packages are installed (`python -m demo.pocket corpus --out artifacts/corpus.txt.gz`),
then carried as one gzip file (tab-separated `split, source, sentence`) to the machine that trains.
The text itself is never committed.
"""
from __future__ import annotations

import gzip
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from demo.pocket.sentences import as_sentence  # noqa: F401  (kept importable from here: older callers)
from demo.pocket.sources import Missing, Source, all_sources

ARTIFACT = Path(__file__).resolve().parents[2] / "artifacts" / "corpus.txt.gz"
HELD_OUT_PERCENT = 2
TRAIN, HELD_OUT = "train", "held_out"


@dataclass(frozen=True)
class Corpus:
    train: list[str]
    held_out: list[str]
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # source -> {train, held_out, words}


def held_out(document: str) -> bool:
    """Whether a document (or, for older callers, a line) is held out: by a hash of its name, so the
    split never depends on file order or on a random state."""
    return int(hashlib.sha1(document.encode()).hexdigest(), 16) % 100 < HELD_OUT_PERCENT


def _key(text: str) -> str:
    """What counts as the same sentence: letters and digits only, lower-cased."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def everyday_keys() -> set[str]:
    """The evaluation sentences, word filled in: never trained on, never held out."""
    from demo.pocket.everyday import load

    return {_key(text.replace("[MASK]", word)) for text, word in load()}


def build(sources: list[Source] | None = None, exclude: set[str] | None = None) -> Corpus:
    return _corpus(build_rows(sources, exclude))


def build_rows(sources: list[Source] | None = None, exclude: set[str] | None = None) -> list[tuple[str, str, str]]:
    """(split, source, sentence) rows of every source; a missing package stops the build with one
    apt-get line for all of them."""
    sources = all_sources() if sources is None else sources
    exclude = everyday_keys() if exclude is None else exclude
    read, missing = [], []
    for source in sources:
        try:
            read.append((source.name, list(source.read())))
        except Missing as err:
            missing.append(err)
    if missing:
        raise SystemExit("Some corpus sources are not installed:\n" + "\n".join(f"  {m}" for m in missing) +
                         f"\nInstall them all: apt-get install {' '.join(m.package for m in missing)}")
    return split_rows(read, exclude)


def split_rows(read: list[tuple[str, list[tuple[str, str]]]], exclude=frozenset()) -> list[tuple[str, str, str]]:
    """(source, [(document, sentence)]) -> deduplicated train and held-out rows. A sentence that
    also stands in a held-out document is held out only; a repeated sentence is kept once."""
    keep: dict[str, tuple[str, str, str]] = {}  # key -> (split, source, sentence), first seen wins...
    for name, rows in read:
        for document, sentence in rows:
            key = _key(sentence)
            if key in exclude:
                continue
            side = HELD_OUT if held_out(f"{name}:{document}") else TRAIN
            if key not in keep or (side == HELD_OUT and keep[key][0] == TRAIN):  # ...but held-out wins
                keep[key] = (side, name, sentence)
    return list(keep.values())


def _corpus(rows, sources: tuple[str, ...] | None = None) -> Corpus:
    train, held, counts = [], [], {}
    for side, name, sentence in rows:
        if sources is not None and name not in sources:
            continue
        (train if side == TRAIN else held).append(sentence)
        count = counts.setdefault(name, Counter())
        count[side] += 1
        count["words"] += len(sentence.split())
    return Corpus(train, held, {name: {TRAIN: c[TRAIN], HELD_OUT: c[HELD_OUT], "words": c["words"]}
                                for name, c in counts.items()})


def dump(rows, path: Path) -> Path:
    """Write (split, source, sentence) rows as one gzip file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")  # a reader never sees half a file
    with gzip.open(partial, "wt", encoding="utf-8", compresslevel=9) as out:
        for side, name, sentence in rows:
            out.write(f"{side}\t{name}\t{sentence}\n")
    return partial.replace(path)


def read(path: Path, sources: tuple[str, ...] | None = None) -> Corpus:
    """The rows of a corpus file; with `sources`, only those sources' rows (a recipe may train on some)."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return _corpus((line.rstrip("\n").split("\t", 2) for line in lines), sources)


def load(path: Path | None = None, sources: tuple[str, ...] | None = None) -> Corpus:
    """The corpus file when there is one (given, or artifacts/corpus.txt.gz), else built from the packages."""
    path = Path(path) if path else ARTIFACT
    if path.is_file():
        return read(path, sources)
    return _corpus(build_rows(), sources)
