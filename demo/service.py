"""InferenceService: the one entry point every tab and API call goes through.

Each verb reads like a transformers pipeline: check the parameters once, encode, run the
model (batched with other users' requests where possible), return plain dataclasses.
It knows torch and transformers, never Gradio.
"""
from __future__ import annotations

import threading
import time
from typing import Iterator

import torch

from demo import catalog, faults, inputs
from demo.adapt.verbs import AdaptVerbs
from demo.batching import Batcher
from demo.catalog import CAUSAL, MASKED, SEQ2SEQ, ModelSpec
from demo.comparison import ComparingVerbs
from demo.errors import BadCharactersError, ModelLoadError, TextTooLongError, WrongFamilyError
from demo.text import Said
from demo.generation import Sampling, stream
from demo.hub import Report
from demo.inside.verbs import InsideVerbs
from demo.loading import LoadedModel, ModelCache
from demo.measure.verbs import MeasuringVerbs
from demo.predict import Request, fill_mask_batch, next_token_batch
from demo.results import (Attention, FillMask, Generation, GeneratedToken, Infill, ModelInfo, NextTokens,
                          WordScores)
from demo.settings import Settings
from demo.splits import SplittingVerbs
from demo.tensors import special_positions
from demo.startup import choose_defaults, seq2seq_default


