"""Hiding special tokens renormalises each row over what is left; the sink share is each head's
mean attention on the first token; the head grid names it per head; long texts stay within the
heatmap caps, and bertviz's cap is named in its message."""
import numpy as np
import pytest

from demo.results import Attention
from demo.viz import bertviz_frame as bv
from demo.viz.attention_sink import kept_positions, renormalise, sink_share, without_special
from demo.viz.heatmaps import HOVER_NAMES, MAX_TOKENS, head_heatmap, layer_grid
from test_viz_attention import make, softmax_rows

TOKENS = ["[CLS]", "the", "cat", "[MASK]", "[SEP]"]
SPECIAL = (0, 4)  # [CLS] and [SEP]: the service reads them from the tokenizer (tests/test_special_tokens.py)


def test_hiding_special_tokens_keeps_the_rest_and_rows_sum_to_one():
    att = make(TOKENS, layers=2, heads=3, special=SPECIAL)
    tokens, weights = without_special(att.tokens, att.weights, att.special)
    assert tokens == ["the", "cat", "[MASK]"]
    assert weights.shape == (2, 3, 3, 3)
    np.testing.assert_allclose(weights.sum(-1), 1.0, rtol=1e-6)
    # each kept weight is the original divided by what the row kept
    kept = att.weights[1, 2][np.ix_([1, 2, 3], [1, 2, 3])]
    np.testing.assert_allclose(weights[1, 2], kept / kept.sum(-1, keepdims=True), rtol=1e-6)


def test_causal_rows_stay_causal_and_a_row_left_empty_stays_zero():
    att = make(["<|endoftext|>", "Ġa", "Ġcat"], causal=True, layers=1, heads=1, special=(0,))
    tokens, weights = without_special(att.tokens, att.weights, att.special)
    assert tokens == ["Ġa", "Ġcat"]
    assert weights[0, 0, 0, 1] == 0.0 and weights[0, 0, 0, 0] == pytest.approx(1.0)
    zero = renormalise(np.array([[1.0, 0.0], [0.5, 0.5]], dtype=np.float32), [1])
    assert zero.tolist() == [[0.5 / 0.5]] and renormalise(np.zeros((2, 2), np.float32), [1]).tolist() == [[0.0]]


def test_nothing_to_hide_returns_the_weights_unchanged():
    att = make(["the", "Ġcat", "Ġsat"], causal=True)
    tokens, weights = without_special(att.tokens, att.weights, att.special)
    assert weights is att.weights and tokens == att.tokens
    assert kept_positions([True, True], 2) == [0, 1]  # only specials: nothing is hidden
    assert kept_positions([], 3) == [0, 1, 2]  # none known (a result made without them): nothing is hidden


def test_sink_share_is_the_mean_attention_on_the_first_token_past_query_zero():
    w = np.array([[1.0, 0.0, 0.0], [0.9, 0.1, 0.0], [0.5, 0.25, 0.25]], dtype=np.float32)  # one causal head
    assert sink_share(w) == pytest.approx((0.9 + 0.5) / 2)
    many = softmax_rows(np.random.default_rng(1), (2, 4, 6, 6), causal=False)
    np.testing.assert_allclose(sink_share(many), many[:, :, 1:, 0].mean(-1), rtol=1e-6)


def test_head_grid_names_every_heads_sink_and_the_switch_redraws_without_specials():
    att = make(TOKENS, layers=2, heads=4, special=SPECIAL)
    fig = layer_grid(att, layer=1)
    sinks = att.weights[1, :, 1:, 0].mean(-1)
    assert [a.text for a in fig.layout.annotations] == [f"head {h} · sink {s:.0%}" for h, s in enumerate(sinks)]
    assert "first token “[CLS]”" in fig.layout.title.text
    hidden = layer_grid(att, layer=1, hide_special=True)
    assert [a.text for a in hidden.layout.annotations] == [a.text for a in fig.layout.annotations]  # same sinks
    for head, trace in enumerate(hidden.data):
        assert np.asarray(trace.z).shape == (3, 3)
        np.testing.assert_allclose(np.asarray(trace.z).sum(-1), 1.0, rtol=1e-6)
    one = head_heatmap(att, 0, 2, hide_special=True)
    assert list(one.layout.yaxis.ticktext) == ["the", "cat", "[MASK]"]
    assert "special tokens hidden, rows renormalised" in one.layout.title.text


def test_a_512_token_head_is_drawn_whole_with_light_hover():
    att = Attention("bert-base-shaped", [f"t{i}" for i in range(512)],
                    softmax_rows(np.random.default_rng(2), (1, 2, 512, 512), causal=False), causal=False)
    fig = head_heatmap(att, 0, 1)
    assert np.asarray(fig.data[0].z).shape == (512, 512) and MAX_TOKENS >= 512
    assert fig.data[0].text is None and len(att.tokens) > HOVER_NAMES  # no 262k hover strings
    grid = layer_grid(att, 0)
    assert sum(np.asarray(t.z).size for t in grid.data) <= 200_000


def test_bertviz_cap_is_named_in_its_message():
    att = make([f"t{i}" for i in range(100)], layers=12, heads=12)
    notice = bv.cap_notice(att)
    cap = 45  # isqrt of the weight budget over 12 × 12 heads
    assert bv.shown_tokens(12, 12, 10**6) == cap
    assert notice == (f"The interactive views show the first {cap} of 100 tokens: they draw every weight as a line, "
                      f"so they stop at {cap} tokens for this model (12 layers × 12 heads). The heatmaps show up to "
                      f"{MAX_TOKENS} tokens.")
    assert bv.cap_notice(make(["a", "b"])) == ""
    assert "最多画" in bv.cap_notice(att, "zh")
