"""pocket-bert's next-sentence head on held-out pairs: a line of a coherent source (Austen's novels) and
the line after it, or a random held-out line of any source (BERT's own negatives), one of each per line."""
from __future__ import annotations

import random
from pathlib import Path

import torch
from transformers import AutoTokenizer, BertForPreTraining

from demo.pocket import corpus


def pairs(held_out: dict[str, list[str]], coherent: tuple[str, ...], seed: int = 0) -> list[tuple[str, str, bool]]:
    """(first, second, whether second follows first): each line of a coherent source with its next line
    and with a random held-out line."""
    rng = random.Random(seed)
    everything = [s for lines in held_out.values() for s in lines]
    out = []
    for name in coherent:
        lines = held_out.get(name, [])
        for a, b in zip(lines, lines[1:]):
            out += [(a, b, True), (a, rng.choice(everything), False)]
    return out


def accuracy(folder: Path, cases: list[tuple[str, str, bool]], batch: int = 64) -> dict:
    """How often the NSP head's softmax puts "follows" above one half exactly when it does."""
    model = BertForPreTraining.from_pretrained(folder, dtype=torch.float32).eval()
    tokenizer = AutoTokenizer.from_pretrained(folder)
    right, p_next = 0, []
    for start in range(0, len(cases), batch):
        chunk = cases[start: start + batch]
        enc = tokenizer([a for a, _, _ in chunk], [b for _, b, _ in chunk], truncation="longest_first",
                        max_length=model.config.max_position_embeddings, padding=True, return_tensors="pt")
        with torch.inference_mode():
            probs = model(**enc).seq_relationship_logits.softmax(-1)[:, 0]  # (B,) label 0: B follows A
        right += sum((p > 0.5) == follows for p, (_, _, follows) in zip(probs.tolist(), chunk))
        p_next += probs.tolist()
    n = len(cases)
    return {"accuracy": right / n, "pairs": n,
            "mean_p_next_when_next": sum(p for p, c in zip(p_next, cases) if c[2]) / max(1, n // 2),
            "mean_p_next_when_random": sum(p for p, c in zip(p_next, cases) if not c[2]) / max(1, n // 2)}


def evaluate(folder: Path, corpus_path: Path | None, sources: tuple[str, ...], coherent: tuple[str, ...]) -> dict:
    from demo.pocket.warm_train import lines_by_source

    held = lines_by_source(corpus_path, sources)[corpus.HELD_OUT]
    return accuracy(folder, pairs(held, coherent))
