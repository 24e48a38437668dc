"""`inside`: the Inside tab's one verb (lens, attribution and Q·K·V steps for both models) and its view."""
import numpy as np
import pytest

from demo.errors import DemoError
from demo.ui.inside_view import inside_view

TEXT = "the cat sat on the ___ ."


def test_inside_is_its_three_verbs_for_both_models(service):
    result = service.inside(TEXT, top_k=3, steps=4, masked_layer=1, masked_head=1)
    for family in ("masked", "causal"):
        col = getattr(result, family)
        lens = service.lens(None, TEXT, 3, family=family)
        assert [[c.token for c in row] for row in col.lens.layers] == [[c.token for c in row] for row in lens.layers]
        attribution = service.attribution(None, TEXT, "integrated_gradients", 4, family=family)
        np.testing.assert_allclose(col.attribution.scores, attribution.scores, rtol=1e-4, atol=1e-6)
        assert col.info == service.info(None, family) and col.steps.query == col.lens.position
    assert (result.masked.steps.layer, result.masked.steps.head) == (1, 1)
    shown = service.fill_with_own_word(None, TEXT)  # GPT's column reads the blank filled with its own word
    want = service.attention_steps(None, shown, 0, 0, result.causal.lens.position, family="causal")
    np.testing.assert_allclose(result.causal.steps.weights, want.weights, rtol=1e-5)
    np.testing.assert_allclose(result.causal.steps.weights.sum(), 1.0, rtol=1e-5)


def test_a_layer_or_head_past_the_model_is_held_to_its_range(service):
    info = service.info(None, "masked")
    result = service.inside(TEXT, steps=2, masked_layer=99, masked_head=-3, causal_layer="x")
    assert (result.masked.steps.layer, result.masked.steps.head) == (info.layers - 1, 0)
    assert result.causal.steps.layer == 0


def test_a_bad_sentence_is_one_message(service):
    with pytest.raises(DemoError, match="No blank found"):
        service.inside("the cat sat on the mat .")


def test_the_view_fills_both_columns_from_the_one_result(service):
    result = service.inside(TEXT, steps=2)
    out = inside_view(result, "en")
    names = {f"{f}_{w}" for f in ("masked", "causal") for w in ("lens_plot", "lens_state", "attr_html", "attr_state",
                                                                "steps_plot", "steps_table", "layer", "head", "query")}
    assert set(out) == names
    assert out["masked_lens_state"] is result.masked.lens and out["causal_attr_state"] is result.causal.attribution
    layers = result.masked.info.layers
    assert out["masked_layer"] == {"__type__": "update", "minimum": 0, "maximum": layers - 1, "value": 0,
                                   "interactive": layers > 1}
    assert out["causal_query"]["value"] == result.causal.lens.position
    assert len(out["masked_steps_table"]["data"]) == len(result.masked.steps.tokens)
