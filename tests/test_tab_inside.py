"""The Inside tab: /lens, /attribution and /attention_steps through gradio_client agree with the
service the app runs on and answer bad input with the service's own message; in a real browser a
person runs both models on one sentence and sees the lens, the attribution and one head's steps."""
import html
import json
import re

import numpy as np
import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, ended_clean, open_tab, spelled
from demo.viz.attention_steps import MINUS_INF, steps_rows
from demo.viz.bars import piece_label

TEXT = "the cat sat on the ___ ."


def figure(output) -> dict:
    return json.loads(output["plot"])


def test_lens_endpoint_draws_the_services_lens(client, web_service):
    for model, family in ((MASKED, "masked"), (CAUSAL, "causal")):
        plot = client.predict(model=model, text=TEXT, top_k=3, api_name="/lens")
        want = web_service.lens(model, TEXT, 3, family=family)
        trace = figure(plot)["data"][0]
        np.testing.assert_allclose(trace["z"], [[c.prob for c in row] for row in want.layers], rtol=1e-6)
        words = [[re.sub(r"</?b>", "", cell) for cell in row] for row in trace["text"]]
        assert words == [[html.escape(piece_label(c.token), quote=False) for c in row] for row in want.layers]
        assert len(trace["text"]) == web_service.info(model, family).layers + 1  # embeddings, then every layer


def data_scores(row_html: str) -> list[float]:
    return [float(s) for s in re.findall(r'<span class="inside-attr-chip[^"]*" data-score="([^"]+)"', row_html)]


def test_attribution_endpoint_shades_the_services_scores(client, web_service):
    bert = client.predict(model=MASKED, text=TEXT, method="integrated_gradients", steps=8, target="",
                          api_name="/attribution")
    want = web_service.attribution(MASKED, TEXT, "integrated_gradients", 8, family="masked")
    np.testing.assert_allclose(data_scores(bert), want.scores, rtol=1e-4, atol=1e-9)
    assert 'data-family="masked"' in bert and "The words right of the blank carry" in bert

    gpt = client.predict(model=CAUSAL, text=TEXT, method="gradient_x_input", steps=8, target="",
                         api_name="/attribution")
    want = web_service.attribution(CAUSAL, TEXT, "gradient_x_input", 8, family="causal")
    np.testing.assert_allclose(data_scores(gpt), want.scores, rtol=1e-4, atol=1e-9)
    after = len(want.tokens) - want.blank
    assert gpt.count('<span class="inside-attr-chip inside-attr-zero') == after  # the blank and all after it
    assert f"The last {after} tokens, from the blank on" in gpt and "score exactly 0" in gpt


def test_attention_steps_endpoint_tabulates_the_services_arithmetic(client, web_service):
    plot, table = client.predict(model=CAUSAL, text="the cat sat on the mat .", layer=1, head=1, query=2,
                                 api_name="/attention_steps")
    want = web_service.attention_steps(CAUSAL, "the cat sat on the mat .", 1, 1, 2, family="causal")
    assert table["data"] == steps_rows(want)
    assert [row[4] for row in table["data"]][3:] == [MINUS_INF] * (len(want.tokens) - 3)  # GPT hides the future
    bars = figure(plot)["data"]
    assert len(bars) == 5
    assert sum(float(x) for x in bars[3]["text"]) == pytest.approx(1.0, abs=2e-3)  # softmax weights
    assert MINUS_INF not in [row[4] for row in client.predict(
        model=MASKED, text=TEXT, layer=0, head=0, query=1, api_name="/attention_steps")[1]["data"]]


def limits(web_service, model, family):
    info = web_service.info(model, family)
    return info.layers - 1, info.heads - 1, info.max_positions


@pytest.mark.parametrize("api, extra", [("/lens", {}), ("/attribution", {})])
def test_bad_sentences_come_back_as_the_services_message(client, web_service, api, extra):
    with pytest.raises(AppError, match=re.escape("No blank found: write [MASK], <mask> or ___ where a word is missing.")):
        client.predict(model=MASKED, text="the cat sat on the mat .", api_name=api)
    with pytest.raises(AppError, match=r"^Text is empty: type a sentence first\.$"):
        client.predict(model=MASKED, text="   ", api_name=api)
    limit = limits(web_service, MASKED, "masked")[2]
    with pytest.raises(AppError, match=rf"^Text is \d+ tokens; {MASKED} can handle at most {limit} positions\.$"):
        client.predict(model=MASKED, text="the cat sat on the mat . " * 20 + "___", api_name=api)


def test_attribution_needs_exactly_one_blank(client):
    for model in (MASKED, CAUSAL):
        with pytest.raises(AppError, match=re.escape("Write exactly 1 blank ([MASK] or ___); found 2.")):
            client.predict(model=model, text="the ___ sat on the ___ .", api_name="/attribution")


