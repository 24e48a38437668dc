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
from demo.service import InferenceService
from demo.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FILL = "the cat sat on the [MASK] ."
PROMPT = "the cat"
BLANK = "The cat ___ the mat."  # the tiny T5 writes "sat on"
T5 = "tiny-t5"


@pytest.fixture(scope="module")
def zerogpu_run(bert_dir, gpt_dir, t5_dir, tmp_path_factory):
    calls = tmp_path_factory.mktemp("zerogpu") / "calls"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZEROGPU_CALLS": str(calls), "BERT_DIR": bert_dir,
           "GPT_DIR": gpt_dir, "T5_DIR": t5_dir, "MASKED_ID": MASKED, "CAUSAL_ID": CAUSAL, "SEQ2SEQ_ID": T5,
           "FILL": FILL, "PROMPT": PROMPT, "BLANK": BLANK, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "zerogpu" / "serve.py")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    workers = [int(pid) for pid in calls.read_text().split()]
    loads_file = Path(str(calls) + ".loads")
    return out, workers, loads_file.read_text().split() if loads_file.exists() else []


def test_the_defaults_load_at_start_up_and_only_they_are_offered(zerogpu_run):
    out, _, _ = zerogpu_run
    assert out["preloaded"] == [MASKED, CAUSAL, T5]
    assert out["choices"] == [[MASKED], [CAUSAL], [T5]]


def test_every_request_ran_in_a_worker_that_read_no_model_from_disk(zerogpu_run):
    out, workers, read_in_workers = zerogpu_run
    assert len(workers) == 4 and out["server"] not in workers  # fill_mask, generate, the refused model, compare
    assert read_in_workers == []
    assert out["loads"] == {MASKED: 1, CAUSAL: 1, T5: 1}  # read once each, at start-up, by the server


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


def test_a_worker_fills_a_blank_with_the_preloaded_encoder_decoder(zerogpu_run, bert_dir, gpt_dir, t5_dir):
    out, _, _ = zerogpu_run
    here = make_service(bert_dir, gpt_dir).infill(t5_dir, BLANK, 3).blanks[0]  # in this process, no fork
    assert out["spans"][0] == [s.text for s in here] and out["spans"][0][0] == "sat on"
    assert out["spans"][1] == pytest.approx([s.prob for s in here], abs=1e-5)
    assert "“sat on”, is 2 word(s) long" in out["seq2seq_note"]


def test_without_an_encoder_decoder_the_start_up_still_seals_and_compare_says_so(bert_dir, gpt_dir, tmp_path,
                                                                                monkeypatch):
    from demo import catalog, startup
    from demo.catalog import ModelSpec

    monkeypatch.setattr(startup, "spaces", object())  # as if on ZeroGPU (no handler runs here)
    monkeypatch.delitem(catalog.POCKET, "seq2seq", raising=False)
    gone = ModelSpec("gone-t5", "seq2seq", str(tmp_path / "gone-t5"), 64, bundled=True)
    service = InferenceService(Settings(device="cpu"), defaults={"masked": bert_dir, "causal": gpt_dir,
                                                                 "seq2seq": "gone-t5"}, extra_models=[gone])
    assert startup.preload_for_zerogpu(service) == [bert_dir, gpt_dir] and service.cache.sealed
    result = service.compare(FILL, 3)
    assert result.infill is None and len(result.masked) == 3
    assert result.infill_error.startswith("Model 'gone-t5' is not loaded on this server, which loads its models at "
                                          "start-up.")
