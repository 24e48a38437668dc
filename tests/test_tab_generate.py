"""The Next word tab: /next_tokens and /generate through gradio_client against the same service the
app runs on, and step mode and streaming in a real browser."""
import html
import json
import re
import unicodedata

import pytest
from gradio_client.exceptions import AppError
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, screenshot
from demo.results import Candidate, NextTokens
from demo.ui.generate_tab import _offer

PROMPT = "The cat sat on the"
MODEL_RUN = 30_000  # ms: a model run on a busy CPU may take longer than expect's 5 s default


def bars(plot: dict) -> list[dict]:
    assert plot["type"] == "plotly"
    return [t for t in json.loads(plot["plot"])["data"] if t["type"] == "bar"]


def test_next_tokens_returns_the_services_distribution(client, web_service):
    plot = client.predict(text=PROMPT, model=CAUSAL, top_k=7, api_name="/next_tokens")
    want = web_service.next_tokens(None, PROMPT, top_k=7)
    (trace,) = bars(plot)
    assert trace["x"] == [c.prob for c in want.candidates]
    assert f"entropy {want.entropy:.2f} nats" in json.loads(plot["plot"])["layout"]["title"]["text"]
    assert len(bars(client.predict(text=PROMPT, api_name="/next_tokens"))[0]["x"]) == 5  # default top_k


def test_greedy_generation_equals_the_services(client, web_service):
    shown, plain = client.predict(text=PROMPT, max_new_tokens=8, greedy=True, api_name="/generate")
    want = web_service.generate(None, PROMPT, max_new_tokens=8, greedy=True)
    assert plain == want.text
    assert html.unescape(re.sub(r"<[^>]+>", "", shown)) == want.text  # the shaded view reads the same
    shades = re.findall(r'class="generate-token" style="background-color: [^"]+" title="([\d.]+)%', shown)
    assert [float(p) for p in shades] == [round(t.prob * 100, 1) for t in want.new_tokens if t.text]


def test_generation_streams_one_update_per_token(client, web_service):
    job = client.submit(text=PROMPT, max_new_tokens=6, greedy=True, api_name="/generate")
    final = job.result()
    plains = [plain for _, plain in job.outputs()]
    want = web_service.generate(None, PROMPT, max_new_tokens=6, greedy=True).new_tokens  # fewer if the end comes
    assert plains[-1] == final[1] and len(plains) == len(want) >= 2
    assert all(later.startswith(earlier) for earlier, later in zip(plains, plains[1:]))


def test_same_seed_repeats_and_sampling_settings_are_used(client):
    options = {"text": PROMPT, "max_new_tokens": 12, "temperature": 1.5, "top_k": 0, "top_p": 1.0,
               "api_name": "/generate"}
    first = client.predict(seed=7, **options)
    assert client.predict(seed=7, **options) == first
    assert client.predict(seed="7", **options) == first  # the seed box sends text
    others = {client.predict(seed=s, **options)[1] for s in (1, 2, 3)}
    assert len(others | {first[1]}) > 1  # different seeds draw differently


@pytest.mark.parametrize("endpoint, params, message", [
    ("next_tokens", {"text": ""}, "empty"),
    ("next_tokens", {"text": "the cat", "top_k": 51}, "top_k must be between 1 and 50"),
    ("next_tokens", {"text": "the [MASK] sat"}, "cannot fill a blank"),
    ("generate", {"text": "   "}, "empty"),
    ("generate", {"text": "the cat", "seed": 1.5}, "seed must be a whole number"),
    ("generate", {"text": "the cat", "seed": "abc"}, "seed must be a whole number"),
    ("generate", {"text": "the cat", "temperature": 0}, "temperature must be above 0"),
    ("generate", {"text": "the cat", "model": MASKED}, "cannot predict the next word"),
])
def test_bad_input_gets_the_services_message(client, endpoint, params, message):
    with pytest.raises(AppError, match=message):
        client.predict(**params, api_name=f"/{endpoint}")


def open_tab(page):
    page.get_by_role("tab", name="Next word (GPT)").click()
    example = "The capital of France is"
    page.get_by_text(example, exact=True).click()
    expect(page.locator("#generate-text textarea")).to_have_value(example)
    return example


@pytest.mark.browser
def test_step_mode_appends_the_chosen_token_and_predicts_again(page, web_service):
    example = open_tab(page)
    page.get_by_role("button", name="Predict the next token").click()
    title = page.locator("#generate-bars .plotly .gtitle")
    expect(title).to_contain_text("entropy", timeout=MODEL_RUN)
    expect(page.locator("#generate-bars .plotly .bars path")).to_have_count(5)
    choices = page.locator("#generate-step label")
    # pieces that are half a character, or a control byte the prompt check refuses, are not offered
    whole = [c for c in web_service.next_tokens(None, example).candidates if "\ufffd" not in c.text
             and not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t\r" for ch in c.text)]
    expect(choices).to_have_count(len(whole))
    before = title.text_content()
    choices.first.click()
    first = whole[0]
    expect(page.locator("#generate-text textarea")).to_have_value(example + first.text, timeout=MODEL_RUN)
    expect(title).not_to_have_text(before, timeout=MODEL_RUN)  # redrawn for the longer prompt
    expect(page.locator("#generate-step input:checked")).to_have_count(0)  # fresh choices, none picked
    expect(page.get_by_test_id("toast-body")).to_have_count(0)


@pytest.mark.browser
def test_generation_shows_the_services_tokens_shaded_after_the_prompt(page, web_service):
    example = open_tab(page)
    page.get_by_role("spinbutton", name="number input for Max new tokens").fill("20")
    page.get_by_label("Seed (empty = random)").fill("3")
    page.get_by_role("button", name="Generate", exact=True).click()
    want = web_service.generate(None, example, max_new_tokens=20, seed=3)
    expect(page.locator("#generate-plain textarea")).to_have_value(want.text, timeout=MODEL_RUN)
    output = page.locator("#generate-output .generate-output")
    expect(output.locator(".generate-prompt")).to_have_text(example)
    shown = [t for t in want.new_tokens if t.text]
    tokens = output.locator("span.generate-token")
    expect(tokens).to_have_count(len(shown))
    for i in (0, len(shown) - 1):
        expect(tokens.nth(i)).to_have_attribute("title", re.compile("^" + re.escape(f"{shown[i].prob:.1%} · ")))
        alpha = 0.08 + 0.77 * shown[i].prob  # the shade's documented scale: darker = surer
        expect(tokens.nth(i)).to_have_attribute("style", f"background-color: rgba(245, 158, 11, {alpha:.3f})")
    expect(page.get_by_test_id("toast-body")).to_have_count(0)
    screenshot(page, "generate")


@pytest.mark.browser
def test_greedy_greys_out_the_sampling_settings(page):
    page.get_by_role("tab", name="Next word (GPT)").click()
    temperature = page.get_by_role("slider", name="range slider for Temperature")
    seed = page.get_by_label("Seed (empty = random)")
    expect(temperature).to_be_enabled()
    expect(seed).to_be_editable()
    page.get_by_label("Greedy (always the likeliest token)").check()
    expect(temperature).to_be_disabled()
    expect(seed).not_to_be_editable()


def test_step_mode_offers_no_piece_that_is_half_a_character():
    dist = NextTokens(CAUSAL, "I like", [], [Candidate("Ġtea", 0.5, 1, " tea"), Candidate("Ġâ", 0.2, 2, " \ufffd"),
                                               Candidate("Ġcoffee", 0.1, 3, " coffee")], 1.0)
    assert [index for _, index in _offer(dist)["choices"]] == [0, 2]  # the rank of each, to look it up again
