"""The Inside tab's views as pure functions of hand-made results: the lens heatmap holds each
layer's words and probabilities, attribution HTML escapes every token and shows GPT's zero right
side as zero, pieces sum into words, and one head's steps show −∞ where the mask hides a token."""
import html
import math

import numpy as np
import pytest

from demo.results import AttentionSteps, Attribution, Candidate, Lens
from demo.text import en, say, zh
from demo.viz.attention_steps import MINUS_INF, steps_figure, steps_rows
from demo.viz.attribution import attribution_html, legend_html, zero_from
from demo.viz.lens import knows_at, knows_html, lens_heatmap, lens_lines
from demo.viz.pieces import word_text

HOSTILE = "<img src=x onerror=alert(1)>"


def cand(token, prob, i):
    return Candidate(token, prob, i, token.replace("Ġ", " ").replace("##", ""))


def lens(family="masked", model="tiny-bert"):
    # embeddings, layer 1, layer 2 (output): "cat" climbs from rank 2 to rank 1 at layer 1
    rows = [[cand("dog", 0.3, 1), cand("cat", 0.2, 2)],
            [cand("cat", 0.5, 2), cand(HOSTILE, 0.1, 3)],
            [cand("cat", 0.7, 2), cand("dog", 0.1, 1)]]
    return Lens(model, family, ["[CLS]", "the", "[MASK]", "[SEP]"], 2, rows, [0.2, 0.5, 0.7], [2, 1, 1])


def test_lens_heatmap_is_layers_by_rank_with_words_and_probabilities():
    fig = lens_heatmap(lens())
    trace = fig.data[0]
    assert np.asarray(trace.z, dtype=float).shape == (3, 2)  # layers × rank
    np.testing.assert_allclose(np.asarray(trace.z, dtype=float), [[0.3, 0.2], [0.5, 0.1], [0.7, 0.1]])
    assert list(trace.x) == [1, 2]
    assert list(fig.layout.yaxis.ticktext) == ["embeddings", "layer 1", "layer 2"]
    # the final word in bold wherever it is; a hostile piece is text, not a tag
    assert [list(r) for r in trace.text] == [["dog", "<b>cat</b>"], ["<b>cat</b>", "&lt;img␣src=x␣onerror=alert(1)&gt;"],
                                             ["<b>cat</b>", "dog"]]


def test_lens_lines_one_per_model_and_the_layer_each_first_ranks_its_word_top():
    bert, gpt = lens(), Lens("tiny-gpt", "causal", ["Ġa"], 0, lens().layers, [0.1, 0.2, 0.9], [5, 2, 1])
    assert (knows_at(bert), knows_at(gpt)) == (1, 2)
    fig = lens_lines([bert, gpt])
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [list(t.y) for t in lines] == [[0.2, 0.5, 0.7], [0.1, 0.2, 0.9]]
    stars = [t for t in fig.data if t.mode == "markers"]
    assert [(list(t.x), list(t.y)) for t in stars] == [([1], [0.5]), ([2], [0.9])]
    text = knows_html([bert, gpt])
    assert "<b>tiny-bert</b> first ranks its answer “cat” top at layer 1 of 2." in text
    assert "<b>tiny-gpt</b> first ranks its answer “cat” top at layer 2 of 2." in text


def test_knows_html_escapes_the_model_and_the_word():
    hostile = Lens(HOSTILE, "masked", ["[MASK]"], 0, [[cand(HOSTILE, 0.9, 7)]], [0.9], [1])
    text = knows_html([hostile])
    assert "<img" not in text and html.escape(HOSTILE) in text and "already in the embeddings" in text


def attribution(family, tokens, scores, blank, method="integrated_gradients", words=()):
    return Attribution("tiny", family, tokens, scores, blank, cand("Ġmat", 0.4, 9), -0.9, -2.1, method, 32,
                       "the [PAD] embedding at every position", words=list(words))


def test_attribution_escapes_every_token():
    result = attribution("masked", ["[CLS]", HOSTILE, "[MASK]", "[SEP]"], [0.1, 0.5, 0.0, -0.2], 2)
    for by_word in (False, True):
        out = attribution_html(result, by_word=by_word)
        assert "<img" not in out and "&lt;img" in out and "onerror=alert(1)&gt;" in out


def test_gpt_right_side_is_exactly_zero_greyed_and_said_in_words():
    tokens = ["the", "Ġcat", "Ġsat", "Ġon", "Ġthe", "Ġmat", "Ġ.", "<|endoftext|>"]
    result = attribution("causal", tokens, [0.4, 0.3, -0.2, 0.1, 0.5, 0.0, 0.0, 0.0], 5)
    assert zero_from(result) == 5
    out = attribution_html(result)
    assert out.count('class="inside-attr-chip inside-attr-zero') == 3
    assert 'inside-attr-zero inside-attr-blank" data-score="0"' in out  # the blank itself: its word is GPT's own
    assert "The last 3 tokens, from the blank on (“mat . &lt;|endoftext|&gt;”), score exactly 0" in out
    # shaded tokens: blue for positive, orange for negative, none for the zeros
    assert out.count("rgba(37, 99, 235") == 4 and out.count("rgba(234, 88, 12") == 1


