"""Every bad input gets its own error type and a message naming the problem and the limit;
the next request still works."""
import pytest
from conftest import POSITIONS

from demo.errors import (BadCharactersError, EmptyTextError, MaskError, ParameterError, TextTooLongError,
                         UnknownModelError)

LONG_FOR_BERT = "the cat sat on the mat . " * (POSITIONS // 5) + "[MASK]"  # 7 tokens a time: past the positions


@pytest.mark.parametrize("call, error, message", [
    (lambda s: s.fill_mask(None, ""), EmptyTextError, "empty"),
    (lambda s: s.fill_mask(None, "   \n\t "), EmptyTextError, "empty"),
    (lambda s: s.next_tokens(None, None), EmptyTextError, "empty"),
    (lambda s: s.fill_mask(None, "the cat sat ."), MaskError, "No blank found"),
    (lambda s: s.fill_mask(None, "the " + "[MASK] " * 6), MaskError, "limit is 5"),
    (lambda s: s.fill_mask(None, "[MASK] " * 30), MaskError, "limit is 5"),
    (lambda s: s.next_tokens(None, "the [MASK] sat"), MaskError, "cannot fill a blank"),
    (lambda s: s.fill_mask(None, "x" * 20_000 + " [MASK]"), TextTooLongError, "limit is 4,000"),
    (lambda s: s.fill_mask(None, LONG_FOR_BERT), TextTooLongError, f"at most {POSITIONS} positions"),
    (lambda s: s.attention(None, LONG_FOR_BERT), TextTooLongError, f"at most {POSITIONS} positions"),
    (lambda s: s.generate(None, "the cat sat on the mat " * 4, max_new_tokens=POSITIONS - 4), TextTooLongError,
     f"plus {POSITIONS - 4} new tokens"),
    (lambda s: s.fill_mask("bert-large-cased-whatever", "the [MASK]"), UnknownModelError, "Unknown model"),
    (lambda s: s.fill_mask(None, "the cat\x00 [MASK]"), BadCharactersError, r"U\+0000"),
    (lambda s: s.next_tokens(None, "the cat \x1b[31m red"), BadCharactersError, r"U\+001B"),
    (lambda s: s.fill_mask(None, "the [MASK]", top_k=0), ParameterError, "between 1 and 50"),
    (lambda s: s.fill_mask(None, "the [MASK]", top_k=51), ParameterError, "between 1 and 50"),
    (lambda s: s.fill_mask(None, "the [MASK]", top_k="lots"), ParameterError, "whole number"),
    (lambda s: s.fill_mask(None, "the [MASK]", top_k=2.5), ParameterError, "whole number"),
    (lambda s: s.next_tokens(None, "the cat", top_k=True), ParameterError, "whole number"),
    (lambda s: s.generate(None, "the", temperature=0), ParameterError, "temperature must be above 0"),
    (lambda s: s.generate(None, "the", temperature=-1), ParameterError, "temperature"),
    (lambda s: s.generate(None, "the", temperature=float("nan")), ParameterError, "temperature"),
    (lambda s: s.generate(None, "the", temperature=1e9), ParameterError, "at most 5"),
    (lambda s: s.generate(None, "the", top_p=0), ParameterError, "top_p must be above 0"),
    (lambda s: s.generate(None, "the", top_p=1.5), ParameterError, "at most 1"),
    (lambda s: s.generate(None, "the", top_k=-3), ParameterError, "top_k must be between 0 and 1000"),
    (lambda s: s.generate(None, "the", max_new_tokens=0), ParameterError, "between 1 and 256"),
    (lambda s: s.generate(None, "the", max_new_tokens=10**9), ParameterError, "between 1 and 256"),
    (lambda s: s.generate(None, "the", seed=-1), ParameterError, "seed"),
    (lambda s: s.compare("the cat sat ."), MaskError, "No blank"),
])
def test_bad_input_gets_a_clear_message_and_the_next_request_works(service, call, error, message):
    with pytest.raises(error, match=message):
        call(service)
    assert len(service.fill_mask(None, "the cat sat on the [MASK] .").masks[0]) == 5  # still serving


@pytest.mark.parametrize("text", ["the 🐱 sat on the [MASK] 🎉", "猫は[MASK]の上に座った", "הכלב [MASK] בפארק",
                                  "the cafe\u0301 [MASK]", "<img src=x onerror=alert(1)> [MASK]", "{{7*7}} ${x} [MASK]",
                                  "../../etc/passwd [MASK]"])
def test_unusual_but_valid_text_gets_an_answer(service, text):
    assert len(service.fill_mask(None, text).masks) == 1
    assert len(service.next_tokens(None, text.replace("[MASK]", "")).candidates) == 5
    assert len(service.compare(text).ranking) == 5


def test_web_service_refuses_local_directories(bert_dir):
    from conftest import make_service

    web = make_service(bert_dir, bert_dir).web_only()  # DEMO_ALLOW_LOCAL_MODELS unset
    with pytest.raises(UnknownModelError, match="local model directories are not enabled"):
        web.fill_mask(bert_dir, "the [MASK]")
    with pytest.raises(UnknownModelError, match="Choose one of: bert-base-uncased"):
        web.fill_mask("../../../etc", "the [MASK]")


def test_error_messages_do_not_echo_the_model_reference(service):
    with pytest.raises(UnknownModelError) as err:
        service.fill_mask("<script>alert(1)</script>", "the [MASK]")
    assert "<script>" not in str(err.value)
