"""What one forward pass costs on this server, against the text's length and the batch size.

For each (batch, length) point the transformer body (embeddings and layers, without the vocabulary
head, which is the same n·d·V work whatever attention does) runs on random token ids, holding the
device lock for one forward at a time so users' requests slip in between. Latency is the fastest
of a few runs; memory is the peak of one run (demo/measure/memory.py). A least-squares fit
seconds ≈ a + b·n + c·n² over the batch-1 points sits next to the analytic FLOPs per layer
(results.Cost.flops): the n part (projections, feed-forward) against the n² part (scores, weights·V).
The whole measurement keeps to a time budget: points that would overrun it (never the shortest, middle
and longest length) are skipped and named.
"""
from __future__ import annotations

import time
from typing import Callable

import numpy as np
import torch

from demo.loading import LoadedModel
from demo.measure.memory import PeakMemory
from demo.results import Cost, CostPoint
from demo.text import Said

BATCH_SIZES = (1, 2, 4, 8)
BUDGET_S = 18.0  # the whole measurement: the goal is ≤ 20 s for bert-base's shape on a 2-core CPU
RUN_S = 0.5  # repeat a point while its runs together stay under this (short passes are noisy)
MAX_REPEATS = 5

Progress = Callable[..., object]


def default_lengths(limit: int, points: int = 8) -> list[int]:
    """About eight lengths from 8 to the model's limit: doubling up to a quarter of it (short texts are
    common), then evenly to the limit; evenly spaced when the limit is small."""
    lengths = sorted({n for n in (limit * k // 64 for k in (2, 4, 8, 16, 32, 48)) if n > 8} | {8, limit})
    if len(lengths) < points:
        lengths = sorted({int(round(n)) for n in np.linspace(min(8, limit), limit, points)})
    return [n for n in lengths if n <= limit]


def feed_forward_width(config) -> int:
    for name in ("intermediate_size", "n_inner", "hidden_dim", "ffn_dim"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return 4 * config.hidden_size  # GPT-2's n_inner=None means 4·d


def device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    if device.type == "cpu":
        return f"cpu ({torch.get_num_threads()} threads)"
    return device.type


def cost(lm: LoadedModel, lengths: list[int] | None = None, batch_sizes: list[int] | None = None,
         progress: Progress | None = None, budget_s: float = BUDGET_S) -> Cost:
    started = time.perf_counter()
    lengths = sorted(set(lengths or default_lengths(lm.spec.max_positions)))
    batch_sizes = sorted(set(batch_sizes or BATCH_SIZES))
    middle, longest = lengths[len(lengths) // 2], lengths[-1]
    # shortest, longest and middle first (the fit needs three), then the other lengths, then the batches:
    # when the budget runs out, what is left out is what the view can most easily do without
    first = list(dict.fromkeys([lengths[0], longest, middle]))
    plan = [(1, n) for n in first + [n for n in lengths if n not in first]]
    plan += [(b, n) for n in dict.fromkeys([middle, longest]) for b in batch_sizes if b != 1]

    body = lm.model.base_model
    offerable = (~lm.never).nonzero().flatten().cpu()  # ids a tokenizer really produces, no specials
    generator = torch.Generator().manual_seed(0)
    seconds_at: dict[int, float] = {}  # length -> batch-1 seconds, to predict the points still to come
    points, skipped, measure = [], [], ""
    warm = offerable[:1].repeat(1, lengths[0]).to(lm.device)
    with lm.lock, torch.inference_mode():
        body(input_ids=warm)  # the first pass in a process pays one-time set-up: not a measurement
    for done, (batch, length) in enumerate(plan):
        if progress:
            progress(done / len(plan), desc=Said("progress.measuring", model=lm.spec.id, batch=batch, length=length))
        spent = time.perf_counter() - started
        least = 1  # a batch point is there for its memory (the same in every run) and a rough time
        if batch == 1:  # a length point runs twice when the budget allows
            known = max(seconds_at.items(), default=(length, 0.0))
            predicted = 1.2 * known[1] * length / known[0]  # scaled from the longest length measured so far
            least = 2 if spent + 2 * predicted <= budget_s else 1
        else:  # the body's work grows at least linearly with the batch; a margin for a busy machine
            predicted = 1.2 * seconds_at[length] * batch
        if spent + predicted > budget_s and len(seconds_at) >= 3:  # the first three lengths always run
            skipped.append(Said("cost.skipped_point", batch=batch, length=length, predicted=f"{predicted:.1f}",
                                left=f"{max(0.0, budget_s - spent):.1f}", budget=f"{budget_s:.0f}"))
            continue
        ids = offerable[torch.randint(len(offerable), (batch, length), generator=generator)].to(lm.device)
        point, measure = _measure(lm, body, ids, started + budget_s, least)
        points.append(point)
        if batch == 1:
            seconds_at[length] = point.seconds
    if progress:
        progress(1.0, desc=Said("progress.measured", model=lm.spec.id))

    ones = [p for p in points if p.batch == 1]
    n = np.array([p.length for p in ones], dtype=float)
    y = np.array([p.seconds for p in ones])
    c, b, a = np.polyfit(n, y, 2) if len(ones) >= 3 else (0.0, 0.0, float(y.mean()))  # highest power first
    config = lm.model.config
    return Cost(lm.spec.id, device_name(lm.device), str(lm.model.dtype).removeprefix("torch."),
                config.num_hidden_layers, config.hidden_size, feed_forward_width(config), lm.spec.max_positions,
                points, (float(a), float(b), float(c)), measure, skipped, time.perf_counter() - started)


def _measure(lm: LoadedModel, body, ids: torch.Tensor, deadline: float, least: int) -> tuple[CostPoint, str]:
    """Run the body on (B, T) ids, one locked forward at a time, until a run's worth of repeats is done."""
    times, peak, measure = [], 0, ""
    while True:
        with lm.lock, torch.inference_mode():
            with PeakMemory(lm.device) as memory:
                begin = time.perf_counter()
                out = body(input_ids=ids)
                _sync(lm.device)
                times.append(time.perf_counter() - begin)
                del out  # freed inside the measure: its bytes are part of the peak, not left over
        peak, measure = max(peak, memory.bytes), memory.measure
        best = min(times)
        # at least `least` runs (a first run can be a warm-up or a hiccup of a busy machine), more while
        # the fastest run says they fit in RUN_S, never past the deadline
        enough = len(times) >= least and (len(times) >= MAX_REPEATS or (len(times) + 1) * best > RUN_S)
        if enough or time.perf_counter() + best > deadline:
            break
    return CostPoint(int(ids.shape[0]), int(ids.shape[1]), best, int(peak), len(times)), measure


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)
