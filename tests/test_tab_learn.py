"""The How they differ tab in a real browser: the lessons are there, the tokenizer comparison shows
each model's own pieces."""
import pytest
from playwright.sync_api import expect
from transformers import AutoTokenizer

from conftest import ended_clean, open_tab

WORD = "the cats playing"


@pytest.mark.browser
def test_a_person_compares_the_two_tokenizers(page, bert_dir, gpt_dir):
    open_tab(page, "How they differ")
    for heading in ["Two ways to read a sentence", "Three families of pre-training", "Relatives and descendants",
                    "Attention, and why long texts are expensive", "Making models smaller",
                    "Training curves of the bundled models"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("#learn-cost-plot")).to_have_count(0)  # measured in the Cost & compression tab instead
    # the bundled models' curves: training and held-out loss for each of the two
    expect(page.locator("#learn-training-plot .scatterlayer .trace")).to_have_count(4, timeout=30_000)  # busy CPU

    page.locator("#learn-token-text textarea").fill(WORD)
    page.get_by_role("button", name="Split into tokens").click()
    for folder, box in [(bert_dir, "#learn-tokens-masked"), (gpt_dir, "#learn-tokens-causal")]:
        pieces = AutoTokenizer.from_pretrained(folder).tokenize(WORD)  # the model's own tokenizer, not the app's call
        chips = page.locator(f"{box} .learn-chip")
        expect(chips).to_have_count(len(pieces))
        expect(chips).to_have_text(pieces)  # the marker is set apart, but each chip reads as the piece
        expect(page.locator(box)).to_contain_text(f"{len(pieces)} pieces")
    # WordPiece marks a continuation with ##, byte-level BPE a leading space with Ġ
    expect(page.locator("#learn-tokens-masked .learn-marker").first).to_have_text("##")
    expect(page.locator("#learn-tokens-causal .learn-marker").first).to_have_text("Ġ")
    ended_clean(page, "learn")


@pytest.mark.browser
def test_empty_text_gets_the_services_message(page):
    open_tab(page, "How they differ")
    page.locator("#learn-token-text textarea").fill("   ")
    page.get_by_role("button", name="Split into tokens").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("Text is empty")