def test_bert_row_has_no_zero_rule_and_names_its_right_side_share():
    result = attribution("masked", ["[CLS]", "the", "[MASK]", "sat", "[SEP]"], [0.0, 0.2, 0.0, 0.6, 0.2], 2)
    out = attribution_html(result)
    assert "inside-attr-zero" not in out  # BERT's zero at its own blank is no causal rule
    assert "The words right of the blank carry 80% of BERT's attribution" in out
    assert "The scores add up to +1.000; log p(word) − log p(word | baseline) = -0.900 − (-2.100) = +1.200" in out


def test_word_level_view_sums_the_pieces_of_a_word():
    # words: the tokenizer's word_ids() as the service groups them (tests/test_inside_attribution.py)
    result = attribution("masked", ["[CLS]", "she", "is", "play", "##ing", "[MASK]", "[SEP]"],
                         [0.0, 0.1, 0.2, 0.3, 0.25, 0.0, 0.05], 5, words=[0, 1, 2, 3, 3, 4, 5])
    out = attribution_html(result, by_word=True)
    assert ">playing</span>" in out and 'data-score="0.55"' in out
    assert out.count('<span class="inside-attr-chip') == 6


def test_without_word_groups_each_token_is_its_own_word():
    result = attribution("masked", ["[CLS]", "play", "##ing", "[MASK]", "[SEP]"], [0.0, 0.3, 0.25, 0.0, 0.05], 3)
    assert attribution_html(result, by_word=True).count('<span class="inside-attr-chip') == 5


@pytest.mark.parametrize("pieces, want", [
    (["un", "##believ", "##able"], "unbelievable"),  # WordPiece
    (["Ġplay", "ful"], "playful"),  # byte-level BPE
    (["▁cat", "s"], "cats"),  # SentencePiece
    (["[MASK]"], "[MASK]"),
    (["<|endoftext|>"], "<|endoftext|>"),
])
def test_a_words_pieces_read_as_the_word_in_every_convention(pieces, want):
    assert word_text(pieces) == want


def steps(causal=True):
    tokens = ["the", "Ġcat", HOSTILE, "Ġdown"]
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=4), rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
    scores = k @ q
    scaled = scores / 2.0
    masked = np.where(np.arange(4) > 1, -np.inf, scaled) if causal else scaled
    weights = np.exp(masked - masked.max())
    weights /= weights.sum()
    return AttentionSteps("tiny-gpt", "causal" if causal else "masked", tokens, 1, 0, 1, q, k, scores, scaled, masked,
                          weights, v, weights @ v, 2.0)


def test_steps_table_writes_minus_infinity_for_masked_entries():
    s = steps()
    rows = steps_rows(s)
    assert [r[1] for r in rows] == ["the", "␣cat", HOSTILE.replace(" ", "␣"), "␣down"]  # a Dataframe shows text as text
    assert [r[4] for r in rows][2:] == [MINUS_INF, MINUS_INF] and [r[5] for r in rows][2:] == ["0.0000", "0.0000"]
    assert float(rows[0][2]) == pytest.approx(s.scores[0], abs=1e-3)
    assert float(rows[1][3]) == pytest.approx(s.scores[1] / 2.0, abs=1e-3)


def test_steps_figure_draws_each_step_in_order():
    s = steps()
    fig = steps_figure(s)
    assert len(fig.data) == 5
    for trace, name in zip(fig.data[:4], ("scores", "scaled", "masked", "weights")):
        want = getattr(s, name)
        np.testing.assert_allclose(np.asarray(trace.y, dtype=float), np.where(np.isfinite(want), want, 0.0))
    assert list(fig.data[2].text)[2:] == [MINUS_INF, MINUS_INF]
    np.testing.assert_allclose(np.asarray(fig.data[4].y, dtype=float), s.output)
    assert HOSTILE not in fig.to_json() and "−∞ on every later token" in fig.layout.annotations[2].text
    assert "÷ 2.00 (√4)" in fig.layout.annotations[1].text
    assert math.isclose(sum(fig.data[3].y), 1.0, abs_tol=1e-9)


def test_legend_and_every_text_key_in_both_languages():
    assert "raised p(word)" in legend_html() and "提高了 p(词)" in legend_html("zh")
    assert set(en.TEXT) == set(zh.TEXT)
    assert say("inside.lens.layer", "zh", n=3) == "第 3 层"
