"""One page per language: English at `/`, Chinese at `/zh`, each in its language from the first paint;
`?lang=zh` and a Chinese browser are sent to `/zh` by the server. Presenter mode keeps the offline notice;
at 1280 px every tab is in sight (no "…" menu)."""
import re
from urllib.parse import quote, urlsplit

import pytest
import requests
from playwright.sync_api import expect

from conftest import make_web_service
from demo.text import Said, en, zh
from demo.ui.pages import language_of_path, page_switch, wanted

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tab_keys(app) -> list[str]:
    """The text keys of the English page's tabs, in their order (a tab added later is checked too)."""
    import gradio as gr

    keys = {text: key for key, text in en.TEXT.items() if key.startswith("tab.")}
    labels = [block.label for block in app.blocks.values() if isinstance(block, gr.Tab) and block.page == ""]
    assert len(labels) >= 7 and all(label in keys for label in labels)
    return [keys[label] for label in labels]


# -- which page a request should see (no browser) ---------------------------------------------------

@pytest.mark.parametrize("page, query, browser, expected", [
    ("en", "lang=zh&tab=compare&text=a+b", "en-US", ("zh", "tab=compare&text=a+b")),  # lang=zh is what /zh is
    ("en", "lang=zh-CN", "en-US", ("zh", "")),
    ("en", "tab=fill", "zh-CN,zh;q=0.9,en;q=0.8", ("zh", "tab=fill")),  # a Chinese browser
    ("en", "lang=en", "zh-CN,zh;q=0.9", None),  # ?lang=en keeps a Chinese browser on the English page
    ("en", "", "en-US,en;q=0.9", None),
    ("en", "lang=fr", "en-US", None),  # an unknown language: the page stays as it is
    ("zh", "lang=en&tab=learn", "zh-CN", ("en", "lang=en&tab=learn")),
    ("zh", "tab=learn", "en-US", None),  # a link to /zh stays Chinese in an English browser
])
def test_which_page_a_link_and_a_browser_lead_to(page, query, browser, expected):
    assert wanted(page, query, browser) == expected


def test_the_language_of_a_pages_path():
    assert [language_of_path(p) for p in ("/", "", "/zh", "/zh/", "/prefix/zh", "/zhx", "/gradio_api/queue/join")] \
        == ["en", "en", "zh", "zh", "zh", "en", "en"]


def test_each_page_links_to_the_other_in_its_own_words():
    assert page_switch("en") == '🌐 Also in <a href="zh" hreflang="zh">中文 (Chinese)</a>'
    assert page_switch("zh") == '🌐 另有<a href="./?lang=en" hreflang="en">English（英文）</a>'


# -- the server's answers (HTTP, no browser) --------------------------------------------------------

def fetch(app_url: str, path: str, language: str = "en-US") -> requests.Response:
    return requests.get(app_url + path, headers={"Accept-Language": language}, allow_redirects=False, timeout=30)


def test_the_server_redirects_to_the_readers_page(app_url):
    moved = fetch(app_url, "?lang=zh&tab=compare&text=" + quote("the [MASK] sat"))
    assert moved.status_code == 302 and moved.headers["location"] == "zh?tab=compare&text=the+%5BMASK%5D+sat"
    assert fetch(app_url, "", "zh-CN,zh;q=0.9").headers["location"] == "zh"
    assert fetch(app_url, "?lang=en", "zh-CN,zh;q=0.9").status_code == 200
    assert fetch(app_url, "zh?lang=en&tab=learn").headers["location"] == "./?lang=en&tab=learn"
    assert fetch(app_url, "zh").status_code == 200
    assert fetch(app_url, "").status_code == 200


def test_the_api_names_are_the_english_pages_and_unique(app):
    public = [fn for fn in app.fns.values() if fn.api_visibility != "private"]
    assert all(fn.page == "" for fn in public)  # the Chinese page repeats no endpoint in the API
    names = [fn.api_name for fn in public]
    assert len(names) == len(set(names)) and {"fill_mask", "compare", "score_words"} <= set(names)


def test_no_script_patches_the_browsers_language():
    from demo.ui.app import launch_options

    head = launch_options()["head"]
    assert "navigator" not in head and "changeLocale" not in head and "i18n" not in launch_options()


# -- the Chinese page in a browser --------------------------------------------------------------------

# records every text a tab button ever shows, from the first one drawn (before any load event)
TAB_TEXTS = """
window.__tabTexts = [];
new MutationObserver(() => {
  document.querySelectorAll('[role="tab"]').forEach((tab) => {
    const text = tab.textContent.trim();
    if (text && !window.__tabTexts.includes(text)) window.__tabTexts.push(text);
  });
}).observe(document, {subtree: true, childList: true, characterData: true});
"""


