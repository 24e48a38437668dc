"""Fortune cookies (Debian `fortunes`): jokes, quotations, proverbs and aphorisms, one cookie per
`%`-separated block. Documents: cookies. Left out: the ASCII-art files, and the files of jokes a
classroom model should not learn (ethnic, men-women, drugs)."""
from __future__ import annotations

import re
from pathlib import Path

from demo.pocket.sentences import rows
from demo.pocket.sources import Missing, Rows, Source

FOLDER = Path("/usr/share/games/fortunes")
LEFT_OUT = {"art", "ascii-art", "ethnic", "men-women", "drugs"}
_ATTRIBUTION = re.compile(r"^\s*(--|- |\u2014)")  # "    -- Mark Twain"
_OVERSTRIKE = re.compile(r".\x08")  # "_\bw" (underlined w) in old cookies


def parse(text: str, name: str) -> Rows:
    for i, cookie in enumerate(re.split(r"^%\s*$", _OVERSTRIKE.sub("", text), flags=re.MULTILINE)):
        lines = [line for line in cookie.splitlines() if not _ATTRIBUTION.match(line)]
        for paragraph in re.split(r"\n\s*\n", "\n".join(lines)):
            for sentence in rows(paragraph):
                yield f"{name}:{i}", sentence


def read(folder: Path = FOLDER) -> Rows:
    files = sorted(p for p in folder.glob("*") if p.is_file() and not p.is_symlink() and p.suffix not in {".dat", ".u8"}
                   and p.name not in LEFT_OUT) if folder.is_dir() else []
    if not files:
        raise Missing(f"Fortune cookies in {folder}", "fortunes")
    for path in files:
        yield from parse(path.read_text(encoding="utf-8", errors="replace"), path.name)


SOURCE = Source("fortunes", "fortunes", "a cookie",
                "modern, informal English: jokes, proverbs, advice and quotations, with 'you', 'I' and questions",
                read)
