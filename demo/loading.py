"""Load each model once per process, on the best device, ready for inference.

Loads run one at a time (concurrent first requests wait, then find the model loaded), so the
weights are read once and two loads never share transformers' process-wide meta-device state.
Failures are remembered briefly, so an unreachable hub costs one timeout, not one per request.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM, AutoTokenizer
from transformers.utils import logging as hf_logging

from demo import glm
from demo.catalog import CAUSAL, MASKED, SEQ2SEQ, ModelSpec, usable_positions
from demo.errors import ModelLoadError
from demo.hub import Report, fetch_weights
from demo.results import ModelInfo

log = logging.getLogger(__name__)

FAILURE_MEMORY_S = 60.0
hf_logging.disable_progress_bar()  # a server log, not a terminal: no weight-loading bars


def best_device(requested: str | None = None) -> torch.device:
    if requested:
        return torch.device(requested)
    if torch.cuda.is_available():
        return torch.device("cuda")
    if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def best_dtype(device: torch.device, requested: str | None = None) -> torch.dtype:
    if requested:
        return getattr(torch, requested)
    return torch.float16 if device.type in {"cuda", "mps"} else torch.float32


@dataclass
class LoadedModel:
    spec: ModelSpec
    model: torch.nn.Module
    tokenizer: object
    device: torch.device
    info: ModelInfo
    never: torch.Tensor  # (V,) bool: special and out-of-tokenizer ids, never offered as candidates
    lock: threading.Lock  # the device's lock: one forward pass at a time per device
    positions: int  # most tokens one input may have: the catalog's figure, or less if the config says so
    rows: int  # input embedding rows: every id fed to the model must be below this

    @property
    def offerable(self) -> int:
        return int(self.never.numel() - self.never.sum())

    @property
    def mask_token(self) -> str | None:
        return self.tokenizer.mask_token


class ModelCache:
    def __init__(self, device: str | None = None, dtype: str | None = None, offline: bool = False):
        self.device = best_device(device)
        self.dtype = best_dtype(self.device, dtype)
        self.offline = offline
        self.sealed = False  # ZeroGPU: models were loaded at start-up and requests never load (startup.preload)
        self.loads: Counter[str] = Counter()  # how often each model was really read (tests check 1)
        self._models: dict[str, LoadedModel] = {}
        self._failures: dict[str, tuple[float, ModelLoadError]] = {}
        self._loading = threading.Lock()
        self.device_lock = threading.Lock()  # shared by every model here: the device is never oversubscribed

    def loaded(self, family: str | None = None) -> list[str]:
        return [i for i, lm in self._models.items() if family in (None, lm.spec.family)]

    def get(self, spec: ModelSpec, report: Report | None = None) -> LoadedModel:
        """The loaded model; its first use loads it, downloading hub weights with `report`ed progress."""
        if spec.id in self._models:  # fast path, no lock
            return self._models[spec.id]
        if self.sealed:
            choices = ", ".join(self.loaded(spec.family))
            raise ModelLoadError("error.not_loaded", model=spec.id, choices=choices)
        # one load at a time, whatever the model: from_pretrained builds models on the "meta"
        # device through process-wide state, so two loads in two threads corrupt each other
        with self._loading:
            if spec.id in self._models:
                return self._models[spec.id]
            failed = self._failures.get(spec.id)
            if failed and time.monotonic() - failed[0] < FAILURE_MEMORY_S:
                raise failed[1].again()  # a new exception: the stored one must not collect tracebacks
            try:
                loaded = self._load(spec, report)
            except ModelLoadError as err:
                self._failures[spec.id] = (time.monotonic(), err)
                raise
            self._models[spec.id] = loaded
            return loaded

    def _load(self, spec: ModelSpec, report: Report | None = None) -> LoadedModel:
        auto = {MASKED: AutoModelForMaskedLM, CAUSAL: AutoModelForCausalLM, SEQ2SEQ: AutoModelForSeq2SeqLM}.get(spec.family)
        if auto is None:
            raise ModelLoadError("error.unserved_family", model=spec.id, family=spec.family)
        local_only = self.offline or spec.bundled
        started = time.perf_counter()
        try:
            if not local_only and not Path(spec.source).is_dir():  # a hub model: its weights, with progress
                fetch_weights(spec.id, spec.source, report)
            tokenizer = AutoTokenizer.from_pretrained(spec.source, local_files_only=local_only)
            # an encoder-decoder's config says which shape it has: read once, handed on to from_pretrained
            config = AutoConfig.from_pretrained(spec.source, local_files_only=local_only) if spec.family == SEQ2SEQ else None
            if config is not None and glm.is_glm(config):
                auto = AutoModelForMaskedLM  # the encoder-decoder idea in one stack (demo.glm): BERT's weights
            # eager attention: sdpa (the default) returns no attention weights in transformers 5
            model = auto.from_pretrained(spec.source, config=config, dtype=self.dtype, attn_implementation="eager",
                                         local_files_only=local_only)
        except ModelLoadError:
            raise
        except Exception as err:  # missing files, no network, a corrupt file (SafetensorError), a bad config
            log.warning("could not load %s: %r", spec.id, err)
            why = (str(err).splitlines() or [type(err).__name__])[0][:200]
            raise ModelLoadError("error.load_failed_bundled" if spec.bundled else "error.load_failed_hub",
                                 model=spec.id, why=why) from err
        model.to(self.device).eval().requires_grad_(False)
        self.loads[spec.id] += 1
        log.info("loaded %s on %s (%s) in %.1fs", spec.id, self.device, self.dtype, time.perf_counter() - started)
        # a position or id past the model's tables is an index error on CPU and a device-side
        # assert on CUDA (which breaks every later call): service.encode refuses both beforehand
        positions = min(spec.max_positions, usable_positions(model.config.to_dict()) or spec.max_positions)
        return LoadedModel(spec, model, tokenizer, self.device, _info(spec, model, tokenizer, self.device, positions),
                           _never_ids(model, tokenizer, self.device), self.device_lock, positions,
                           model.get_input_embeddings().num_embeddings)


def _never_ids(model, tokenizer, device) -> torch.Tensor:
    vocab = model.get_output_embeddings().weight.shape[0]
    never = torch.zeros(vocab, dtype=torch.bool)
    never[len(tokenizer):] = True  # padded vocabularies: rows no tokenizer id maps to
    never[[i for i in tokenizer.all_special_ids if i < vocab]] = True
    return never.to(device)


def _info(spec: ModelSpec, model, tokenizer, device, positions: int) -> ModelInfo:
    c = model.config
    kind = type(tokenizer.backend_tokenizer.model).__name__ if hasattr(tokenizer, "backend_tokenizer") else "?"
    return ModelInfo(
        id=spec.id, family=spec.family, parameters=sum(p.numel() for p in model.parameters()),
        layers=c.num_hidden_layers, heads=c.num_attention_heads, hidden=c.hidden_size,
        vocab=len(tokenizer), max_positions=positions, device=str(device),
        dtype=str(model.dtype).removeprefix("torch."), tokenizer=kind, design=glm.GLM if glm.is_glm(c) else "",
    )
