"""Each tab's view on a fixed result: {output name: value}, no browser and no model (issue 21: one
button, one verb, one result, one pure view)."""
import json
from dataclasses import replace

from demo.results import Candidate, Comparison, ModelInfo, RankedCandidate
from demo.viz import comparison as compare_views


def cand(token, prob, id):
    return Candidate(token, prob, id, token.replace("Ġ", " ").replace("##", ""))


def info(id, family):
    return ModelInfo(id, family, 1234, 2, 2, 32, 41, 64, "cpu", "float32", "WordPiece")


def comparison():
    masked = [cand("mat", 0.5, 10), cand("floor", 0.3, 11)]
    causal = [cand("Ġmat", 0.4, 20), cand("Ġfloor", 0.2, 21)]
    ranking = [RankedCandidate(masked[1], -9.5), RankedCandidate(masked[0], -10.25)]
    left, right = "the cat sat on the", " and slept ."
    return Comparison(f"{left} [MASK]{right}", "bert", "gpt", left, right, masked, causal, ranking,
                      ["[CLS]", *left.split(), "[MASK]", "and", "slept", ".", "[SEP]"],
                      ["the", "Ġcat", "Ġsat", "Ġon", "Ġthe"], {"masked": 0.012, "causal": 0.034},
                      infos={"masked": info("bert", "masked"), "causal": info("gpt", "causal")})


def test_the_compare_view_fills_every_output_from_the_one_result():
    result = comparison()
    out = compare_views.compare_view(result, "en")
    assert set(out) == {"strip", "masked_plot", "causal_plot", "ranking_note", "ranking", "facts", "seq2seq_plot",
                        "seq2seq_note", "last"}
    assert out["last"] is result
    assert json.loads(out["masked_plot"].to_json())["data"][0]["x"] == [0.5, 0.3]
    assert [row[2] for row in out["ranking"]["data"]] == ["floor", "mat"]  # GPT's order
    facts = {row[0]: row[1:] for row in out["facts"]["data"]}
    assert facts["Model"] == ["bert", "gpt", "–"] and facts["Parameters"][:2] == ["1,234", "1,234"]
    assert facts["This request"][:2] == ["12 ms", "34 ms"]
    assert out["facts"]["headers"][1:] == ["BERT-style (masked)", "GPT-style (causal)", "T5-style (encoder-decoder)"]
    assert "floor" in out["ranking_note"]
    zh = compare_views.compare_view(result, "zh")
    assert zh["facts"]["headers"] != out["facts"]["headers"]


def test_the_causality_view_empties_the_section_without_new_words():
    out = compare_views.causality_view(None, None, "en")
    assert out["verdict"] == "" and out["masked_shift"]["data"] == [] == out["causal_shift"]["data"]
    before = comparison()
    after = replace(before, masked=[cand("bed", 0.6, 12), cand("mat", 0.2, 10)])
    out = compare_views.causality_view(before, after, "en")
    assert [row[1] for row in out["masked_shift"]["data"]] == ["mat", "floor"]
    assert [row[3] for row in out["masked_shift"]["data"]] == ["bed", "mat"]
    assert "GPT: identical" in out["verdict"] and "BERT: moved" in out["verdict"]


def test_the_all_heads_grid_names_tokens_and_keeps_head_titles_small():
    import numpy as np

    from demo.results import Attention
    from demo.viz.heatmaps import GRID_LABELS, layer_grid

    tokens = ["[CLS]", *[f"w{i}" for i in range(2 * GRID_LABELS)], "[SEP]"]  # longer than GRID_LABELS
    n, heads = len(tokens), 12
    weights = np.full((1, heads, n, n), 1.0 / n, dtype=np.float32)
    fig = layer_grid(Attention("bert", tokens, weights, causal=False), 0)
    ticks = fig.layout.xaxis.ticktext
    assert ticks[0] == "[CLS]" and set(ticks) <= set(tokens) and len(ticks) <= GRID_LABELS
    assert list(fig.layout.xaxis.tickvals) == [tokens.index(t) for t in ticks]
    titles = [a for a in fig.layout.annotations if a.text.startswith("head ")]
    assert len(titles) == heads and all(a.font.size <= 11 for a in titles)


