"""The online path, against a loopback stand-in for the hub (tests/fake_hub.py) serving tiny models
as `bert-base-uncased` and `gpt2`: the first use downloads with progress the UI shows, a dropped
connection resumes, a download that never completes hands the default to the pocket model with
a clear message, and the cached models then work with the server gone.

Each scenario runs in its own process (tests/hub_scenarios.py): huggingface_hub reads HF_ENDPOINT,
HF_HUB_OFFLINE and HF_HOME at import.
"""
import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, pipeline

from fake_hub import serve_built
from hub_scenarios import FILL, NEXT, run_scenario

CHUNK = 16 * 1024  # hub_scenarios makes huggingface_hub read in 16 KB pieces (10 MB on the real hub)
WANTED = {"masked": "bert-base-uncased", "causal": "gpt2"}


@pytest.fixture(scope="module")
def models(tmp_path_factory):
    return tmp_path_factory.mktemp("hub-models")


@pytest.fixture
def hub(models):
    with serve_built(models) as served:
        yield served


def weights_size(hub, repo: str) -> int:
    return (hub.repos[repo] / "model.safetensors").stat().st_size


def fill_oracle(folder) -> list[list]:
    """[token id, probability] of the fill-mask pipeline's top 5, special tokens skipped."""
    fill = pipeline("fill-mask", model=str(folder), tokenizer=str(folder), device="cpu")
    special = set(fill.tokenizer.all_special_ids)
    rows = [r for r in fill(FILL, top_k=fill.tokenizer.vocab_size) if r["token"] not in special]
    return [[r["token"], r["score"]] for r in rows[:5]]


def next_oracle(folder) -> list[list]:
    """[token id, probability] of the model's own softmax at the last position, top 5, no specials."""
    tok, model = AutoTokenizer.from_pretrained(folder), AutoModelForCausalLM.from_pretrained(folder)
    with torch.no_grad():
        probs = model(**tok(NEXT, return_tensors="pt")).logits[0, -1].softmax(-1)
    probs[tok.all_special_ids] = 0
    top = probs.topk(5)
    return [[i, p] for i, p in zip(top.indices.tolist(), top.values.tolist())]


def assert_answers(out: dict, models) -> None:
    for (got_id, got_p), (want_id, want_p) in zip(out["fill"], fill_oracle(models / "bert-base-uncased"), strict=True):
        assert got_id == want_id and got_p == pytest.approx(want_p, abs=1e-5)
    for (got_id, got_p), (want_id, want_p) in zip(out["next"], next_oracle(models / "gpt2"), strict=True):
        assert got_id == want_id and got_p == pytest.approx(want_p, abs=1e-5)


def download_steps(repo: str, size: int) -> list[list]:
    """What the UI shows while `repo`'s weights arrive in CHUNK pieces. A resume from a chunk
    boundary (where the tests cut) continues the same count."""
    done = [*range(CHUNK, size, CHUNK), size]
    return [[d / size, f"Downloading {repo}: {d / 1e6:.1f} of {size / 1e6:.1f} MB (first use only)"] for d in done]


def test_first_use_downloads_with_progress_resumes_a_dropped_connection_and_works_with_the_server_gone(
        hub, tmp_path, models):
    home = str(tmp_path / "hf-home")
    cut = 2 * CHUNK  # the connection drops after 32 KB of BERT's weights, once
    hub.drop("bert-base-uncased/model.safetensors", cut)
    out = run_scenario("first_use", HF_ENDPOINT=hub.url, HF_HOME=home, HUB_CHUNK=str(CHUNK))

    assert (out["reachable"], out["hub_ok"], out["defaults"], out["notice"]) == (True, True, WANTED, "")
    assert (out["fill_model"], out["next_model"]) == ("bert-base-uncased", "gpt2")
    assert out["loads"] == {"bert-base-uncased": 1, "gpt2": 1} and out["notice_after"] == ""
    assert_answers(out, models)
    # huggingface_hub asked again from where the connection broke, and the UI counted on from there
    bert_gets = hub.downloads("bert-base-uncased", "model.safetensors")
    assert [r[2] for r in bert_gets] == [None, f"bytes={cut}-"]
    bert, gpt = weights_size(hub, "bert-base-uncased"), weights_size(hub, "gpt2")
    assert out["progress"] == [
        [0, "Loading bert-base-uncased, gpt2 (first use only; then it is reused by everyone)"],
        *download_steps("bert-base-uncased", bert), *download_steps("gpt2", gpt)]

    hub.stop()  # the server is gone; HF_HUB_OFFLINE stays unset
    gone = run_scenario("hub_gone", HF_ENDPOINT=hub.url, HF_HOME=home)
    assert (gone["reachable"], gone["hub_ok"]) == (False, False)
    assert gone["defaults"] == WANTED and gone["notice"] == ""  # cached: still the hub models, no fallback notice
    assert (gone["fill_model"], gone["next_model"]) == ("bert-base-uncased", "gpt2")
    assert gone["offline_loads"] is True and gone["loads"] == {"bert-base-uncased": 1, "gpt2": 1}
    assert (gone["fill"], gone["next"]) == (out["fill"], out["next"])


def test_a_download_that_never_completes_hands_the_default_to_the_pocket_model_and_leaves_no_half_model(
        hub, tmp_path, models):
    cut = 2 * CHUNK  # 32 KB arrive, then every resume breaks off before a byte
    hub.drop("bert-base-uncased/model.safetensors", cut, *[0] * 10)
    out = run_scenario("broken_download", HF_ENDPOINT=hub.url, HF_HOME=str(tmp_path / "hf-home"),
                       HUB_CHUNK=str(CHUNK))

    assert (out["fill_model"], out["next_model"]) == ("pocket-bert", "gpt2")
    assert out["notice"] == "Could not load bert-base-uncased; using the bundled pocket-bert instead."
    size = weights_size(hub, "bert-base-uncased")
    assert out["error"] == (
        f"Could not load model 'bert-base-uncased': the download of its weights from {hub.url} broke off at "
        f"{cut / 1e6:.1f} of {size / 1e6:.1f} MB and did not resume. To fix: try again later, or choose a "
        f"bundled pocket model.")
    assert out["loads"] == {"pocket-bert": 1, "gpt2": 1}
    # huggingface_hub's own retries: the first GET, then resumes from 32 KB until it gave up
    ranges = [r[2] for r in hub.downloads("bert-base-uncased", "model.safetensors")]
    assert ranges[0] is None and set(ranges[1:]) == {f"bytes={cut}-"} and len(ranges) == 6

    # the cache is half there (BERT's config, no weights): with the server gone, pocket-bert is the
    # default from the start, GPT-2 still comes from the cache
    hub.stop()
    gone = run_scenario("hub_gone", HF_ENDPOINT=hub.url, HF_HOME=str(tmp_path / "hf-home"))
    assert gone["defaults"] == {"masked": "pocket-bert", "causal": "gpt2"} and gone["hub_ok"] is False
    assert gone["notice"] == ("The model hub cannot be reached, so the bundled pocket models answer: small models this project "
                              "trained from all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run "
                              "`python -m demo.prepare` once while online to keep them for offline use.")
    assert (gone["fill_model"], gone["next"], gone["loads"]) == ("pocket-bert", out["next"], {"pocket-bert": 1, "gpt2": 1})
