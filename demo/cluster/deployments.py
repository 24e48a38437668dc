"""The models as Ray Serve deployments: one deployment per model family, each replica an InferenceService.

Why per family, not per model: the catalog offers many models per family and a person picks one from a
dropdown, so a deployment per catalog entry would mostly hold idle actors. A family is what scales apart:
the causal deployment streams generations (long, one token at a time), the masked one answers in one
forward pass, the encoder-decoder runs beam search. Each replica loads the models of its family lazily,
as the in-process service does, and keeps its own model cache and batchers. The comparing verbs (BERT vs
GPT, the causality check, the guess reveal) take BERT's answers as their input and run where BERT runs: a
masked replica also loads the causal (and encoder-decoder) model it compares with.

Batching: concurrent requests reach one replica together (`max_ongoing_requests` = the service's
`max_batch`; Serve runs sync methods in a thread pool), and the service's own Batcher merges them into
one forward pass per (model, verb), exactly as in one process. Serve's `@serve.batch` was not used: it
batches per method, not per model, and the Batcher's answers are the in-process answers by construction.

Errors a user caused (DemoError) travel back as values (`Failure`): the client raises the same type with
the same key and values (so the same sentence, in the reader's language), and no replica traceback
reaches a page.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

from ray import serve

from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.errors import DemoError
from demo.settings import Settings

FAMILIES = (MASKED, CAUSAL, SEQ2SEQ)
APP_PREFIX = "bert-vs-gpt-"  # the Serve application of family f is APP_PREFIX + f

# the verbs a client may call through `call` (the service's public verbs, and what the tabs ask of it)
VERBS = frozenset({
    "fill_mask", "next_tokens", "generate", "attention", "score_words", "infill", "tokenize", "info", "spec",
    "default", "choices", "pending", "prepare", "compare", "change_right", "score_both", "lens", "attribution",
    "attention_steps", "fill_with_own_word", "cost", "compress", "check_compress", "loaded", "notice",
    "attention_pair", "inside", "probe", "next_sentence", "sampling",
})


@dataclass(frozen=True)
class Failure:
    """A DemoError as a value (it pickles as its key and values): the client raises it afresh."""
    error: DemoError


def app_name(family: str) -> str:
    return APP_PREFIX + family


@serve.deployment(max_ongoing_requests=16, graceful_shutdown_timeout_s=5, health_check_period_s=2)
class FamilyReplica:
    """One replica: an InferenceService answering the verbs of one model family."""

    def __init__(self, family: str, settings: Settings, defaults: dict | None = None, extra_models=(),
                 web_only: bool = True):
        from demo.service import InferenceService  # torch: in the replica's process only

        self.family = family
        self.service = InferenceService(settings, dict(defaults) if defaults else None, list(extra_models))
        if web_only:
            self.service.web_only()

    def call(self, verb: str, args: tuple, kwargs: dict):
        if verb not in VERBS:
            raise ValueError(f"not a service verb: {verb}")
        try:
            if verb == "loaded":
                return self.service.cache.loaded(*args)
            if verb == "notice":
                self.service.default(MASKED)  # finding the defaults finds the notice
                return self.service.notice
            return getattr(self.service, verb)(*args, **kwargs)
        except DemoError as err:
            return Failure(err)

    def stream(self, args: tuple, kwargs: dict):
        """Generation token by token (a generator: the client's handle has `stream=True`)."""
        try:
            yield from self.service.stream(*args, **kwargs)
        except DemoError as err:
            yield Failure(err)

    def pid(self) -> int:
        """This replica's process id (the tests and the bench kill one to see nothing is lost)."""
        return os.getpid()


def scaling(replicas: str | int) -> dict:
    """DEMO_REPLICAS: "2" is two replicas; "1-4" lets Serve autoscale between 1 and 4."""
    text = str(replicas).strip()
    if "-" in text:
        low, high = (int(x) for x in text.split("-", 1))
        if not 1 <= low <= high:
            raise ValueError(f"DEMO_REPLICAS range must be MIN-MAX with 1 <= MIN <= MAX, not {text!r}")
        # about as many requests per replica as one forward pass batches well
        return {"autoscaling_config": {"min_replicas": low, "max_replicas": high, "target_ongoing_requests": 8}}
    count = int(text)
    if count < 1:
        raise ValueError(f"DEMO_REPLICAS must be at least 1, not {text!r}")
    return {"num_replicas": count}


def most_replicas(replicas: str | int) -> int:
    return int(str(replicas).split("-")[-1])


def application(family: str, settings: Settings, replicas: str | int = 1, cpus: float = 1.0, gpus: float = 0.0,
                defaults: dict | None = None, extra_models=(), web_only: bool = True):
    """The Serve application of one family: `replicas` replicas (or a MIN-MAX autoscaling range), each
    reserving `cpus` CPUs and `gpus` of a GPU (a fraction lets several replicas share one card)."""
    actor = {"num_cpus": cpus}
    if gpus:
        actor["num_gpus"] = gpus
    deployment = FamilyReplica.options(name=f"{family}-models", ray_actor_options=actor,
                                       max_ongoing_requests=settings.max_batch, **scaling(replicas))
    return deployment.bind(family, settings, defaults, tuple(extra_models), web_only)


def build(args: dict):
    """For a Serve config file (`import_path: demo.cluster.deployments:build`, `args: {family: causal}`):
    the family's application with the settings read from the replica's environment."""
    family = args["family"]
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {FAMILIES}")
    return application(family, Settings.from_env(), args.get("replicas", 1), float(args.get("cpus", 1)),
                       float(args.get("gpus", 0)))
