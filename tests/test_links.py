"""Links that restore a tab (and run it once), the Copy link button, ?lang=zh, presenter mode, and
hostile links that stay inert: in a real browser, outside network blocked."""
import re
from urllib.parse import parse_qs, quote, urlencode, urlparse

import gradio as gr
import pytest
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, ended_clean, open_tab, spelled
from demo.ui.links import Checked, accept, whole, whole_list, word

MODEL_RUN = 30_000  # ms
COST_RUN = 90_000  # ms: compressing or measuring both models takes seconds each (10 s a model for the pocket ones)
pytestmark = pytest.mark.browser


def test_a_compare_link_opens_that_tab_with_that_text_and_its_result(page, app_url, web_service):
    text = "The dog ran to the ___ ."
    page.goto(app_url + "?" + urlencode({"tab": "compare", "text": text, "top_k": 3, "masked": MASKED}))
    expect(page.get_by_role("tab", name="BERT vs GPT")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#compare-text textarea")).to_have_value(text)
    expect(page.locator("#compare-masked-plot .plotly .bars path")).to_have_count(3, timeout=MODEL_RUN)
    want = web_service.compare(text, 3)
    expect(page.locator("#compare-ranking-note")).to_contain_text(want.ranking[0].candidate.text.strip())
    expect(page.locator("#link-notice")).to_be_hidden()
    ended_clean(page, "link-compare")


def test_copy_link_writes_a_link_that_restores_the_tab(page, browser, app_url):
    page.get_by_role("tab", name="Next word (GPT)").click()
    page.locator("#generate-text textarea").fill("A bird sang in the")
    page.get_by_role("spinbutton", name="number input for Candidates shown (top-k)").fill("4")
    page.get_by_label("Greedy (always the likeliest token)").check()
    page.locator("#next-copy-link").click()
    expect(page).to_have_url(re.compile(r"[?]tab=next"))
    query = parse_qs(urlparse(page.url).query)
    assert query["text"] == ["A bird sang in the"] and query["top_k"] == ["4"] and query["greedy"] == ["1"]
    assert query["model"] == [CAUSAL]
    link = page.url
    again = page.context.new_page()
    again.goto(link)
    expect(again.get_by_role("tab", name="Next word (GPT)")).to_have_attribute("aria-selected", "true")
    expect(again.locator("#generate-text textarea")).to_have_value("A bird sang in the")
    expect(again.get_by_label("Greedy (always the likeliest token)")).to_be_checked()
    expect(again.locator("#generate-bars .plotly .bars path")).to_have_count(4, timeout=MODEL_RUN)


def test_hostile_links_stay_inert(page, app_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=window.__pwned=1> [MASK] <script>window.__pwned=2</script>"
    page.goto(app_url + "?" + urlencode({"tab": "fill", "text": hostile, "model": "../../etc/passwd",
                                         "top_k": "1e9", "<b>evil</b>": "<i>x</i>", "present": "javascript:1"}))
    expect(page.locator("#fill-mask-text textarea")).to_have_value(hostile)  # plain text in a text box
    notice = page.locator("#link-notice")
    expect(notice).to_contain_text("Ignored 4 setting(s)")
    expect(notice).to_contain_text("model, present, top_k")
    expect(notice.locator("b, i, img")).to_have_count(0)
    assert "evil" not in notice.inner_text()
    expect(page.locator("#fill-mask-sentence .fill-mask-sentence")).to_be_visible(timeout=MODEL_RUN)
    expect(page.locator("#fill-mask-sentence img, #fill-mask-sentence script")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert "presenting" not in (page.locator("html").get_attribute("class") or "")
    page.goto(app_url + "?tab=%3Cscript%3Ealert(1)%3C/script%3E&text=x")
    expect(page.locator("#link-notice")).to_contain_text("(tab)")
    expect(page.get_by_role("tab", name="Fill the blank (BERT)")).to_have_attribute("aria-selected", "true")
    assert dialogs == []


def test_lang_zh_shows_chinese_in_an_english_browser(page, app_url):
    assert page.evaluate("navigator.language") == "en-US"
    page.goto(app_url + "?lang=zh&tab=" + quote("learn"))
    expect(page.get_by_role("tab", name="填空（BERT）")).to_be_visible()
    expect(page.get_by_role("tab", name="两者有何不同")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="🔗 复制链接").first).to_be_attached()
    expect(page.locator("#learn-reading")).to_contain_text("读句子的两种方式")  # the lessons too
    expect(page.locator("#learn-tokens-lesson")).to_contain_text("每个汉字一个词元")


@pytest.mark.parametrize("path, name", [("?tab=tune", "Fine-tune"), ("zh?tab=tune", "微调")])
def test_a_tune_link_opens_the_fine_tune_tab_with_no_notice(page, app_url, path, name):
    page.goto(app_url + path)
    expect(page.get_by_role("tab", name=name, exact=True)).to_have_attribute("aria-selected", "true")
    expect(page.locator("#link-notice")).not_to_be_visible()  # the key is known: nothing was ignored


def test_presenter_mode_enlarges_the_type_and_folds_the_settings(page, app_url):
    def size(p):  # the prompt's type, and the intro's
        return [p.locator(css).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
                for css in ("#generate-text textarea", "main p")]

    page.get_by_role("tab", name="Next word (GPT)").click()
    normal = size(page)
    expect(page.get_by_label("Greedy (always the likeliest token)")).to_be_visible()
    page.goto(app_url + "?present=1&tab=next")
    expect(page.locator("html")).to_have_class("presenting")
    expect(page.get_by_label("Greedy (always the likeliest token)")).to_be_hidden()  # its accordion is closed
    assert all(big >= small * 1.2 for big, small in zip(size(page), normal))


@pytest.mark.parametrize("component, raw, value", [
    (gr.Slider(1, 50, step=1), "7", 7),
    (gr.Slider(0.05, 2.0, step=0.05), "1.5", 1.5),
    (gr.Checkbox(), "true", True),
    (gr.Dropdown(["a", "b"]), "b", "b"),
    (gr.Textbox(), "今天天气很好", "今天天气很好"),
])
def test_accepted_values(component, raw, value):
    assert accept(component, raw) == value


@pytest.mark.parametrize("component, raw", [
    (gr.Slider(1, 50, step=1), "51"), (gr.Slider(1, 50, step=1), "2.5"), (gr.Slider(1, 50, step=1), "nan"),
    (gr.Slider(1, 50, step=1), "abc"), (gr.Checkbox(), "maybe"), (gr.Dropdown(["a", "b"]), "c"),
    (gr.Textbox(), "x" * 4001), (gr.Textbox(), "bell\x07"),
])
def test_refused_values(component, raw):
    with pytest.raises(ValueError):
        accept(component, raw)


# -- the Inside and Cost tabs ---------------------------------------------------------------------

INSIDE = "the dog ran to the ___ ."


def test_an_inside_link_opens_that_tab_with_its_settings_and_a_result(page, app_url, web_service):
    page.goto(app_url + "?" + urlencode({"tab": "inside", "text": INSIDE, "masked": MASKED, "top_k": 3,
                                         "method": "gradient_x_input", "steps": 4, "by_word": 1,
                                         "masked_layer": 1, "masked_head": 1, "causal_head": 1}))
    expect(page.get_by_role("tab", name="Inside")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#inside-text textarea")).to_have_value(INSIDE)
    expect(page.get_by_label("gradient × input")).to_be_checked()
    expect(page.get_by_label("Whole words (pieces of a word summed)")).to_be_checked()
    # the run's result, at the link's layer and head (the steps' title names them)
    expect(page.locator("#inside-steps-masked .gtitle")).to_contain_text("layer 1, head 1", timeout=MODEL_RUN)
    expect(page.locator("#inside-steps-causal .gtitle")).to_contain_text("layer 0, head 1", timeout=MODEL_RUN)
    expect(page.locator("#inside-masked-layer input[type=number]")).to_have_value("1")
    want = web_service.lens(MASKED, INSIDE, 3, family="masked")
    heat = page.locator("#inside-lens-masked .heatmaplayer image, #inside-lens-masked .hm image").first
    expect(heat).to_be_attached(timeout=MODEL_RUN)
    expect(page.locator("#inside-knows")).to_contain_text(f"{MASKED} first ranks its answer")
    expect(page.locator("#inside-knows")).to_contain_text(want.final.text.strip() or want.final.token)
    expect(page.locator("#link-notice")).to_be_hidden()
    ended_clean(page, "link-inside")


def test_the_inside_copy_link_carries_every_setting(page):
    open_tab(page, "Inside")
    page.locator("#inside-text textarea").fill(INSIDE)
    page.get_by_label("gradient × input").check()
    page.locator("#inside-copy-link").click()
    expect(page).to_have_url(re.compile(r"[?]tab=inside"))
    query = parse_qs(urlparse(page.url).query)
    assert query["text"] == [INSIDE] and query["method"] == ["gradient_x_input"] and query["steps"] == ["32"]
    assert query["masked"] == [MASKED] and query["causal"] == [CAUSAL] and query["by_word"] == ["0"]
    assert {key: query[key] for key in ("masked_layer", "masked_head", "causal_layer", "causal_head")} == \
        {key: ["0"] for key in ("masked_layer", "masked_head", "causal_layer", "causal_head")}


def test_hostile_inside_links_leave_a_notice_and_nothing_runs_them(page, app_url, gpt_dir):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    hostile = "<img src=x onerror=window.__pwned=1>"
    page.goto(app_url + "?" + urlencode({"tab": "inside", "text": f"{hostile} the ___ .", "masked": "gpt-17",
                                         "causal": "<script>x</script>", "top_k": "999", "steps": "-1",
                                         "method": "eval", "target": hostile, "masked_layer": "1e9",
                                         "causal_head": "0.5"}))
    notice = page.locator("#link-notice")
    expect(notice).to_contain_text("Ignored 8 setting(s)")
    expect(notice).to_contain_text("causal, causal_head, masked, masked_layer, method, steps, target, top_k")
    expect(notice.locator("img, script")).to_have_count(0)
    expect(page.locator("#inside-text textarea")).to_have_value(f"{hostile} the ___ .")
    expect(page.get_by_role("radio", name="integrated gradients")).to_be_checked()  # the defaults stand
    expect(page.locator("#inside-attr-causal")).to_contain_text(spelled(gpt_dir, "onerror=window.__pwned=1>"),
                                                                timeout=MODEL_RUN)
    expect(page.locator("#inside-attr-causal img, #inside-attr-masked img")).to_have_count(0)
    assert page.evaluate("window.__pwned") is None and dialogs == []
    ended_clean(page, "link-inside-hostile")


def test_a_cost_link_runs_the_compression_lab_with_its_settings(page, app_url, web_service):
    page.goto(app_url + "?" + urlencode({"tab": "cost", "method": "prune", "amount": "0.3", "causal": CAUSAL}))
    expect(page.get_by_role("tab", name="Cost & compression")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#cost-amount input[type=number]")).to_have_value("0.3")
    for family, model in (("masked", MASKED), ("causal", CAUSAL)):
        card = page.locator(f"#cost-{family}-card .cost-card")
        expect(card).to_contain_text(f"{model}: prune 30%", timeout=COST_RUN)
        want = web_service.compress(model, "prune", 0.3)  # cached: the very variant the page shows
        expect(card).to_contain_text(f"{want.fidelity:.0%}")
    expect(page.locator("#cost-masked-summary")).to_be_empty()  # the measurement was not asked for
    expect(page.locator("#link-notice")).to_be_hidden()
    ended_clean(page, "link-cost")


def test_a_cost_link_with_lengths_measures_those_lengths(page, app_url, web_service):
    page.goto(app_url + "?" + urlencode({"tab": "cost", "lengths": "8 16,32", "batch_sizes": "2, 1"}))
    page.get_by_role("button", name="Lengths and batch sizes").click()  # the accordion
    expect(page.locator("#cost-lengths textarea, #cost-lengths input").first).to_have_value("8, 16, 32")
    expect(page.locator("#cost-batch-sizes textarea, #cost-batch-sizes input").first).to_have_value("1, 2")
    for family in ("masked", "causal"):
        expect(page.locator(f"#cost-{family}-summary")).to_contain_text("n = 2d + f", timeout=COST_RUN)
        expect(page.locator(f"#cost-{family}-latency .scatterlayer .trace").first).to_be_attached()
    want = web_service.cost(MASKED, [8, 16, 32], [1, 2])
    expect(page.locator("#cost-masked-summary")).to_contain_text(f"{want.crossover:,}")
    expect(page.locator("#cost-masked-card .cost-card")).to_have_count(0)  # only the part the link is about
    ended_clean(page, "link-cost-measure")


def test_hostile_cost_links_leave_a_notice_and_run_nothing(page, app_url, web_service):
    limit = min(web_service.spec(None, "masked").max_positions, web_service.spec(None, "causal").max_positions)
    page.goto(app_url + "?" + urlencode({"tab": "cost", "lengths": f"8, {limit + 1}", "batch_sizes": "1; rm -rf",
                                         "method": "<b>zip</b>", "amount": "1.5", "masked": "../../secret"}))
    notice = page.locator("#link-notice")
    expect(notice).to_contain_text("Ignored 5 setting(s)")
    expect(notice).to_contain_text("amount, batch_sizes, lengths, masked, method")
    expect(notice.locator("b")).to_have_count(0)
    expect(page.get_by_role("tab", name="Cost & compression")).to_have_attribute("aria-selected", "true")
    page.get_by_role("button", name="Lengths and batch sizes").click()  # the accordion
    expect(page.locator("#cost-lengths textarea, #cost-lengths input").first).to_have_value("")
    # nothing usable, so nothing runs: no toast, no card, no measurement
    expect(page.locator("#cost-masked-card .cost-card")).to_have_count(0)
    expect(page.locator("#cost-masked-summary")).to_be_empty()
    ended_clean(page, "link-cost-hostile")


@pytest.mark.parametrize("check, raw, value", [
    (whole(1, 50), "7", 7), (whole(1, 50), "50.0", 50), (whole(0, lambda query: int(query["n"])), "3", 3),
    (whole_list(1, 64, 12), "32 8,16", "8, 16, 32"), (whole_list(1, 16, 6), "2, 2, 1", "1, 2"),
    (word(40), " mat ", "mat"), (word(40), "猫", "猫"),
])
def test_link_checks_accept(check, raw, value):
    assert check(raw, {"n": "3"}) == value


@pytest.mark.parametrize("check, raw", [
    (whole(1, 50), "51"), (whole(1, 50), "0"), (whole(1, 50), "2.5"), (whole(1, 50), "inf"), (whole(1, 50), "x"),
    (whole(0, lambda query: int(query["n"])), "4"),
    (whole_list(1, 64, 12), "8, 65"), (whole_list(1, 64, 12), ""), (whole_list(1, 64, 2), "1 2 3"),
    (whole_list(1, 64, 12), "8; 16"), (word(40), "two words"), (word(40), "x" * 41), (word(40), "a\x00"),
    (word(40), ""),
])
def test_link_checks_refuse(check, raw):
    with pytest.raises(ValueError):
        check(raw, {"n": "3"})


def test_accept_uses_a_checked_fields_own_check_and_a_radios_choices():
    box = gr.Number(5, precision=0)
    assert accept(Checked(box, whole(1, 9)), "9", {}) == 9
    with pytest.raises(ValueError):
        accept(Checked(box, whole(1, 9)), "10", {})
    radio = gr.Radio([("integrated gradients", "integrated_gradients"), ("gradient × input", "gradient_x_input")])
    assert accept(radio, "gradient_x_input") == "gradient_x_input"
    with pytest.raises(ValueError):
        accept(radio, "gradient × input")  # the label is not a value
