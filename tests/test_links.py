"""Links that restore a tab (and run it once), the Copy link button, ?lang=zh, presenter mode, and
hostile links that stay inert: in a real browser, outside network blocked."""
import re
from urllib.parse import parse_qs, quote, urlencode, urlparse

import gradio as gr
import pytest
from playwright.sync_api import expect

from conftest import CAUSAL, MASKED, ended_clean
from demo.ui.links import accept

MODEL_RUN = 30_000  # ms
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
