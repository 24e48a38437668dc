"""What a new user hit on the page (issue 21's list), each seen in a real browser with the network blocked."""
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from conftest import ON_POCKET, POSITIONS, open_tab
from test_stop import slow_steps  # noqa: F401  (a fixture: the model slowed, one pause per token)
from demo.viz import comparison as view

pytestmark = pytest.mark.browser


def grid_rows(page, label):
    return page.get_by_role("grid", name=label).get_by_role("row")


def fits(page, selector: str) -> bool:
    """Nothing inside the block reaches past its right edge (no clipped column)."""
    return page.evaluate("""(sel) => { const box = document.querySelector(sel).getBoundingClientRect();
        return [...document.querySelectorAll(sel + ' th, ' + sel + ' td')]
            .every(c => c.getBoundingClientRect().right <= box.right + 1); }""", selector)


def test_compare_examples_have_plain_headers_and_both_columns_in_view(page):
    open_tab(page, "BERT vs GPT")
    header = page.locator("th", has_text="New words after the blank")
    expect(header).to_be_visible()
    expect(page.locator("th", has_text="__i18n__")).to_have_count(0)
    table = header.locator("xpath=ancestor::table[1]")
    assert page.evaluate("""(table) => { const box = table.parentElement.getBoundingClientRect();
        return [...table.querySelectorAll('th, td')].every(c => c.getBoundingClientRect().right <= box.right + 1); }""",
                         table.element_handle())


def test_the_before_after_tables_follow_a_new_sentence(page, web_service):
    open_tab(page, "BERT vs GPT")
    page.locator("#compare-text textarea").fill("the cat sat on the ___ .")
    page.locator("#compare-new-right textarea").fill("and the bird sang .")
    page.get_by_role("button", name="Run again with these words").click()
    expect(grid_rows(page, "BERT before and after")).to_have_count(1 + 5, timeout=60_000)

    text, right = "a big red dog ran to the ___ .", "house ."  # the blank elsewhere: BERT answers anew
    page.locator("#compare-text textarea").fill(text)
    page.locator("#compare-new-right textarea").fill(right)
    page.get_by_role("button", name="Compare", exact=True).click()
    test = web_service.change_right(text, right)
    want = view.shift_rows(test.before.masked, test.after.masked)
    rows = grid_rows(page, "BERT before and after")
    for i in (1, 2, 3):
        cells = rows.nth(i).get_by_role("gridcell")
        expect(cells.nth(1)).to_have_text(str(want[i - 1][1]), timeout=60_000)
        expect(cells.nth(2)).to_have_text(str(want[i - 1][2]))


def test_a_link_with_right_fills_the_before_after_tables(page, app_url):
    page.goto(app_url + "?" + urlencode({"tab": "compare", "text": "the cat sat on the ___ .",
                                         "right": "and the bird sang ."}))
    expect(page.locator("#compare-new-right textarea")).to_have_value("and the bird sang .", timeout=30_000)
    expect(grid_rows(page, "BERT before and after")).to_have_count(1 + 5, timeout=60_000)
    expect(grid_rows(page, "GPT before and after")).to_have_count(1 + 5)
    expect(page.locator("#compare-verdict")).to_contain_text("GPT: identical")


def test_the_facts_table_fits_its_block(page):
    open_tab(page, "BERT vs GPT")
    page.get_by_role("button", name="Compare", exact=True).click()
    facts = page.get_by_role("grid", name="Design, then measured on this server")
    expect(facts.get_by_role("row").filter(has_text="Parameters")).to_have_count(1, timeout=60_000)
    assert fits(page, "#compare-facts")


def test_the_no_blank_message_shows_whole_in_its_toast(page):
    open_tab(page, "Fill the blank (BERT)")
    page.locator("#fill-mask-text textarea").fill("the cat sat on the mat .")
    page.locator("#fill-mask-run").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text(
        "No blank found: write [MASK], <mask> or ___ where a word is missing.", timeout=30_000)


