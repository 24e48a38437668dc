"""Memory that levels off (issue 14): the mechanisms bench/memory_probe.py found, each held in place.

- oneMKL's per-thread buffer cache is turned off before torch loads MKL (app.py, at import);
- an attention run sends the slider ranges only when they change, so a session does not gain
  components run after run (Gradio files every updated slider that is also an input anew);
- the attention weights a page keeps expire, and a slider moved after that recomputes them;
- Gradio keeps a bounded number of sessions; what a session keeps holds no torch tensors.
"""
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import gradio as gr
import numpy as np
import torch
from gradio_client import Client

from demo.batching import BATCHES_KEPT, Batcher
from demo.catalog import CAUSAL, MASKED
from demo.ui import attention_tab, attention_view, export
from demo.ui.app import SESSIONS_KEPT, launch_options

ROOT = Path(__file__).resolve().parents[1]
TEXT = "the cat sat on the mat ."


# app.py imported in a fresh interpreter, stopped at the moment it first imports torch: what MKL would read then
SPY = """
import json, os, sys
class Spy:
    def find_spec(self, name, path=None, target=None):
        if name == "torch":
            print(json.dumps(os.environ.get("MKL_DISABLE_FAST_MM")), flush=True)
            os._exit(0)
sys.meta_path.insert(0, Spy())
import app
print(json.dumps("torch never imported"))
"""


