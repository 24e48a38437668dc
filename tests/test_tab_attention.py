"""The Attention tab: the API returns both models' weights as heatmaps, and in a real browser with
the network blocked the heatmaps draw and bertviz's views render inside their iframes."""
import base64
import json

import numpy as np
import pytest
from playwright.sync_api import expect

from conftest import ended_clean

TEXT = "the cat sat on the mat ."


def heatmap(output) -> np.ndarray:
    """gradio_client hands a Plot back as {"type": "plotly", "plot": "<figure JSON>"}; Plotly packs a
    numpy array as {"dtype", "bdata" (base64), "shape"}."""
    z = json.loads(output["plot"])["data"][0]["z"]
    shape = [int(n) for n in z["shape"].split(",")]
    return np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]).reshape(shape).astype(float)


def test_attention_endpoint_returns_both_models_heatmaps(client, web_service):
    outputs = client.predict(text=TEXT, api_name="/attention")
    heatmaps = [heatmap(o) for o in outputs if isinstance(o, dict) and "plot" in o]
    masked, causal = heatmaps[0], heatmaps[1]  # one head of each model, before the all-heads grids
    want_masked = web_service.attention(None, TEXT, family="masked").weights[0, 0]
    want_causal = web_service.attention(None, TEXT, family="causal").weights[0, 0]
    np.testing.assert_allclose(masked, want_masked, atol=1e-6)
    np.testing.assert_allclose(causal, want_causal, atol=1e-6)
    assert np.triu(causal, k=1).max() == 0.0 and np.triu(want_masked, k=1).max() > 0


@pytest.mark.browser
def test_a_person_sees_heatmaps_and_bertviz_offline(page, web_service):
    page.get_by_role("tab", name="Attention").click()
    page.locator("#attention-text textarea").fill(TEXT)
    page.get_by_role("button", name="Show attention").click()
    for plot in ["#attention-masked", "#attention-causal", "#attention-masked-grid", "#attention-causal-grid"]:
        expect(page.locator(f"{plot} .heatmaplayer image, {plot} .hm image").first).to_be_attached(timeout=30_000)
    for frame_id in ["#bertviz-masked", "#bertviz-causal"]:
        frame = page.frame_locator(f"{frame_id} iframe")
        # bertviz drew its views: SVG token texts and the layer menu, from scripts the app served
        expect(frame.locator("#bertviz-head svg text").first).to_be_attached(timeout=30_000)
        expect(frame.locator("#bertviz-model svg").first).to_be_attached()
        layers = web_service.info(None, "causal" if "causal" in frame_id else "masked").layers
        expect(frame.locator("#bertviz-head select#layer option")).to_have_count(layers)  # one per layer
    ended_clean(page, "attention")


@pytest.mark.browser
def test_moving_a_slider_redraws_without_an_error(page):
    page.get_by_role("tab", name="Attention").click()
    page.locator("#attention-text textarea").fill(TEXT)
    page.get_by_role("button", name="Show attention").click()
    title = page.locator("#attention-masked .gtitle")
    expect(title).to_contain_text("layer 0, head 0", timeout=30_000)
    layer = page.get_by_label("Layer").first
    layer.fill("1")
    layer.press("Enter")
    expect(title).to_contain_text("layer 1, head 0", timeout=30_000)
    expect(page.get_by_test_id("toast-body")).to_have_count(0)


@pytest.mark.browser
def test_the_head_grid_shows_each_sink_and_the_switch_hides_special_tokens(page, web_service):
    page.get_by_role("tab", name="Attention").click()
    page.locator("#attention-text textarea").fill(TEXT)
    page.get_by_role("button", name="Show attention").click()
    heads = web_service.info(None, "masked").heads
    titles = page.locator("#attention-masked-grid .annotation-text")
    expect(titles.filter(has_text="· sink ")).to_have_count(heads, timeout=30_000)
    ticks = page.locator("#attention-masked .yaxislayer-above .ytick text")
    expect(ticks.first).to_have_text("[CLS]")
    page.get_by_label("Hide [CLS] / [SEP] / start token and renormalise").check()
    expect(page.locator("#attention-masked .gtitle")).to_contain_text("special tokens hidden, rows renormalised")
    expect(ticks.first).to_have_text("the")
    expect(titles.filter(has_text="· sink ")).to_have_count(heads)
    expect(page.get_by_test_id("toast-body")).to_have_count(0)


def test_the_attention_endpoint_renormalises_without_special_tokens(client, web_service):
    outputs = client.predict(text=TEXT, hide_special=True, api_name="/attention")
    masked = heatmap([o for o in outputs if isinstance(o, dict) and "plot" in o][0])
    att = web_service.attention(None, TEXT, family="masked")
    keep = [i for i, t in enumerate(att.tokens) if t not in ("[CLS]", "[SEP]")]
    want = att.weights[0, 0][np.ix_(keep, keep)]
    np.testing.assert_allclose(masked, want / want.sum(-1, keepdims=True), rtol=1e-5)
    np.testing.assert_allclose(masked.sum(-1), 1.0, rtol=1e-5)
