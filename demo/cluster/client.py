"""ClusterService: the service's interface in the web process, its verbs answered by Ray Serve replicas.

The tabs hold this object instead of an InferenceService and cannot tell the difference: the same verbs,
the same arguments, the same result dataclasses (pickled by Ray), the same DemoErrors. Each verb goes to
the deployment of the family of the model it runs on (demo/cluster/deployments.py says why per family).

Nothing lost: a request whose replica dies (killed, out of memory, its node gone) is sent once more;
Serve's router has dropped the dead replica by then and picks another (or the one the controller has
started in its place). When that fails too, the person gets ReplicaLostError's sentence, and the next
request works once a replica is back. A generation that broke off is written again from its start with
the same seed (the client picks one when sampling was asked without one) and the tokens already shown
are skipped, so the page sees one unbroken stream.

This module never imports torch: the web process needs only Ray, the catalog and the result types.
"""
from __future__ import annotations

import logging
import random
import threading
from typing import Iterator

from ray import exceptions as ray_errors
from ray import serve

from demo import catalog
from demo.catalog import CAUSAL, MASKED, SEQ2SEQ, ModelSpec
from demo.cluster.deployments import FAMILIES, Failure, app_name
from demo.errors import DemoError
from demo.measure.verbs import MeasuringVerbs
from demo.results import Generation
from demo.settings import Settings
from demo.splits import SplittingVerbs

log = logging.getLogger(__name__)
_LOCAL_LOCK = threading.Lock()

# a replica's process or node is gone: worth one more try on another replica
REPLICA_LOST = tuple(t for t in (getattr(ray_errors, name, None) for name in (
    "RayActorError", "WorkerCrashedError", "OutOfMemoryError", "NodeDiedError")) if t is not None)


class ReplicaLostError(DemoError):
    """A request's replica died and the one retry failed too."""


class ClusterCache:
    """What the tabs read of the service's model cache: its device (the concurrency group), whether it is
    sealed (ZeroGPU only: never here) and which models are loaded (as one replica of each family sees it)."""
    device = "cluster"
    sealed = False

    def __init__(self, client: "ClusterService"):
        self._client = client

    def loaded(self, family: str | None = None) -> list[str]:
        families = [family] if family else list(FAMILIES)
        return [m for f in families for m in self._client._call(f, "loaded", f if family else None)]


