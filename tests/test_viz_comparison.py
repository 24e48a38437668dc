"""Compare and learn views as pure functions: who sees which token, escaping, the causality
verdict, and the O(n²) arithmetic."""
import html
import re
from html.parser import HTMLParser

import pytest

from dataclasses import replace

from demo.results import Candidate, Comparison, Infill, ModelInfo, RankedCandidate, Span
from demo.viz import comparison as view
from demo.viz.bars import candidate_bars
from demo.viz.heatmaps import plotly_text
from demo.viz import lessons

HOSTILE = ["<img src=x onerror=alert(1)>", "</iframe><script>alert(1)</script>"]


def cand(token, prob, id):
    return Candidate(token, prob, id, token.replace("Ġ", " ").replace("##", ""))


def make(left="the cat sat on the", right=" mat and slept .", masked=None, causal=None, masked_tokens=None,
         causal_tokens=None):
    masked = masked or [cand("mat", 0.5, 10), cand("floor", 0.3, 11), cand("bed", 0.1, 12)]
    causal = causal or [cand("Ġmat", 0.4, 20), cand("Ġfloor", 0.2, 21)]
    ranking = [RankedCandidate(masked[1], -9.5), RankedCandidate(masked[0], -10.25), RankedCandidate(masked[2], -12.0)]
    return Comparison(f"{left} [MASK]{right}", "bert", "gpt", left, right, masked, causal, ranking,
                      masked_tokens or ["[CLS]", *left.split(), "[MASK]", *right.split(), "[SEP]"],
                      causal_tokens or ["the", "Ġcat", "Ġsat", "Ġon", "Ġthe"], {"masked": 0.012, "causal": 0.034})


class Chips(HTMLParser):
    """(family of the row, chip kind, text) for every chip in a strip."""

    def __init__(self):
        super().__init__()
        self.family, self.kind, self.chips = None, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-family" in attrs:
            self.family = attrs["data-family"]
        if "compare-chip" in (attrs.get("class") or ""):
            self.kind = attrs["class"].split()[-1].removeprefix("compare-")

    def handle_data(self, data):
        if self.kind:
            self.chips.append((self.family, self.kind, data))
            self.kind = None


def chips(strip: str, family: str, kind: str | None = None) -> list[str]:
    parser = Chips()
    parser.feed(strip.split('class="compare-strip-legend"')[0])
    return [text for fam, k, text in parser.chips if fam == family and (kind is None or k == kind)]


def test_gpt_sees_exactly_the_tokens_left_of_the_blank():
    c = make()
    strip = view.visibility_strip(c)
    assert chips(strip, "causal", "seen") == ["the", " cat", " sat", " on", " the"]
    assert chips(strip, "causal", "blank") == ["___"]
    assert chips(strip, "causal", "hidden") == ["mat", "and", "slept", "."]
    # a hidden token is struck through in the markup itself, not only by colour
    assert strip.count("<s ") == 4 + 1  # four hidden words and the legend's sample


def test_bert_sees_every_token_but_the_blank():
    c = make()
    strip = view.visibility_strip(c)
    seen = chips(strip, "masked", "seen")
    assert seen == [t for t in c.masked_tokens if t != "[MASK]"]
    assert chips(strip, "masked", "blank") == ["[MASK]"] and chips(strip, "masked", "hidden") == []


@pytest.mark.parametrize("blank", ["<extra_id_0>", "<mask>", "[MASK]"])  # T5, BART, GLM (pocket-t5)
def test_the_encoder_decoder_row_marks_its_blank_and_writes_its_best_span(blank):
    tokens = ["[CLS]", "the", "cat", blank, "on", "the", "mat", "[SEP]"]
    c = replace(make(), infill=Infill("t5", "the cat [MASK] on the mat", tokens, [[Span("sat down", 0.4, -0.92)]]))
    strip = view.visibility_strip(c)
    assert chips(strip, "seq2seq", "blank") == [blank]
    assert chips(strip, "seq2seq", "written") == ["sat", "down"]


