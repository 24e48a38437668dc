"""ZeroGPU: a handler runs in a worker process and its answer comes back pickled.

A tab's handler answers {component: value}; a component holds its whole Blocks (event lambdas
included), which cannot be pickled. So the worker answers {component id: value} and the server
turns the ids back into the running app's components before Gradio reads them."""
from __future__ import annotations

import functools
import inspect

from gradio.blocks import Block
from gradio.context import LocalContext


class ById(dict):
    """{component._id: value}: a {component: value} answer on its way out of the worker."""


def _to_ids(answer):
    if isinstance(answer, dict) and answer and all(isinstance(key, Block) for key in answer):
        return ById({key._id: value for key, value in answer.items()})
    return answer


def _to_components(answer):
    if isinstance(answer, ById):
        blocks = LocalContext.blocks.get().blocks  # the Blocks running this event: id -> component
        return {blocks[key]: value for key, value in answer.items()}
    return answer


def on_gpu(gpu, fn):
    """fn under `gpu` (spaces.GPU(duration=...)), its answers crossing the process boundary by id."""
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def worker_stream(*args, **kwargs):
            for answer in fn(*args, **kwargs):
                yield _to_ids(answer)
        leased = gpu(worker_stream)

        @functools.wraps(fn)
        def stream(*args, **kwargs):
            for answer in leased(*args, **kwargs):
                yield _to_components(answer)
        return stream

    @functools.wraps(fn)
    def worker(*args, **kwargs):
        return _to_ids(fn(*args, **kwargs))
    leased = gpu(worker)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        return _to_components(leased(*args, **kwargs))
    return call
