"""What a successful answer from each endpoint must hold: the service's own numbers for the same
input. API tests use these instead of `assert client.predict(...)`, which a tuple always passes."""
from __future__ import annotations

import base64
import json

import numpy as np

from demo.catalog import CAUSAL, MASKED
from demo.viz.heatmaps import MAX_TOKENS


def bars(plot: dict) -> list[list[float]]:
    """The bar lengths of a Plotly figure sent through the API, one list per trace."""
    assert isinstance(plot, dict) and plot["type"] == "plotly", plot
    return [t["x"] for t in json.loads(plot["plot"])["data"] if t["type"] == "bar"]


def heatmap(plot: dict) -> np.ndarray:
    assert isinstance(plot, dict) and plot["type"] == "plotly", plot
    (trace,) = [t for t in json.loads(plot["plot"])["data"] if t["type"] == "heatmap"]
    z = trace["z"]
    if isinstance(z, dict):  # plotly's typed-array form: {"dtype": "f4", "bdata": base64, "shape": "5, 5"}
        shape = tuple(int(n) for n in z["shape"].split(","))
        return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape).astype(np.float64)
    return np.asarray(z, dtype=np.float64)


def probs(candidates) -> list[float]:
    return [c.prob for c in candidates]


def assert_answer(service, endpoint: str, output, text: str, **params) -> None:
    """`output` (what the client got) is the answer `service` gives for the same request."""
    if endpoint == "fill_mask":
        plot, sentence = output
        want = service.fill_mask(params.get("model"), text, params.get("top_k", 5))
        assert bars(plot) == [probs(m) for m in want.masks] and len(want.masks) >= 1
        assert sentence.startswith("<")  # the filled sentence is markup (its escaping: test_tab_fill_mask)
    elif endpoint == "next_tokens":
        want = service.next_tokens(params.get("model"), text, params.get("top_k", 5))
        assert bars(output) == [probs(want.candidates)] and want.candidates
    elif endpoint == "generate":
        assert params.get("greedy"), "only a greedy generation has one right answer"
        _, plain = output
        want = service.generate(params.get("model"), text, **{k: v for k, v in params.items() if k != "model"})
        assert plain == want.text and want.new_tokens
    elif endpoint == "attention":
        masked_map, causal_map = output[4], output[5]
        for got, family in [(masked_map, MASKED), (causal_map, CAUSAL)]:
            want = service.attention(None, text, family=family).weights[0, 0]  # layer 0, head 0 by default
            n = heatmap(got).shape[0]
            np.testing.assert_allclose(heatmap(got), want[:n, :n], atol=1e-6)
            assert n == min(len(want), MAX_TOKENS)
    elif endpoint == "compare":
        want = service.compare(text, params.get("top_k", 5))
        assert bars(output[1]) == [probs(want.masked)] and bars(output[2]) == [probs(want.causal)]
        assert [row[4] for row in output[4]["data"]] == [round(r.logprob, 3) for r in want.ranking]
    else:
        raise ValueError(endpoint)
