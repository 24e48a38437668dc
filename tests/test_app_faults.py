"""Faults through the running app: one failing model, request or tab fails alone, with a message,
and the next request, the other tabs and the other models keep answering."""
from pathlib import Path

import pytest
import torch
from gradio_client.exceptions import AppError

from conftest import fail_once
from demo.catalog import MASKED, ModelSpec
from demo.ui.common import UNEXPECTED

FILL = {"text": "the cat sat on the [MASK] .", "api_name": "/fill_mask"}


def test_a_model_with_corrupt_files_gets_a_message_and_the_others_keep_serving(client, web_service, tmp_path,
                                                                               monkeypatch):
    broken = Path(tmp_path, "broken-bert")
    broken.mkdir()
    (broken / "config.json").write_text('{"architectures": ["BertForMaskedLM"], "model_type": "bert"}')
    (broken / "model.safetensors").write_bytes(b"not really weights")
    monkeypatch.setitem(web_service.catalog, "broken-bert",
                        ModelSpec("broken-bert", MASKED, "broken", str(broken), 64, "[MASK]", bundled=True))
    with pytest.raises(AppError, match=r"Could not load model 'broken-bert'.*To fix"):
        client.predict(model="broken-bert", **FILL)
    assert client.predict(**FILL)  # the default masked model still answers
    assert client.predict(text="the cat", api_name="/next_tokens")


def test_out_of_memory_in_one_request_fails_it_alone(client, web_service, monkeypatch):
    lm = web_service.load(None, MASKED)
    fail_once(monkeypatch, lm.model.base_model, "forward", torch.OutOfMemoryError("CUDA out of memory."))
    with pytest.raises(AppError, match="ran out of memory on this request"):
        client.predict(**FILL)
    assert client.predict(**FILL)  # same model, next request: fine


def test_a_failing_tab_does_not_affect_the_others(client, web_service, monkeypatch):
    def broken(*args, **kwargs):
        raise KeyError("a bug with an internal detail")

    monkeypatch.setattr(web_service, "attention", broken)
    with pytest.raises(AppError) as caught:
        client.predict(text="the cat sat", api_name="/attention")
    assert UNEXPECTED in str(caught.value) and "internal detail" not in str(caught.value)
    assert client.predict(**FILL)
    assert client.predict(text="the cat ___ .", api_name="/compare")
    monkeypatch.undo()
    assert client.predict(text="the cat sat", api_name="/attention")  # and it recovers
