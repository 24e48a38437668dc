"""Which failures are the device's, and what a user is told about them.

Only two exception types are device faults: torch.OutOfMemoryError (this request asked for more
memory than the device had free) and torch.AcceleratorError (a CUDA/MPS error, torch >= 2.8).
Everything else, including RuntimeErrors whose text mentions "CUDA" or "device" (such as
"Expected all tensors to be on the same device"), is a bug: it propagates, the UI shows its
generic message and the traceback is logged. Users never see raw error text: it can hold
paths, shapes and other internals, and says nothing they can act on. A fault that breaks the
device's context for good (a device-side assert) restarts the server (demo.restart).
"""
from __future__ import annotations

import contextlib
import logging

import torch

from demo import restart
from demo.errors import DeviceError

log = logging.getLogger(__name__)

# torch.OutOfMemoryError is torch >= 2.5 (torch.cuda's before); AcceleratorError is torch >= 2.8
OUT_OF_MEMORY_TYPES = (getattr(torch, "OutOfMemoryError", torch.cuda.OutOfMemoryError),)
ACCELERATOR_TYPES = tuple(t for t in [getattr(torch, "AcceleratorError", None)] if t is not None)


@contextlib.contextmanager
def device_errors():
    """A device fault fails this request only, with a fixed message; anything else propagates."""
    try:
        yield
    except OUT_OF_MEMORY_TYPES as err:
        log.warning("out of memory: %s", err)
        release_memory()
        raise DeviceError("error.out_of_memory") from err
    except ACCELERATOR_TYPES as err:
        log.error("device fault", exc_info=err)
        if restart.restarting() or (restart.context_broken() and restart.restart_soon()):
            raise DeviceError("error.device_restarting") from err
        release_memory()
        raise DeviceError("error.device_failed") from err


def release_memory() -> None:
    if torch.cuda.is_available():
        try:
            torch.cuda.empty_cache()
        except RuntimeError:  # a broken context refuses this too; the fault itself is reported
            log.exception("could not release cached device memory")
