"""Scenarios run in a fresh Python process, because huggingface_hub reads HF_ENDPOINT,
HF_HUB_OFFLINE and HF_HOME when it is imported: `python tests/hub_scenarios.py NAME` prints
one JSON line with what the app did. tests/test_hub_*.py start them with `run_scenario`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILL = "the cat [MASK] on the mat ."
NEXT = "the cat sat on the"
# variables that would let the outside world (or the test session's own offline flag) leak in
CLEARED = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_ENDPOINT", "HF_HOME", "HF_HUB_CACHE", "TRANSFORMERS_CACHE",
           "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "all_proxy", "no_proxy",
           "DEMO_OFFLINE", "DEMO_MASKED_MODEL", "DEMO_CAUSAL_MODEL", "DEMO_DEVICE")


def run_scenario(name: str, timeout: float = 240, **env: str) -> dict:
    """Run one scenario with these environment variables (and none of CLEARED otherwise)."""
    clean = {k: v for k, v in os.environ.items() if k not in CLEARED}
    clean.update(env, PYTHONPATH=str(ROOT), DEMO_DEVICE="cpu")
    done = subprocess.run([sys.executable, __file__, name], cwd=ROOT, env=clean, capture_output=True, text=True,
                          timeout=timeout)
    if done.returncode != 0:
        raise AssertionError(f"scenario {name} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _answers(service, model_masked=None, model_causal=None) -> dict:
    fill = service.fill_mask(model_masked, FILL, top_k=5)
    nxt = service.next_tokens(model_causal, NEXT, top_k=5)
    return {"fill_model": fill.model, "fill": [[c.id, c.prob] for c in fill.masks[0]],
            "next_model": nxt.model, "next": [[c.id, c.prob] for c in nxt.candidates]}


def reachability() -> dict:
    """What the app decides about the hub at start-up (no torch needed)."""
    from demo.hub import hub_reachable
    from demo.settings import Settings
    from demo.startup import choose_defaults

    defaults, notice, hub_ok = choose_defaults(Settings.from_env())
    return {"reachable": hub_reachable("gpt2"), "defaults": defaults, "notice": notice, "hub_ok": hub_ok}


def first_use() -> dict:
    """Hub up, empty cache: the UI's loading step downloads with progress, then both verbs answer."""
    from demo.service import InferenceService
    from demo.ui.common import announce_loading

    shown = []
    service = InferenceService()
    announce_loading(service, lambda fraction, desc: shown.append([fraction, desc]), (None, "masked"), (None, "causal"))
    return {**reachability(), **_answers(service), "progress": shown, "loads": dict(service.cache.loads),
            "notice_after": service.notice}


def hub_gone() -> dict:
    """The server is gone, HF_HUB_OFFLINE unset: the cached hub models stay the defaults and answer."""
    from demo.service import InferenceService

    service = InferenceService()
    answers = _answers(service)
    return {**reachability(), **answers, "loads": dict(service.cache.loads), "offline_loads": service.cache.offline}


def broken_download() -> dict:
    """BERT's weights never arrive whole: the default falls back to pocket-bert with a notice,
    asking for bert-base-uncased by name gets the clear message; GPT-2 still comes from the hub."""
    from demo.errors import ModelLoadError
    from demo.service import InferenceService

    service = InferenceService()
    answers = _answers(service)
    try:
        service.fill_mask("bert-base-uncased", FILL)
        error = None
    except ModelLoadError as err:
        error = str(err)
    return {**answers, "notice": service.notice, "error": error, "loads": dict(service.cache.loads)}


if __name__ == "__main__":
    if os.environ.get("HUB_CHUNK"):  # read in small pieces, so a tiny file arrives in several, as 440 MB do
        from huggingface_hub import constants

        constants.DOWNLOAD_CHUNK_SIZE = int(os.environ["HUB_CHUNK"])
    print(json.dumps(globals()[sys.argv[1]]()))
