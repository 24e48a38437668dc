"""The King James Bible (Debian `bible-kjv-text`, read with the `bible` program of `bible-kjv`):
`bible -f Gen1:1-Rev22:21` prints every verse on one line after its reference ("Ge1:3 And God
said, ..."). Documents: chapters ("Ge1")."""
from __future__ import annotations

import re
import shutil
import subprocess

from demo.pocket.sentences import rows
from demo.pocket.sources import Missing, Rows, Source

_VERSE = re.compile(r"^(\S+?\d+):\d+\s+(.*)$")


def parse(text: str) -> Rows:
    for line in text.splitlines():
        found = _VERSE.match(line.strip())
        if found:
            for sentence in rows(found.group(2)):
                yield found.group(1), sentence


def read() -> Rows:
    if not shutil.which("bible"):
        raise Missing("The `bible` reader", "bible-kjv")
    done = subprocess.run(["bible", "-f", "Gen1:1-Rev22:21"], capture_output=True, text=True, cwd="/tmp")
    if done.returncode or not done.stdout.strip():
        raise Missing("The King James text (/usr/lib/bible.data)", "bible-kjv-text")
    yield from parse(done.stdout)


SOURCE = Source("kjv", "bible-kjv bible-kjv-text", "a chapter",
                "narrative prose of 1611: people acting, long sentences joined by 'and', a small vocabulary used "
                "over and over (its archaic 'thou', 'unto' and 'hath' are the price)", read)
