"""The How they differ tab in a real browser: the lessons are there, the tokenizer comparison shows
each model's own pieces."""
from pathlib import Path

import pytest
from playwright.sync_api import expect
from transformers import AutoTokenizer

from conftest import CAUSAL, MASKED, ON_POCKET, ended_clean, open_tab
from demo import pocket, startup
from demo.viz.bars import piece_label

# words each test model cuts into pieces (the bundled 16,384-piece WordPiece keeps "playing" whole)
WORD = "the cats were napping" if ON_POCKET else "the cats playing"


@pytest.mark.browser
def test_a_person_compares_the_two_tokenizers(page, bert_dir, gpt_dir):
    open_tab(page, "How they differ")
    for heading in ["Two ways to read a sentence", "Three families of pre-training", "Relatives and descendants",
                    "Attention, and why long texts are expensive", "Making models smaller",
                    "Training curves of the bundled models"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator("#learn-cost-plot")).to_have_count(0)  # measured in the Cost & compression tab instead
    # the bundled models' curves: training and held-out loss for each of the two or three in the report
    lines = 2 * len(pocket.curves()["models"])
    expect(page.locator("#learn-training-plot .scatterlayer .trace")).to_have_count(lines, timeout=30_000)  # busy CPU

    page.locator("#learn-token-text textarea").fill(WORD)
    page.get_by_role("button", name="Split into tokens").click()
    for folder, box in [(bert_dir, "#learn-tokens-masked"), (gpt_dir, "#learn-tokens-causal")]:
        pieces = AutoTokenizer.from_pretrained(folder).tokenize(WORD)  # the model's own tokenizer, not the app's call
        chips = page.locator(f"{box} .learn-chip")
        expect(chips).to_have_count(len(pieces))
        expect(chips).to_have_text([piece_label(p) for p in pieces])  # each chip as every chart draws the piece
        expect(page.locator(box)).to_contain_text(f"{len(pieces)} pieces")
    # WordPiece marks a continuation with ##, byte-level BPE a leading space with Ġ: drawn ␣, as on every chart
    expect(page.locator("#learn-tokens-masked .learn-marker").first).to_have_text("##")
    if ON_POCKET:  # pocket-gpt shares pocket-bert's WordPiece; byte-level BPE is the reference tokenizer's
        expect(page.locator("#learn-tokens-causal .learn-marker").first).to_have_text("##")
        expect(page.locator("#learn-tokens-reference .learn-marker").first).to_have_text("␣")
    else:
        expect(page.locator("#learn-tokens-causal .learn-marker").first).to_have_text("␣")
    ended_clean(page, "learn")


@pytest.mark.browser
def test_empty_text_gets_the_services_message(page):
    open_tab(page, "How they differ")
    page.locator("#learn-token-text textarea").fill("   ")
    page.get_by_role("button", name="Split into tokens").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("Text is empty")


@pytest.mark.browser
def test_the_three_families_run_on_one_sentence_with_or_without_an_encoder_decoder(page, web_service):
    """The shared app may have no encoder-decoder it can load (offline, no pocket-t5): then its card says
    so in one line and the other two still answer (tests/test_compare_seq2seq.py runs a tiny T5)."""
    open_tab(page, "How they differ")
    expect(page.get_by_role("heading", name="The three families on one sentence")).to_be_visible()
    text = "the cat sat on the ___ ."
    page.locator("#learn-three-text textarea").fill(text)
    page.get_by_role("button", name="Run all three").click()
    want = web_service.compare(text, 5)
    expect(page.locator('#learn-three [data-family="masked"] .families-answer')).to_have_text(
        [c.token.strip() for c in want.masked], timeout=60_000)  # three models on a busy CPU
    expect(page.locator('#learn-three [data-family="causal"] .families-model')).to_contain_text(CAUSAL)
    expect(page.locator('#learn-three [data-family="masked"] .families-model')).to_contain_text(MASKED)
    seq2seq = page.locator('#learn-three [data-family="seq2seq"]')
    # what is on disk decides the column, not whether the run managed: a pocket-t5 (or a cached hub model)
    # that fails to load must fail here. With neither, offline, the default cannot load: the column says so
    bundled = (Path(__file__).resolve().parents[1] / "assets" / "pocket" / "pocket-t5" / "config.json").is_file()
    on_disk = bundled or startup.cached(want.seq2seq_model)
    assert (want.infill is None) == (not on_disk)
    if not on_disk:
        expect(seq2seq.locator(".families-note")).to_have_text(
            f"No encoder-decoder can run here ({want.seq2seq_model}); the other two are unaffected.")
    else:
        expect(seq2seq.locator(".families-answer")).to_have_text([s.text for s in want.infill.blanks[0]])
    ended_clean(page, "learn-three-families-shared")
