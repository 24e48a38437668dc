"""Attention views as pure functions: heatmaps show the weights as given, bertviz frames are
sandboxed, offline and cannot be broken out of by a token."""
import html
import json
import re

import numpy as np
import pytest

from demo.results import Attention
from demo.viz import bertviz_frame as bv
from demo.viz import static_js
from demo.viz.heatmaps import MAX_TOKENS, grid_tokens, head_heatmap, layer_grid, plotly_text

HOSTILE = "</script><script>alert(1)</script>"
SCRIPTS = {"jquery": "gradio_api/file=/x/jquery.min.js", "d3": "gradio_api/file=/x/d3.v5.min.js"}


def softmax_rows(rng, shape, causal):
    scores = rng.normal(size=shape).astype(np.float32)
    if causal:
        scores = np.where(np.triu(np.ones(shape[-2:], dtype=bool), k=1), -np.inf, scores)
    weights = np.exp(scores - scores.max(-1, keepdims=True))
    return (weights / weights.sum(-1, keepdims=True)).astype(np.float32)


def make(tokens, causal=False, layers=2, heads=2, seed=0, special=()):
    """`special`: the positions the tokenizer would call special (the service reads all_special_ids)."""
    weights = softmax_rows(np.random.default_rng(seed), (layers, heads, len(tokens), len(tokens)), causal)
    return Attention("tiny", list(tokens), weights, causal, [i in special for i in range(len(tokens))])


def test_head_heatmap_shows_the_weights_of_the_chosen_head():
    att = make(["[CLS]", "the", "cat", "the", "[SEP]"])
    fig = head_heatmap(att, layer=1, head=0)
    np.testing.assert_array_equal(np.asarray(fig.data[0].z), att.weights[1, 0])
    # repeated words keep their own rows: numeric positions, tokens as labels
    assert list(fig.layout.xaxis.tickvals) == list(range(5))
    assert list(fig.layout.yaxis.ticktext) == ["[CLS]", "the", "cat", "the", "[SEP]"]


def test_causal_heatmap_is_zero_above_the_diagonal():
    att = make(["The", "Ġcat", "Ġsat", "Ġdown"], causal=True)
    z = np.asarray(head_heatmap(att, 0, 1).data[0].z)
    np.testing.assert_array_equal(z, att.weights[0, 1])
    assert np.triu(z, k=1).max() == 0.0 and z[np.tril_indices(4)].min() > 0.0
    assert "causal" in head_heatmap(att, 0, 1).layout.title.text


def test_grid_has_one_heatmap_per_head_with_their_weights():
    att = make(list("abcdef"), layers=3, heads=4)
    fig = layer_grid(att, layer=2)
    assert len(fig.data) == 4
    for head, trace in enumerate(fig.data):
        np.testing.assert_array_equal(np.asarray(trace.z), att.weights[2, head])


def test_long_texts_are_capped_in_the_plots():
    att = make([f"t{i}" for i in range(MAX_TOKENS + 10)], layers=1, heads=1)
    assert np.asarray(head_heatmap(att, 0, 0).data[0].z).shape == (MAX_TOKENS, MAX_TOKENS)
    assert grid_tokens(heads=12, tokens=1000) < 1000


@pytest.mark.parametrize("token", ["<b>bold</b>", '<a href="javascript:alert(1)">x</a>', "$x^2$", "&lt;"])
def test_plotly_labels_are_text_not_markup(token):
    label = plotly_text(token)
    assert "<" not in label and ">" not in label and "$" not in label
    # Plotly turns entities back into the characters it draws
    assert html.unescape(label) == token
    fig = head_heatmap(make([token, "x"]), 0, 0)
    assert "<" not in fig.layout.yaxis.ticktext[0]


def srcdoc(frame_html: str) -> str:
    match = re.search(r'srcdoc="([^"]*)"', frame_html)
    assert match, frame_html[:200]
    return html.unescape(match.group(1))


@pytest.mark.parametrize("view", ["head_view", "model_view"])
def test_bertviz_still_ships_the_template_the_app_fills_in(view):
    """The app fills in bertviz's own view templates (demo/viz/bertviz_frame.py): when bertviz moves
    them or changes the three things we rely on, this fails and says which, instead of skipping."""
    template = static_js.bertviz_template(view)
    assert template is not None, (f"bertviz's {view}.js was not found next to the bertviz package: bertviz is "
                                  f"missing or moved its templates; demo/viz/static_js.py must follow")
    assert "PYTHON_PARAMS" in template, f"bertviz's {view}.js no longer takes its parameters as PYTHON_PARAMS"
    assert bv._REQUIRE_CONFIG.search(template), f"bertviz's {view}.js no longer starts with require.config(...)"
    assert "requirejs(['jquery', 'd3']" in template, f"bertviz's {view}.js no longer asks require.js for jquery, d3"


