"""Two ways to look past the special tokens in attention weights (pure numpy, no model).

Many heads park most of their attention on the first token ([CLS], or GPT's first word) when
they have nothing better to do: the "attention sink". `sink_share` measures it per head;
`without_special` drops [CLS]/[SEP]/start tokens from both axes and renormalises each row, so
what is left shows how the head divides the attention it *does* spend on words.
"""
from __future__ import annotations

import numpy as np


def kept_positions(special: list[bool], n: int) -> list[int]:
    """Positions 0..n-1 of every token but the special ones (`special`: per token, as the service
    read them from the tokenizer); all of them if only special tokens remain."""
    keep = [i for i in range(n) if not (i < len(special) and special[i])]
    return keep or list(range(n))


def renormalise(weights: np.ndarray, keep: list[int]) -> np.ndarray:
    """weights (..., T, T) -> (..., K, K): rows and columns `keep`, each row rescaled to sum to 1.
    A row left with nothing (a causal token whose only visible tokens were hidden) stays 0."""
    part = weights[..., keep, :][..., keep].astype(np.float32, copy=False)  # (..., K, K)
    total = part.sum(axis=-1, keepdims=True)
    return np.divide(part, total, out=np.zeros_like(part), where=total > 0)


def without_special(tokens: list[str], weights: np.ndarray, special: list[bool]) -> tuple[list[str], np.ndarray]:
    """(tokens, weights (..., T, T)) with the special tokens hidden and rows renormalised."""
    keep = kept_positions(special, len(tokens))
    if len(keep) == len(tokens):
        return list(tokens), weights
    return [tokens[i] for i in keep], renormalise(weights, keep)


def sink_share(weights: np.ndarray) -> np.ndarray:
    """weights (..., T, T) -> (...): the mean share of attention each query gives token 0.
    Query 0 is left out when there are others: in a causal model it can only look at itself."""
    rows = weights[..., 1:, 0] if weights.shape[-2] > 1 else weights[..., :, 0]  # (..., T-1)
    return rows.mean(axis=-1)