class InferenceService(MeasuringVerbs, ComparingVerbs, InsideVerbs, AdaptVerbs, SplittingVerbs):
    # cost, compress: demo/measure/verbs.py; compare, change_right, score_both: demo/comparison.py;
    # lens, attribution, attention_steps, fill_with_own_word: demo/inside/verbs.py;
    # probe, fine_tune, classify, forget_tuned, next_sentence, sampling: demo/adapt/verbs.py; split: demo/splits.py
    def __init__(self, settings: Settings | None = None, defaults: dict[str, str] | None = None,
                 extra_models: list[ModelSpec] = ()):
        """`extra_models` join the allowlist (e.g. an operator's fine-tuned model, or test models)."""
        self.settings = settings or Settings.from_env()
        self.catalog = {**catalog.CATALOG, **{spec.id: spec for spec in extra_models}}
        self.cache = ModelCache(self.settings.device, self.settings.dtype, offline=self.settings.offline)
        self._defaults = defaults  # family -> model id; found lazily (may probe the network)
        self.notice = ""  # one line for the UI when the app fell back to the bundled models
        self._batchers: dict[tuple[str, str], Batcher] = {}
        self._measured: dict[tuple, object] = {}  # cost and compress results, per model, device and settings
        self._measuring = threading.Lock()  # one measurement at a time: never two model copies at once

    # -- models ---------------------------------------------------------------------------
    def default(self, family: str) -> str:
        if self._defaults is None:
            self._defaults, self.notice, hub_ok = choose_defaults(self.settings)
            self.cache.offline = self.cache.offline or not hub_ok
        if family == SEQ2SEQ and family not in self._defaults:  # pocket-t5 when the hub cannot be had
            self._defaults[family] = seq2seq_default(self.settings, hub_ok=not self.cache.offline)
        return self._defaults[family]

    def choices(self, family: str) -> list[str]:
        return catalog.ids(family, self.catalog)

    def spec(self, model: str | None, family: str) -> ModelSpec:
        spec = catalog.resolve(model or self.default(family), self._allow_local, self.catalog)
        if spec.family != family:
            key = {MASKED: "error.family_fill", CAUSAL: "error.family_next"}.get(family, "error.family_span")
            choices = ", ".join(self.choices(family))
            raise WrongFamilyError(key, model=spec.id, family=spec.family, choices=choices)
        return spec

    _allow_local = True  # the Python API accepts local directories; the web app turns this off

    def web_only(self) -> "InferenceService":
        """Refuse local directories unless the operator allowed them (DEMO_ALLOW_LOCAL_MODELS=1)."""
        self._allow_local = self.settings.allow_local_models
        return self

    def load(self, model: str | None, family: str, report: Report | None = None) -> LoadedModel:
        """The model, loaded on first use (`report` hears a hub download's progress)."""
        spec = self.spec(model, family)
        try:
            return self.cache.get(spec, report)
        except ModelLoadError:
            fallback = catalog.POCKET.get(family)
            if model is not None or spec.id == fallback or fallback is None:
                raise
            # the default failed (no network, damaged cache): the bundled model takes over
            self._defaults[family] = fallback
            self.notice = Said("notice.fallback", model=spec.id, fallback=fallback)
            return self.cache.get(catalog.CATALOG[fallback])

    def pending(self, *models: tuple[str | None, str]) -> list[str]:
        """Which of these (model, family) pairs are not loaded yet: the UI says so while they load."""
        ids = [self.spec(model, family).id for model, family in models]
        return [i for i in dict.fromkeys(ids) if i not in self.cache.loaded()]

    def prepare(self, *models: tuple[str | None, str], report: Report | None = None) -> None:
        """Load these (model, family) pairs now, telling `report` how a first download goes."""
        for model, family in models:
            self.load(model, family, report)

    def info(self, model: str | None, family: str) -> ModelInfo:
        return self.load(model, family).info

    def tokenize(self, model: str | None, text: str, family: str = MASKED) -> list[str]:
        """The pieces the model's tokenizer makes of `text` (WordPiece "##", BPE "Ġ"), no specials."""
        self.spec(model, family)
        text = inputs.clean_text(text, self.settings.max_chars)
        lm = self.load(model, family)
        return lm.tokenizer.tokenize(text)

    # -- verbs ----------------------------------------------------------------------------
    def fill_mask(self, model: str | None, text: str, top_k: int = 5) -> FillMask:
        started = time.perf_counter()
        top_k = inputs.check_int("top_k", top_k, 1, self.settings.max_top_k)
        self.spec(model, MASKED)  # unknown model or wrong family: refuse before anything loads
        text = inputs.clean_text(text, self.settings.max_chars)
        text, _ = inputs.with_mask_token(text, "[MASK]", self.settings.max_masks)
        lm = self.load(model, MASKED)
        text = text.replace("[MASK]", lm.mask_token)
        ids = self.encode(lm, text)
        with self.device_errors():
            masks = self._batcher(lm, "fill_mask", fill_mask_batch)(Request(ids, top_k))
        return FillMask(lm.spec.id, text, lm.tokenizer.convert_ids_to_tokens(ids), masks,
                        time.perf_counter() - started, lm.mask_token)

    def next_tokens(self, model: str | None, text: str, top_k: int = 5) -> NextTokens:
        started = time.perf_counter()
        top_k = inputs.check_int("top_k", top_k, 1, self.settings.max_top_k)
        self.spec(model, CAUSAL)
        text = inputs.without_mask(inputs.clean_text(text, self.settings.max_chars))
        lm = self.load(model, CAUSAL)
        ids = self.encode(lm, text)
        with self.device_errors():
            dist = self._batcher(lm, "next_tokens", next_token_batch)(Request(ids, top_k))
        return NextTokens(lm.spec.id, text, lm.tokenizer.convert_ids_to_tokens(ids), dist.candidates,
                          dist.entropy, time.perf_counter() - started)

    def stream(self, model: str | None, text: str, max_new_tokens: int = 40, greedy: bool = False,
               temperature: float = 1.0, top_k: int = 50, top_p: float = 1.0,
               seed: int | None = None, stopped=None) -> Iterator[GeneratedToken]:
        """Yield new tokens one by one. All checks run before the first token; `stopped()` (if
        given) is asked before each step, so a generation ends within one token of a Stop."""
        max_new_tokens = inputs.check_int("max_new_tokens", max_new_tokens, 1, self.settings.max_new_tokens)
        sampling = Sampling(
            greedy=bool(greedy),
            temperature=inputs.check_float("temperature", temperature, 0.0, 5.0, low_open=True),
            top_k=inputs.check_int("top_k", top_k, 0, 1000),
            top_p=inputs.check_float("top_p", top_p, 0.0, 1.0, low_open=True),
            seed=inputs.check_seed(seed),
        )
        self.spec(model, CAUSAL)
        text = inputs.without_mask(inputs.clean_text(text, self.settings.max_chars))
        lm = self.load(model, CAUSAL)
        ids = self.encode(lm, text, room=max_new_tokens)
        return self._guarded(stream(lm, ids, max_new_tokens, sampling, stopped))

    def generate(self, model: str | None, text: str, **options) -> Generation:
        started = time.perf_counter()
        tokens = list(self.stream(model, text, **options))
        return Generation(self.spec(model, CAUSAL).id, text, tokens, time.perf_counter() - started)

    def attention(self, model: str | None, text: str, family: str | None = None) -> Attention:
        spec = self._any_family(model, family)
        text = inputs.clean_text(text, self.settings.max_chars)
        lm = self.load(spec.id if model else None, spec.family)
        if spec.family == MASKED:  # let people look at a blank as BERT sees it
            text = inputs.MASK_PATTERN.sub(lm.mask_token, text)
        ids = self.encode(lm, text)
        with self.device_errors(), lm.lock, torch.inference_mode():
            out = lm.model(input_ids=torch.tensor([ids], device=lm.device), output_attentions=True)
            weights = torch.stack(out.attentions)[:, 0].float().cpu().numpy()  # (L, H, T, T)
        return Attention(lm.spec.id, lm.tokenizer.convert_ids_to_tokens(ids), weights,
                         causal=lm.spec.family == CAUSAL, special=special_positions(lm.tokenizer, ids))

    def score_words(self, model: str | None, text: str, words, family: str | None = None) -> WordScores:
        """Each guessed word's probability and rank at the blank (masked model) or as the next word
        (causal model); without a model, a text with a blank goes to the masked default."""
        from demo import guess

        words = inputs.check_words(words)
        text = inputs.clean_text(text, self.settings.max_chars)
        if model is None and family is None:
            family = MASKED if inputs.MASK_PATTERN.search(text) else CAUSAL
        spec = self._any_family(model, family)
        if spec.family not in (MASKED, CAUSAL):
            raise WrongFamilyError("error.family_guess", model=spec.id, family=spec.family)
        if spec.family == MASKED:
            text, _ = inputs.with_mask_token(text, "[MASK]", self.settings.max_masks, exactly=1)
        else:
            text = inputs.without_mask(text)
        lm = self.load(spec.id if model else None, spec.family)
        if spec.family == MASKED:
            text = text.replace("[MASK]", lm.mask_token)
            ids = self.encode(lm, text)
            position, left = ids.index(lm.tokenizer.mask_token_id), text.split(lm.mask_token)[0].rstrip()
        else:
            ids = self.encode(lm, text)
            position, left = len(ids) - 1, text
        with self.device_errors():
            return guess.score(lm, ids, position, left, words)

    def infill(self, model: str | None, text: str, top_k: int = 5) -> Infill:
        """An encoder-decoder's spans for each blank: a blank may take several words."""
        from demo.infill import BLANK, decoder_room, infill, source_text

        started = time.perf_counter()
        top_k = inputs.check_int("top_k", top_k, 1, self.settings.max_infill_k)
        self.spec(model, SEQ2SEQ)
        text = inputs.clean_text(text, self.settings.max_chars)
        text, blanks = inputs.with_mask_token(text, BLANK, self.settings.max_masks)
        lm = self.load(model, SEQ2SEQ)
        ids = self.encode(lm, source_text(lm, text), room=decoder_room(lm, blanks))
        with self.device_errors(), lm.lock:
            blanks = infill(lm, text, ids, top_k)
        return Infill(lm.spec.id, text, lm.tokenizer.convert_ids_to_tokens(ids), blanks, time.perf_counter() - started)

    # -- helpers --------------------------------------------------------------------------
    def _any_family(self, model: str | None, family: str | None) -> ModelSpec:
        if model:
            return catalog.resolve(model, self._allow_local, self.catalog)
        return self.spec(None, family or MASKED)

    def encode(self, lm: LoadedModel, text: str, room: int = 0) -> list[int]:
        """Token ids with the model's special tokens; refuse before the model sees too many."""
        ids = lm.tokenizer(text)["input_ids"]
        sep = getattr(lm.tokenizer, "sep_token_id", None)
        if lm.spec.family == CAUSAL and sep is not None and len(ids) > 1 and ids[-1] == sep:
            # a GPT with a BERT tokenizer (uer/gpt2-chinese-*): [CLS] starts the text, but a
            # closing [SEP] would make the model predict what follows the end of the text
            ids = ids[:-1]
        limit = lm.positions
        if len(ids) + room > limit:
            raise TextTooLongError("error.too_many_tokens_room" if room else "error.too_many_tokens", count=len(ids),
                                   room=room, model=lm.spec.id, limit=limit)
        if ids and max(ids) >= lm.rows:  # a tokenizer larger than the model's embedding table
            raise BadCharactersError("error.no_embedding", model=lm.spec.id)
        return ids

    def _batcher(self, lm: LoadedModel, verb: str, run) -> Batcher:
        key = (lm.spec.id, verb)
        if key not in self._batchers:
            self._batchers.setdefault(key, Batcher(lm.lock, lambda items: run(lm, list(items)),
                                                   self.settings.max_batch))
        return self._batchers[key]

    def _guarded(self, tokens: Iterator[GeneratedToken]) -> Iterator[GeneratedToken]:
        with self.device_errors():
            yield from tokens

    def device_errors(self):
        """An out-of-memory or device fault fails this request only, with a fixed message (demo/faults.py)."""
        return faults.device_errors()
