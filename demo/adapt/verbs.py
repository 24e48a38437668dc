"""The service's pre-train-then-fine-tune verbs: `probe`, `fine_tune` (with `classify` and `forget_tuned` for
the page's fine-tuned copy), `next_sentence` and `sampling`. A part of InferenceService kept in its own file
so the facade stays small; they use its loading, encoding and device-fault handling."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from demo import inputs
from demo.adapt import data, fine_tune as tuner, next_sentence as pairs, probe as probing
from demo.adapt.features import sentence_vectors
from demo.adapt.sampling import warp
from demo.catalog import CAUSAL, MASKED, ModelSpec
from demo.errors import ModelLoadError, ParameterError, TextTooLongError, WrongFamilyError
from demo.results import POOLS, Classified, FineTune, NextSentence, Probe, Warping
from demo.text import Said

MAX_TUNE_SECONDS = data.MAX_TUNE_SECONDS
# Fine-tuning copies the model and trains every weight (AdamW keeps two more copies): past these sizes a
# run of MAX_TUNE_SECONDS makes a handful of steps at best, and four pages' copies would crowd the memory.
MAX_TUNE_PARAMETERS = {"cpu": 130_000_000, "mps": 200_000_000, "cuda": 400_000_000}
_STATE = threading.Lock()


@dataclass
class _AdaptState:
    tuning: threading.Lock = field(default_factory=threading.Lock)  # one fine-tune at a time per server
    tuned: tuner.TunedCopies = field(default_factory=tuner.TunedCopies)
    pretraining: dict = field(default_factory=dict)  # model id -> its pre-training model (or None: no pair head)
    probes: dict = field(default_factory=dict)  # (model id, task) -> Probe, for the shipped sets
    loading: threading.Lock = field(default_factory=threading.Lock)


class AdaptVerbs:
    def probe(self, model: str | None, task: str = "sentiment", texts=None, labels=None) -> Probe:
        """Held-out accuracy of a logistic regression on the frozen model's sentence vectors (first token, last
        token, mean; every layer), and a PCA picture. `texts`: your sentences with `labels`, or one string
        of `label<TAB>text` lines; None: the shipped set named by `task` ("sentiment", "sentiment-zh")."""
        started = time.perf_counter()
        spec = self._adapt_spec(model)
        sentences = data.labelled(task, texts, labels, self.settings.max_chars)
        lm = self.load(spec.id if model else None, spec.family)
        key = (lm.spec.id, sentences.task)
        state = self._adapt()
        if sentences.task != data.OWN and key in state.probes:  # the same answer for every page: measured once
            return state.probes[key]
        rows = [self.encode(lm, text) for text in sentences.texts]
        with self.device_errors():
            vectors = sentence_vectors(lm, rows)  # (N, L+1, 3, D)
        layers = probing.by_layer(vectors, sentences.labels, sentences.held_out)
        tokens = lm.tokenizer.convert_ids_to_tokens(rows[0])
        result = Probe(lm.spec.id, lm.spec.family, sentences.task, sentences.classes, layers[-1], layers,
                       probing.pictures(vectors), sentences.labels, sentences.texts, sentences.held_out,
                       probing.chance(sentences.labels, sentences.held_out), tokens[0], tokens[-1],
                       time.perf_counter() - started)
        if sentences.task != data.OWN:
            state.probes[key] = result
        return result

    def fine_tune(self, model: str | None, task: str = "sentiment", seconds: float = 20, page: str | None = None,
                  stopped=None, progress=None, texts=None, labels=None) -> FineTune:
        """Train a copy of the whole model plus a new head for at most `seconds`; one run at a time on this
        server (others wait their turn); `stopped()` ends it early; the copy is kept for `page` alone."""
        seconds = inputs.check_float("seconds", seconds, 0.0, MAX_TUNE_SECONDS, low_open=True)
        spec = self._adapt_spec(model)
        sentences = data.labelled(task, texts, labels, self.settings.max_chars)
        lm = self.load(spec.id if model else None, spec.family)
        limit = MAX_TUNE_PARAMETERS.get(lm.device.type, MAX_TUNE_PARAMETERS["cpu"])
        if lm.info.parameters > limit:
            raise ParameterError("error.tune_too_big", model=lm.spec.id, count=f"{lm.info.parameters / 1e6:.0f}",
                                 limit=f"{limit / 1e6:.0f}", device=lm.device.type, seconds=MAX_TUNE_SECONDS)
        rows = [self.encode(lm, text) for text in sentences.texts]
        train_rows, test_rows = sentences.split(rows)
        train_y, test_y = sentences.split(sentences.labels)
        state = self._adapt()
        queued = time.monotonic()
        if not state.tuning.acquire(blocking=False):
            if progress:
                progress(0.0, desc=Said("progress.tune_queued"))
            while not state.tuning.acquire(timeout=0.2):
                if stopped is not None and stopped():
                    raise ParameterError("error.tune_stopped_waiting")
        waited = time.monotonic() - queued
        try:
            if progress:
                progress(0.05, desc=Said("progress.tuning", model=lm.spec.id, seconds=f"{seconds:g}"))
            with self.device_errors():
                copy = tuner.copy_of(lm, sentences.classes)
                before = copy.accuracy(test_rows, test_y)
                losses, spent, was_stopped = tuner.train(copy, lm.info.parameters, train_rows, train_y, seconds,
                                                          stopped)
                after = copy.accuracy(test_rows, test_y)
        finally:
            state.tuning.release()
        pool = POOLS.index(copy.pool)
        with self.device_errors():
            frozen = sentence_vectors(lm, rows)[:, -1, pool]  # (N, D): the same token, the model left as it is
        train_x, test_x = sentences.split(list(frozen))
        probe = probing.probe_accuracy(train_x, train_y, test_x, test_y)
        state.tuned.put(page or "", copy)
        return FineTune(lm.spec.id, lm.spec.family, sentences.task, sentences.classes, copy.pool, losses, before,
                        after, probe, len(losses), tuner.BATCH, len(train_rows), len(test_rows), spent, seconds,
                        was_stopped, waited)

    def classify(self, model: str | None, text: str, page: str | None = None) -> Classified:
        """The page's fine-tuned copy of `model` on a new sentence."""
        spec = self._adapt_spec(model)
        text = inputs.clean_text(text, self.settings.max_chars)
        lm = self.load(spec.id if model else None, spec.family)
        tuned = self._adapt().tuned.get(page or "", lm.spec.id)
        if tuned is None:
            raise ParameterError("error.not_tuned", model=lm.spec.id, minutes=tuner.KEPT_S // 60)
        ids = self.encode(lm, text)
        with self.device_errors():
            return Classified(lm.spec.id, text, tuned.classes, tuned.probs(ids))

    def forget_tuned(self, page: str | None = None) -> int:
        """Drop the page's fine-tuned copies (the page closed); returns how many there were."""
        return self._adapt().tuned.forget(page or "")

    def next_sentence(self, model: str | None, first: str, second: str) -> NextSentence:
        """Does `second` follow `first`? BERT: its NSP head; ALBERT: its SOP head; GPT: log p(second | first) −
        log p(second), nats."""
        spec = self._adapt_spec(model)
        first = inputs.without_mask(inputs.clean_text(first, self.settings.max_chars))
        second = inputs.without_mask(inputs.clean_text(second, self.settings.max_chars))
        lm = self.load(spec.id if model else None, spec.family)
        if spec.family == CAUSAL:
            start, a, b = pairs.causal_pieces(lm.tokenizer, first, second)
            if not start:
                raise WrongFamilyError("error.no_start_token", model=lm.spec.id)
            self._fits(lm, len(start) + len(a) + len(b))
            with self.device_errors():
                with_first = pairs.continuation_logprob(lm, start + a, b)
                alone = pairs.continuation_logprob(lm, start, b)
            return NextSentence(lm.spec.id, lm.spec.family, "causal", first, second, None, with_first, alone)
        head = self._pretraining(lm)
        if head is None:
            raise WrongFamilyError("error.no_pair_head", model=lm.spec.id)
        encoded = pairs.pair_ids(lm.tokenizer, first, second)
        self._fits(lm, len(encoded["input_ids"]))
        with self.device_errors():
            prob = pairs.head_prob(head, encoded, lm.lock, lm.device)
        method = pairs.HEADS[head.config.model_type][2]
        return NextSentence(lm.spec.id, lm.spec.family, method, first, second, prob)

    def sampling(self, model: str | None, text: str, temperature: float = 1.0, top_k: int = 0,
                 top_p: float = 1.0) -> Warping:
        """The next-token distribution before and after each of transformers' warpers (temperature, then top-k,
        then top-p), renormalised after each: what the knobs do before a token is drawn."""
        temperature = inputs.check_float("temperature", temperature, 0.0, 5.0, low_open=True)
        top_k = inputs.check_int("top_k", top_k, 0, 1000)
        top_p = inputs.check_float("top_p", top_p, 0.0, 1.0, low_open=True)
        self.spec(model, CAUSAL)
        text = inputs.without_mask(inputs.clean_text(text, self.settings.max_chars))
        lm = self.load(model, CAUSAL)
        ids = self.encode(lm, text)
        with self.device_errors():
            candidates, steps = warp(lm, ids, temperature, top_k, top_p)
        return Warping(lm.spec.id, text, lm.tokenizer.convert_ids_to_tokens(ids), candidates, steps,
                       int(lm.never.numel()))

    # -- helpers ------------------------------------------------------------------------------
    def _adapt(self) -> _AdaptState:
        state = self.__dict__.get("_adapt_state")
        if state is None:
            with _STATE:
                state = self.__dict__.setdefault("_adapt_state", _AdaptState())
        return state

    def _adapt_spec(self, model: str | None) -> ModelSpec:
        spec = self._any_family(model, None)
        if spec.family not in (MASKED, CAUSAL):
            raise WrongFamilyError("error.family_adapt", model=spec.id, family=spec.family)
        return spec

    @staticmethod
    def _fits(lm, count: int) -> None:
        if count > lm.positions:
            raise TextTooLongError("error.too_many_tokens", count=count, model=lm.spec.id, limit=lm.positions)

    def _pretraining(self, lm):
        """`lm`'s checkpoint with its sentence-pair head, loaded once (None: it has none)."""
        state = self._adapt()
        with state.loading:
            if lm.spec.id not in state.pretraining:
                try:
                    state.pretraining[lm.spec.id] = pairs.load_pretraining(
                        lm, self.cache.offline or lm.spec.bundled, self.cache.dtype)
                except (OSError, ValueError) as err:
                    why = (str(err).splitlines() or [type(err).__name__])[0][:200]
                    raise ModelLoadError("error.load_failed_hub", model=lm.spec.id, why=why) from err
            return state.pretraining[lm.spec.id]
