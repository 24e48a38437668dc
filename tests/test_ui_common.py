"""What every tab shares: the loading notice, and how errors reach a person."""
import gradio as gr
import pytest

from conftest import make_service
from demo.errors import MaskError
from demo.ui.common import UNEXPECTED, announce_loading, user_errors


def test_a_first_use_announces_which_models_are_loading(bert_dir, gpt_dir):
    fresh = make_service(bert_dir, gpt_dir)
    said = []
    announce_loading(fresh, lambda value, desc: said.append(desc), (None, "masked"), (None, "causal"))
    assert said and bert_dir in said[0] and gpt_dir in said[0] and "first use" in said[0]
    fresh.fill_mask(None, "the cat [MASK] .")
    fresh.next_tokens(None, "the cat")
    said.clear()
    announce_loading(fresh, lambda value, desc: said.append(desc), (None, "masked"), (None, "causal"))
    assert said == []  # loaded models are reused silently


def test_service_errors_show_their_message_and_bugs_a_generic_one():
    @user_errors
    def refuses():
        raise MaskError("error.no_blank")

    @user_errors
    def breaks():
        raise KeyError("internal detail")

    with pytest.raises(gr.Error, match=r"No blank found"):
        refuses()
    with pytest.raises(gr.Error) as caught:
        breaks()
    assert caught.value.message == UNEXPECTED and "internal detail" not in str(caught.value)


def test_a_bug_is_reported_in_the_readers_language_without_its_detail():
    class ChinesePage:  # what gr.Request offers: the page's link asked for ?lang=zh
        query_params = {"lang": "zh"}
        headers = {"accept-language": "en-US,en;q=0.9"}

    @user_errors
    def breaks():
        raise KeyError("internal detail")

    with pytest.raises(gr.Error) as caught:
        breaks(_reader=ChinesePage())
    assert caught.value.message == "服务器出错了（已记录在日志中）。请再试一次。"
