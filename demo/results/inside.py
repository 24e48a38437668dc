"""Inside the models: the logit lens, attribution, one head's Q·K·V arithmetic, the Inside tab's columns."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from demo.results.talk import Candidate, ModelInfo


@dataclass(frozen=True)
class Lens:
    """The logit lens: what the model would answer if it stopped after each layer."""
    model: str
    family: str  # "masked" | "causal"
    tokens: list[str]  # what the model saw, special tokens included
    position: int  # index in `tokens` whose hidden state is read (the blank, or the last token)
    layers: list[list[Candidate]]  # one ranked list per layer: embeddings first, the model's output last
    final_prob: list[float]  # per layer: probability of the model's final top word
    final_rank: list[int]  # per layer: its rank there (1 = top)

    @property
    def final(self) -> Candidate:
        return self.layers[-1][0]


@dataclass(frozen=True)
class Attribution:
    """Which input tokens raised log p(target) at the blank (integrated gradients or gradient × input)."""
    model: str
    family: str
    tokens: list[str]  # the model's input, special tokens included (GPT: the blank filled with the target)
    scores: list[float]  # one per token; sum ≈ target_logprob − baseline_logprob for integrated gradients
    blank: int  # index of the blank in `tokens`
    target: Candidate
    target_logprob: float  # log p(target) on the real input (nats)
    baseline_logprob: float  # log p(target) on the baseline input (nats)
    method: str  # "integrated_gradients" | "gradient_x_input"
    steps: int
    baseline: str = ""  # what the baseline embedding is, in words ("the [MASK] embedding at every position")
    delta: float = 0.0  # integrated gradients' convergence delta: sum(scores) − (target − baseline logprob)
    words: list[int] = field(default_factory=list)  # per token, the index of its word (pieces of a word share it)

    def word_scores(self) -> list[tuple[list[int], float]]:
        """The word-level view: each word's token indices and its pieces' scores summed, left to right."""
        grouped: dict[int, tuple[list[int], float]] = {}
        for i, (word, score) in enumerate(zip(self.words, self.scores)):
            indices, total = grouped.get(word, ([], 0.0))
            grouped[word] = (indices + [i], total + score)
        return list(grouped.values())


@dataclass(frozen=True)
class AttentionSteps:
    """One head's arithmetic for one query token, from the model's own weights (d = head size)."""
    model: str
    family: str
    tokens: list[str]
    layer: int  # 0-based
    head: int  # 0-based
    query: int  # index in `tokens`
    q: np.ndarray  # (d,)
    k: np.ndarray  # (T, d)
    scores: np.ndarray  # (T,) k · q
    scaled: np.ndarray  # (T,) scores / sqrt(d)
    masked: np.ndarray  # (T,) scaled, with -inf at future tokens for a causal model
    weights: np.ndarray  # (T,) softmax(masked): equals the model's own attention row
    v: np.ndarray  # (T, d)
    output: np.ndarray  # (d,) weights · v
    scale: float = 0.0  # what `scaled` divides by: √d (GPT-2's config switches can change it)


@dataclass(frozen=True)
class InsideColumn:
    """One model's column of the Inside tab: its facts, lens, attribution and one head's Q·K·V steps."""
    info: ModelInfo
    lens: Lens
    attribution: Attribution
    steps: AttentionSteps  # at the layer and head asked for (clamped to the model's), query = the lens position


@dataclass(frozen=True)
class Inside:
    """`inside`: one sentence with one blank through a masked and a causal model."""
    text: str
    masked: InsideColumn
    causal: InsideColumn