def _mkl_setting_when_torch_loads(env: dict) -> str | None:
    out = subprocess.run([sys.executable, "-c", SPY], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_app_turns_off_mkls_buffer_cache_before_torch_loads_it():
    env = {k: v for k, v in os.environ.items() if k != "MKL_DISABLE_FAST_MM"}
    assert _mkl_setting_when_torch_loads(env) == "1"


def test_an_operators_own_mkl_setting_wins():
    assert _mkl_setting_when_torch_loads({**os.environ, "MKL_DISABLE_FAST_MM": "0"}) == "0"


def test_called_before_torch_the_start_up_reports_the_setting_in_time():
    code = "from demo.startup import keep_native_memory_bounded as k; import json; print(json.dumps(k()))"
    env = {k: v for k, v in os.environ.items() if k != "MKL_DISABLE_FAST_MM"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["mkl_fast_mm_off"] is True


def test_too_late_is_reported_when_torch_is_already_loaded(monkeypatch):
    from demo.startup import keep_native_memory_bounded

    monkeypatch.delenv("MKL_DISABLE_FAST_MM", raising=False)
    assert "torch" in sys.modules  # this test module imported it
    assert keep_native_memory_bounded()["mkl_fast_mm_off"] is False


def test_a_slider_range_is_sent_only_when_the_count_changes():
    update = attention_view.slider(4, 7)  # first run: this page has no range yet
    assert update == {"__type__": "update", "minimum": 0, "maximum": 3, "value": 3, "interactive": True}
    assert attention_view.slider(4, 2, sent=4) == 2  # same model again: the value only
    assert attention_view.slider(4, 7, sent=4) == 3  # clamped into the range the page has
    assert attention_view.slider(2, 1, sent=4)["maximum"] == 1  # another model: its range


def _session(app, client: Client):
    return app.state_holder.session_data[client.session_hash]


def test_attention_runs_do_not_grow_a_session(app, app_url):
    student = Client(app_url, verbose=False)
    try:
        sizes = []
        for _ in range(4):
            student.predict(text=TEXT, api_name="/attention")
            session = _session(app, student)
            sizes.append((len(session.blocks_config.blocks), len(session.config_values)))
        # the first run may file the sliders' new ranges once; every later run leaves the session as it was
        assert sizes[1] == sizes[2] == sizes[3]
        assert sizes[3][0] <= len(app.blocks) + 4  # at most one replacement per slider (4 sliders)
    finally:
        student.close()


def _tensors(value, seen=None) -> int:
    """How many torch tensors `value` holds, walking containers and dataclasses."""
    seen = seen if seen is not None else set()
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, torch.Tensor):
        return 1
    if isinstance(value, dict):
        return sum(_tensors(v, seen) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(_tensors(v, seen) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return sum(_tensors(getattr(value, f), seen) for f in value.__dataclass_fields__)
    return 0


def test_what_a_session_keeps_holds_no_tensors(app, app_url):
    student = Client(app_url, verbose=False)
    try:
        student.predict(text=TEXT, api_name="/attention")
        student.predict(text="the [MASK] sat on the mat .", api_name="/fill_mask")
        student.predict(text="the cat sat", api_name="/next_tokens")
        kept = _session(app, student).state_data
        weights = [v for v in kept.values() if hasattr(v, "weights")]
        assert {type(v.weights) for v in weights} == {np.ndarray} and len(weights) == 2  # both models' attention
        assert _tensors(list(kept.values())) == 0
    finally:
        student.close()


def test_attention_weights_expire_and_a_later_slider_recomputes_them(app, web_service):
    from demo.text import say

    states = [b for b in app.blocks.values() if isinstance(b, gr.State) and b.time_to_live == attention_tab.WEIGHTS_KEPT_S]
    assert len(states) >= 4  # at least one per model on each language's page (/ and /zh)
    expiring = {state._id for state in states}
    # the Attention tab's redraws, by their model dropdown's label (plain text in its page's language)
    redraws = {}
    for fn in app.fns.values():
        if fn.name == "redraw" and fn.inputs and fn.inputs[0]._id in expiring:
            redraws.setdefault(fn.inputs[5].label, fn)
    pairs = [(say("tabs.masked_model", lang), MASKED) for lang in ("en", "zh")] + \
            [(say("tabs.causal_model", lang), CAUSAL) for lang in ("en", "zh")]
    assert set(redraws) == {label for label, _ in pairs}
    for label, family in pairs:
        want = web_service.attention(None, TEXT, family=family).weights  # (L, H, n, n)
        layer = min(1, want.shape[0] - 1)
        ran = {family: list(want.shape[:2])}  # the page's first run set its slider ranges
        # the State expired (None): the slider's layer is drawn from the text, run again
        heatmap, grid = redraws[label].fn(None, layer, 0, False, TEXT, None, ran)
        np.testing.assert_allclose(np.asarray(heatmap.data[0].z, dtype=float), want[layer, 0], atol=1e-6)
        # the page never ran, or has no text: nothing to draw, nothing run
        assert redraws[label].fn(None, layer, 0, False, TEXT, None, {}) == (gr.update(), gr.update())
        assert redraws[label].fn(None, layer, 0, False, "", None, ran) == (gr.update(), gr.update())


def test_gradio_keeps_a_bounded_number_of_sessions(app, app_url):
    assert launch_options()["state_session_capacity"] == SESSIONS_KEPT
    assert app.state_session_capacity == SESSIONS_KEPT  # the launched test app got the option


def test_a_batcher_remembers_only_its_last_batches():
    # a server runs for days: the sizes it keeps for the benchmark must not grow with every request
    batcher = Batcher(threading.Lock(), lambda items: [item * 2 for item in items], max_batch=4)
    assert [batcher(i) for i in range(BATCHES_KEPT + 50)][-1] == 2 * (BATCHES_KEPT + 49)
    assert len(batcher.batch_sizes) == BATCHES_KEPT and set(batcher.batch_sizes) == {1}


def test_downloads_written_long_ago_are_removed_and_recent_ones_kept():
    old, recent = Path(export._write("old.json", "{}")), Path(export._write("recent.json", "{}"))
    an_hour_ago = time.time() - 3600
    os.utime(old.parent, (an_hour_ago, an_hour_ago))
    export.forget_older_than(export.KEPT_S)
    assert not old.parent.exists() and recent.read_text() == "{}"
