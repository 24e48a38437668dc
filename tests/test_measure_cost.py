"""cost(): latency and memory against length and batch, measured; the analytic n / n² split."""
import math

import pytest
import torch

from conftest import POSITIONS
from demo import catalog
from demo.errors import ParameterError, UnknownModelError
from demo.loading import ModelCache
from demo.measure.cost import cost, default_lengths


@pytest.fixture(scope="module")
def pocket():
    """The bundled pocket models, used directly: big enough (4 × 192) that 64 tokens cost clearly more
    than 8, where the tiny test models are all fixed overhead."""
    cache = ModelCache("cpu")
    return {family: cache.get(catalog.CATALOG[catalog.POCKET[family]]) for family in ("masked", "causal")}


@pytest.fixture
def one_thread():
    """Two threads on a busy 2-core machine stall each other at random; one thread measures steadily."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.mark.parametrize("family", ["masked", "causal"])
def test_latency_is_measured_at_each_length_by_the_fastest_of_several_runs(pocket, one_thread, family):
    result = cost(pocket[family], lengths=[8, 64], batch_sizes=[1])
    short, long = result.at_batch(1)
    assert (short.length, long.length) == (8, 64)
    assert short.repeats >= 2 and long.repeats >= 2  # the fastest of several runs each
    assert 0 < short.seconds < math.inf and 0 < long.seconds < math.inf  # which is faster: bench/, not a test


@pytest.mark.parametrize("family", ["masked", "causal"])
def test_memory_grows_with_batch_and_length(service, family):
    result = service.cost(service.default(family), lengths=[8, 16, 32], batch_sizes=[1, 2, 4])
    for length in (16, 32):  # the middle and the longest length get the batches
        peaks = [p.peak_bytes for p in result.at_length(length)]
        assert [p.batch for p in result.at_length(length)] == [1, 2, 4]
        assert peaks[0] < peaks[1] < peaks[2]
    ones = [p.peak_bytes for p in result.at_batch(1)]
    assert ones[0] < ones[1] < ones[2]
    assert result.skipped == [] and "live tensor bytes" in result.memory_measure


def test_analytic_split_follows_the_models_shape(service):
    lm = service.load(None, "masked")
    result = service.cost(None, lengths=[8, 16, 24], batch_sizes=[1])
    d, f = lm.model.config.hidden_size, lm.model.config.intermediate_size
    assert (result.hidden, result.intermediate, result.layers) == (d, f, lm.model.config.num_hidden_layers)
    parts = result.flops(100)
    assert parts["projections"] == 4 * 2 * d * d * 100  # Q, K, V, output: four d×d matrices, 2 FLOPs a multiply-add
    assert parts["feed_forward"] == 2 * 2 * d * f * 100
    assert parts["scores"] == parts["weighted_sum"] == 2 * d * 100 * 100
    n = result.crossover
    assert n == 2 * d + f
    at = result.flops(n)
    assert at["scores"] + at["weighted_sum"] == pytest.approx(at["projections"] + at["feed_forward"])
    assert result.attention_share(n) == pytest.approx(0.5)


def test_the_fit_is_least_squares_on_the_batch_one_points(service):
    import numpy as np

    result = service.cost(None, lengths=[8, 24, 40, 64], batch_sizes=[1])
    ones = result.at_batch(1)
    x, y = np.array([p.length for p in ones], float), np.array([p.seconds for p in ones])
    a, b, c = result.fit
    design = np.stack([np.ones_like(x), x, x * x], 1)
    want = np.linalg.lstsq(design, y, rcond=None)[0]
    assert np.allclose([a, b, c], want, rtol=1e-6, atol=1e-12)


def test_measured_once_per_model_with_progress_and_the_lock_per_forward(service, monkeypatch):
    lm = service.load(None, "causal")
    taken = []

    class CountingLock:
        def __init__(self, lock):
            self.lock = lock

        def __enter__(self):
            taken.append(1)
            return self.lock.__enter__()

        def __exit__(self, *exc):
            return self.lock.__exit__(*exc)

    monkeypatch.setattr(lm, "lock", CountingLock(lm.lock))
    told, lines = [], []
    first = service.cost(lm.spec.id, lengths=[8, 12, 16], batch_sizes=[1, 2],
                         progress=lambda fraction, desc="": (told.append(fraction), lines.append(desc)))
    runs = sum(p.repeats for p in first.points)
    assert len(taken) == runs + 1  # the warm-up, then one lock per forward, never one for the whole measurement
    assert told[0] == 0 and told[-1] == 1.0 and told == sorted(told)
    # each line in English for the Python API, and in Chinese for a Chinese page
    assert lines[-1] == f"Measured {lm.spec.id}" and lines[-1].to("zh") == f"{lm.spec.id} 测量完毕"
    again = service.cost(lm.spec.id, lengths=[8, 12, 16], batch_sizes=[1, 2])
    assert again is first and len(taken) == runs + 1  # cached: nothing ran again


def test_default_lengths_reach_the_limit_in_about_eight_points():
    assert default_lengths(512) == [8, 16, 32, 64, 128, 256, 384, 512]
    assert default_lengths(1024) == [8, 32, 64, 128, 256, 512, 768, 1024]
    assert default_lengths(64) == [8, 16, 24, 32, 40, 48, 56, 64]


@pytest.mark.parametrize("kwargs, error, message", [
    ({"lengths": [8, POSITIONS + 1]}, ParameterError, f"lengths must be between 1 and {POSITIONS}; got {POSITIONS + 1}"),
    ({"lengths": "8, 0"}, ParameterError, f"lengths must be between 1 and {POSITIONS}; got 0"),
    ({"lengths": list(range(1, 14))}, ParameterError, "lengths may have at most 12 values; got 13"),
    ({"lengths": "eight"}, ParameterError, f"lengths must be a whole number between 1 and {POSITIONS}"),
    ({"batch_sizes": [1, 17]}, ParameterError, "batch_sizes must be between 1 and 16; got 17"),
    ({"model": "no-such-model"}, UnknownModelError, "Unknown model. Choose one of: bert-base-uncased"),
])
def test_bad_input_gets_a_clear_message(service, kwargs, error, message):
    with pytest.raises(error, match=message):
        service.cost(**{"model": None, **kwargs})
