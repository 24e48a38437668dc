"""ZeroGPU: with `spaces` present the default models load at start-up and requests never load.

The app runs in a fresh process (tests/zerogpu/serve.py) with a stand-in `spaces` whose
`@spaces.GPU` runs every handler in a forked child, as ZeroGPU runs it in a worker process.
A child that reads a model from disk is recorded and fails; the answers must equal the
transformers pipeline and `generate` on the same models."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

from conftest import CAUSAL, MASKED, make_service

ROOT = Path(__file__).resolve().parent.parent
FILL = "the cat sat on the [MASK] ."
PROMPT = "the cat"


@pytest.fixture(scope="module")
def zerogpu_run(bert_dir, gpt_dir, tmp_path_factory):
    calls = tmp_path_factory.mktemp("zerogpu") / "calls"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZEROGPU_CALLS": str(calls), "BERT_DIR": bert_dir,
           "GPT_DIR": gpt_dir, "MASKED_ID": MASKED, "CAUSAL_ID": CAUSAL, "FILL": FILL, "PROMPT": PROMPT,
           "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "zerogpu" / "serve.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    workers = [int(pid) for pid in calls.read_text().split()]
    loads_file = Path(str(calls) + ".loads")
    return out, workers, loads_file.read_text().split() if loads_file.exists() else []


def test_the_defaults_load_at_start_up_and_only_they_are_offered(zerogpu_run):
    out, _, _ = zerogpu_run
    assert out["preloaded"] == [MASKED, CAUSAL]
    assert out["choices"] == [[MASKED], [CAUSAL]]


def test_every_request_ran_in_a_worker_that_read_no_model_from_disk(zerogpu_run):
    out, workers, read_in_workers = zerogpu_run
    assert len(workers) == 3 and out["server"] not in workers  # fill_mask, generate, the refused model
    assert read_in_workers == []
    assert out["loads"] == {MASKED: 1, CAUSAL: 1}  # read once each, at start-up, by the server


def test_a_worker_answers_like_the_pipeline(zerogpu_run, bert_dir):
    out, _, _ = zerogpu_run
    fill = pipeline("fill-mask", model=bert_dir, tokenizer=bert_dir, device="cpu")
    special = set(fill.tokenizer.all_special_ids)
    want = [r["score"] for r in fill(FILL, top_k=fill.tokenizer.vocab_size) if r["token"] not in special][:5]
    assert len(out["bars"]) == 1 and out["bars"][0] == pytest.approx(want, abs=1e-5)


def test_a_worker_generates_like_model_generate(zerogpu_run, bert_dir, gpt_dir):
    out, _, _ = zerogpu_run
    tok, model = AutoTokenizer.from_pretrained(gpt_dir), AutoModelForCausalLM.from_pretrained(gpt_dir)
    ids = tok(PROMPT, return_tensors="pt")
    with torch.no_grad():
        want = model.generate(**ids, do_sample=False, max_new_tokens=5, pad_token_id=tok.eos_token_id)
    # the tab shows each token's own text (a lone byte of a character shows as nothing); here, in this
    # process and with no fork, the same tokens as generate's must give the worker's text
    here = make_service(bert_dir, gpt_dir).generate(None, PROMPT, max_new_tokens=5, greedy=True)
    assert [t.id for t in here.new_tokens] == want[0, ids["input_ids"].shape[1]:].tolist()
    assert out["generated"] == PROMPT + "".join(t.text for t in here.new_tokens)


def test_a_model_not_loaded_at_start_up_is_refused_with_the_loaded_ones_named(zerogpu_run):
    out, _, _ = zerogpu_run
    assert out["refused"] == ("Model 'distilbert-base-uncased' is not loaded on this server, which loads its "
                              f"models at start-up. Choose one of: {MASKED}.")