def test_a_negative_fit_is_held_at_zero_and_said():
    from test_viz_cost import make

    from demo.viz.cost import latency_figure

    fig = latency_figure(make(fit=(0.05, 1e-4, -1e-6)))  # a noisy fit: its n² term falls below zero
    fit, n2 = fig.data[1], fig.data[2]
    assert min(fit.y) >= 0 and min(n2.y) >= 0
    notes = " ".join(a.text for a in fig.layout.annotations)
    assert "n² term is negative" in notes and "clipped" in notes
    fine = latency_figure(make())
    assert not fine.layout.annotations and min(fine.data[2].y) > 0


def test_the_attention_view_draws_both_models_and_sends_ranges_only_when_they_change():
    import numpy as np

    from demo.results import Attention, AttentionPair
    from demo.ui.attention_view import attention_view

    def att(model, causal, layers, heads, n=4):
        w = np.random.default_rng(0).random((layers, heads, n, n)).astype(np.float32)
        w = np.tril(w) if causal else w
        return Attention(model, ["[CLS]", "the", "cat", "[SEP]"][:n], w / w.sum(-1, keepdims=True), causal)

    pair = AttentionPair(att("bert", False, 2, 3), att("gpt", True, 4, 2), (1, 2), (3, 0))
    out = attention_view(pair, lang="en")
    assert out["counts"] == {"masked": [2, 3], "causal": [4, 2]}
    assert out["masked_layer"] == {"__type__": "update", "minimum": 0, "maximum": 1, "value": 1, "interactive": True}
    assert out["causal_head"]["maximum"] == 1 and out["causal_head"]["value"] == 0
    z = np.asarray(out["masked_plot"].data[0].z)
    np.testing.assert_allclose(z, pair.masked.weights[1, 2], rtol=1e-6)
    assert "layer 1, head 2" in out["masked_plot"].layout.title.text
    assert len(out["causal_grid"].data) == 2 and out["notice"].startswith("ℹ️")  # no bertviz scripts: said why
    again = attention_view(pair, lang="en", sent=out["counts"])  # the page has these ranges: plain values
    assert (again["masked_layer"], again["masked_head"], again["causal_layer"]) == (1, 2, 3)


def test_the_fill_view_draws_each_blank_and_writes_the_top_words_into_the_sentence():
    from demo.results import FillMask
    from demo.viz.predictions import fill_view

    result = FillMask("bert", "the [MASK] sat on the [MASK] .", [], [[cand("cat", 0.6, 1), cand("dog", 0.3, 2)],
                                                                  [cand("mat", 0.7, 3)]])
    out = fill_view(result, "en")
    assert set(out) == {"plot", "sentence", "last"} and out["last"] is result
    bars = [trace["x"] for trace in json.loads(out["plot"].to_json())["data"] if trace["type"] == "bar"]
    assert [list(x) for x in bars] == [[0.6, 0.3], [0.7]]  # one chart per blank, in the model's order
    assert "cat" in out["sentence"] and "mat" in out["sentence"] and "[MASK]" not in out["sentence"]


def test_the_next_view_keeps_the_distribution_its_choices_come_from():
    import math

    from demo.results import NextTokens
    from demo.viz.predictions import next_view

    result = NextTokens("gpt", "the cat", [], [cand("Ġsat", 0.5, 1), cand("Ġran", 0.25, 2)], entropy=math.log(4))
    out = next_view(result, "zh")
    assert set(out) == {"plot", "dist"} and out["dist"] is result
    bars = [trace for trace in json.loads(out["plot"].to_json())["data"] if trace["type"] == "bar"]
    assert list(bars[0]["x"]) == [0.5, 0.25]


def test_the_cost_view_fills_one_models_column():
    from demo.viz import cost as cost_views
    from test_viz_cost import make

    cost = make()
    out = cost_views.cost_view(cost, "en")
    assert set(out) == {"summary", "latency", "split", "memory"}
    assert out["summary"] == cost_views.cost_summary(cost, "en")  # the column's text is the summary's
    assert out["latency"].data and out["memory"].data
