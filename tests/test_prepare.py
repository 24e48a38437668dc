"""`python -m demo.prepare`, run while online, leaves the default hub models in the cache, so the app then
answers offline with them (not with the pocket models): against the loopback stand-in for the hub."""
import os
import subprocess
import sys

import pytest

from fake_hub import serve_built
from hub_scenarios import CLEARED, ROOT, run_scenario


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with serve_built(tmp_path_factory.mktemp("hub-models")) as served:
        yield served


def test_prepare_downloads_the_defaults_with_progress_and_the_app_then_runs_offline_on_them(hub, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(HF_ENDPOINT=hub.url, HF_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "demo.prepare", "bert-base-uncased", "gpt2"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "bert-base-uncased: ready" in done.stdout and "gpt2: ready" in done.stdout
    assert "gpt2: 0 of" in done.stdout and "MB" in done.stdout  # progress lines, from the first bytes on
    assert "2 model(s) in the cache" in done.stderr
    # offline now: the app picks the prepared models, with no notice, and they answer
    seen = run_scenario("reachability", HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path), DEMO_OFFLINE="1")
    assert seen["defaults"] == {"masked": "bert-base-uncased", "causal": "gpt2"}
    assert seen["notice"] == ""


def test_an_unknown_model_is_named_with_the_catalog():
    done = subprocess.run([sys.executable, "-m", "demo.prepare", "no-such-model"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 1
    assert "'no-such-model' is not in the catalog: bert-base-uncased" in done.stderr