class ClusterService(SplittingVerbs):  # split: the tokenizer lesson, from tokenize and info
    MAX_BATCH_MEASURED = MeasuringVerbs.MAX_BATCH_MEASURED

    # verbs whose state belongs to one page (a fine-tuned copy kept for its session, demo/adapt): Serve's handles
    # do not route a page back to the replica that holds its copy, and a replica's death would lose it, so they
    # are answered by an InferenceService in the web process, built on first use
    PER_PAGE = frozenset({"fine_tune", "classify", "forget_tuned"})

    def __init__(self, settings: Settings, extra_models: list[ModelSpec] = (), allow_local: bool | None = None,
                 defaults: dict | None = None):
        self.settings = settings
        self._defaults, self._extra_models, self._local = defaults, list(extra_models), None
        self.catalog = {**catalog.CATALOG, **{spec.id: spec for spec in extra_models}}
        self._allow_local = settings.allow_local_models if allow_local is None else allow_local
        self._handles = {f: serve.get_app_handle(app_name(f)) for f in FAMILIES}
        self._streams = {f: h.options(stream=True) for f, h in self._handles.items()}
        self.cache = ClusterCache(self)
        self._compressed: dict[tuple, object] = {}  # what was measured through this client, in order

    def __getattr__(self, name: str):
        if name in ClusterService.PER_PAGE:
            with _LOCAL_LOCK:  # two pages' first fine-tunes at once build one service
                if self._local is None:
                    from demo.service import InferenceService  # torch in the web process: only for these verbs

                    self._local = InferenceService(self.settings, self._defaults, self._extra_models)
                    self._local._allow_local = self._allow_local
            return getattr(self._local, name)
        raise AttributeError(name)

    # -- the one way to a replica -----------------------------------------------------------
    def _call(self, family: str, verb: str, *args, **kwargs):
        for attempt in (1, 2):
            try:
                answer = self._handles[family].call.remote(verb, args, kwargs).result()
            except REPLICA_LOST as err:
                log.warning("%s on the %s deployment lost its replica (try %d of 2): %s", verb, family, attempt, err)
                if attempt == 2:
                    raise ReplicaLostError("error.replica_lost") from err
                continue
            if isinstance(answer, Failure):
                raise answer.error.again()
            return answer

    def _family(self, model: str | None, family: str | None, fallback: str = MASKED) -> str:
        """The family of the model a verb runs on; an unknown model goes to `family` (or the fallback),
        whose replica refuses it with the in-process message."""
        if model:
            try:
                return catalog.resolve(model, self._allow_local, self.catalog).family
            except DemoError:
                pass
        return family if family in FAMILIES else fallback

    # -- models ---------------------------------------------------------------------------
    def default(self, family: str) -> str:
        return self._call(family, "default", family)

    @property
    def notice(self):
        return self._call(MASKED, "notice")

    def choices(self, family: str) -> list[str]:
        return catalog.ids(family, self.catalog)

    def spec(self, model: str | None, family: str) -> ModelSpec:
        return self._call(family, "spec", model, family)

    def info(self, model: str | None, family: str):
        return self._call(family, "info", model, family)

    def tokenize(self, model: str | None, text: str, family: str = MASKED) -> list[str]:
        return self._call(family, "tokenize", model, text, family)

    def pending(self, *models: tuple[str | None, str]) -> list[str]:
        ids = [m for model, family in models for m in self._call(family, "pending", (model, family))]
        return list(dict.fromkeys(ids))

    def prepare(self, *models: tuple[str | None, str], report=None) -> None:
        """Load these models in their replicas (`report`, a download's progress, cannot cross processes)."""
        for model, family in models:
            self._call(family, "prepare", (model, family))

    # -- verbs ----------------------------------------------------------------------------
    def fill_mask(self, model: str | None, text: str, top_k: int = 5):
        return self._call(MASKED, "fill_mask", model, text, top_k)

    def next_tokens(self, model: str | None, text: str, top_k: int = 5):
        return self._call(CAUSAL, "next_tokens", model, text, top_k)

    def generate(self, model: str | None, text: str, **options) -> Generation:
        return self._call(CAUSAL, "generate", model, text, **options)

    def stream(self, model: str | None, text: str, max_new_tokens: int = 40, greedy: bool = False,
               temperature: float = 1.0, top_k: int = 50, top_p: float = 1.0, seed: int | None = None,
               stopped=None) -> Iterator:
        """Tokens as the replica writes them. The checks (and the first token) run before this returns, as
        in one process; `stopped()` is asked before each token and cancels the replica's generation."""
        if not greedy and seed in (None, ""):  # a retry must write the same tokens: fix the seed here
            seed = random.randrange(2**31 - 1)
        kwargs = dict(max_new_tokens=max_new_tokens, greedy=greedy, temperature=temperature, top_k=top_k,
                      top_p=top_p, seed=seed)
        tokens = self._tokens(model, text, kwargs, stopped)
        first = next(tokens, None)  # raises a DemoError now, not at the first token
        return _chain(first, tokens)

    def _tokens(self, model, text, kwargs, stopped) -> Iterator:
        sent = 0
        for attempt in (1, 2):
            generator = self._streams[CAUSAL].stream.remote((model, text), kwargs)
            try:
                for index, item in enumerate(generator):
                    if isinstance(item, Failure):
                        raise item.error.again()
                    if index < sent:  # written before the replica died: already shown
                        continue
                    if stopped is not None and stopped():
                        return
                    sent += 1
                    yield item
                return
            except REPLICA_LOST as err:
                log.warning("a generation lost its replica after %d tokens (try %d of 2): %s", sent, attempt, err)
                if attempt == 2:
                    raise ReplicaLostError("error.replica_lost") from err
            finally:
                generator.cancel()  # a stop, an abandoned page or an error: the replica stops writing

    def attention(self, model: str | None, text: str, family: str | None = None):
        return self._call(self._family(model, family), "attention", model, text, family)

    def score_words(self, model: str | None, text: str, words, family: str | None = None):
        from demo import inputs

        if not model and family is None and isinstance(text, str):  # as the service picks: a blank -> masked
            family = MASKED if inputs.MASK_PATTERN.search(text) else CAUSAL
        return self._call(self._family(model, family), "score_words", model, text, words, family)

    def infill(self, model: str | None, text: str, top_k: int = 5):
        return self._call(SEQ2SEQ, "infill", model, text, top_k)

    def compare(self, text: str, top_k: int = 5, masked_model=None, causal_model=None, seq2seq_model=None,
                with_seq2seq: bool = True):
        return self._call(MASKED, "compare", text, top_k, masked_model, causal_model, seq2seq_model, with_seq2seq)

    def change_right(self, text: str, new_right: str, top_k: int = 5, masked_model=None, causal_model=None):
        return self._call(MASKED, "change_right", text, new_right, top_k, masked_model, causal_model)

    def score_both(self, words, text: str, masked_model=None, causal_model=None):
        return self._call(MASKED, "score_both", words, text, masked_model, causal_model)

    def lens(self, model: str | None, text: str, top_k: int = 5, family: str | None = None):
        return self._call(self._family(model, family), "lens", model, text, top_k, family)

    def attribution(self, model: str | None, text: str, method: str = "integrated_gradients", steps: int = 32,
                    target: str | None = None, family: str | None = None):
        return self._call(self._family(model, family), "attribution", model, text, method, steps, target, family)

    def attention_steps(self, model: str | None, text: str, layer: int, head: int, query: int,
                        family: str | None = None):
        return self._call(self._family(model, family), "attention_steps", model, text, layer, head, query, family)

    def attention_pair(self, text: str, masked_model=None, causal_model=None, masked_layer: int = 0,
                       masked_head: int = 0, causal_layer: int = 0, causal_head: int = 0):
        """Both families' models in one answer: the masked deployment's replica runs both, as for compare."""
        return self._call(MASKED, "attention_pair", text, masked_model, causal_model, masked_layer, masked_head,
                          causal_layer, causal_head)

    def inside(self, text: str, masked_model=None, causal_model=None, top_k: int = 5,
               method: str = "integrated_gradients", steps: int = 32, target: str | None = None,
               masked_layer: int = 0, masked_head: int = 0, causal_layer: int = 0, causal_head: int = 0):
        return self._call(MASKED, "inside", text, masked_model, causal_model, top_k, method, steps, target,
                          masked_layer, masked_head, causal_layer, causal_head)

    def probe(self, model: str | None, task: str = "sentiment", texts=None, labels=None):
        return self._call(self._family(model, None), "probe", model, task, texts, labels)

    def next_sentence(self, model: str | None, first: str, second: str):
        return self._call(self._family(model, None), "next_sentence", model, first, second)

    def sampling(self, model: str | None, text: str, temperature: float = 1.0, top_k: int = 0, top_p: float = 1.0):
        return self._call(self._family(model, CAUSAL), "sampling", model, text, temperature, top_k, top_p)

    def fill_with_own_word(self, model: str | None, text: str, lens=None) -> str:
        return self._call(CAUSAL, "fill_with_own_word", model, text, lens)

    def cost(self, model: str | None = None, lengths=None, batch_sizes=None, progress=None):
        """Measured in a replica (`progress` cannot cross processes: the tab shows Gradio's own)."""
        return self._call(self._family(model, None), "cost", model, lengths, batch_sizes)

    def compress(self, model: str | None = None, method: str = "int8", amount=None, progress=None):
        result = self._call(self._family(model, None), "compress", model, method, amount)
        self._compressed.setdefault((result.model, result.method, result.amount, result.note), result)
        return result

    def check_compress(self, model: str | None = None, method: str = "int8", amount=None):
        return self._call(self._family(model, None), "check_compress", model, method, amount)

    def compressed(self) -> list:
        """Every variant measured through this web process, in order (each replica keeps its own)."""
        return list(self._compressed.values())

    def web_only(self) -> "ClusterService":
        return self  # the replicas were built web-only (or not) when deployed


def _chain(first, rest: Iterator) -> Iterator:
    if first is None:
        return
    yield first
    yield from rest

