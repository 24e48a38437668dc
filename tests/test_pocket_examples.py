"""The app's examples listed for the model card: every tab's examples are found, and an answer is
judged sensible only when each blank's top 3 holds an answer a teacher accepts."""
from demo.pocket.examples import SENSIBLE, entries, judge
from demo.ui.compare_tab import EXAMPLES as COMPARE
from demo.ui.fill_mask_tab import EXAMPLES as FILL_MASK
from demo.ui.generate_tab import EXAMPLES as GENERATE
from demo.ui.learn_tab import FAMILY_EXAMPLES, TOKEN_EXAMPLES


def test_every_tabs_examples_are_listed_in_file_order():
    found = entries()
    assert [text for tab, text in found if tab == "fill_mask"] == [row[0] for row in FILL_MASK]
    assert [text for tab, text in found if tab == "compare"] == [row[0] for row in COMPARE]
    assert [text for tab, text in found if tab == "generate"] == [row[0] for row in GENERATE]
    assert [text for tab, text in found if tab == "learn"] == [row[0] for row in TOKEN_EXAMPLES + FAMILY_EXAMPLES]


def test_an_answer_is_sensible_when_every_blank_holds_an_accepted_word():
    two = "She picked up her [MASK] and went to the [MASK]."
    assert judge(two, "pocket-bert", [["face", "bag", "hand"], ["day", "store", "head"]]) is True
    assert judge(two, "pocket-bert", [["face", "bag", "hand"], ["day", "house", "head"]]) is True
    assert judge(two, "pocket-bert", [["face", "head", "hand"], ["day", "store", "head"]]) is False
    assert judge("I drank a cup of [MASK] this morning.", "pocket-t5", [["hot tea", "the", "all"]]) is False
    assert judge("I drank a cup of [MASK] this morning.", "pocket-t5", [["Coffee", "the", "all"]]) is True
    # GPT answers the first blank from its left side; a message instead of answers is not judged
    assert judge("The doctor told the ___ to rest because she was sick.", "pocket-gpt", [[" nurse", " a", " b"]])
    assert judge("The capital of France is [MASK].", "pocket-bert", "Text is too long.") is None
    assert judge("def fibonacci(n):", "pocket-gpt", [[" a", " ", " the"]]) is None  # no key: open-ended


def test_every_key_is_for_an_example_the_app_shows():
    shown = {text for _, text in entries()}
    assert set(SENSIBLE) <= shown
