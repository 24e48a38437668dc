"""The models as Ray Serve deployments (demo/cluster): every verb through the replicas equals the in-process
answer, generation streams, a replica's death loses no request, and the single-machine app never imports Ray.

One Ray per module, started here on loopback with 2 CPUs: the masked family has 2 replicas (one is killed),
the causal and encoder-decoder families 1 each (fewer processes on a small machine).
"""
from __future__ import annotations

import dataclasses
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest
import ray
from ray import serve
from ray import exceptions as ray_errors

from conftest import CAUSAL, MASKED, make_web_service
from demo.catalog import CATALOG
from demo.cluster import connect, start_local_ray
from demo.cluster.client import ClusterService, ReplicaLostError
from demo.cluster.deployments import app_name, scaling
from demo.errors import DemoError
from demo.results import GeneratedToken
from demo.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TEXT = "the cat sat on the [MASK] ."


@pytest.fixture(scope="module")
def local(bert_dir, gpt_dir):
    """The in-process service the answers must equal (the web app's, as the replicas build theirs)."""
    return make_web_service(bert_dir, gpt_dir)


@pytest.fixture(scope="module")
def remote(local):
    start_local_ray(2)
    try:
        extra = [spec for key, spec in local.catalog.items() if key not in CATALOG]
        yield connect(Settings(device="cpu", cluster="local"), defaults=dict(local._defaults), extra_models=extra,
                      cpus=0.4, replicas={"masked": "2", "causal": "1", "seq2seq": "1"})
    finally:
        serve.shutdown()
        ray.shutdown()


def plain(value):
    """A result as plain values, timings left out (they differ run to run), floats as Python floats."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if "seconds" not in f.name}
    if isinstance(value, np.ndarray):
        return plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if "seconds" not in str(k)}
    if isinstance(value, (float, np.floating)):
        return float(value)
    return value


def same(a, b, path="answer") -> None:
    """Equal plain values, floats within 1e-5: a replica runs torch on its own thread count, so a sum may end
    in another last bit (rounding both to 5 places still splits a value at a rounding boundary)."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), f"{path}: {a!r} != {b!r}"
        assert a == b or abs(a - b) <= 1e-5, f"{path}: {a!r} != {b!r}"  # a == b: -inf (a masked score)
    elif isinstance(a, dict) and isinstance(b, dict):
        assert a.keys() == b.keys(), f"{path}: keys {sorted(a)} != {sorted(b)}"
        for key in a:
            same(a[key], b[key], f"{path}[{key!r}]")
    elif isinstance(a, list) and isinstance(b, list):
        assert len(a) == len(b), f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


CALLS = [  # (verb, args, kwargs): every verb the tabs and the web API use
    ("fill_mask", (MASKED, TEXT, 5), {}),
    ("next_tokens", (CAUSAL, "the cat sat on the", 5), {}),
    ("generate", (CAUSAL, "the cat", ), {"max_new_tokens": 6, "greedy": True}),
    ("generate", (CAUSAL, "the dog", ), {"max_new_tokens": 6, "seed": 7, "temperature": 0.8, "top_k": 20}),
    ("attention", (None, "the cat sat on the mat ."), {"family": "masked"}),
    ("attention", (CAUSAL, "the cat sat on the mat ."), {}),
    ("score_words", (None, TEXT, ["mat", "dog"]), {}),
    ("score_words", (CAUSAL, "the cat sat on the", ["mat"]), {}),
    ("infill", (None, "the cat sat on the ___ .", 3), {}),
    ("tokenize", (MASKED, "the cat sat"), {}),
    ("tokenize", (CAUSAL, "the cat sat"), {"family": "causal"}),
    ("info", (None, "masked"), {}),
    ("info", (CAUSAL, "causal"), {}),
    ("spec", (None, "causal"), {}),
    ("default", ("masked",), {}),
    ("default", ("seq2seq",), {}),
    ("choices", ("causal",), {}),
    ("compare", ("the cat sat on the ___ .", 5), {}),
    ("change_right", ("the cat sat on the ___ .", "in the sun ."), {}),
    ("score_both", (["mat"], TEXT), {}),
    ("attention_pair", ("the cat sat on the mat .",), {"causal_layer": 1, "masked_head": 1}),
    ("inside", ("the cat sat on the ___ .",), {"steps": 4}),
    ("probe", (CAUSAL,), {}),
    ("next_sentence", (CAUSAL, "the cat sat on the mat .", "it fell asleep ."), {}),
    ("sampling", (CAUSAL, "the cat sat on the"), {"temperature": 0.8, "top_k": 5, "top_p": 0.9}),
    ("check_compress", (MASKED, "int8"), {}),
    ("lens", (None, TEXT, 3), {"family": "masked"}),
    ("lens", (CAUSAL, TEXT, 3), {}),
    ("attribution", (None, TEXT), {"steps": 4, "family": "masked"}),
    ("attribution", (CAUSAL, TEXT), {"method": "gradient_x_input"}),
    ("attention_steps", (None, "the cat sat", 1, 0, 2), {"family": "causal"}),
    ("fill_with_own_word", (CAUSAL, "the cat sat on the ___ ."), {}),
]