def test_max_new_tokens_is_bounded_by_the_models_positions(page):
    open_tab(page, "Next word (GPT)")
    expect(page.locator("#generate-max-new-tokens input[type=range]")).to_have_attribute("max", str(POSITIONS - 1))


def test_an_error_leaves_no_old_text_under_it(page):
    open_tab(page, "Next word (GPT)")
    page.locator("#generate-text textarea").fill("The cat")
    page.get_by_role("spinbutton", name="number input for Max new tokens").fill("5")
    page.get_by_role("button", name="Generate", exact=True).click()
    plain = page.locator("#generate-plain textarea")
    expect(plain).not_to_have_value("", timeout=30_000)
    page.locator("#generate-text textarea").fill("   ")
    page.get_by_role("button", name="Generate", exact=True).click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("empty", timeout=30_000)
    expect(plain).to_have_value("")
    expect(page.locator("#generate-output .generate-token")).to_have_count(0)


def test_stop_says_the_text_was_stopped(page, slow_steps):  # noqa: F811
    open_tab(page, "Next word (GPT)")
    page.locator("#generate-text textarea").fill("The cat")
    page.get_by_role("spinbutton", name="number input for Max new tokens").fill("40")
    page.get_by_label("Greedy (always the likeliest token)").check()
    page.get_by_role("button", name="Generate", exact=True).click()
    expect(page.locator("#generate-plain textarea")).not_to_have_value("", timeout=30_000)
    page.locator("#generate-stop").click()
    expect(page.locator("#generate-status")).to_contain_text("Stopped", timeout=10_000)


def below(page, selector: str, title: str) -> bool:
    """The figure's title starts below the block label Gradio draws over the plot."""
    return page.evaluate("""([sel, title]) => {
        const label = document.querySelector(sel + ' [data-testid=block-label]').getBoundingClientRect();
        const text = document.querySelector(sel + ' ' + title).getBoundingClientRect();
        return text.top >= label.bottom - 1 || text.left >= label.right; }""", [selector, title])


def test_attention_titles_show_below_the_block_labels(page):
    open_tab(page, "Attention")
    page.locator("#attention-text textarea").fill("the cat sat on the mat .")
    page.get_by_role("button", name="Show attention").click()
    for plot in ("#attention-masked", "#attention-causal", "#attention-masked-grid", "#attention-causal-grid"):
        expect(page.locator(f"{plot} .gtitle")).to_be_attached(timeout=30_000)
        assert below(page, plot, ".gtitle"), plot


def test_distilled_without_a_twin_says_so_and_keeps_the_chart(page):
    open_tab(page, "Cost & compression")
    page.get_by_role("button", name="Compress both").click()  # int8, both models
    traces = page.locator("#cost-variants .scatterlayer .trace")
    expect(traces).to_have_count(2, timeout=120_000)
    expect(page.locator("#cost-causal-card .cost-card")).to_be_attached(timeout=120_000)
    page.locator("#cost-method input").click()
    page.get_by_role("option", name="distilled").click()
    page.get_by_role("button", name="Compress both").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("has no distilled twin", timeout=30_000)
    expect(traces).to_have_count(2)
    expect(page.locator("#cost-variants .error, #cost-variants .error-text")).to_have_count(0)
    expect(page.locator("#cost-variants [data-testid=status-tracker]")).not_to_contain_text("Error")


def test_how_they_differ_draws_a_space_as_every_chart_does(page):
    open_tab(page, "How they differ")
    page.locator("#learn-token-text textarea").fill("the cat sat on the mat")
    page.locator("#learn-split").click()
    # a byte-level BPE: GPT-2's own, or (pocket-gpt shares pocket-bert's WordPiece) the reference tokenizer's
    bpe = page.locator("#learn-tokens-reference" if ON_POCKET else "#learn-tokens-causal")
    expect(bpe.locator(".learn-chip").first).to_be_attached(timeout=30_000)
    expect(bpe).to_contain_text("␣cat")
    expect(bpe).not_to_contain_text("Ġ")
