"""Export: a chart as PNG (Plotly's camera), a result as JSON, the bertviz views as one HTML file
that draws with every outside request blocked."""
import json
from dataclasses import asdict

import pytest
from playwright.sync_api import expect

from conftest import open_tab
from demo.results import Attention
from demo.viz.export import bertviz_html, result_json

MODEL_RUN = 30_000  # ms
pytestmark = pytest.mark.browser
BLANK = "the cat sat on the [MASK] ."


def _fill(page):
    open_tab(page, "Fill the blank (BERT)")
    page.locator("#fill-mask-text textarea").fill(BLANK)
    page.get_by_role("button", name="Fill the blanks").click()
    expect(page.locator("#fill-mask-bars .plotly .bars path")).to_have_count(5, timeout=MODEL_RUN)


def test_a_chart_downloads_as_png(page):
    _fill(page)
    page.locator("#fill-mask-bars .plotly").hover()
    camera = page.locator('#fill-mask-bars .modebar-btn[data-title="Download plot as a PNG"]')
    expect(camera).to_be_attached()
    with page.expect_download(timeout=MODEL_RUN) as info:
        camera.click()
    assert open(info.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_a_result_downloads_as_json(page, web_service):
    _fill(page)
    button = page.locator("#fill-mask-json")
    expect(button).to_be_enabled(timeout=MODEL_RUN)
    with page.expect_download(timeout=MODEL_RUN) as info:
        button.click()
    got = json.loads(open(info.value.path(), encoding="utf-8").read())
    want = asdict(web_service.fill_mask(None, BLANK, 5))
    assert [[c["id"] for c in row] for row in got["masks"]] == [[c["id"] for c in row] for row in want["masks"]]
    assert got["masks"][0][0]["prob"] == pytest.approx(want["masks"][0][0]["prob"], abs=1e-6)
    assert got["model"] == want["model"] and got["tokens"] == want["tokens"]


def test_the_bertviz_views_download_as_one_offline_html_file(page, browser):
    open_tab(page, "Attention")
    page.locator("#attention-text textarea").fill("The cat sat on the mat.")
    page.get_by_role("button", name="Show attention").click()
    button = page.locator("#attention-bertviz-html")
    expect(button).to_be_enabled(timeout=MODEL_RUN)
    with page.expect_download(timeout=MODEL_RUN) as info:
        button.click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert "cdnjs" not in text and "<script src=" not in text
    offline = browser.new_context()
    fetched = []
    offline.route("**/*", lambda route: (fetched.append(route.request.url), route.abort()))
    viewer = offline.new_page()
    viewer.set_content(text)
    frames = viewer.locator("iframe")
    expect(frames).to_have_count(2)
    for i in range(2):  # each model's head view drew its token columns
        expect(viewer.frame_locator("iframe").nth(i).locator("#bertviz-head svg text").first).to_be_attached()
    assert fetched == []
    offline.close()


def test_json_writes_numpy_arrays_as_lists():
    import numpy as np

    att = Attention("m", ["a", "b"], np.eye(2, dtype=np.float32)[None, None], causal=True)
    assert json.loads(result_json(att))["weights"] == [[[[1.0, 0.0], [0.0, 1.0]]]]
    assert json.loads(result_json([att, att]))[1]["causal"] is True
    page = bertviz_html([att])
    assert "<title>Attention (bertviz)</title>" in page and "<title>注意力（bertviz）</title>" in bertviz_html([att], "zh")
    assert page.count("<iframe") == 1 and "&lt;/script" not in page.split("srcdoc")[0]
