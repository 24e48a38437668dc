"""Stop: a long generation stops producing tokens within one step of the Stop button, or of the
page closing. The model is slowed (a pause per step) so that a generation outlasts the clicks."""
import threading
import time

import pytest
from playwright.sync_api import expect

import demo.service
from demo.generation import Sampling, stream

STEP_S = 0.3  # a pause per token: 40 tokens take 12 s, far longer than the clicks below


@pytest.fixture
def slow_steps(monkeypatch):
    """Count the tokens the server really computes, one pause per step."""
    made = []

    def slow(lm, ids, max_new_tokens, sampling, stopped=None):
        for token in stream(lm, ids, max_new_tokens, sampling, stopped):
            made.append(token)
            yield token
            time.sleep(STEP_S)

    monkeypatch.setattr(demo.service, "stream", slow)
    return made


def settled(made: list, steps: int = 4) -> int:
    """The count once it has stopped growing for a few steps (it must, or the test fails)."""
    before = -1
    for _ in range(40):
        if len(made) == before:
            return before
        before = len(made)
        time.sleep(STEP_S * steps)
    pytest.fail("the server kept producing tokens")


def _start(page):
    page.get_by_role("tab", name="Next word (GPT)").click()
    page.locator("#generate-text textarea").fill("The cat")
    page.get_by_role("spinbutton", name="number input for Max new tokens").fill("40")
    page.get_by_label("Greedy (always the likeliest token)").check()
    page.get_by_role("button", name="Generate", exact=True).click()


@pytest.mark.browser
def test_stop_halts_a_long_generation(page, slow_steps):
    _start(page)
    expect(page.locator("#generate-plain textarea")).not_to_have_value("", timeout=30_000)
    page.locator("#generate-stop").click()
    stopped_at = settled(slow_steps)
    assert stopped_at < 40
    shown = page.locator("#generate-plain textarea").input_value()
    time.sleep(STEP_S * 4)
    assert len(slow_steps) == stopped_at  # the server computed no more
    assert page.locator("#generate-plain textarea").input_value() == shown  # and the page shows no more


@pytest.mark.browser
def test_closing_the_page_stops_the_generation(page, slow_steps):
    _start(page)
    expect(page.locator("#generate-plain textarea")).not_to_have_value("", timeout=30_000)
    page.close()
    assert settled(slow_steps) < 40


def test_the_loop_asks_before_every_step(service):
    lm = service.load(None, "causal")
    ids = service.encode(lm, "The cat")
    asked = threading.Event()
    tokens = []
    for token in stream(lm, ids, 30, Sampling(greedy=True), stopped=asked.is_set):
        tokens.append(token)
        if len(tokens) == 3:
            asked.set()  # Stop arrives while the third token is shown
    assert len(tokens) == 3
