"""A fresh process after a broken GPU context.

A CUDA device-side assert (or an illegal memory access) leaves the process's CUDA context broken:
every later call on that device fails, for every user, until the process ends. Reloading a model
does not help; only a new process does. So after such a fault the server replaces itself with
`os.execv`: the same pid, the same command line and environment, hence the same port; the new
process loads its models again as at start-up. Sockets are close-on-exec (Python's default), so
the port is free for it. The delay lets the failing request's answer (and those of requests that
fail in the meantime) reach their users first.

Only the server's own process restarts: ZeroGPU runs handlers in forked workers, which `spaces`
replaces itself.
"""
from __future__ import annotations

import logging
import os
import sys
import threading

import torch

log = logging.getLogger(__name__)

RESTART_DELAY_S = 2.0
SERVER_PID = os.getpid()  # imported in the server process, before any worker is forked
_restarting = threading.Event()


def context_broken() -> bool:
    """Whether the CUDA context still works: a one-element sum fails once an assert has fired."""
    if not torch.cuda.is_available():
        return False  # CPU and MPS faults are not known to outlive the request
    try:
        torch.ones(1, device="cuda").sum().item()
        torch.cuda.synchronize()
    except Exception:  # whatever the context raises now, it is broken
        log.exception("the CUDA context no longer works")
        return True
    return False


def restart_soon(delay: float = RESTART_DELAY_S) -> bool:
    """Replace this server with a fresh process in `delay` seconds (once). Whether it will."""
    if os.getpid() != SERVER_PID or _restarting.is_set():
        return False
    _restarting.set()
    log.critical("the device's context is broken: the server restarts in %.0f s", delay)
    timer = threading.Timer(delay, _exec)
    timer.daemon = True
    timer.start()
    return True


def restarting() -> bool:
    return _restarting.is_set()


def _exec() -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
