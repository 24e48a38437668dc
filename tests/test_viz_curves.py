"""The training-curves figure draws exactly the reported losses, both models on one token axis."""
from demo.viz.curves import training_curves

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
