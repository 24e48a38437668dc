"""Models load once, failures are clear and contained, and concurrent requests batch correctly."""
import json
import threading
import time

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
    assert fresh.fill_mask(None, "the [MASK] sat").masks  # other models keep serving


def test_a_failed_load_is_remembered_instead_of_retried_per_request(bert_dir, gpt_dir, monkeypatch):
    fresh = make_service(bert_dir, gpt_dir, offline=True)
    calls = []
    original = fresh.cache._load
    monkeypatch.setattr(fresh.cache, "_load", lambda spec, report=None: calls.append(spec.id) or original(spec, report))
    for _ in range(3):
        with pytest.raises(ModelLoadError):
            fresh.next_tokens("distilgpt2", "hello")
    assert calls == ["distilgpt2"]


def test_out_of_memory_fails_one_request_and_later_ones_succeed(bert_dir, gpt_dir, monkeypatch):
    fresh = make_service(bert_dir, gpt_dir)
    lm = fresh.load(None, "masked")
    fail_once(monkeypatch, lm.model.base_model, "forward",
              torch.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 GiB"))
    with pytest.raises(DeviceError, match="ran out of memory"):
        fresh.fill_mask(None, "the cat [MASK] .")
    assert fresh.fill_mask(None, "the cat [MASK] .").masks
    assert fresh.next_tokens(None, "the cat").candidates


def test_device_error_while_streaming_is_a_clear_message(service, monkeypatch):
    lm = service.load(None, "causal")
    monkeypatch.setattr(lm.model, "forward", lambda *a, **k: (_ for _ in ()).throw(
        RuntimeError("CUDA error: device-side assert triggered")))
    with pytest.raises(DeviceError, match="device failed"):
        service.generate(None, "the cat", max_new_tokens=3)
    monkeypatch.undo()
    assert service.generate(None, "the cat", max_new_tokens=3).new_tokens


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