@pytest.mark.parametrize("verb, args, kwargs", CALLS, ids=[f"{c[0]}-{i}" for i, c in enumerate(CALLS)])
def test_every_verb_through_serve_equals_the_in_process_answer(remote, local, verb, args, kwargs):
    answer = getattr(remote, verb)(*args, **kwargs)
    expected = getattr(local, verb)(*args, **kwargs)
    assert type(answer) is type(expected)
    same(plain(answer), plain(expected))


def test_every_public_verb_of_the_service_is_answered_by_the_cluster_client():
    """A verb added to InferenceService and used by a tab must reach the replicas too (attention_pair and
    inside once did not: the Attention tab failed under DEMO_CLUSTER with 'something went wrong')."""
    from demo.cluster.deployments import VERBS
    from demo.service import InferenceService

    internal = {"encode", "load", "device_errors", "web_only", "stream"}  # plumbing, or answered by its own path
    verbs = {name for name, value in vars_of(InferenceService) if not name.startswith("_") and callable(value)}
    verbs -= internal
    # answered in the web process: split (composed from tokenize and info), compressed (this client's own list)
    assert verbs - ClusterService.PER_PAGE - {"split", "compressed"} <= VERBS
    for name in verbs:
        assert name in ClusterService.PER_PAGE or name in vars(ClusterService) or name == "split", name


def vars_of(cls):
    """Every attribute of a class and its bases (the service is assembled from mixins)."""
    seen = {}
    for base in reversed(cls.__mro__):
        seen.update(vars(base))
    return seen.items()


def test_the_models_each_tab_loads_are_prepared_and_then_no_longer_pending(remote, local):
    remote.prepare((None, "masked"), (CAUSAL, "causal"))
    assert remote.pending((None, "masked"), (CAUSAL, "causal")) == []
    assert local.spec(None, "masked").id in remote.cache.loaded("masked")
    assert remote.notice == local.notice


def test_measuring_verbs_measure_in_a_replica_and_the_chart_lists_each_variant(remote, local):
    cost = remote.cost(MASKED, lengths=[4, 8], batch_sizes=[1])
    assert (cost.model, [(p.length, p.batch) for p in cost.points]) == (MASKED, [(4, 1), (8, 1)])
    variant = remote.compress(MASKED, "int8")
    expected = local.compress(MASKED, "int8")
    assert (variant.bytes, variant.parameters, variant.fidelity) == (expected.bytes, expected.parameters,
                                                                     expected.fidelity)
    assert remote.compressed() == [variant]


def raised(call, service) -> DemoError:
    try:
        call(service)
    except DemoError as err:
        return err
    raise AssertionError("no error was raised")


@pytest.mark.parametrize("call", [
    lambda s: s.fill_mask(MASKED, "no blank here"),
    lambda s: s.fill_mask("no-such-model", TEXT),
    lambda s: s.next_tokens(MASKED, "the cat"),
    lambda s: s.generate(CAUSAL, "the cat", max_new_tokens=0),
    lambda s: s.stream(CAUSAL, "", max_new_tokens=3),
    lambda s: s.attention("no-such-model", "the cat"),
])
def test_a_users_mistake_is_the_same_error_with_the_same_message(remote, local, call):
    through_serve, in_process = raised(call, remote), raised(call, local)
    assert type(through_serve) is type(in_process)
    assert (str(through_serve), through_serve.key, through_serve.values) == \
        (str(in_process), in_process.key, in_process.values)


def test_generation_streams_token_by_token_and_a_stop_ends_it(remote, local):
    options = {"max_new_tokens": 12, "greedy": True}
    expected = list(local.stream(CAUSAL, "the cat", **options))
    tokens = remote.stream(CAUSAL, "the cat", **options)
    assert not isinstance(tokens, list)  # an iterator: tokens come as the replica writes them
    first = next(tokens)
    assert isinstance(first, GeneratedToken)
    same(plain([first, *tokens]), plain(expected))
    taken: list = []  # a Stop after the third token: the replica writes no fourth
    for token in remote.stream(CAUSAL, "the cat", stopped=lambda: len(taken) >= 3, **options):
        taken.append(token)
    assert len(expected) > 3
    same(plain(taken), plain(expected[:3]))


