"""Hostile input through the public API (gradio_client), for every endpoint.

Every (input, endpoint) pair has one expected outcome, written out below: an answer equal to the
service's own for the same request, or exactly the message a person reads. The server stays up
and the next request is answered.
"""
import re

import pytest
from gradio_client.exceptions import AppError

from answers import assert_answer
from conftest import CAUSAL, MASKED, ON_POCKET, POSITIONS

OK = None  # the request is answered (and the answer checked against the service)
EMPTY = "Text is empty: type a sentence first."
ONLY_BLANKS = "The text is only blanks: add some words around the blank for context."
TOO_MANY_CHARS = "Text is 20,000 characters; the limit is 4,000."
TOO_MANY_BLANKS = "Found 30 blanks; the limit is 5."
ONE_BLANK = "Write exactly 1 blank ([MASK] or ___); found 30."


def control(codes: str) -> str:
    return f"Text contains control characters ({codes}); remove them and try again."


def too_long(model: str, room: int = 0) -> re.Pattern:
    plus = f" plus {room} new tokens" if room else ""
    return re.compile(rf"Text is \d+ tokens{plus}; {re.escape(model)} can handle at most {POSITIONS} positions\.")


LONG_TOKENS = "the cat sat on the mat . " * (POSITIONS // 5)  # past the test models' positions (7 tokens a time)
ENDPOINTS = ("fill_mask", "next_tokens", "generate", "attention", "compare")
EXTRA = {"generate": {"max_new_tokens": 5, "greedy": True}}
ALL = dict.fromkeys(ENDPOINTS, OK)

# case: (text, {endpoint: expected}); next_tokens and generate get the text with "[MASK]" removed
HOSTILE_TEXTS = {
    "empty": ("", dict.fromkeys(ENDPOINTS, EMPTY)),
    "whitespace": ("   \n\t  ", dict.fromkeys(ENDPOINTS, EMPTY)),
    # attention shows a lone blank as BERT sees it, and as GPT reads the characters
    "only a mask": ("[MASK]", {**ALL, "fill_mask": ONLY_BLANKS, "compare": ONLY_BLANKS,
                               "next_tokens": EMPTY, "generate": EMPTY}),
    # GPT-2's BPE reads each [MASK] as 3 pieces (past the tiny model's 64 positions); pocket-gpt shares BERT's
    # WordPiece, where [MASK] is one token (33 of its 128 positions)
    "30 masks": ("the " + "[MASK] " * 30, {**ALL, "fill_mask": TOO_MANY_BLANKS, "compare": ONE_BLANK,
                                           "attention": OK if ON_POCKET else too_long(CAUSAL)}),
    "20,000 characters": ("a" * 20_000, dict.fromkeys(ENDPOINTS, TOO_MANY_CHARS)),
    "too many tokens": (LONG_TOKENS + "[MASK]", {"fill_mask": too_long(MASKED), "next_tokens": too_long(CAUSAL),
                                                 "generate": too_long(CAUSAL, 5), "attention": too_long(MASKED),
                                                 "compare": too_long(MASKED)}),
    "emoji": ("the 🐱 sat on the [MASK] 🎉", ALL),
    "CJK": ("猫は[MASK]の上に座った", ALL),
    "right-to-left": ("הכלב [MASK] בפארק", ALL),
    "combining": ("the cafe\u0301 [MASK] Z\u0351\u0352\u0353", ALL),
    "NUL": ("the cat\x00 [MASK]", dict.fromkeys(ENDPOINTS, control("U+0000"))),
    "terminal escape": ("the \x1b[31mred\x1b[0m [MASK]", dict.fromkeys(ENDPOINTS, control("U+001B"))),
    "img onerror": ('<img src=x onerror="window.__pwned=1"> [MASK]', ALL),
    "iframe breakout": ("</iframe><script>window.__pwned=1</script> [MASK]", ALL),
    "template": ("{{7*7}} ${7*7} {% raw %} [MASK]", ALL),
    "path": ("../../../../etc/passwd [MASK]", ALL),
}
NEXT_REQUEST = {"fill_mask": "the cat sat on the [MASK] .", "compare": "the cat sat on the [MASK] ."}


def call(client, endpoint, text, **extra):
    return client.predict(text=text, **{**EXTRA.get(endpoint, {}), **extra}, api_name=f"/{endpoint}")


def assert_outcome(client, web_service, endpoint, text, expected, **extra):
    if expected is OK:
        assert_answer(web_service, endpoint, call(client, endpoint, text, **extra), text,
                      **{**EXTRA.get(endpoint, {}), **extra})
        return
    with pytest.raises(AppError) as caught:
        call(client, endpoint, text, **extra)
    shown = caught.value.message if hasattr(caught.value, "message") else str(caught.value)
    if isinstance(expected, re.Pattern):
        assert expected.fullmatch(shown), shown
    else:
        assert shown == expected


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", HOSTILE_TEXTS)
def test_hostile_text_gets_its_answer_or_its_message(client, web_service, endpoint, case):
    text, expected = HOSTILE_TEXTS[case]
    if endpoint in {"next_tokens", "generate"}:
        text = text.replace("[MASK]", "")
    assert_outcome(client, web_service, endpoint, text, expected[endpoint])
    after = NEXT_REQUEST.get(endpoint, "the cat")  # and the next request is answered
    assert_outcome(client, web_service, endpoint, after, OK)


@pytest.mark.parametrize("endpoint, params, message", [
    ("fill_mask", {"top_k": -1}, "top_k must be between 1 and 50; got -1."),
    ("fill_mask", {"top_k": 10**9}, "top_k must be between 1 and 50; got 1000000000."),
    ("fill_mask", {"top_k": "lots"}, "top_k must be a whole number between 1 and 50."),
    ("fill_mask", {"top_k": 2.5}, "top_k must be a whole number between 1 and 50; got 2.5."),
    ("next_tokens", {"top_k": 0}, "top_k must be between 1 and 50; got 0."),
    ("compare", {"top_k": 99}, "top_k must be between 1 and 50; got 99."),
    ("generate", {"max_new_tokens": -5}, "max_new_tokens must be between 1 and 256; got -5."),
    ("generate", {"max_new_tokens": 100000}, "max_new_tokens must be between 1 and 256; got 100000."),
    ("generate", {"temperature": -1}, "temperature must be above 0.0 and at most 5.0; got -1."),
    ("generate", {"temperature": 1e12}, "temperature must be above 0.0 and at most 5.0; got 1e+12."),
    ("generate", {"temperature": "warm"}, "temperature must be a number between 0.0 and 5.0."),
    ("generate", {"top_p": 7}, "top_p must be above 0.0 and at most 1.0; got 7."),
    ("generate", {"top_k": -2}, "top_k must be between 0 and 1000; got -2."),
    ("generate", {"seed": "abc"}, "seed must be a whole number between 0 and 2147483647."),
    ("generate", {"max_new_tokens": POSITIONS - 4}, too_long(CAUSAL, POSITIONS - 4)),
])
def test_out_of_range_and_wrong_type_numbers(client, web_service, endpoint, params, message):
    text = "the cat sat on the [MASK] ." if endpoint in {"fill_mask", "compare"} else "the cat sat on the mat " * 3
    assert_outcome(client, web_service, endpoint, text, message, **params)


UNKNOWN = ("Unknown model (local model directories are not enabled on this server). Choose one of: "
           + ", ".join(["bert-base-uncased", "distilbert-base-uncased", "roberta-base", "albert-base-v2",
                        "google/electra-small-generator", "gpt2", "distilgpt2", "gpt2-medium", "bert-base-chinese",
                        "uer/gpt2-chinese-cluecorpussmall", "t5-small",
                        "facebook/bart-base", "pocket-bert", "pocket-gpt", "pocket-t5"]))


@pytest.mark.parametrize("endpoint, params", [
    ("fill_mask", {"model": "no-such-model"}),
    ("next_tokens", {"model": "/etc"}),
    ("compare", {"masked_model": "../../secret"}),
    ("attention", {"causal_model": "gpt-17"}),
])
def test_unknown_models_are_refused_with_the_allowed_list(client, web_service, endpoint, params):
    extra = "" if CAUSAL.startswith("pocket") else f", {MASKED}, {CAUSAL}"  # the test models join the list
    text = "the cat sat on the [MASK] ." if endpoint != "next_tokens" else "the cat"
    assert_outcome(client, web_service, endpoint, text, UNKNOWN + extra + ".", **params)
