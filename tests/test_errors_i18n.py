"""Errors carry a text key: the web page shows them in the reader's language, while str(err) stays
the English sentence for the Python API."""
import ast
import copy
import pickle
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from demo import inputs
from demo import errors
from demo.errors import DemoError, MaskError, TextTooLongError
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


DEMO = Path(__file__).resolve().parent.parent / "demo"
ERRORS = {name for name, value in vars(errors).items() if isinstance(value, type) and issubclass(value, DemoError)}


def test_an_error_is_raised_by_key_and_its_english_comes_from_the_table():
    err = TextTooLongError("error.too_long", count=1200, limit=1000)
    assert str(err) == "Text is 1,200 characters; the limit is 1,000." and err.key == "error.too_long"
    assert err.values == {"count": 1200, "limit": 1000}
    for again in (err.again(), pickle.loads(pickle.dumps(err)), copy.deepcopy(err)):
        assert type(again) is TextTooLongError and str(again) == str(err) and again.values == err.values
    assert str(MaskError("error.no_blank")) == "No blank found: write [MASK], <mask> or ___ where a word is missing."


def test_no_raise_site_writes_the_english_again():
    """Every DemoError made in demo/ names its key first and passes values only: no message of its own
    that could drift from demo/text/en (an f-string repeating the table, as 56 sites once did)."""
    sites, wrong = 0, []
    for path in DEMO.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ERRORS:
                sites += 1
                first = node.args[0] if node.args else None
                keys = [c.value for c in ast.walk(first) if isinstance(c, ast.Constant)] if first is not None else []
                named = isinstance(first, ast.Name) or (keys and all(str(k).startswith("error.") for k in keys))
                if len(node.args) != 1 or not named or any(k.arg == "key" for k in node.keywords):
                    wrong.append(f"{path.relative_to(DEMO.parent)}:{node.lineno}")
    assert sites > 50 and wrong == []


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
