"""The labelled sentences a probe or a fine-tune learns from: a shipped set, or lines a teacher pastes.

Shipped sets (sentiment_en.txt, sentiment_zh.txt) hold pairs that start with the same words and end one
way or the other, so the first words never tell the label. A pair stays in one split: the held-out
sentences share no opening with the training ones. Pasted lines read `label<TAB>text`.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from demo import inputs
from demo.errors import ParameterError

HERE = Path(__file__).resolve().parent
TASKS = {"sentiment": HERE / "sentiment_en.txt", "sentiment-zh": HERE / "sentiment_zh.txt"}
OWN = "own"  # the task name of sentences the caller gave
SHIPPED_CLASSES = ["negative", "positive"]  # class 0, class 1
HELD_OUT_EVERY = 4  # every 4th pair (or every 4th line of a class) is held out: a quarter
MIN_PER_CLASS, MAX_CLASSES, MAX_LINES, MAX_CHARS = 4, 6, 2000, 300
MAX_TUNE_SECONDS = 60  # the longest fine-tune a page may ask for (here, not in verbs.py: the tab needs no torch)


@dataclass(frozen=True)
class Labelled:
    task: str
    classes: list[str]
    texts: list[str]
    labels: list[int]  # class number per text
    held_out: list[bool]

    def split(self, rows):
        """(train rows, held-out rows) of any per-text list `rows`."""
        return ([r for r, h in zip(rows, self.held_out) if not h], [r for r, h in zip(rows, self.held_out) if h])


def shipped(task: str) -> Labelled:
    texts, labels, held = [], [], []
    lines = [ln for ln in TASKS[task].read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for i, line in enumerate(lines):
        opening, good, bad = (part.strip() for part in line.split("|"))
        glue = "" if task.endswith("-zh") else " "  # Chinese writes no space between words
        for text, label in ((opening + glue + good, 1), (opening + glue + bad, 0)):
            texts.append(text)
            labels.append(label)
            held.append(i % HELD_OUT_EVERY == HELD_OUT_EVERY - 1)
    return Labelled(task, list(SHIPPED_CLASSES), texts, labels, held)


def pasted(lines: str) -> tuple[list[str], list[str]]:
    """(texts, labels) from `label<TAB>text` lines; blank lines are skipped."""
    texts, labels = [], []
    for number, line in enumerate(lines.splitlines(), 1):
        if not line.strip():
            continue
        label, tab, text = line.partition("\t")
        if not tab or not label.strip() or not text.strip():
            raise ParameterError("error.labelled_line", line=number)
        texts.append(text.strip())
        labels.append(label.strip())
    return texts, labels


def own(texts, labels, max_chars: int) -> Labelled:
    """The caller's sentences and labels, checked: at least two classes, each with MIN_PER_CLASS sentences."""
    if isinstance(texts, str) and labels is None:
        texts, labels = pasted(texts)
    if not isinstance(texts, (list, tuple)) or not isinstance(labels, (list, tuple)) or len(texts) != len(labels):
        raise ParameterError("error.labelled_lists")
    if len(texts) > MAX_LINES:
        raise ParameterError("error.labelled_many", limit=MAX_LINES, count=len(texts))
    texts = [inputs.clean_text(t, min(max_chars, MAX_CHARS)) for t in texts]
    names = [str(label).strip() for label in labels]
    classes = sorted(set(names))
    counts = {c: names.count(c) for c in classes}
    if not 2 <= len(classes) <= MAX_CLASSES or min(counts.values()) < MIN_PER_CLASS:
        found = ", ".join(f"{c}: {n}" for c, n in counts.items())
        raise ParameterError("error.labelled_classes", most=MAX_CLASSES, least=MIN_PER_CLASS, found=found)
    seen = dict.fromkeys(classes, 0)
    held = []
    for name in names:  # every 4th sentence of each class is held out: both splits hold every class
        seen[name] += 1
        held.append(seen[name] % HELD_OUT_EVERY == 0)
    return Labelled(OWN, classes, texts, [classes.index(n) for n in names], held)


def labelled(task: str, texts, labels, max_chars: int) -> Labelled:
    if texts is not None and (not isinstance(texts, str) or texts.strip()):
        return own(texts, labels, max_chars)
    task = inputs.check_choice("task", task, tuple(TASKS))
    return shipped(task)
