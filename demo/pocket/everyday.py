"""The everyday-sentence evaluation set (bench/data/everyday.txt): plain modern English written by
this project, one content word per sentence marked in braces, none taken from the training corpus."""
from __future__ import annotations

import re
from pathlib import Path

EVERYDAY = Path(__file__).resolve().parents[2] / "bench" / "data" / "everyday.txt"
_MARK = re.compile(r"\{([^{}]+)\}")


def load(path: Path = EVERYDAY) -> list[tuple[str, str]]:
    """(sentence with the marked word written [MASK], the word) for every line."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marks = _MARK.findall(line)
        if len(marks) != 1:
            raise ValueError(f"{path.name}: mark exactly one word in braces: {line!r}")
        out.append((_MARK.sub("[MASK]", line), marks[0]))
    return out
