"""A stand-in for Hugging Face's `spaces` package (tests only; on sys.path in a subprocess).

Like ZeroGPU, `@spaces.GPU` runs each call in another process: here a child forked from the
server at call time, which sees the server's memory as it was (models loaded at start-up
included) and sends the answer back pickled; what it changes in memory is lost. Each child
appends its pid to the file named by ZEROGPU_CALLS, so a test can tell the calls really ran there.
"""
from __future__ import annotations

import functools
import inspect
import os
import pickle
import struct

_END = ("end", None)


def _send(fd: int, message) -> None:
    data = pickle.dumps(message)
    os.write(fd, struct.pack("!Q", len(data)))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _receive(f):
    head = f.read(8)
    if len(head) < 8:
        raise RuntimeError("the GPU worker died without an answer")
    return pickle.loads(f.read(struct.unpack("!Q", head)[0]))


def _in_child(fn, args, kwargs):
    """Fork; the child runs fn and streams ("item", x) ... ("end", None) or ("error", exc)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read)
        try:
            import torch

            torch.set_num_threads(1)  # as DataLoader's forked workers do: the parent's thread pool is gone
            with open(os.environ["ZEROGPU_CALLS"], "a") as calls:
                calls.write(f"{os.getpid()}\n")
            result = fn(*args, **kwargs)
            if inspect.isgenerator(result):
                for item in result:
                    _send(write, ("item", item))
            else:
                _send(write, ("item", result))
            _send(write, _END)
        except BaseException as err:  # noqa: BLE001 - everything goes back to the server
            _send(write, ("error", err))
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as f:
        try:
            while True:
                kind, value = _receive(f)
                if kind == "error":
                    raise value
                if kind == "end":
                    return
                yield value
        finally:
            os.waitpid(pid, 0)


def GPU(fn=None, duration: int = 60):
    if fn is None:
        return lambda f: GPU(f, duration)
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(*args, **kwargs):
            yield from _in_child(fn, args, kwargs)
        return stream

    @functools.wraps(fn)
    def call(*args, **kwargs):
        (result,) = list(_in_child(fn, args, kwargs))
        return result
    return call
