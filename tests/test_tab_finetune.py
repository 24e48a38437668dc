"""The Fine-tune tab: its views (pure, no browser), and what a person sees in English and Chinese."""
from __future__ import annotations

import json

import numpy as np
import pytest
from playwright.sync_api import expect

from conftest import CAUSAL, ended_clean, open_tab
from demo.results import Classified, FineTune, NextSentence, Probe, WarpStep, Warping, Candidate
from demo.viz import adapt as views

MODEL_RUN = 120_000  # ms: probing 322 sentences twice and a fine-tune, on a busy CPU


def probe_result(**changes) -> Probe:
    values = dict(model="m", family="causal", task="sentiment", classes=["negative", "positive"],
                  accuracy={"first": 0.5, "last": 0.9, "mean": 0.7},
                  by_layer=[{"first": 0.5, "last": 0.6, "mean": 0.55}, {"first": 0.5, "last": 0.9, "mean": 0.7}],
                  points={p: np.zeros((4, 2), dtype=np.float32) for p in ("first", "last", "mean")},
                  labels=[0, 1, 0, 1], texts=["<b>a</b>", "b", "c", "d"], held_out=[False, False, True, True],
                  chance=0.5, first_token="ĠThe", last_token=".")
    values.update(changes)
    return Probe(**values)


def test_probe_views_draw_each_pooling_and_layer():
    result = probe_result()
    bars = views.probe_bars(result)
    assert list(bars.data[0].y) == [0.5, 0.9, 0.7] and list(bars.data[0].x) == ["first token", "last token",
                                                                                 "mean of tokens"]
    assert [list(t.y) for t in views.probe_layers(result).data] == [[0.5, 0.5], [0.6, 0.9], [0.55, 0.7]]
    points = views.probe_points(result, "zh")
    assert {t.name for t in points.data} == {"负面", "正面"} and len(points.data) == 6
    assert "&lt;b&gt;a&lt;/b&gt;" in points.data[0].text  # a sentence is shown as text, never as HTML
    assert views.probe_summary(result) == ("**m**: first token “␣The” 50%, last token “\\.” 90%, mean 70% "
                                           "(chance 50%; 2 of 4 sentences held out).")


def test_fine_tune_views_compare_before_probe_and_after():
    result = FineTune("m", "masked", "sentiment", ["negative", "positive"], "first", [0.7, 0.5, 0.2], 0.5, 0.95, 0.8,
                      3, 16, 240, 80, 4.2, 20, waited=3)
    assert list(views.tune_bars(result).data[0].y) == [0.5, 0.8, 0.95]
    assert list(views.tune_loss(result).data[0].y) == [0.7, 0.5, 0.2]
    assert views.tune_summary(result) == (
        "**m** fine-tuned for 4.2 s: 3 steps of 16 sentences (240 to learn from, 80 held out), head on the first "
        "token. Held-out accuracy 50% → **95%**; the frozen probe on the same token: 80%. (It waited 3 s for "
        "another page's fine-tune to finish.)")
    assert views.classified(Classified("m", "x", ["negative", "positive"], [0.25, 0.75]), "zh") == {"负面": 0.25,
                                                                                                   "正面": 0.75}


def test_next_sentence_view_escapes_the_sentences():
    nsp = views.next_sentence_view(NextSentence("bert", "masked", "nsp", "<img src=x>", "*b*", 0.873))
    assert "probability **87.3%**" in nsp and "<img" not in nsp and "&lt;img src=x&gt;" in nsp and "\\*b\\*" in nsp
    causal = views.next_sentence_view(NextSentence("gpt", "causal", "causal", "a", "b", None, -10.0, -12.5), "zh")
    assert "**+2.50 奈特**" in causal and "×12.2" in causal


