"""Pre-train, then fine-tune (demo/adapt): probes, fine-tuning, classification, next sentence, sampling."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from demo.results.talk import Candidate

POOLS = ("first", "last", "mean")  # which hidden state stands for a sentence: first token, last token, average


@dataclass(frozen=True)
class Probe:
    """A logistic-regression probe on the frozen model's hidden states, scored on held-out sentences."""
    model: str
    family: str  # "masked" | "causal"
    task: str  # "sentiment", "sentiment-zh" or "own" (the caller's sentences)
    classes: list[str]  # label names; index = class number
    accuracy: dict[str, float]  # pool -> held-out accuracy at the last layer
    by_layer: list[dict[str, float]]  # one per layer, embeddings first: pool -> held-out accuracy
    points: dict[str, np.ndarray]  # pool -> (N, 2) PCA of the last layer's sentence vectors
    labels: list[int]  # (N,) class number per sentence
    texts: list[str]  # (N,)
    held_out: list[bool]  # (N,) True: scored, never trained on
    chance: float  # held-out share of its most common class: what always guessing it scores
    first_token: str  # what "first" reads for the first sentence ("[CLS]" for BERT, a word for GPT-2)
    last_token: str
    seconds: float = 0.0


@dataclass(frozen=True)
class FineTune:
    """The whole model plus a small head trained for at most `limit_seconds`, against the frozen probe."""
    model: str
    family: str
    task: str
    classes: list[str]
    pool: str  # the token the head reads: "first" ([CLS]) for masked models, "last" for causal ones
    losses: list[float]  # training loss per step (cross-entropy, nats)
    before: float  # held-out accuracy of the pre-trained model with the untrained head
    after: float  # held-out accuracy after fine-tuning
    probe: float  # held-out accuracy of the frozen model's features + logistic regression (same token)
    steps: int
    batch: int
    train_size: int
    test_size: int
    seconds: float  # time spent training (evaluation not counted)
    limit_seconds: float
    stopped: bool = False  # ended by Stop before the time was up
    waited: float = 0.0  # seconds spent queued behind another page's fine-tune


@dataclass(frozen=True)
class Classified:
    """A page's fine-tuned copy on one new sentence."""
    model: str
    text: str
    classes: list[str]
    probs: list[float]  # softmax of the head, one per class

    @property
    def label(self) -> str:
        return self.classes[max(range(len(self.probs)), key=self.probs.__getitem__)]


@dataclass(frozen=True)
class NextSentence:
    """Does `second` follow `first`? Asked the way each model was pre-trained to answer it."""
    model: str
    family: str
    method: str  # "nsp" (BERT's next-sentence head), "sop" (ALBERT's sentence-order head), "causal"
    first: str
    second: str
    prob_follows: float | None  # nsp: P(IsNext); sop: P(in this order); causal: None
    logprob_with: float | None = None  # causal: log p(second | first), nats
    logprob_alone: float | None = None  # causal: log p(second) after the start token alone, nats

    @property
    def difference(self) -> float | None:
        """causal: how much likelier `second` is after `first` than alone, in nats (> 0: first helps)."""
        if self.logprob_with is None or self.logprob_alone is None:
            return None
        return self.logprob_with - self.logprob_alone


@dataclass(frozen=True)
class WarpStep:
    name: str  # "model", "temperature", "top_k", "top_p"
    setting: float  # the knob's value (0 for "model")
    probs: list[float]  # the shown candidates' probabilities after this step (renormalised)
    kept: int  # tokens still possible (probability > 0) after this step
    mass: float  # share of the model's own probability those tokens had


@dataclass(frozen=True)
class Warping:
    """The next-token distribution before and after each of transformers' warpers, in their order."""
    model: str
    text: str
    tokens: list[str]  # the prompt as the model saw it
    candidates: list[Candidate]  # the model's top tokens (their order never changes under the warpers)
    steps: list[WarpStep]
    vocab: int
