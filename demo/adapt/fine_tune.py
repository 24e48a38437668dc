"""Fine-tuning as BERT and GPT were meant to be used: the whole pre-trained body plus a small new head,
trained against the clock on a copy (the model every page uses is never changed).

The head reads one token: BERT's first ([CLS], which attends to the whole sentence) and GPT's last (the only
one that has read it all). The copy is kept per page (TunedCopies) so its owner can try it on new sentences;
it expires like the Attention tab's cached weights.
"""
from __future__ import annotations

import copy
import threading
import time
from dataclasses import dataclass, field

import torch

from demo.adapt.features import pad_id, padded
from demo.catalog import CAUSAL

BATCH = 16
LEARNED = 0.02  # training ends early once the last LEARNED_STEPS losses are all below this (nats): nothing left
LEARNED_STEPS = 10
KEPT_S = 600  # a page's copy lives this long after its last use (as the Attention tab's weights)
MOST_COPIES = 4  # copies of a model's weights held at once; a fifth page's copy pushes out the oldest


@dataclass
class Tuned:
    """One page's fine-tuned copy: the body, its head, and how it reads a sentence."""
    model: str
    body: torch.nn.Module
    head: torch.nn.Linear
    pool: str  # "first" | "last"
    classes: list[str]
    device: torch.device
    pad: int
    lock: threading.Lock  # the device's lock, shared with the served models
    used: float = field(default_factory=time.monotonic)

    def logits(self, rows: list[list[int]]) -> torch.Tensor:
        """(B, C) head logits for rows of ids; runs under the caller's grad mode and train/eval mode."""
        ids, mask = padded(rows, self.pad, self.device)
        hidden = self.body(input_ids=ids, attention_mask=mask)[0]  # (B, T, D)
        at = mask.sum(1) - 1 if self.pool == "last" else torch.zeros_like(mask[:, 0])  # (B,)
        return self.head(hidden[torch.arange(len(rows), device=self.device), at].float())  # (B, C)

    def accuracy(self, rows: list[list[int]], labels: list[int]) -> float:
        self.body.eval()
        right = 0
        for start in range(0, len(rows), 64):
            with self.lock, torch.inference_mode():
                guess = self.logits(rows[start:start + 64]).argmax(-1).cpu()
            right += int((guess == torch.tensor(labels[start:start + 64])).sum())
        return right / len(rows)

    def probs(self, ids: list[int]) -> list[float]:
        self.body.eval()
        with self.lock, torch.inference_mode():
            return self.logits([ids]).softmax(-1)[0].tolist()


def copy_of(lm, classes: list[str], seed: int = 0) -> Tuned:
    """A float32 copy of the served model's body and a new (D -> classes) head, ready to train."""
    with lm.lock:  # not mid-forward of another request
        body = copy.deepcopy(lm.model.base_model).float().requires_grad_(True)
    torch.manual_seed(seed)
    head = torch.nn.Linear(lm.info.hidden, len(classes)).to(lm.device)
    pool = "last" if lm.spec.family == CAUSAL else "first"
    return Tuned(lm.spec.id, body, head, pool, classes, lm.device, pad_id(lm.tokenizer), lm.lock)


def learning_rates(parameters: int) -> tuple[float, float]:
    """(body, head). BERT's paper fine-tunes bert-base (110 M) at 2e-5..5e-5. The pretrained pocket models
    (about 23 M) learn the sentiment set in about 10 s at 1e-4; at 1e-3 they lost what they knew and stayed at
    chance (bench/results/adapt-pocket.json). A tiny test model (under a million, random) learns nothing in
    seconds at those rates (80 steps at 3e-4, 35 at 1e-3), so it gets 1e-3. The new head starts from random,
    so it learns faster than the body."""
    if parameters > 60_000_000:
        return 5e-5, 1e-3
    if parameters > 10_000_000:
        return 1e-4, 1e-3
    return 1e-3, 5e-3


def train(tuned: Tuned, parameters: int, rows: list[list[int]], labels: list[int], seconds: float,
          stopped=None, seed: int = 0) -> tuple[list[float], float, bool]:
    """Shuffled batches of BATCH until `seconds` have passed, `stopped()` says so, or the training sentences are
    learnt (LEARNED): the server's time is shared.
    Returns (loss per step, seconds spent, stopped). The device lock is held one step at a time."""
    body_lr, head_lr = learning_rates(parameters)
    optimiser = torch.optim.AdamW([{"params": tuned.body.parameters(), "lr": body_lr},
                                   {"params": tuned.head.parameters(), "lr": head_lr}], weight_decay=0.01)
    generator = torch.Generator().manual_seed(seed)
    target = torch.tensor(labels)
    losses: list[float] = []
    started = time.monotonic()
    tuned.body.train()
    order: list[int] = []
    while time.monotonic() - started < seconds:
        if stopped is not None and stopped():
            return losses, time.monotonic() - started, True
        if len(order) < BATCH:  # a new pass over the training sentences, in a new order
            order += torch.randperm(len(rows), generator=generator).tolist()
        batch, order = order[:BATCH], order[BATCH:]
        with tuned.lock:
            loss = torch.nn.functional.cross_entropy(tuned.logits([rows[i] for i in batch]),
                                                     target[batch].to(tuned.device))
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
        losses.append(loss.item())
        if len(losses) >= LEARNED_STEPS and max(losses[-LEARNED_STEPS:]) < LEARNED:
            break
    return losses, time.monotonic() - started, False


class TunedCopies:
    """Fine-tuned copies by (page, model): a page sees its own only; unused ones expire after KEPT_S."""

    def __init__(self):
        self._copies: dict[tuple[str, str], Tuned] = {}
        self._lock = threading.Lock()

    def put(self, page: str, tuned: Tuned) -> None:
        with self._lock:
            self._expire()
            self._copies[(page, tuned.model)] = tuned
            while len(self._copies) > MOST_COPIES:
                oldest = min(self._copies, key=lambda k: self._copies[k].used)
                del self._copies[oldest]

    def get(self, page: str, model: str) -> Tuned | None:
        with self._lock:
            self._expire()
            tuned = self._copies.get((page, model))
            if tuned is not None:
                tuned.used = time.monotonic()
            return tuned

    def forget(self, page: str) -> int:
        with self._lock:
            mine = [k for k in self._copies if k[0] == page]
            for k in mine:
                del self._copies[k]
            return len(mine)

    def __len__(self) -> int:
        return len(self._copies)

    def _expire(self) -> None:
        now = time.monotonic()
        for key in [k for k, t in self._copies.items() if now - t.used > KEPT_S]:
            del self._copies[key]
