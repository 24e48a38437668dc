"""Errors carry a text key: the web page shows them in the reader's language, while str(err) stays
the English sentence for the Python API."""
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from demo import inputs
from demo.errors import DemoError
from demo.text import en, say, zh
from demo.ui.common import shown

CASES = [
    lambda: inputs.clean_text("", 10),
    lambda: inputs.clean_text("x" * 11, 10),
    lambda: inputs.clean_text("a\x07", 10),
    lambda: inputs.with_mask_token("no blank", "[MASK]", 5),
    lambda: inputs.with_mask_token("a ___ b ___", "[MASK]", 5, exactly=1),
    lambda: inputs.with_mask_token("a ___ " * 6, "[MASK]", 5),
    lambda: inputs.with_mask_token("___", "[MASK]", 5),
    lambda: inputs.without_mask("the [MASK]"),
    lambda: inputs.check_int("top_k", 99, 1, 50),
    lambda: inputs.check_words(" , "),
]


@pytest.mark.parametrize("case", CASES)
def test_keyed_errors_read_the_same_in_english_and_have_chinese(case):
    with pytest.raises(DemoError) as info:
        case()
    err = info.value
    assert err.key in en.TEXT and err.key in zh.TEXT
    assert say(err.key, "en", **err.values) == str(err) == shown(err, "en")
    chinese = shown(err, "zh")
    assert chinese != str(err) and any("\u4e00" <= c <= "\u9fff" for c in chinese)


@pytest.mark.browser
def test_a_chinese_page_shows_the_message_in_chinese(page, app_url):
    page.goto(app_url + "?lang=zh&tab=fill")
    page.locator("#fill-mask-text textarea").fill("没有空白")
    page.locator("#fill-mask-run").click()
    expect(page.get_by_test_id("toast-body")).to_contain_text("没有找到空白")


@pytest.mark.browser
def test_a_chinese_page_gets_chart_titles_in_chinese(page, app_url):
    page.goto(app_url + "?lang=zh&tab=fill&text=" + quote("the cat sat on the [MASK] ."))
    expect(page.locator("#fill-mask-bars .plotly .gtitle")).to_contain_text("每个空白处最可能的词", timeout=30_000)
    expect(page.locator("#fill-mask-bars .plotly")).to_contain_text("第 1 个空白")
