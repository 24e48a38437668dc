"""Compress the loaded model one way, and measure what is left: size, speed and fidelity.

Each variant is built from a copy of the shared model (copy.deepcopy: the model users are served
by is never changed), measured against the full model on the same sentences in the same run, and
freed before the next one, so at most one copy exists beside the shared model. The distilled twin
is no copy: it is the catalog's smaller model, loaded once through the service's model cache.
"""
from __future__ import annotations

import copy
import gc
from dataclasses import dataclass

import torch

from demo.catalog import MASKED
from demo.errors import ParameterError
from demo.loading import LoadedModel
from demo.measure import probe, sentences, variants
from demo.inputs import COMPRESSION_METHODS
from demo.results import Compressed
from demo.text import Said

METHODS = COMPRESSION_METHODS
DEFAULT_AMOUNT = {"prune": 0.5, "heads": 0.25, "low_rank": 0.5}  # the methods that take an amount
# gpt2's shape in fp16 ran for over 6 minutes on a 2-core CPU without finishing (bench/cost.py); bert-base's
# took 3.5 times as long as float32. Past this size a CPU refuses fp16 rather than hold everyone's requests.
FP16_CPU_LIMIT = 20_000_000
TWINS = {"bert-base-uncased": "distilbert-base-uncased", "gpt2": "distilgpt2"}


@dataclass
class Reference:
    """The full model's answers on the fixed sentences, found once per model."""
    probe: probe.Probe
    top: torch.Tensor  # (S, 5)
    quality: float
    bytes: int
    parameters: int


def stored(model: torch.nn.Module) -> tuple[int, int]:
    """Bytes and values of the state dict's tensors, each storage once (tied embeddings, int8 packs)."""
    seen, nbytes, values = set(), 0, 0
    stack = list(model.state_dict().values())
    while stack:
        item = stack.pop()
        if isinstance(item, (tuple, list)):  # quantized Linear: (int8 weight, bias)
            stack.extend(item)
        elif isinstance(item, torch.Tensor):
            key = (item.data_ptr(), item.dtype, item.numel())
            if key in seen:
                continue
            seen.add(key)
            nbytes += item.numel() * item.element_size()
            if item.is_floating_point() or item.is_quantized:
                values += item.numel()
    return nbytes, values


def reference(lm: LoadedModel) -> Reference:
    checks = probe.build(lm)
    top = probe.top5(lm, lm.model, checks)
    return Reference(checks, top, probe.quality(lm, lm.model, checks, top), *stored(lm.model))


def build(model: torch.nn.Module, method: str, amount: float | None) -> tuple[torch.nn.Module, str]:
    if method == "int8":
        return variants.int8(model)
    if method in ("fp16", "bf16"):
        return variants.half(model, torch.float16 if method == "fp16" else torch.bfloat16)
    return {"prune": variants.prune, "heads": variants.heads, "low_rank": variants.low_rank}[method](model, amount)


def twin_of(model_id: str) -> str:
    if model_id not in TWINS:
        pairs = ", ".join(f"{a} → {b}" for a, b in TWINS.items())
        raise ParameterError("error.no_twin", model=model_id, pairs=pairs)
    return TWINS[model_id]


def compress(lm: LoadedModel, method: str, amount: float | None, ref: Reference,
             twin: LoadedModel | None = None) -> Compressed:
    if method == "int8" and lm.device.type != "cpu":
        raise ParameterError("error.int8_cpu", device=lm.device.type)
    if method == "fp16" and lm.device.type == "cpu" and ref.parameters > FP16_CPU_LIMIT:
        raise ParameterError("error.fp16_cpu", model=lm.spec.id)
    if method == "distilled":
        variant, note = twin.model, Said("variant.distilled", model=twin.spec.id)
    else:
        variant, note = build(copy.deepcopy(lm.model), method, amount)
    try:
        top = probe.top5(lm, variant, ref.probe)
        quality = probe.quality(lm, variant, ref.probe, top)
        ratio = probe.latency_ratio(lm, lm.model, variant, ref.probe)
        nbytes, values = stored(variant)
        zeros = variants.zero_share(variant) if method == "prune" else 0.0
        return Compressed(
            model=lm.spec.id, method=method, amount=amount, bytes=nbytes, full_bytes=ref.bytes, parameters=values,
            full_parameters=ref.parameters, seconds_ratio=ratio, fidelity=probe.fidelity(ref.top, top),
            quality=quality, full_quality=ref.quality,
            quality_name="top-5 accuracy" if lm.spec.family == MASKED else "perplexity",
            sentences=len(sentences.SENTENCES), zeros=zeros, note=note,
            device=lm.device.type)
    finally:
        del variant  # the copy goes before anything else is built
        gc.collect()
