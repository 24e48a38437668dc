"""Peak memory of one forward pass: the CUDA allocator's peak, or on other devices the bytes of the
tensors PyTorch allocates during the pass, followed op by op.

The CPU has no allocator statistics, and the process's resident size mixes in malloc's caches,
other threads and oneDNN's kernels. A TorchDispatchMode sees every tensor each aten op returns;
each new storage adds its bytes while any tensor on it is alive. Scratch space inside a kernel
(oneDNN workspaces) is not seen, so on the CPU this is the activations' peak, a lower bound.
"""
from __future__ import annotations

import contextlib
import weakref

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten

from demo.text import Said

# how peak_bytes was measured, in words (English; a view says it in its reader's language)
CUDA_MEASURE = Said("cost.measure_cuda")
TENSOR_MEASURE = Said("cost.measure_tensors")


class LiveTensorBytes(TorchDispatchMode):
    """Live bytes of the storages created inside the mode, and their peak."""

    def __init__(self):
        super().__init__()
        self.live = 0
        self.peak = 0
        self._holders: dict[int, int] = {}  # storage address -> tensors alive on it

    def _release(self, address: int, nbytes: int) -> None:
        self._holders[address] -= 1
        if self._holders[address] == 0:
            del self._holders[address]
            self.live -= nbytes

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for tensor in tree_flatten(out)[0]:
            if isinstance(tensor, torch.Tensor) and tensor.device.type != "meta":
                storage = tensor.untyped_storage()
                address, nbytes = storage.data_ptr(), storage.nbytes()
                if address not in self._holders:  # a new storage (a view or an in-place op reuses one)
                    self._holders[address] = 0
                    self.live += nbytes
                    self.peak = max(self.peak, self.live)
                self._holders[address] += 1
                weakref.finalize(tensor, self._release, address, nbytes)
        return out


class PeakMemory:
    """`with PeakMemory(device) as peak: forward()`, then `peak.bytes`."""

    def __init__(self, device: torch.device):
        self.device = torch.device(device)
        self.bytes = 0
        self._stack = contextlib.ExitStack()

    @property
    def measure(self) -> str:
        return CUDA_MEASURE if self.device.type == "cuda" else TENSOR_MEASURE

    def __enter__(self) -> "PeakMemory":
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            torch.cuda.reset_peak_memory_stats(self.device)
            self._before = torch.cuda.memory_allocated(self.device)
        else:
            self._mode = self._stack.enter_context(LiveTensorBytes())
        return self

    def __exit__(self, *exc) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
            self.bytes = torch.cuda.max_memory_allocated(self.device) - self._before
        else:
            self._stack.close()
            self.bytes = self._mode.peak
