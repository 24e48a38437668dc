"""The frozen model as a feature extractor (as ELMo was used): a logistic regression on its sentence vectors,
trained on one split and scored on the held-out one, for each pooling and each layer; and a 2-D PCA picture."""
from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from demo.results import POOLS


def probe_accuracy(train_x: np.ndarray, train_y, test_x: np.ndarray, test_y) -> float:
    """Held-out accuracy of a logistic regression on standardised (N, D) features. A constant feature
    (GPT's first token when every sentence starts alike) teaches nothing: it scores the majority guess."""
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000, C=1.0))
    # one BLAS thread: these fits are small, and a server's cores are busy with torch (two threads per fit
    # made a 0.1 s PCA take 9 s on a loaded 2-core machine)
    with threadpool_limits(1):
        model.fit(train_x, train_y)
        return float((model.predict(test_x) == np.asarray(test_y)).mean())


def by_layer(vectors: np.ndarray, labels: list[int], held_out: list[bool]) -> list[dict[str, float]]:
    """vectors (N, L+1, 3, D) -> one {pool: held-out accuracy} per layer."""
    held = np.asarray(held_out)
    y = np.asarray(labels)
    return [{pool: probe_accuracy(vectors[~held, layer, p], y[~held], vectors[held, layer, p], y[held])
             for p, pool in enumerate(POOLS)} for layer in range(vectors.shape[1])]


def pictures(vectors: np.ndarray) -> dict[str, np.ndarray]:
    """pool -> (N, 2): the last layer's vectors projected on their two main directions."""
    last = vectors[:, -1]  # (N, 3, D)
    out = {}
    for p, pool in enumerate(POOLS):
        x = last[:, p]
        if np.allclose(x, x[0]):  # all alike (GPT's first token): one point, no direction to find
            out[pool] = np.zeros((len(x), 2), dtype=np.float32)
        else:
            with threadpool_limits(1):
                out[pool] = PCA(n_components=2).fit_transform(x).astype(np.float32)
    return out


def chance(labels: list[int], held_out: list[bool]) -> float:
    held = [y for y, h in zip(labels, held_out) if h]
    return max(held.count(c) for c in set(held)) / len(held)
