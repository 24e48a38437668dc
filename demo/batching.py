"""Requests that arrive while a model is busy run together in one forward pass.

No timer and no worker thread: each request queues its job, then takes the model's lock.
Whoever holds the lock runs everything queued (up to `max_batch`) as one batch, so one user
alone pays nothing extra and forty users share forward passes. Under load (the last batch had
company) the leader waits a moment, a quarter of the last batch's time at most, for the users
whose answers just came back to queue their next request: without it, batches alternate
between one straggler and everyone else.
"""
from __future__ import annotations

import collections
import threading
import time
from typing import Any, Callable, Sequence


BATCHES_KEPT = 10_000


class _Job:
    __slots__ = ("item", "result", "error", "done")

    def __init__(self, item: Any):
        self.item, self.result, self.error, self.done = item, None, None, False


class Batcher:
    def __init__(self, lock: threading.Lock, run: Callable[[Sequence[Any]], list[Any]], max_batch: int):
        self._lock = lock  # the model's lock, shared with every other use of that model
        self._run = run  # items -> results, one per item, in order
        self._max_batch = max_batch
        self._queue: list[_Job] = []
        self._queue_guard = threading.Lock()
        # the last batches' sizes, for tests and the benchmark; bounded, as a server runs for days
        self.batch_sizes: collections.deque[int] = collections.deque(maxlen=BATCHES_KEPT)
        self._last_seconds = 0.0

    def __call__(self, item: Any) -> Any:
        job = _Job(item)
        with self._queue_guard:
            self._queue.append(job)
        with self._lock:
            while not job.done:  # FIFO: our job is in one of the next batches
                self._gather()
                with self._queue_guard:
                    batch = self._queue[: self._max_batch]
                    del self._queue[: self._max_batch]
                self._run_batch(batch)
        if job.error is not None:
            raise job.error
        return job.result

    def _gather(self) -> None:
        if not self.batch_sizes or self.batch_sizes[-1] == 1:
            return  # not under load: a lone user never waits
        deadline = time.perf_counter() + min(0.05, 0.25 * self._last_seconds)
        while len(self._queue) < self._max_batch and time.perf_counter() < deadline:
            time.sleep(0.001)

    def _run_batch(self, batch: list[_Job]) -> None:
        self.batch_sizes.append(len(batch))
        started = time.perf_counter()
        try:
            results = self._run([job.item for job in batch])
            for job, result in zip(batch, results):
                job.result = result
        except BaseException as err:  # every waiting user gets the error, not a hang
            for job in batch:
                job.error = err
        self._last_seconds = time.perf_counter() - started
        for job in batch:
            job.done = True