def english_only_text() -> list[str]:
    """English labels and sentences whose Chinese differs: none may be on the Chinese page."""
    return [text for key, text in en.TEXT.items()
            if len(text) >= 12 and "{" not in text and zh.TEXT.get(key, text) != text and "\n" not in text]


def shows_chinese_throughout(page, app_url, tab_keys) -> None:
    expect(page.get_by_role("tab", name=zh.TEXT["tab.fill"])).to_have_attribute("aria-selected", "true")
    assert urlsplit(page.url).path == urlsplit(app_url).path + "zh"
    # the tab labels were Chinese from the first paint: no English label was ever drawn
    assert sorted(page.evaluate("window.__tabTexts")) == sorted(zh.TEXT[key] for key in tab_keys)
    english = english_only_text()
    for key in tab_keys:
        page.get_by_role("tab", name=zh.TEXT[key], exact=True).click()
        panel = page.locator('[role="tabpanel"]:visible')
        expect(panel).to_have_count(1)
        text = panel.inner_text()
        assert len(HAN.findall(text)) >= 10, (key, text[:200])
        assert [e for e in english if e in text] == [], key
    assert [e for e in english if e in page.locator("main").inner_text()] == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["zh", "?lang=zh"])
def test_the_chinese_page_reads_in_chinese_from_its_first_paint(browser, app_url, tab_keys, path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})  # an English browser
    context.add_init_script(TAB_TEXTS)
    page = context.new_page()
    try:
        assert page.evaluate("navigator.language") == "en-US"
        page.goto(app_url + path)
        shows_chinese_throughout(page, app_url, tab_keys)
        assert page.evaluate("navigator.language") == "en-US"  # nothing redefined it
    finally:
        context.close()


@pytest.mark.browser
def test_a_chinese_browser_gets_the_chinese_page_and_may_choose_english(browser, app_url, tab_keys):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    context.add_init_script(TAB_TEXTS)
    page = context.new_page()
    try:
        page.goto(app_url)
        shows_chinese_throughout(page, app_url, tab_keys)
        page.get_by_role("link", name="English（英文）").click()
        expect(page.get_by_role("tab", name=en.TEXT["tab.fill"])).to_have_attribute("aria-selected", "true")
        assert urlsplit(page.url).query == "lang=en"
    finally:
        context.close()


@pytest.mark.browser
def test_a_link_to_a_tab_works_on_the_chinese_page(page, app_url):
    page.goto(app_url + "?lang=zh&tab=fill&text=" + quote("the cat sat on the [MASK] ."))
    expect(page.get_by_role("tab", name=zh.TEXT["tab.fill"])).to_have_attribute("aria-selected", "true")
    expect(page.locator("#fill-mask-text textarea")).to_have_value("the cat sat on the [MASK] .")
    # the server-built parts follow the page: the hover of the filled-in word, the chart's title
    expect(page.locator("#fill-mask-sentence mark.fill-mask-word")).to_have_attribute(
        "title", re.compile(r"^第 1 个空白："), timeout=60_000)
    page.goto(app_url + "zh?tab=learn")
    expect(page.get_by_role("tab", name=zh.TEXT["tab.learn"])).to_have_attribute("aria-selected", "true")


# -- presenter mode and a 1280 px screen --------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_url(bert_dir, gpt_dir):
    """An app that fell back to the bundled models, as offline: its pages carry the notice."""
    from demo.ui.app import build_app, launch_options

    service = make_web_service(bert_dir, gpt_dir)
    service.default("masked")
    service.notice = Said("notice.pocket_offline")
    app = build_app(service)
    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True,
                           **launch_options())
    try:
        yield url.rstrip("/") + "/"
    finally:
        app.close()


@pytest.mark.browser
@pytest.mark.parametrize("path, notice", [("?present=1", en.TEXT["notice.pocket_offline"]),
                                          ("zh?present=1", zh.TEXT["notice.pocket_offline"])])
def test_presenter_mode_keeps_the_offline_notice(browser, offline_url, path, notice):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(offline_url + path)
        expect(page.locator("html")).to_have_class("presenting")
        expect(page.locator("#offline-notice")).to_be_visible()
        # the notice is Markdown: `python -m demo.prepare` shows as code, without its backticks
        expect(page.locator("#offline-notice")).to_contain_text(notice.replace("`", ""))
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path, lang", [("", "en"), ("?present=1", "en"), ("zh", "zh"), ("zh?present=1", "zh")])
def test_at_1280_px_every_tab_is_in_sight(browser, app_url, tab_keys, path, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(app_url + path)
        table = {"en": en.TEXT, "zh": zh.TEXT}[lang]
        for key in tab_keys:
            expect(page.get_by_role("tab", name=table[key], exact=True)).to_be_visible()
        expect(page.get_by_role("button", name="More tabs")).to_be_hidden()  # Gradio's "…" menu of tabs that do not fit
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280  # nothing runs past the screen's right edge
    finally:
        context.close()
