"""Click to mask in Fill the blank, and the sampling picture in Next word: pure helpers and a browser run."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import CAUSAL, ended_clean, open_tab
from demo.viz.click_mask import choices, masked_at

MODEL_RUN = 60_000
PAGE_LOAD = 180_000  # ms: on a 2-core machine under a load of 20 the app's first paint took over a minute


def test_words_to_click_skip_punctuation_and_blanks():
    assert choices("The cat [MASK] on the mat. I don't ___") == [
        ("The", 0), ("cat", 1), ("on", 2), ("the", 3), ("mat", 4), ("I", 5), ("don't", 6)]
    assert [w for w, _ in choices("北京是中国的首都。")] == list("北京是中国的首都")  # one character a token


def test_a_clicked_word_becomes_the_blank():
    assert masked_at("The cat sat on the mat.", 5) == "The cat sat on the [MASK]."
    assert masked_at("The cat [MASK] on the mat.", 1) == "The [MASK] [MASK] on the mat."
    assert masked_at("北京是中国的首都。", 7) == "北京是中国的首[MASK]。"
    assert masked_at("The cat.", 9) == "The cat."  # no such word: unchanged


def test_the_sampling_endpoint_is_the_services_answer(client, web_service):
    got = client.predict(text="the cat sat on the", model=CAUSAL, temperature=0.8, top_k=5, top_p=0.9,
                         api_name="/sampling")
    want = web_service.sampling(CAUSAL, "the cat sat on the", 0.8, 5, 0.9)
    assert [s["name"] for s in got["steps"]] == ["model", "temperature", "top_k", "top_p"]
    assert got["steps"][2]["kept"] == want.steps[2].kept == 5
    assert got["steps"][3]["probs"] == pytest.approx(want.steps[3].probs)


@pytest.mark.browser
def test_clicking_a_word_masks_it_and_runs(page):
    expect(page.locator("#fill-mask-text textarea")).to_be_visible(timeout=PAGE_LOAD)
    page.locator("#fill-mask-text textarea").fill("the cat sat on the mat .")
    words = page.locator("#fill-mask-words")
    expect(words).to_contain_text("mat", timeout=MODEL_RUN)  # the words come back from the server
    words.get_by_text("mat", exact=True).click()
    expect(page.locator("#fill-mask-text textarea")).to_have_value("the cat sat on the [MASK] .")
    expect(page.locator("#fill-mask-bars .plotly")).to_be_attached(timeout=MODEL_RUN)
    expect(page.locator("#fill-mask-sentence")).not_to_be_empty()
    ended_clean(page, "click-to-mask")


@pytest.mark.browser
def test_the_sampling_picture_follows_its_sliders(page):
    expect(page.get_by_role("tab", name="Next word (GPT)")).to_be_visible(timeout=PAGE_LOAD)
    open_tab(page, "Next word (GPT)")
    page.locator("#generate-text textarea").fill("the cat sat on the")
    page.locator("#generate-warp-on input").check()
    picture = page.locator("#generate-warpers")
    expect(picture).to_contain_text("after top-k 50: 50 tokens left", timeout=MODEL_RUN)
    slider = page.locator("#generate-sample-top-k input[type=number]")
    slider.fill("3")
    slider.press("Enter")
    expect(picture).to_contain_text("after top-k 3: 3 tokens left", timeout=MODEL_RUN)
    ended_clean(page, "sampling-picture")
