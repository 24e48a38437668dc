"""Guess first: the /score_words endpoint answers the service's scores as JSON, and in a browser
the switch hides the predictions until a guess is revealed with its rank under each model."""
from dataclasses import asdict

import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, ended_clean, open_tab

MODEL_RUN = 30_000  # ms
BLANK = "the cat sat on the [MASK] ."


def test_score_words_endpoint_answers_the_services_scores(client, web_service):
    got = client.predict(model=MASKED, text=BLANK, words=["cat", "dog"], api_name="/score_words")
    want = asdict(web_service.score_words(MASKED, BLANK, ["cat", "dog"]))
    assert [w["word"] for w in got["words"]] == ["cat", "dog"]
    for ours, theirs in zip(got["words"], want["words"]):
        assert ours["prob"] == pytest.approx(theirs["prob"], abs=1e-6)
        assert ours["rank"] == theirs["rank"]
    assert got["family"] == "masked" and "one mask per piece" in got["method"]
    causal = client.predict(model=CAUSAL, text="The cat sat on the", words=["mat"], api_name="/score_words")
    assert causal["family"] == "causal"


def test_score_words_endpoint_names_the_problem(client):
    with pytest.raises(AppError, match="Type a guess first"):
        client.predict(model=MASKED, text=BLANK, words=[], api_name="/score_words")
    with pytest.raises(AppError, match="Unknown model"):
        client.predict(model="<script>", text=BLANK, words=["cat"], api_name="/score_words")


def _guess(page, prefix, guess):
    page.locator(f"#{prefix}-guess textarea, #{prefix}-guess input").first.fill(guess)
    page.locator(f"#{prefix}-reveal").click()


@pytest.mark.browser
def test_fill_the_blank_hides_the_answers_until_a_guess(page, web_service):
    open_tab(page, "Fill the blank (BERT)")
    page.locator("#fill-mask-guess-first input").check()
    expect(page.locator("#fill-mask-guess-hint")).to_be_visible()
    page.locator("#fill-mask-text textarea").fill(BLANK)
    page.get_by_role("button", name="Fill the blanks").click()
    expect(page.locator("#fill-mask-bars")).to_be_hidden()
    want = web_service.score_words(None, BLANK, ["cat"]).words[0]
    _guess(page, "fill-mask", "cat")
    view = page.locator("#fill-mask-guess-reveal .guess-reveal")
    expect(view.locator("td.guess-word")).to_have_text(["cat"], timeout=MODEL_RUN)
    expect(view.locator("td.guess-prob")).to_have_text([f"{want.prob:.2%}"])
    expect(view.locator("td.guess-rank")).to_contain_text([f"{want.rank:,} of"])
    expect(view.locator(".guess-method")).to_contain_text("one mask per piece")
    expect(page.locator("#fill-mask-bars .plotly .bars path")).to_have_count(5, timeout=MODEL_RUN)
    # a new sentence hides the answers again
    page.get_by_role("button", name="Fill the blanks").click()
    expect(page.locator("#fill-mask-bars")).to_be_hidden()
    ended_clean(page, "guess-fill")


@pytest.mark.browser
def test_compare_reveals_the_guess_under_both_models(page, web_service):
    open_tab(page, "BERT vs GPT")
    page.locator("#compare-guess-first input").check()
    expect(page.locator("#compare-masked-plot")).to_be_hidden()
    text = "The dog ran to the ___ ."
    page.locator("#compare-text textarea").fill(text)
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("#compare-strip .compare-blank").first).to_be_visible(timeout=MODEL_RUN)
    _guess(page, "compare", "park, <b>x</b>")
    view = page.locator("#compare-guess-reveal .guess-reveal")
    expect(view.locator("td.guess-word")).to_have_text(["park", "park", "<b>x</b>", "<b>x</b>"], timeout=MODEL_RUN)
    expect(view.locator("b")).to_have_count(0)  # the guess is text, never markup
    masked, causal = (web_service.score_words(None, text, ["park"], family="masked").words[0],
                      web_service.score_words(None, "The dog ran to the", ["park"], family="causal").words[0])
    expect(view.locator("td.guess-prob").first).to_have_text(f"{masked.prob:.2%}")
    expect(view.locator("td.guess-prob").nth(1)).to_have_text(f"{causal.prob:.2%}")
    expect(view.locator(".guess-method")).to_have_count(2)
    expect(page.locator("#compare-masked-plot")).to_be_visible()
    ended_clean(page, "guess-compare")


@pytest.mark.browser
def test_next_word_guess(page, web_service):
    open_tab(page, "Next word (GPT)")
    page.locator("#generate-guess-first input").check()
    page.locator("#generate-text textarea").fill("The cat sat on the")
    expect(page.locator("#generate-bars")).to_be_hidden()
    _guess(page, "generate", "mat")
    want = web_service.score_words(None, "The cat sat on the", ["mat"]).words[0]
    view = page.locator("#generate-guess-reveal .guess-reveal")
    expect(view.locator("td.guess-prob")).to_have_text([f"{want.prob:.2%}"], timeout=MODEL_RUN)
    expect(view.locator(".guess-method")).to_contain_text("chain rule")
    ended_clean(page, "guess-next")
