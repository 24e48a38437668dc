"""Models load once, failures are clear and contained, and concurrent requests batch correctly."""
import json
import threading
import time
import traceback

import pytest
import torch

from conftest import fail_once, make_service
from demo.errors import DeviceError, ModelLoadError


def run_together(fn, args_list):
    """Start every call at once; return results in order (exceptions re-raised)."""
    results, errors = [None] * len(args_list), []
    start = threading.Barrier(len(args_list))

    def worker(i, args):
        start.wait()
        try:
            results[i] = fn(*args)
        except Exception as err:  # noqa: BLE001 - surfaced below
            errors.append(err)

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(args_list)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if errors:
        raise errors[0]
    return results


def test_concurrent_first_calls_load_the_model_once(bert_dir, gpt_dir):
    fresh = make_service(bert_dir, gpt_dir)
    run_together(lambda: fresh.fill_mask(None, "the cat [MASK] ."), [()] * 8)
    run_together(lambda: fresh.next_tokens(None, "the cat"), [()] * 8)
    assert fresh.cache.loads == {bert_dir: 1, gpt_dir: 1}


def test_different_models_loading_at_the_same_moment_both_load(bert_dir, gpt_dir):
    # transformers builds a model on the "meta" device through process-wide state: two loads at
    # once in two threads used to leave one model's weights on meta ("Cannot copy out of meta tensor")
    for _ in range(3):
        fresh = make_service(bert_dir, gpt_dir)
        calls = [lambda: fresh.fill_mask(None, "the cat [MASK] ."), lambda: fresh.next_tokens(None, "the cat")] * 4
        run_together(lambda call: call(), [(c,) for c in calls])
        assert fresh.cache.loads == {bert_dir: 1, gpt_dir: 1}


def test_pending_names_the_models_a_request_will_load_first(bert_dir, gpt_dir):
    fresh = make_service(bert_dir, gpt_dir)
    assert fresh.pending((None, "masked"), (None, "causal"), (bert_dir, "masked")) == [bert_dir, gpt_dir]
    fresh.fill_mask(None, "the cat [MASK] .")
    assert fresh.pending((None, "masked"), (None, "causal")) == [gpt_dir]


def test_a_model_that_cannot_load_says_which_why_and_what_to_do(bert_dir, gpt_dir, tmp_path):
    fresh = make_service(bert_dir, gpt_dir, offline=True)
    with pytest.raises(ModelLoadError, match=r"Could not load model 'gpt2'.*To fix: choose a bundled pocket model"):
        fresh.next_tokens("gpt2", "hello")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.json").write_text(json.dumps({"model_type": "bert", "architectures": ["BertForMaskedLM"]}))
    with pytest.raises(ModelLoadError, match="Could not load model"):
        fresh.fill_mask(str(broken), "the [MASK]")
    with pytest.raises(ModelLoadError, match="has no config.json"):
        fresh.fill_mask(str(tmp_path), "the [MASK]")
    assert len(fresh.fill_mask(None, "the [MASK] sat").masks[0]) == 5  # other models keep serving


def test_a_failed_load_is_remembered_instead_of_retried_per_request(bert_dir, gpt_dir, monkeypatch):
    fresh = make_service(bert_dir, gpt_dir, offline=True)
    calls = []
    original = fresh.cache._load
    monkeypatch.setattr(fresh.cache, "_load", lambda spec, report=None: calls.append(spec.id) or original(spec, report))
    for _ in range(3):
        with pytest.raises(ModelLoadError):
            fresh.next_tokens("distilgpt2", "hello")
    assert calls == ["distilgpt2"]


def test_a_remembered_failure_keeps_no_request_s_frames(bert_dir, gpt_dir):
    # re-raising one stored exception chained each request's frames (and the results in them) onto its
    # traceback: a classroom's server grew by 40 MB a minute until it was restarted
    fresh = make_service(bert_dir, gpt_dir, offline=True)
    raised = []
    for _ in range(5):
        with pytest.raises(ModelLoadError) as caught:
            fresh.next_tokens("distilgpt2", "hello")
        raised.append(caught.value)
        if len(raised) == 1:
            stored = fresh.cache._failures["distilgpt2"][1]
            first_depth = len(traceback.extract_tb(stored.__traceback__))
    assert len(traceback.extract_tb(stored.__traceback__)) == first_depth  # nothing chained on
    assert all(err is not stored for err in raised[1:])  # each request raised its own
    depths = [len(traceback.extract_tb(err.__traceback__)) for err in raised[1:]]
    assert depths == [depths[0]] * 4
    assert {str(err) for err in raised} == {str(stored)} and {err.key for err in raised} == {stored.key}
    assert all(err.values == stored.values and err.__cause__ is stored.__cause__ for err in raised)


OUT_OF_MEMORY = ("The model ran out of memory on this request; try a shorter text. "
                 "Other requests are not affected.")
