"""Guess first: the /score_words endpoint answers the service's scores as JSON, and in a browser
the switch hides the predictions until a guess is revealed with its rank under each model."""
import re
import threading
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


# -- races: a reveal and a run in flight at once (the service is held at a gate, never timed) --------

class Gate:
    """Holds every call to service.<name> until opened: `entered` once a call waits, `left` once one returned."""

    def __init__(self, monkeypatch, service, name: str):
        self.entered, self.opened, self.left = threading.Event(), threading.Event(), threading.Event()
        real = getattr(service, name)

        def held(*args, **kwargs):
            self.entered.set()
            assert self.opened.wait(MODEL_RUN / 1000), "the gate was never opened"
            try:
                return real(*args, **kwargs)
            finally:
                self.left.set()

        monkeypatch.setattr(service, name, held)

    def open(self):
        self.opened.set()


def _until(page, event: threading.Event) -> None:
    """Wait for a server-side event while the page keeps working: the page fixture's network filter
    runs on this thread, so blocking it in Event.wait would hold every request the page makes."""
    for _ in range(MODEL_RUN // 50):
        if event.is_set():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the service was never called")


def _answered(page, prefix: str):
    """The reveal's event has come back to the page (its output's progress tracker is hidden again)."""
    expect(page.locator(f"#{prefix}-guess-reveal > [data-testid=status-tracker]")).to_have_class(
        re.compile(r"\bhide\b"), timeout=MODEL_RUN)


def _compare(page, text: str):
    page.locator("#compare-text textarea").fill(text)
    page.get_by_role("button", name="Compare", exact=True).click()


FIRST, SECOND = "The dog ran to the ___ .", "I went to the ___ to buy some bread ."


def _first_round_hidden(page):
    """Guess first on, and the first sentence's answers in (still hidden): where the race tests start."""
    open_tab(page, "BERT vs GPT")
    page.locator("#compare-guess-first input").check()
    _compare(page, FIRST)
    expect(page.locator("#compare-strip")).to_contain_text("dog", timeout=MODEL_RUN)


def _scored(web_service, text: str, word: str) -> list[str]:
    masked = web_service.score_words(None, text, [word], family="masked").words[0]
    causal = web_service.score_words(None, text.split("___")[0].rstrip(), [word], family="causal").words[0]
    return [f"{masked.prob:.2%}", f"{causal.prob:.2%}"]


@pytest.mark.browser
def test_a_reveal_that_ends_after_a_new_run_shows_neither_its_old_scores_nor_the_new_answers(
        page, web_service, monkeypatch):
    _first_round_hidden(page)
    want = _scored(web_service, SECOND, "park")
    gate = Gate(monkeypatch, web_service, "score_words")
    try:
        _guess(page, "compare", "park")  # a guess for the first sentence, scored slowly
        _until(page, gate.entered)
        _compare(page, SECOND)  # meanwhile a new sentence runs (its answers hidden, as any new run's)
        expect(page.locator("#compare-strip")).to_contain_text("bread", timeout=MODEL_RUN)
        expect(page.locator("#compare-guess-hint")).to_be_visible()
    finally:
        gate.open()
    _until(page, gate.left)
    _answered(page, "compare")
    # the late reveal belonged to the first sentence: the second one's answers stay hidden, unscored
    expect(page.locator("#compare-masked-plot")).to_be_hidden()
    expect(page.locator("#compare-guess-hint")).to_be_visible()
    expect(page.locator("#compare-guess-reveal .guess-reveal")).to_have_count(0)
    # a guess now is scored on the second sentence, even after the text box was edited without running
    page.locator("#compare-text textarea").fill("The cat sat on the ___ .")
    _guess(page, "compare", "park")
    view = page.locator("#compare-guess-reveal .guess-reveal")
    expect(view.locator("td.guess-prob")).to_have_text(want, timeout=MODEL_RUN)
    expect(page.locator("#compare-masked-plot")).to_be_visible()
    ended_clean(page, "guess-compare-late-reveal")


@pytest.mark.browser
def test_a_reveal_before_the_run_has_finished_waits_for_that_runs_answers(page, web_service, monkeypatch):
    _first_round_hidden(page)
    want = _scored(web_service, SECOND, "home")
    gate = Gate(monkeypatch, web_service, "compare")
    try:
        _compare(page, SECOND)
        _until(page, gate.entered)  # the second sentence's run is under way
        _guess(page, "compare", "home")
        _answered(page, "compare")
        view = page.locator("#compare-guess-reveal .guess-reveal")
        expect(view.locator("td.guess-prob")).to_have_text(want)  # scored on the sentence being run
        expect(page.locator("#compare-masked-plot")).to_be_hidden()  # not the first sentence's answers
    finally:
        gate.open()
    expect(page.locator("#compare-strip")).to_contain_text("bread", timeout=MODEL_RUN)
    expect(page.locator("#compare-masked-plot")).to_be_visible(timeout=MODEL_RUN)  # its own, once they are in
    expect(page.locator("#compare-guess-hint")).to_be_hidden()
    ended_clean(page, "guess-compare-early-reveal")


@pytest.mark.browser
def test_a_new_run_hides_the_revealed_answers_before_its_own_arrive(page, web_service, monkeypatch):
    _first_round_hidden(page)
    _guess(page, "compare", "park")
    expect(page.locator("#compare-masked-plot")).to_be_visible(timeout=MODEL_RUN)
    gate = Gate(monkeypatch, web_service, "compare")
    try:
        _compare(page, SECOND)
        _until(page, gate.entered)
        expect(page.locator("#compare-masked-plot")).to_be_hidden()  # hidden while the new run is under way
        expect(page.locator("#compare-guess-reveal .guess-reveal")).to_have_count(0)
    finally:
        gate.open()
    expect(page.locator("#compare-strip")).to_contain_text("bread", timeout=MODEL_RUN)
    expect(page.locator("#compare-guess-hint")).to_be_visible()
    expect(page.locator("#compare-masked-plot")).to_be_hidden()
    # a run that fails ends its round too: the next one hides, runs and reveals as before
    _compare(page, "no blank in this one .")
    expect(page.get_by_test_id("toast-body")).to_contain_text("No blank found", timeout=MODEL_RUN)
    page.get_by_test_id("toast-close").first.click()  # close it: the page must end with no message
    expect(page.get_by_test_id("toast-body")).to_have_count(0)
    _compare(page, FIRST)
    expect(page.locator("#compare-strip")).to_contain_text("dog", timeout=MODEL_RUN)
    _guess(page, "compare", "park")
    expect(page.locator("#compare-guess-reveal td.guess-prob")).to_have_text(_scored(web_service, FIRST, "park"),
                                                                             timeout=MODEL_RUN)
    expect(page.locator("#compare-masked-plot")).to_be_visible()
    ended_clean(page, "guess-compare-new-run")