def test_blank_at_the_start_leaves_gpt_only_its_start_token():
    c = make(left="", right=" is the capital of France .", causal_tokens=["<|endoftext|>"])
    strip = view.visibility_strip(c)
    assert chips(strip, "causal", "seen") == ["<|endoftext|>"]
    assert len(chips(strip, "causal", "hidden")) == 6


@pytest.mark.parametrize("hostile", HOSTILE)
def test_strip_escapes_hostile_tokens_models_and_words(hostile):
    c = make(right=f" {hostile} .", masked_tokens=["[CLS]", hostile, "[MASK]", "[SEP]"], causal_tokens=[hostile])
    c = Comparison(c.text, hostile, hostile, c.left, c.right, c.masked, c.causal, c.ranking, c.masked_tokens,
                   c.causal_tokens, c.seconds)
    strip = view.visibility_strip(c)
    assert "<img" not in strip and "<script" not in strip and "</iframe" not in strip
    assert html.escape(hostile) in strip
    assert chips(strip, "causal", "seen") == [hostile]  # shown literally, as text


@pytest.mark.parametrize("hostile", HOSTILE)
def test_notes_and_verdicts_escape_hostile_candidates(hostile):
    masked = [cand(hostile, 0.6, 1), cand("b", 0.3, 2), cand("c", 0.1, 3)]
    before, after = make(masked=masked), make(masked=list(reversed(masked)))
    for text in (view.ranking_note(before), view.causality_verdict(before, after)):
        assert "<img" not in text and "<script" not in text and "</iframe" not in text


def test_candidate_bars_show_each_probability_in_order_in_the_models_colour():
    c = make()
    fig = candidate_bars([("", c.causal)], plotly_text("gpt <b>x</b>"), view.CAUSAL_COLOR)
    assert list(fig.data[0].x) == [0.4, 0.2] and fig.data[0].marker.color == view.CAUSAL_COLOR
    assert list(fig.layout.yaxis.ticktext) == ["␣mat", "␣floor"]
    assert "<b>" not in fig.layout.title.text


def test_ranking_rows_follow_gpts_order_with_berts_rank():
    rows = view.ranking_rows(make())
    assert [r[0] for r in rows] == [1, 2, 3] and [r[1] for r in rows] == [2, 1, 3]
    assert [r[2] for r in rows] == ["floor", "mat", "bed"] and [r[4] for r in rows] == [-9.5, -10.25, -12.0]
    assert rows[0][5] == "the cat sat on the floor mat and slept ."
    assert len(rows[0]) == len(view.RANKING_HEADERS)
    assert "BERT ranks it #2" in view.ranking_note(make())


def test_causality_verdict_says_identical_only_for_identical_gpt_candidates():
    before = make()
    moved_bert = make(right=" rug today .", masked=[cand("floor", 0.6, 11), cand("mat", 0.2, 10), cand("bed", 0.1, 12)])
    verdict = view.causality_verdict(before, moved_bert)
    assert "GPT: identical" in verdict and "max difference 0)" in verdict
    assert "BERT: moved (top candidate mat → floor; max difference 0.3)" in verdict

    assert "same tokens both times" not in verdict
    assert "same tokens both times" in view.causality_verdict(before, before)

    for changed in ([cand("Ġmat", 0.4, 20), cand("Ġfloor", 0.2001, 21)],  # a probability moved
                    [cand("Ġfloor", 0.4, 21), cand("Ġmat", 0.2, 20)],  # same words, other order
                    [cand("Ġmat", 0.4, 20), cand("Ġrug", 0.2, 22)]):  # another word
        verdict = view.causality_verdict(before, make(causal=changed))
        assert "GPT: identical" not in verdict and "GPT: moved" in verdict


def test_float_noise_from_batching_still_counts_as_identical():
    noisy = make(causal=[cand("Ġmat", 0.4 + 1e-8, 20), cand("Ġfloor", 0.2, 21)])
    assert view.identical(make().causal, noisy.causal)


