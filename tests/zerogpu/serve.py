"""The app as it starts on ZeroGPU, with tests/zerogpu/spaces.py standing in for `spaces`: run in
a fresh process by tests/test_zerogpu.py; prints one JSON line with what the requests got.

Any model read from disk in a GPU worker (a forked child) is recorded and refused, so a handler
that loads cannot pass for one that does not."""
import json
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # `import spaces` finds the stand-in

from demo.startup import preload_for_zerogpu, spaces  # noqa: E402 - first, as app.py does

assert Path(spaces.__file__).parent == HERE, spaces.__file__
from gradio_client import Client  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

from demo import loading  # noqa: E402
from demo.catalog import CATALOG, spec_from_directory  # noqa: E402
from demo.service import InferenceService  # noqa: E402
from demo.settings import Settings  # noqa: E402
from demo.ui.app import build_app, launch_options  # noqa: E402
from demo.ui.common import model_choices  # noqa: E402

SERVER = os.getpid()
read_in_worker = []
real_load = loading.ModelCache._load


def watched_load(self, spec, report=None):
    if os.getpid() != SERVER:
        read_in_worker.append(spec.id)
        with open(os.environ["ZEROGPU_CALLS"] + ".loads", "a") as f:
            f.write(spec.id + "\n")
        raise RuntimeError(f"a GPU worker read {spec.id} from disk")
    return real_load(self, spec, report)


loading.ModelCache._load = watched_load

masked, causal, seq2seq = os.environ["MASKED_ID"], os.environ["CAUSAL_ID"], os.environ["SEQ2SEQ_ID"]
extra = [spec_from_directory(Path(os.environ[folder]), ref)
         for folder, ref in (("BERT_DIR", masked), ("GPT_DIR", causal), ("T5_DIR", seq2seq)) if ref not in CATALOG]
service = InferenceService(Settings(device="cpu"), defaults={"masked": masked, "causal": causal, "seq2seq": seq2seq},
                           extra_models=extra).web_only()
preloaded = preload_for_zerogpu(service)
app = build_app(service)
_, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True,
                       **launch_options())
try:
    client = Client(url, verbose=False)
    plot, sentence = client.predict(text=os.environ["FILL"], top_k=5, api_name="/fill_mask")
    _, generated = client.predict(text=os.environ["PROMPT"], max_new_tokens=5, greedy=True, api_name="/generate")
    try:
        client.predict(text=os.environ["FILL"], model="distilbert-base-uncased", api_name="/fill_mask")
        refused = None
    except AppError as err:
        refused = str(err)
    compared = client.predict(text=os.environ["BLANK"], top_k=3, api_name="/compare")
finally:
    app.close()
bars = [t["x"] for t in json.loads(plot["plot"])["data"] if t["type"] == "bar"]
spans = json.loads(compared[6]["plot"])["data"][0]
print(json.dumps({"server": SERVER, "preloaded": preloaded, "loads": dict(service.cache.loads),
                  "choices": [model_choices(service, family) for family in ("masked", "causal", "seq2seq")],
                  "bars": bars, "generated": generated, "refused": refused,
                  "spans": [spans["customdata"], spans["x"]], "seq2seq_note": compared[7]}))