def test_sampling_figure_has_a_panel_per_step():
    steps = [WarpStep("model", 0, [0.5, 0.3, 0.2], 100, 1.0), WarpStep("temperature", 0.5, [0.7, 0.2, 0.1], 100, 1.0),
             WarpStep("top_k", 2, [0.78, 0.22, 0.0], 2, 0.9), WarpStep("top_p", 1.0, [0.78, 0.22, 0.0], 2, 0.9)]
    result = Warping("gpt", "the", ["the"], [Candidate(f"Ġ{w}", 0.1, i, f" {w}") for i, w in enumerate("abc")],
                     steps, 100)
    fig = views.sampling_figure(result)
    assert len(fig.data) == 4 and list(fig.data[2].y) == [0.78, 0.22, 0.0]
    titles = [a.text for a in fig.layout.annotations]
    assert titles[2] == "after top-k 2: 2 tokens left, 90% of the model's probability, renormalised"


# -- in a browser -------------------------------------------------------------------------------

@pytest.mark.browser
def test_a_person_probes_fine_tunes_and_asks_about_the_next_sentence(page):
    open_tab(page, "Fine-tune")
    page.get_by_role("button", name="Probe both").click()
    for family in ("masked", "causal"):
        expect(page.locator(f"#tune-{family}-summary")).to_contain_text("first token", timeout=MODEL_RUN)
        expect(page.locator(f"#tune-{family}-bars .plotly")).to_be_attached(timeout=MODEL_RUN)
        expect(page.locator(f"#tune-{family}-points .plotly")).to_be_attached()
    page.locator("#tune-seconds input[type=number]").fill("2")
    page.locator("#tune-seconds input[type=number]").press("Enter")
    page.get_by_role("button", name="Fine-tune", exact=True).click()
    expect(page.locator("#tune-summary")).to_contain_text("Held-out accuracy", timeout=MODEL_RUN)
    expect(page.locator("#tune-loss .plotly")).to_be_attached()
    page.locator("#tune-try-text textarea").fill("The soup at lunch was cold and bland.")
    page.get_by_role("button", name="Classify").click()
    expect(page.locator("#tune-label")).to_contain_text("negative", timeout=MODEL_RUN)
    expect(page.locator("#tune-label")).to_contain_text("positive")
    page.get_by_role("button", name="Does B follow A?").click()
    expect(page.locator("#tune-nsp")).to_contain_text(f"{CAUSAL}", timeout=MODEL_RUN)
    expect(page.locator("#tune-nsp")).to_contain_text("nats")
    page.get_by_role("button", name="Swap A and B").click()
    expect(page.locator("#tune-first textarea")).to_have_value("So I made myself a big sandwich.")
    expect(page.locator("#tune-nsp")).to_contain_text("A: So I made myself a big sandwich", timeout=MODEL_RUN)
    ended_clean(page, "fine-tune")


@pytest.mark.browser
def test_the_fine_tune_tab_in_chinese(page, app_url):
    page.goto(app_url + "?lang=zh")
    open_tab(page, "微调")
    expect(page.locator("#tune-task input")).to_have_value("sentiment-zh")
    page.get_by_role("button", name="探测两个模型").click()
    expect(page.locator("#tune-masked-summary")).to_contain_text("第一个词元", timeout=MODEL_RUN)
    expect(page.locator("#tune-causal-summary")).to_contain_text("最后一个词元", timeout=MODEL_RUN)
    page.get_by_role("button", name="B 接在 A 后面吗？").click()
    expect(page.locator("#tune-nsp")).to_contain_text("奈特", timeout=MODEL_RUN)
    ended_clean(page, "fine-tune-zh")


@pytest.mark.browser
def test_the_use_cases_lesson_measures_the_loaded_models(page):
    open_tab(page, "How they differ")
    expect(page.locator("#learn-use-cases")).to_contain_text("Which family for which job")
    page.locator("#learn-use-cases-measure").click()
    expect(page.locator("#learn-use-masked")).to_contain_text("first token “\\[CLS\\]”".replace("\\", ""),
                                                              timeout=MODEL_RUN)
    expect(page.locator("#learn-use-causal")).to_contain_text(f"{CAUSAL}", timeout=MODEL_RUN)
    expect(page.locator("#learn-use-causal-bars .plotly")).to_be_attached(timeout=MODEL_RUN)
    ended_clean(page, "use-cases")
