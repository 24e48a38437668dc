"""bertviz's templates are edited only where the edit checks its text is there, and the model view
fits the frame on a laptop screen (it was cut off at the right edge: an SVG 970 px wide beside the
380 px head view)."""
import logging

import numpy as np
import pytest

from demo.results import Attention
from demo.viz import bertviz_frame as bv
from demo.viz import static_js
from demo.viz.export import bertviz_html
from test_viz_attention import SCRIPTS, make, softmax_rows


@pytest.mark.parametrize("edit, missing", [
    (lambda t: t.replace("PYTHON_PARAMS", "PARAMS"), "PYTHON_PARAMS"),
    (lambda t: bv._REQUIRE_CONFIG.sub("", t), "require.config({...});"),
    (lambda t: t.replace("requirejs(['jquery', 'd3']", "requirejs(['d3', 'jquery']"), "requirejs(['jquery', 'd3'], ...)"),
])
def test_a_changed_template_fails_loudly_and_names_what_is_missing(monkeypatch, caplog, edit, missing):
    changed = edit(static_js.bertviz_template("model_view"))
    monkeypatch.setattr(bv, "bertviz_template", lambda view: changed if view == "model_view" else
                        static_js.bertviz_template(view))
    with pytest.raises(bv.TemplateChanged) as caught:
        bv.document(make(["a", "b"]), SCRIPTS)
    assert f"bertviz's model_view.js is not the template" in str(caught.value) and missing in str(caught.value)
    with caplog.at_level(logging.ERROR, logger="demo.viz.bertviz_frame"):
        frame = bv.bertviz_frame(make(["a", "b"]), SCRIPTS)
    assert frame.html == "" and frame.notice.startswith("The interactive bertviz views are unavailable")
    assert "bertviz's views are left out" in caplog.text and "TemplateChanged" in caplog.text


def test_a_cdn_left_in_the_template_fails_loudly(monkeypatch):
    changed = static_js.bertviz_template("head_view") + "\n// https://cdnjs.cloudflare.com/x.js"
    monkeypatch.setattr(bv, "bertviz_template", lambda view: changed if view == "head_view" else
                        static_js.bertviz_template(view))
    with pytest.raises(bv.TemplateChanged, match="CDN left: True"):
        bv.document(make(["a", "b"]), SCRIPTS)


@pytest.mark.parametrize("width", [1280, 900])
def test_the_model_view_fits_the_frame_on_a_laptop(browser, width):
    """bert-base's shape (12 heads): the model view is drawn whole, within the frame's width, with no
    horizontal scrolling; its heads stay clickable. The download page holds the same document."""
    att = Attention("bert-base-shaped", [f"w{i}" for i in range(6)],
                    softmax_rows(np.random.default_rng(0), (12, 12, 6, 6), causal=False), causal=False)
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.set_content(bertviz_html([att]))
        frame = page.frames[1]
        frame.wait_for_selector("#bertviz-model svg rect", state="attached")
        fits = frame.evaluate("""() => {
            const svg = document.querySelector('#bertviz-model svg'), box = svg.getBoundingClientRect();
            return {right: box.right, width: box.width, room: document.documentElement.clientWidth,
                    scroll: document.documentElement.scrollWidth};
        }""")
        assert fits["right"] <= fits["room"] and fits["scroll"] <= fits["room"], fits
        assert fits["width"] > 400, fits  # scaled to the room there is, not to a thumbnail
        before = frame.evaluate("document.querySelector('#bertviz-model svg').getAttribute('height')")
        frame.locator("#bertviz-model svg rect").first.dispatch_event("click")  # opens one head's detail
        fits = frame.evaluate("""() => {
            const svg = document.querySelector('#bertviz-model svg');
            return {right: svg.getBoundingClientRect().right, room: document.documentElement.clientWidth,
                    box: svg.getAttribute('viewBox'), height: svg.getAttribute('height')};
        }""")
        assert fits["right"] <= fits["room"] and fits["box"].endswith(" " + fits["height"]), (before, fits)
    finally:
        page.close()