DEVICE_FAILED = "The GPU failed on this request (the details were logged); please try again."


def test_out_of_memory_fails_one_request_and_later_ones_succeed(bert_dir, gpt_dir, monkeypatch):
    fresh = make_service(bert_dir, gpt_dir)
    lm = fresh.load(None, "masked")
    fail_once(monkeypatch, lm.model.base_model, "forward",
              torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"))
    with pytest.raises(DeviceError) as caught:
        fresh.fill_mask(None, "the cat [MASK] .")
    assert str(caught.value) == OUT_OF_MEMORY  # fixed text: nothing of the raw error reaches users
    assert isinstance(caught.value.__cause__, torch.OutOfMemoryError)  # the details stay for the log
    assert len(fresh.fill_mask(None, "the cat [MASK] .").masks[0]) == 5
    assert len(fresh.next_tokens(None, "the cat").candidates) == 5


def test_an_accelerator_fault_while_streaming_is_a_fixed_message(service, monkeypatch):
    lm = service.load(None, "causal")
    fail_once(monkeypatch, lm.model, "forward", torch.AcceleratorError("CUDA error: an illegal memory access "
                                                                        "was encountered at 0x7f3e"))
    with pytest.raises(DeviceError) as caught:
        service.generate(None, "the cat", max_new_tokens=3)
    assert str(caught.value) == DEVICE_FAILED and "0x7f3e" not in str(caught.value)
    assert len(service.generate(None, "the cat", max_new_tokens=3, greedy=True).new_tokens) >= 1


@pytest.mark.parametrize("bug", [
    RuntimeError("Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!"),
    RuntimeError("CUDA error: device-side assert triggered"),  # a plain RuntimeError is not torch's device fault
    IndexError("index out of range in self"),
])
def test_a_bug_that_mentions_the_device_is_not_a_device_error(service, monkeypatch, bug):
    """Only torch's own fault types become DeviceError: anything else is a bug, raised as is so the UI
    logs it and shows its generic message (tests/test_app_faults.py)."""
    lm = service.load(None, "masked")
    fail_once(monkeypatch, lm.model.base_model, "forward", bug)
    with pytest.raises(type(bug)) as caught:
        service.fill_mask(None, "the cat [MASK] .")
    assert caught.value is bug and not isinstance(caught.value, DeviceError)
    assert len(service.fill_mask(None, "the cat [MASK] .").masks[0]) == 5


def _hold_lock_until_queued(service, verb, family, fn, texts):
    """Hold the device lock while every request queues, so they must run as one batch."""
    lm = service.load(None, family)
    out = {}
    with lm.lock:
        worker = threading.Thread(target=lambda: out.setdefault("results", run_together(fn, [(t,) for t in texts])))
        worker.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            batcher = service._batchers.get((lm.spec.id, verb))
            if batcher is not None and len(batcher._queue) == len(texts):
                break
            time.sleep(0.01)
    worker.join(60)
    return out["results"], service._batchers[(lm.spec.id, verb)]


def test_concurrent_fill_masks_batch_with_padding_and_equal_unbatched_answers(bert_dir, gpt_dir):
    fresh = make_service(bert_dir, gpt_dir)
    texts = ["the [MASK] .", "the cat sat on the [MASK] and the dog ran to the [MASK] .", "[MASK] bird sang",
             "she is play ##ing in the [MASK] [MASK] house", "a [MASK]"] * 2
    alone = [fresh.fill_mask(None, t, top_k=4).masks for t in texts]
    batched, batcher = _hold_lock_until_queued(fresh, "fill_mask", "masked",
                                               lambda t: fresh.fill_mask(None, t, top_k=4), texts)
    assert len(texts) in batcher.batch_sizes
    for one, many in zip(alone, batched):
        assert [[c.id for c in m] for m in one] == [[c.id for c in m] for m in many.masks]
        for m1, m2 in zip(one, many.masks):
            assert [c.prob for c in m1] == pytest.approx([c.prob for c in m2], abs=1e-5)


def test_concurrent_next_tokens_batch_with_padding_and_equal_unbatched_answers(bert_dir, gpt_dir):
    fresh = make_service(bert_dir, gpt_dir)
    texts = ["The", "The cat sat on the mat and the dog", "A bird", "They walked to the big house.", "We"] * 2
    alone = [fresh.next_tokens(None, t, top_k=5) for t in texts]
    batched, batcher = _hold_lock_until_queued(fresh, "next_tokens", "causal",
                                               lambda t: fresh.next_tokens(None, t, top_k=5), texts)
    assert len(texts) in batcher.batch_sizes
    for one, many in zip(alone, batched):
        assert [c.id for c in one.candidates] == [c.id for c in many.candidates]
        assert [c.prob for c in one.candidates] == pytest.approx([c.prob for c in many.candidates], abs=1e-5)
        assert one.entropy == pytest.approx(many.entropy, abs=1e-4)