def test_bertviz_frame_is_sandboxed_offline_and_escaped():
    frame = bv.bertviz_frame(make(["[CLS]", HOSTILE, "&amp;", "[SEP]"]), SCRIPTS)
    assert frame.html.startswith("<iframe") and frame.html.count("<iframe") == 1
    assert 'sandbox="allow-scripts"' in frame.html and "allow-same-origin" not in frame.html
    # the whole document sits in one attribute: no raw quote or tag leaks out of it
    assert HOSTILE not in frame.html and "<script" not in frame.html.split("srcdoc=", 1)[1]
    doc = srcdoc(frame.html)
    assert "cdnjs" not in doc and "require.config(" not in doc
    assert re.findall(r'<script src="([^"]*)"', doc) == list(SCRIPTS.values())
    assert not re.search(r'src="(https?:)?//', doc)
    # the token is inside JSON and cannot close its <script>: only the template's own tags remain
    assert HOSTILE not in doc and doc.count("</script>") == doc.count("<script")
    data = re.search(r"var BERTVIZ_ATTENTION = (.*?);</script>", doc).group(1)
    assert json.loads(data)[0]["left_text"][1] == HOSTILE


def test_bertviz_weights_are_rounded_and_long_texts_capped():
    att = make([f"t{i}" for i in range(100)], layers=12, heads=12)
    doc, notice = bv.document(att, SCRIPTS)
    shown = 45  # isqrt of the weight budget over 12 × 12 heads
    assert bv.shown_tokens(12, 12, 100) == shown and f"first {shown} of 100 tokens" in notice
    data = json.loads(re.search(r"var BERTVIZ_ATTENTION = (.*?);</script>", doc).group(1))[0]
    assert len(data["left_text"]) == shown and len(data["attn"]) == 12
    values = np.array(data["attn"])
    np.testing.assert_allclose(values, att.weights[:, :, :shown, :shown], atol=5.1e-4)
    assert not re.search(r"\d\.\d{4}", doc)  # three decimals at most: 0.123
    assert len(doc) < 4_000_000
    assert bv.document(make(["a", "b"]), SCRIPTS)[1] == ""


def test_script_json_cannot_end_a_script_or_open_a_comment():
    text = bv.script_json({"t": ["</script>", "<!--", "\u2028", "&"]})
    assert "<" not in text and ">" not in text and "\u2028" not in text
    assert json.loads(text) == {"t": ["</script>", "<!--", "\u2028", "&"]}


def test_missing_javascript_falls_back_to_a_notice():
    frame = bv.bertviz_frame(make(["a", "b"]), None)
    assert frame.html == "" and frame.notice == (
        "The interactive bertviz views are unavailable on this server (their JavaScript files are not installed); "
        "the heatmaps show the same weights.")
    assert bv.bertviz_frame(make(["a", "b"]), None, "zh").notice == (
        "本服务器上无法使用 bertviz 交互视图（没有安装它们需要的 JavaScript 文件）；热力图显示的是同样的权重。")


def test_the_views_headings_and_title_are_in_the_readers_language():
    frame = bv.bertviz_frame(make(["a", "b"]), SCRIPTS, "zh")
    doc = html.unescape(re.search(r'srcdoc="([^"]*)"', frame.html).group(1))
    assert 'title="tiny 的 bertviz 注意力视图"' in frame.html
    assert "<h4>tiny：头视图</h4>" in doc and "<h4>tiny：模型视图（点击一个格子）</h4>" in doc and "层： <select" in doc
    english = html.unescape(re.search(r'srcdoc="([^"]*)"', bv.bertviz_frame(make(["a", "b"]), SCRIPTS).html).group(1))
    assert "<h4>tiny: head view</h4>" in english and "Layer: <select" in english


def test_offline_scripts_are_installed_files():
    found = static_js.scripts()
    assert found is not None, "mpld3 and xstatic-jquery provide d3 v5 and jQuery"
    assert "v5.7.0" in found["d3"].read_text()[:200]
    assert found["jquery"].name == "jquery.min.js" and found["jquery"].is_file()
