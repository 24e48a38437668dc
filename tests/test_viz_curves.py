"""The training-curves figure draws exactly the reported losses, both models on one token axis."""
from demo.viz.curves import COLORS, training_curves

REPORT = {"models": {
    "pocket-bert": {"tokens": [100, 200], "train_loss": [7.0, 5.0], "held_out_loss": [6.5, 5.5]},
    "pocket-gpt": {"tokens": [100, 200], "train_loss": [6.0, 4.0], "held_out_loss": [5.9, 4.5]},
}}


def test_each_model_has_a_training_and_a_held_out_line_on_the_same_tokens():
    fig = training_curves(REPORT)
    lines = {trace.name: (list(trace.x), list(trace.y)) for trace in fig.data}
    assert lines == {
        "pocket-bert training": ([100, 200], [7.0, 5.0]), "pocket-bert held-out": ([100, 200], [6.5, 5.5]),
        "pocket-gpt training": ([100, 200], [6.0, 4.0]), "pocket-gpt held-out": ([100, 200], [5.9, 4.5]),
    }
    assert fig.layout.xaxis.title.text == "tokens seen"


def test_no_report_says_how_to_make_one():
    fig = training_curves(None)
    assert not fig.data and "python -m demo.pocket train" in fig.layout.annotations[0].text


THREE = {"models": {**REPORT["models"],
                    "pocket-t5": {"tokens": [100, 200], "train_loss": [8.0, 3.5], "held_out_loss": [7.5, 3.9]}}}


def test_three_models_each_get_their_two_lines_in_their_own_colour():
    fig = training_curves(THREE)
    lines = {trace.name: (list(trace.x), list(trace.y), trace.line.color) for trace in fig.data}
    assert len(fig.data) == 6
    assert lines["pocket-t5 training"] == ([100, 200], [8.0, 3.5], COLORS["pocket-t5"])
    assert lines["pocket-t5 held-out"] == ([100, 200], [7.5, 3.9], COLORS["pocket-t5"])
    assert len({COLORS[name] for name in THREE["models"]}) == 3
    assert {t.line.dash for t in fig.data if t.name.endswith("held-out")} == {"dot"}


def test_the_figure_speaks_the_readers_language():
    fig = training_curves(THREE, "zh")
    assert {t.name for t in fig.data} >= {"pocket-t5 训练集", "pocket-t5 留出集"}
    assert fig.layout.xaxis.title.text == "已见过的词元数"
    assert fig.layout.title.text == "内置模型的训练损失（相同的文本，相同的词元预算）"
    assert "python -m demo.pocket train" in training_curves(None, "zh").layout.annotations[0].text