def test_shift_rows_pair_ranks_before_and_after():
    rows = view.shift_rows(make().masked, make().masked[:2])
    assert rows[0] == [1, "mat", 0.5, "mat", 0.5] and rows[2] == [3, "bed", 0.1, "", None]


@pytest.mark.parametrize("left, right, text", [
    ("the cat sat on the", "rug today.", "the cat sat on the [MASK] rug today."),
    ("the cat sat on the", "  , she said", "the cat sat on the [MASK], she said"),
    ("", "is the capital of Italy.", "[MASK] is the capital of Italy."),
    ("I went to the", "", "I went to the [MASK]"),
])
def test_new_right_side_keeps_the_left_words(left, right, text):
    from demo.comparison import with_new_right

    assert with_new_right(left, right) == text


def test_facts_show_the_design_the_loaded_models_and_latency():
    bert = ModelInfo("bert", "masked", 109_482_240, 12, 12, 768, 30522, 512, "cpu", "float32", "WordPiece")
    gpt = ModelInfo("gpt", "causal", 124_439_808, 12, 12, 768, 50257, 1024, "cpu", "float32", "BPE")
    t5 = ModelInfo("t5", "seq2seq", 60_506_624, 6, 8, 512, 32100, 512, "cpu", "float32", "Unigram")
    rows = {r[0]: r[1:] for r in view.facts_rows(bert, gpt, {"masked": 0.012, "causal": 0.0344, "seq2seq": 0.2})}
    assert rows["Pre-training task"] == ["masked LM (+ next-sentence prediction)", "next-word prediction",
                                         "T5: span corruption (write the hidden spans); BART: denoising (rewrite the text)"]
    assert rows["Parameters"] == ["109,482,240", "124,439,808", "–"]  # no encoder-decoder ran
    assert rows["Tokenizer"] == ["WordPiece", "BPE", "–"] and rows["This request"] == ["12 ms", "34 ms", "–"]
    rows = {r[0]: r[1:] for r in view.facts_rows(bert, gpt, {"masked": 0.012, "causal": 0.0344, "seq2seq": 0.2}, t5)}
    assert rows["Parameters"][2] == "60,506,624" and rows["This request"][2] == "200 ms"
    zh = {r[0]: r[1:] for r in view.facts_rows(bert, gpt, {}, t5, "zh")}
    assert zh["参数量"] == ["109,482,240", "124,439,808", "60,506,624"] and zh["本次请求耗时"] == ["–", "–", "–"]
    assert view.facts_headers("zh") == ["", "BERT 类（掩码）", "GPT 类（因果）", "T5 类（编码器-解码器）"]


def test_facts_describe_glm_s_one_stack_when_the_encoder_decoder_is_pocket_t5():
    bert = ModelInfo("bert", "masked", 1, 6, 12, 384, 30522, 128, "cpu", "float32", "WordPiece")
    glm = ModelInfo("pocket-t5", "seq2seq", 1, 6, 12, 384, 30522, 128, "cpu", "float32", "WordPiece", design="glm")
    rows = {r[0]: r[1:] for r in view.facts_rows(bert, bert, {}, glm)}
    assert rows["Architecture"][2].startswith("one stack doing an encoder-decoder's work (GLM)")
    assert rows["Pre-training task"][2].startswith("blank infilling (GLM)")
    assert rows["Architecture"][0] == "Transformer encoder, bidirectional"  # the other columns as they were
    zh = {r[0]: r[1:] for r in view.facts_rows(bert, bert, {}, glm, "zh")}
    assert zh["结构"][2].startswith("用一个堆栈完成编码器-解码器的工作（GLM）")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_token_chips_escape_pieces_and_set_markers_apart(hostile):
    out = lessons.token_chips("m<u>", "WordPiece", ["un", "##believ", "Ġably", hostile])
    assert "<img" not in out and "<script" not in out and "<u>" not in out and "m&lt;u&gt;" in out
    assert '<span class="learn-marker">##</span>believ' in out
    assert '<span class="learn-marker">␣</span>ably' in out
    assert "4 pieces" in out and len(re.findall('class="learn-chip"', out)) == 4