def test_out_of_range_layer_head_query_name_the_limit(client, web_service):
    top_layer, top_head, _ = limits(web_service, CAUSAL, "causal")
    tokens = len(web_service.attention_steps(CAUSAL, TEXT, 0, 0, 0, family="causal").tokens)
    for numbers, message in [
        ({"layer": top_layer + 1, "head": 0, "query": 0}, f"layer must be between 0 and {top_layer}; got {top_layer + 1}."),
        ({"layer": -1, "head": 0, "query": 0}, f"layer must be between 0 and {top_layer}; got -1."),
        ({"layer": 0, "head": top_head + 1, "query": 0}, f"head must be between 0 and {top_head}; got {top_head + 1}."),
        ({"layer": 0, "head": 0, "query": 99}, f"query must be between 0 and {tokens - 1}; got 99."),
        ({"layer": "two", "head": 0, "query": 0}, f"layer must be a whole number between 0 and {top_layer}."),
    ]:
        with pytest.raises(AppError, match=f"^{re.escape(message)}$"):
            client.predict(model=CAUSAL, text=TEXT, api_name="/attention_steps", **numbers)


def test_only_the_three_verbs_are_public_on_this_tab(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    params = {name: [p["parameter_name"] for p in endpoints[name]["parameters"]]
              for name in ("/lens", "/attribution", "/attention_steps")}
    assert params == {"/lens": ["model", "text", "top_k"],
                      "/attribution": ["model", "text", "method", "steps", "target"],
                      "/attention_steps": ["model", "text", "layer", "head", "query"]}
    assert not [name for name in endpoints if "look" in name or "inside" in name]


@pytest.mark.browser
def test_a_person_looks_inside_both_models(page, web_service):
    open_tab(page, "Inside")
    page.get_by_text("The dog ran to the ___ and the bird sang in the tree .").click()
    expect(page.locator("#inside-text textarea")).to_have_value("The dog ran to the ___ and the bird sang in the tree .")
    page.get_by_role("button", name="Look inside both models").click()
    for family in ("masked", "causal"):
        expect(page.locator(f"#inside-lens-{family} .hm image, #inside-lens-{family} .heatmaplayer image")
               .first).to_be_attached(timeout=60_000)
        expect(page.locator(f"#inside-steps-{family} .barlayer .point").first).to_be_attached()
    expect(page.locator("#inside-lens-lines .scatterlayer .trace")).to_have_count(4)  # a line and a star each
    expect(page.locator("#inside-knows")).to_contain_text(f"{MASKED} first ranks its answer")
    expect(page.locator("#inside-knows")).to_contain_text(f"{CAUSAL} first ranks its answer")
    expect(page.locator("#inside-attr-masked .inside-attr-blank")).to_have_count(1)
    zeros = page.locator("#inside-attr-causal .inside-attr-zero")
    expect(zeros.first).to_be_visible()
    expect(page.locator("#inside-attr-causal")).to_contain_text("score exactly 0")
    expect(page.locator("#inside-table-causal")).to_contain_text(MINUS_INF)  # the future, masked
    query = web_service.lens(CAUSAL, "The dog ran to the ___", family="causal").position
    expect(page.locator("#inside-causal-query input[type=number]")).to_have_value(str(query))

    page.get_by_label("Whole words (pieces of a word summed)").check()
    expect(page.locator("#inside-attr-causal .inside-attr-chip").filter(has_text="bird")).to_have_count(1)
    ended_clean(page, "inside")


@pytest.mark.browser
def test_hostile_text_stays_text_and_a_missing_blank_is_a_message(page, gpt_dir):
    open_tab(page, "Inside")
    page.locator("#inside-text textarea").fill("<img src=x onerror=__pwned=1> the ___ .")
    page.get_by_role("button", name="Look inside both models").click()
    # GPT's row spells the tag out, piece by piece, as text
    expect(page.locator("#inside-attr-causal")).to_contain_text(spelled(gpt_dir, "onerror=__pwned=1>"), timeout=60_000)
    expect(page.locator("#inside-attr-causal img")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None
    page.locator("#inside-text textarea").fill("the cat sat on the mat .")
    page.get_by_role("button", name="Look inside both models").click()
    expect(page.get_by_test_id("toast-body")).to_have_count(1)
    expect(page.get_by_test_id("toast-body")).to_contain_text("No blank found")


@pytest.mark.browser
def test_the_steps_follow_the_attention_tabs_layer_and_head(page, web_service):
    page.get_by_role("tab", name="Attention").click()
    page.locator("#attention-text textarea").fill(TEXT)
    page.get_by_role("button", name="Show attention").click()
    expect(page.locator("#attention-causal .gtitle")).to_contain_text("layer 0, head 0", timeout=60_000)
    layer = page.locator("#attention-causal-layer input[type=number]")
    layer.fill("1")
    layer.press("Enter")
    expect(page.locator("#attention-causal .gtitle")).to_contain_text("layer 1, head 0")
    open_tab(page, "Inside")
    expect(page.locator("#inside-causal-layer input[type=number]")).to_have_value("1")
    expect(page.locator("#inside-masked-layer input[type=number]")).to_have_value("0")
