"""The BERT vs GPT tab: /compare through gradio_client against the same service the app runs on,
and what a person sees in a real browser."""
import json
import re

import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, ended_clean, open_tab

TEXT = "the cat sat on the ___ and the bird sang ."


def test_compare_endpoint_agrees_with_the_service(client, web_service):
    # the encoder-decoder's bars and note come last (tests/test_compare_seq2seq.py)
    strip, masked_plot, causal_plot, note, ranking, facts, _, _ = client.predict(
        text=TEXT, top_k=4, masked_model=MASKED, causal_model=CAUSAL, api_name="/compare")
    want = web_service.compare(TEXT, top_k=4)

    masked_bars = json.loads(masked_plot["plot"])["data"][0]
    causal_bars = json.loads(causal_plot["plot"])["data"][0]
    assert masked_bars["x"] == pytest.approx([c.prob for c in want.masked])
    assert causal_bars["x"] == pytest.approx([c.prob for c in want.causal])
    assert masked_bars["x"] == sorted(masked_bars["x"], reverse=True) and sum(causal_bars["x"]) <= 1.0

    rows = ranking["data"]
    assert [r[0] for r in rows] == [1, 2, 3, 4]
    assert [r[2] for r in rows] == [r.candidate.token for r in want.ranking]  # WordPiece pieces show as they are
    assert [r[4] for r in rows] == pytest.approx([r.logprob for r in want.ranking], abs=1e-3)
    assert all(r[4] < 0 for r in rows) and [r[4] for r in rows] == sorted((r[4] for r in rows), reverse=True)
    assert sorted(r[1] for r in rows) == [1, 2, 3, 4]  # each of BERT's candidates, once

    # GPT sees the tokens left of the blank; the right-hand words are struck through (an encoder-decoder's
    # row, where one can run here, follows theirs)
    rows, legend = strip.split('class="compare-strip-legend"')
    strip = rows.split('data-family="seq2seq"')[0] + legend
    assert strip.count('class="compare-chip compare-seen"') == len(want.masked_tokens) - 1 + len(want.causal_tokens) + 1
    assert len(re.findall(r'<s class="compare-chip compare-hidden"', strip)) == len(want.right.split()) + 1
    assert "GPT finds the sentence with" in note

    facts = {row[0]: row[1:] for row in facts["data"]}
    assert facts["Model"][:2] == [MASKED, CAUSAL]
    assert facts["Parameters"][:2] == [f"{web_service.info(MASKED, 'masked').parameters:,}",
                                       f"{web_service.info(CAUSAL, 'causal').parameters:,}"]
    assert all(re.fullmatch(r"\d+ ms", s) for s in facts["This request"][:2])


def test_compare_defaults_to_five_candidates_and_the_default_models(client):
    _, masked_plot, causal_plot, _, ranking, facts, _, _ = client.predict(text=TEXT, api_name="/compare")
    assert len(json.loads(masked_plot["plot"])["data"][0]["x"]) == 5 == len(ranking["data"])
    assert ["Model", MASKED, CAUSAL] == [row for row in facts["data"] if row[0] == "Model"][0][:3]


@pytest.mark.parametrize("text, message", [
    ("the cat sat on the mat .", "No blank found"),
    ("the [MASK] sat on the ___ .", "exactly 1 blank"),
    ("", "empty"),
    ("   ", "empty"),
])
def test_bad_input_comes_back_as_the_services_message(client, text, message):
    with pytest.raises(AppError, match=message):
        client.predict(text=text, api_name="/compare")


def test_the_causality_demo_is_not_a_public_endpoint(client):
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert "/compare" in endpoints
    assert not [name for name in endpoints if "right" in name]


def table_rows(page, label):
    """A Dataframe's rows, header row included (Gradio draws it as an ARIA grid)."""
    return page.get_by_role("grid", name=label).get_by_role("row")


@pytest.mark.browser
def test_a_person_compares_both_models_on_one_blank(page, web_service):
    open_tab(page, "BERT vs GPT")
    page.get_by_text("I went to the ___ to buy some bread.").click()
    expect(page.locator("#compare-text textarea")).to_have_value("I went to the ___ to buy some bread.")
    expect(page.locator("#compare-new-right textarea")).to_have_value("to borrow some books.")
    page.get_by_role("button", name="Compare", exact=True).click()

    for plot in ("#compare-masked-plot", "#compare-causal-plot"):  # with an encoder-decoder too: a busy CPU
        expect(page.locator(f"{plot} .barlayer .point")).to_have_count(5, timeout=60_000)
    expect(table_rows(page, "BERT's candidates, ranked by GPT")).to_have_count(1 + 5)
    expect(page.locator("#compare-ranking-note")).to_contain_text("GPT finds the sentence with")
    gpt_row = page.locator('#compare-strip [data-family="causal"]')
    expect(gpt_row.locator(".compare-hidden")).to_have_text(["to", "buy", "some", "bread."])
    expect(page.locator('#compare-strip [data-family="masked"] .compare-hidden')).to_have_count(0)
    parameters = f"{web_service.info(MASKED, 'masked').parameters:,}"
    facts = page.get_by_role("grid", name="Design, then measured on this server")
    expect(facts).to_contain_text("next-sentence prediction")
    expect(facts.get_by_role("row").filter(has_text="Parameters")).to_contain_text(parameters)

    # words the tiny models' vocabulary knows: unknown words all read as [UNK] to tiny-bert
    page.locator("#compare-new-right textarea").fill("and the bird sang in the tree .")
    page.get_by_role("button", name="Run again with these words").click()
    verdict = page.locator("#compare-verdict")
    expect(verdict).to_contain_text("GPT: identical")
    expect(verdict).to_contain_text("BERT: moved")
    expect(table_rows(page, "GPT before and after")).to_have_count(1 + 5)
    ended_clean(page, "compare")


@pytest.mark.browser
def test_hostile_text_shows_as_text_and_bad_input_as_a_message(page):
    open_tab(page, "BERT vs GPT")
    hostile = "<img src=x onerror=__pwned=1> ___ </iframe><b>${7}</b>"  # short: the test models have 64 positions
    page.locator("#compare-text textarea").fill(hostile)
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator('#compare-strip [data-family="causal"] .compare-hidden')).to_contain_text(
        ["</iframe><b>${7}</b>"], timeout=60_000)  # shown as typed: no tag, no template ran
    sentence = table_rows(page, "BERT's candidates, ranked by GPT").nth(1).get_by_role("gridcell").last
    expect(sentence).to_have_text(re.compile(r"^\s*<img src=x onerror=__pwned=1> \S+ </iframe><b>\$\{7\}</b>\s*$"))
    assert page.evaluate("window.__pwned") is None

    page.locator("#compare-text textarea").fill("no blank here")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("No blank found")