def replica_pids(remote, family: str, count: int) -> set[int]:
    handle = serve.get_app_handle(app_name(family))
    pids: set[int] = set()
    for _ in range(200):  # the router spreads calls over the replicas: both answer soon
        pids.add(handle.pid.remote().result())
        if len(pids) == count:
            return pids
    raise AssertionError(f"saw only {pids}")


def test_killing_a_replica_during_concurrent_requests_loses_none(remote, local, caplog):
    texts = [f"the {w} sat on the [MASK] ." for w in ["cat", "dog", "king", "bird", "horse", "child"]]
    expected = {t: plain(local.fill_mask(MASKED, t, 5)) for t in texts}
    victim = sorted(replica_pids(remote, "masked", 2))[0]
    answers: list = []
    failures: list = []
    started = threading.Barrier(len(texts) + 1)

    def student(text: str) -> None:
        started.wait()
        for _ in range(15):
            try:
                answers.append((text, plain(remote.fill_mask(MASKED, text, 5))))
            except Exception as err:  # noqa: BLE001  (collected: the test fails on any)
                failures.append(repr(err))

    threads = [threading.Thread(target=student, args=(t,)) for t in texts]
    with caplog.at_level(logging.WARNING, logger="demo.cluster.client"):
        for t in threads:
            t.start()
        started.wait()
        while len(answers) + len(failures) < 10:  # requests in flight on both replicas
            threading.Event().wait(0.01)
        os.kill(victim, signal.SIGKILL)
        for t in threads:
            t.join(timeout=300)
    assert failures == []
    assert len(answers) == 15 * len(texts)
    for text, answer in answers:
        same(answer, expected[text], text)
    # and the next request works (the dead replica is replaced by Serve's controller)
    same(plain(remote.fill_mask(MASKED, texts[0], 5)), expected[texts[0]])


class DeadHandle:
    """A deployment handle whose replicas are gone: every call raises Ray's ActorDiedError."""
    def __init__(self, deaths: int):
        self.deaths = deaths
        self.call = self

    def remote(self, verb, args, kwargs):
        return self

    def result(self):
        if self.deaths:
            self.deaths -= 1
            raise ray_errors.ActorDiedError()
        return ["tiny-bert"]


def test_a_request_that_cannot_be_answered_says_so_and_the_next_works():
    client = ClusterService.__new__(ClusterService)
    client._handles = {"masked": DeadHandle(deaths=2)}
    with pytest.raises(ReplicaLostError) as lost:
        client._call("masked", "loaded")
    assert str(lost.value) == ("The server that holds this model stopped while answering, and so did the one tried "
                               "next (the details were logged); please try again in a moment.")
    assert client._call("masked", "loaded") == ["tiny-bert"]
    client._handles = {"masked": DeadHandle(deaths=1)}  # one death: retried, answered
    assert client._call("masked", "loaded") == ["tiny-bert"]


def test_replicas_and_autoscaling_from_demo_replicas():
    assert scaling("2") == {"num_replicas": 2}
    assert scaling("1-4")["autoscaling_config"]["max_replicas"] == 4
    assert Settings().cluster == "" and Settings().replicas == "1"


NO_RAY = """
import sys
import gradio
gradio.Blocks.launch = lambda self, **options: None  # build the whole app, serve nothing
sys.argv = ["app.py"]
import runpy
runpy.run_path("app.py", run_name="__main__")
print("ray" in sys.modules, "torch" in sys.modules)
"""


def test_the_single_machine_app_never_imports_ray():
    env = {k: v for k, v in os.environ.items() if k not in ("DEMO_CLUSTER", "RAY_ADDRESS")}
    env.update(DEMO_OFFLINE="1", HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    out = subprocess.run([sys.executable, "-c", NO_RAY], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "False True"  # the service (torch) is built; Ray is not there


def test_the_documented_serve_config_is_valid_and_builds_each_family():
    import yaml
    from ray.serve import Application
    from ray.serve.schema import ServeDeploySchema

    from demo.cluster.deployments import build

    config = ServeDeploySchema.model_validate(yaml.safe_load((ROOT / "docs" / "serve-config.yaml").read_text()))
    service = yaml.safe_load((ROOT / "docs" / "rayservice.yaml").read_text())["spec"]["serveConfigV2"]
    on_kubernetes = ServeDeploySchema.model_validate(yaml.safe_load(service))
    assert [(a.name, a.import_path, a.args) for a in on_kubernetes.applications] == \
        [(a.name, a.import_path, a.args) for a in config.applications]  # the same applications in both files
    assert [a.name for a in config.applications] == [app_name(f) for f in ("masked", "causal", "seq2seq")]
    assert all(isinstance(build(a.args), Application) for a in config.applications)
