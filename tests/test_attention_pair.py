"""`attention_pair`: the Attention tab's one verb, both models on one text at checked layers and heads."""
import numpy as np
import pytest

from demo.errors import DemoError

TEXT = "the cat sat on the mat ."


def test_the_pair_is_each_models_attention(service):
    pair = service.attention_pair(TEXT, masked_layer=1, causal_head=1)
    for family in ("masked", "causal"):
        want = service.attention(None, TEXT, family=family)
        np.testing.assert_allclose(getattr(pair, family).weights, want.weights, rtol=1e-6)
        np.testing.assert_allclose(getattr(pair, family).weights.sum(-1), 1.0, rtol=1e-5)
    assert pair.masked_at == (1, 0) and pair.causal_at == (0, 1)


def test_a_layer_past_the_model_names_the_limit(service):
    layers = service.info(None, "masked").layers
    with pytest.raises(DemoError, match=f"layer must be between 0 and {layers - 1}"):
        service.attention_pair(TEXT, masked_layer=layers)
