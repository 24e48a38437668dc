"""The Fill the blank tab: /fill_mask through gradio_client against the same service the app runs on,
and what a person sees in a real browser."""
import json
import re

import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, screenshot

MODEL_RUN = 30_000  # ms: a model run on a busy CPU may take longer than expect's 5 s default
TEXT = "the cat sat on the [MASK] and the [MASK] sang ."


def bars(plot: dict) -> list[dict]:
    assert plot["type"] == "plotly"
    return [t for t in json.loads(plot["plot"])["data"] if t["type"] == "bar"]


def test_fill_mask_returns_the_services_probabilities_per_blank(client, web_service):
    plot, sentence = client.predict(text=TEXT, model=MASKED, top_k=4, api_name="/fill_mask")
    want = web_service.fill_mask(None, TEXT, top_k=4)
    traces = bars(plot)
    assert len(traces) == len(want.masks) == 2
    for trace, cands in zip(traces, want.masks):
        assert trace["x"] == [c.prob for c in cands]  # one bar per candidate, in rank order
    marks = re.findall(r'<mark class="fill-mask-word"[^>]*>([^<]*)</mark>', sentence)
    assert marks == [cands[0].text.strip() for cands in want.masks]


def test_fill_mask_defaults_and_other_blank_spellings(client, web_service):
    plot, _ = client.predict(text="the ___ sat on the <mask> .", api_name="/fill_mask")
    want = web_service.fill_mask(None, "the [MASK] sat on the [MASK] .")
    assert [t["x"] for t in bars(plot)] == [[c.prob for c in cands] for cands in want.masks]
    assert all(len(t["x"]) == 5 for t in bars(plot))  # top_k defaults to 5


def test_user_text_comes_back_escaped(client):
    _, sentence = client.predict(text='<img src=x onerror="window.__pwned=1"> [MASK]', api_name="/fill_mask")
    assert "<img" not in sentence and "&lt;img src=x onerror=&quot;" in sentence


@pytest.mark.parametrize("params, message", [
    ({"text": "the cat sat on the mat ."}, "No blank found"),
    ({"text": ""}, "empty"),
    ({"text": "the [MASK] .", "top_k": 0}, "top_k must be between 1 and 50"),
    ({"text": "the [MASK] .", "top_k": 51}, "top_k must be between 1 and 50"),
    ({"text": "the [MASK] .", "model": CAUSAL}, "cannot fill blanks"),
])
def test_bad_input_gets_the_services_message(client, params, message):
    with pytest.raises(AppError, match=message):
        client.predict(**params, api_name="/fill_mask")


def no_error_toast(page):
    expect(page.get_by_test_id("toast-body")).to_have_count(0)


@pytest.mark.browser
def test_example_fills_the_blanks_and_draws_bars(page):
    page.get_by_role("tab", name="Fill the blank (BERT)").click()
    example = "She picked up her [MASK] and went to the [MASK]."
    page.get_by_text(example, exact=True).click()
    expect(page.locator("#fill-mask-text textarea")).to_have_value(example)
    page.get_by_role("button", name="Fill the blanks").click()
    sentence = page.locator("#fill-mask-sentence .fill-mask-sentence")
    expect(sentence).to_contain_text("She picked up her", timeout=MODEL_RUN)
    expect(sentence.locator("mark.fill-mask-word")).to_have_count(2)
    expect(page.locator("#fill-mask-bars .plotly .bars path")).to_have_count(10, timeout=MODEL_RUN)  # 2 x top-5
    expect(page.locator("#fill-mask-bars .plotly .gtitle")).to_contain_text("each blank")
    no_error_toast(page)
    screenshot(page, "fill_mask")


@pytest.mark.browser
def test_typed_markup_stays_text_and_errors_show_as_a_toast(page):
    page.get_by_role("tab", name="Fill the blank (BERT)").click()
    box = page.locator("#fill-mask-text textarea")
    box.fill("<img src=x onerror=\"window.__pwned=1\"> the [MASK] </iframe><script>window.__pwned=1</script>")
    page.get_by_role("button", name="Fill the blanks").click()
    expect(page.locator("#fill-mask-sentence .fill-mask-sentence")).to_contain_text("<img src=x onerror=",
                                                                                    timeout=MODEL_RUN)
    assert page.locator("#fill-mask-sentence img, #fill-mask-sentence script").count() == 0
    assert page.evaluate("window.__pwned") is None
    box.fill("no blank here")
    page.get_by_role("button", name="Fill the blanks").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("No blank found", timeout=MODEL_RUN)
