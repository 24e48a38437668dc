"""Bar charts show the given probabilities in rank order; text views escape every piece of text
and shade tokens by probability."""
import html
import math
import re

import pytest

from demo.results import Candidate, FillMask, GeneratedToken, NextTokens
from demo.viz.bars import fill_mask_bars, next_token_bars, piece_label
from demo.viz.token_html import filled_sentence, generated_html, shade

HOSTILE = ['<img src=x onerror="window.__pwned=1">', "</iframe><script>window.__pwned=1</script>"]


def cand(token, prob, i=0, text=None):
    return Candidate(token, prob, i, text if text is not None else token.replace("Ġ", " "))


def two_blanks(*texts):
    first = [cand("paris", 0.5, 1), cand("lyon", 0.3, 2), cand("the", 0.3, 3)]
    second = [cand(t, p, 10 + i) for i, (t, p) in enumerate(zip(texts or ("park", "house"), (0.6, 0.2)))]
    return FillMask("tiny-bert", "go to [MASK] and the [MASK] .", ["[CLS]"], [first, second], mask_token="[MASK]")


def test_fill_mask_bars_one_column_per_blank_highest_on_top():
    result = two_blanks()
    fig = fill_mask_bars(result)
    assert len(fig.data) == 2
    for trace, cands, axis in zip(fig.data, result.masks, ("yaxis", "yaxis2")):
        assert list(trace.x) == [c.prob for c in cands] and trace.orientation == "h"
        assert list(trace.y) == list(range(len(cands)))  # rank 0 at position 0 ...
        assert fig.layout[axis].autorange == "reversed"  # ... drawn at the top
        assert list(fig.layout[axis].ticktext) == [c.token for c in cands]
    assert [a.text for a in fig.layout.annotations] == ["blank 1", "blank 2"]  # left to right
    assert list(fig.data[0].text) == ["50.0%", "30.0%", "30.0%"]


def test_equal_looking_candidates_keep_their_own_bars():
    fig = next_token_bars(NextTokens("tiny-gpt", "the", [], [cand("Ġthe", 0.4, 1), cand("the", 0.3, 2)], 1.0))
    assert list(fig.layout.yaxis.ticktext) == ["␣the", "the"]  # a leading space stays visible
    assert piece_label("##ing") == "##ing"


def test_next_token_title_shows_entropy_and_its_meaning():
    fig = next_token_bars(NextTokens("tiny-gpt", "the cat", [], [cand("Ġsat", 0.9)], entropy=math.log(20)))
    assert "entropy 3.00 nats" in fig.layout.title.text and "among 20 tokens" in fig.layout.title.text


@pytest.mark.parametrize("hostile", HOSTILE + ["$x^2$"])
def test_chart_labels_and_titles_are_text_not_markup(hostile):
    fig = next_token_bars(NextTokens(hostile, hostile, [], [cand(hostile, 0.5)], 0.5))
    shown = [fig.layout.title.text, *fig.layout.yaxis.ticktext, *fig.data[0].customdata]
    assert not any("<img" in s or "<script" in s or "$x" in s for s in shown)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_filled_sentence_escapes_user_text_and_candidates(hostile):
    result = FillMask("m", f"{hostile} [MASK] {hostile}", [], [[cand(hostile, 0.9), cand(hostile, 0.1)]])
    out = filled_sentence(result)
    assert "<img" not in out and "<script" not in out and "</iframe" not in out
    assert html.escape(hostile) in out
    assert out.count('<mark class="fill-mask-word"') == 1


def test_filled_sentence_highlights_each_top_candidate_in_place():
    out = filled_sentence(two_blanks())
    assert re.findall(r"<mark[^>]*>([^<]*)</mark>", out) == ["paris", "park"]
    text = re.sub(r"<[^>]+>", "", out)
    assert html.unescape(text) == two_blanks().filled(0)
    assert 'title="blank 1: 50.0% (then lyon 30.0%, the 30.0%)"' in out


@pytest.mark.parametrize("hostile", HOSTILE)
def test_generated_html_escapes_prompt_and_tokens(hostile):
    out = generated_html(hostile, [GeneratedToken(hostile, hostile, 1, 0.5), GeneratedToken("x", '"><b>', 2, 0.2)])
    assert "<img" not in out and "<script" not in out and "</iframe" not in out and "<b>" not in out
    escaped = html.escape(hostile)
    assert f'<span class="generate-prompt">{escaped}</span>' in out
    # the hover names the piece with its spaces shown as ␣ (escaped like everything else)
    assert f'title="50.0% · {html.escape(hostile.replace(" ", "␣"))}">{escaped}</span>' in out


def test_generated_html_shows_prompt_plainly_then_shaded_tokens_with_probability():
    tokens = [GeneratedToken("Ġsat", " sat", 1, 0.25), GeneratedToken("Ġ", "", 2, 0.5),
              GeneratedToken("Ġon", " on", 3, 0.75)]
    out = generated_html("The cat", tokens)
    assert '<span class="generate-prompt">The cat</span>' in out
    spans = re.findall(r'<span class="generate-token" style="background-color: ([^"]+)" title="([^"]+)">([^<]*)<', out)
    # alpha = 0.08 + 0.77 p: 0.273 at p = 0.25, 0.657 at p = 0.75
    assert [(c, t, s) for c, t, s in spans] == [("rgba(245, 158, 11, 0.273)", "25.0% · ␣sat", " sat"),
                                                ("rgba(245, 158, 11, 0.657)", "75.0% · ␣on", " on")]


def test_shade_darkens_with_probability():
    alphas = [float(re.search(r"([\d.]+)\)$", shade(p)).group(1)) for p in (0.0, 0.01, 0.2, 0.5, 0.9, 1.0)]
    assert alphas == sorted(alphas) and len(set(alphas)) == len(alphas)
    assert alphas[0] > 0  # even an unlikely token is visibly boxed
