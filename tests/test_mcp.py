"""DEMO_MCP=1: each verb a tab uses is an MCP tool (`data_<verb>`) that answers with the verb's result as JSON.

Driven by the official `mcp` client SDK over streamable HTTP against the app in a child process
(tests/mcp_server.py); the expected answers come from the test session's own service on the same models.
"""
import asyncio
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

from conftest import CAUSAL, MASKED
from demo.catalog import CAUSAL as CAUSAL_FAMILY, MASKED as MASKED_FAMILY
from demo.errors import DemoError
from demo.settings import Settings
from demo.ui.app import launch_options

TESTS = Path(__file__).parent
BLANK = "the cat sat on the [MASK] ."
PROMPT = "the cat sat on"
VERBS = ["fill_mask", "next_tokens", "generate", "attention", "compare", "lens", "attribution", "attention_steps",
         "infill", "score_words", "cost", "compress", "probe", "next_sentence", "sampling"]
REQUIRED = {"score_words": ["text", "words"], "cost": [], "compress": [], "probe": [],
            "next_sentence": ["first", "second"]}  # the rest: ["text"]
# one call of every tool, as little as each needs (cost and compress: a few small points, a quick method)
CALLS = {"fill_mask": {"text": BLANK}, "next_tokens": {"text": PROMPT}, "generate": {"text": PROMPT, "greedy": True,
         "max_new_tokens": 4}, "attention": {"text": PROMPT}, "compare": {"text": BLANK}, "lens": {"text": BLANK},
         "attribution": {"text": BLANK, "steps": 4}, "attention_steps": {"text": PROMPT, "layer": 1, "head": 1,
         "query": 2}, "infill": {"text": BLANK}, "score_words": {"text": BLANK, "words": ["mat", "dog"]},
         "cost": {"lengths": [4, 8, 16], "batch_sizes": [1, 2]}, "compress": {"method": "int8"}, "probe": {},
         "next_sentence": {"first": "the cat sat on the mat .", "second": "the dog ran .", "model": CAUSAL},
         "sampling": {"text": PROMPT, "top_k": 3}}


def test_mcp_is_off_unless_asked(monkeypatch, app):
    monkeypatch.delenv("DEMO_MCP", raising=False)
    assert launch_options(Settings.from_env())["mcp_server"] is False
    monkeypatch.setenv("DEMO_MCP", "1")
    assert launch_options(Settings.from_env())["mcp_server"] is True
    # without it the web API is as it was: no data tools, the page's endpoints public
    assert not [fn.api_name for fn in app.fns.values() if (fn.api_name or "").startswith("data_")]
    assert {fn.api_visibility for fn in app.fns.values() if fn.api_name == "fill_mask"} == {"public"}


def test_a_result_becomes_plain_json():
    from demo.results import Candidate
    from demo.text import Said
    from demo.ui.plain import as_json

    @dataclass(frozen=True)
    class Heads:
        weights: np.ndarray
        causal: bool

    weights = np.full((1, 1, 2, 2), 0.5, dtype=np.float32)
    got = json.loads(as_json(Heads(weights, causal=np.bool_(True)), note=Said("error.unexpected"),
                             extra=(Candidate("x", 1 / 3, np.int64(7), " x"), float("nan"), np.float32(2e-7))))
    assert got["weights"] == [[[[0.5, 0.5], [0.5, 0.5]]]] and got["causal"] is True
    assert got["note"] == str(Said("error.unexpected"))
    assert got["extra"] == [{"token": "x", "prob": 0.333333, "id": 7, "text": " x"}, None, 2e-7]
    with pytest.raises(TypeError, match="no JSON form for object"):
        as_json({"x": object()})


@pytest.fixture(scope="module")
def mcp_url(bert_dir, gpt_dir, tmp_path_factory):
    """tests/mcp_server.py in a child process: its MCP address."""
    log = tmp_path_factory.mktemp("mcp-server") / "stderr.log"
    with open(log, "w") as err:
        child = subprocess.Popen([sys.executable, str(TESTS / "mcp_server.py"), bert_dir, gpt_dir],
                                 cwd=TESTS, stdout=subprocess.PIPE, stderr=err, text=True,
                                 env={**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(TESTS.parent)])})
    try:
        line = "\n"
        while line and not line.startswith("URL "):  # Gradio prints its MCP address first; "" when it died
            line = child.stdout.readline()
        assert line.startswith("URL "), f"the MCP server did not start: {log.read_text()[-2000:]}"
        yield line.split()[1].rstrip("/") + "/gradio_api/mcp/"
    finally:
        child.terminate()
        child.wait(30)


async def _session(url, work):
    async with streamablehttp_client(url, timeout=60, sse_read_timeout=600) as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            return await work(session)


def list_tools(url) -> list:
    return asyncio.run(_session(url, lambda s: s.list_tools())).tools


def call(url, name: str, **arguments):
    """(is_error, the answer's text) of one tool call."""
    result = asyncio.run(_session(url, lambda s: s.call_tool(name, arguments)))
    texts = [c.text for c in result.content if c.type == "text"]
    assert len(texts) == 1, result.content
    return result.isError, texts[0]


def answer(url, verb: str, **arguments) -> dict:
    """The tool's answer as JSON (strict: no NaN)."""
    failed, text = call(url, f"data_{verb}", **arguments)
    assert not failed, text
    return json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))


def assert_ranked(candidates: list[dict]) -> None:
    probs = [c["prob"] for c in candidates]
    assert probs == sorted(probs, reverse=True) and all(0 <= p <= 1 for p in probs)
    assert sum(probs) <= 1 + 1e-6


def same_candidates(got: list[dict], expected) -> None:
    assert [c["token"] for c in got] == [c.token for c in expected]
    assert [c["id"] for c in got] == [c.id for c in expected]
    assert [c["prob"] for c in got] == pytest.approx([c.prob for c in expected], rel=1e-5, abs=1e-9)


def test_every_verb_is_a_tool_and_only_the_verbs(mcp_url):
    tools = {tool.name: tool for tool in list_tools(mcp_url)}
    assert set(tools) == {f"data_{verb}" for verb in VERBS}  # the page's endpoints are not offered to agents
    for verb in VERBS:
        schema = tools[f"data_{verb}"].inputSchema
        assert sorted(schema.get("required", [])) == REQUIRED.get(verb, ["text"]), verb
        assert tools[f"data_{verb}"].description
    assert "product of its pieces' probabilities" in tools["data_score_words"].description
    assert tools["data_compress"].inputSchema["properties"]["method"]["enum"][0] == "int8"


@pytest.mark.parametrize("verb", VERBS)
def test_every_tool_answers_json_with_no_page_in_it(mcp_url, verb):
    failed, text = call(mcp_url, f"data_{verb}", **CALLS[verb])
    assert not failed, text
    result = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert isinstance(result, dict) and result
    assert "<div" not in text and '"layout"' not in text  # no HTML, no Plotly figure


def test_fill_mask_gives_the_services_candidates(mcp_url, web_service):
    got = answer(mcp_url, "fill_mask", text=BLANK, top_k=4)
    expected = web_service.fill_mask(None, BLANK, 4)
    assert got["model"] == MASKED and got["tokens"] == expected.tokens and len(got["masks"]) == 1
    assert_ranked(got["masks"][0])
    same_candidates(got["masks"][0], expected.masks[0])
    assert got["filled"] == expected.filled()


def test_next_tokens_gives_the_services_candidates(mcp_url, web_service):
    got = answer(mcp_url, "next_tokens", text=PROMPT)
    expected = web_service.next_tokens(None, PROMPT, 5)
    assert got["model"] == CAUSAL and len(got["candidates"]) == 5
    assert_ranked(got["candidates"])
    same_candidates(got["candidates"], expected.candidates)
    assert got["entropy"] == pytest.approx(expected.entropy, rel=1e-5)


def test_generate_writes_what_the_service_writes(mcp_url, web_service):
    got = answer(mcp_url, "generate", text=PROMPT, greedy=True, max_new_tokens=5)
    expected = web_service.generate(None, PROMPT, greedy=True, max_new_tokens=5)
    assert [t["id"] for t in got["new_tokens"]] == [t.id for t in expected.new_tokens]
    assert got["text"] == expected.text and got["prompt"] == PROMPT


def test_attention_gives_every_head_or_the_one_asked_for(mcp_url, web_service):
    expected = web_service.attention(None, PROMPT, family=CAUSAL_FAMILY)
    got = answer(mcp_url, "attention", text=PROMPT, family=CAUSAL_FAMILY)
    weights = np.array(got["weights"])
    assert got["causal"] is True and weights.shape == expected.weights.shape
    assert np.allclose(weights.sum(-1), 1, atol=1e-4) and np.allclose(np.triu(weights, 1), 0)
    assert np.allclose(weights, expected.weights, atol=1e-6)
    one = answer(mcp_url, "attention", text=PROMPT, family=CAUSAL_FAMILY, layer=1, head=0)
    assert one["layers"] == [1] and one["heads"] == [0]
    assert np.allclose(np.array(one["weights"])[0, 0], expected.weights[1, 0], atol=1e-6)
    masked = answer(mcp_url, "attention", text=BLANK)  # no family, no model: the masked default, the blank its own
    assert masked["model"] == MASKED and masked["causal"] is False and "[MASK]" in masked["tokens"]


def test_compare_gives_both_models_and_the_encoder_decoders_spans(mcp_url, web_service):
    got = answer(mcp_url, "compare", text=BLANK, top_k=3)
    expected = web_service.compare(BLANK, 3)
    assert (got["masked_model"], got["causal_model"]) == (MASKED, CAUSAL)
    assert_ranked(got["masked"]) and assert_ranked(got["causal"])
    same_candidates(got["masked"], expected.masked)
    same_candidates(got["causal"], expected.causal)
    assert [r["candidate"]["token"] for r in got["ranking"]] == [r.candidate.token for r in expected.ranking]
    assert got["left"] == expected.left and got["right"] == expected.right
    if expected.infill is None:
        assert got["infill"] is None and got["infill_error"] == expected.infill_error
    else:
        assert [s["text"] for s in got["infill"]["blanks"][0]] == [s.text for s in expected.infill.blanks[0]]


def test_lens_reads_every_layer_and_ends_on_the_models_answer(mcp_url, web_service):
    got = answer(mcp_url, "lens", text=BLANK, top_k=3)
    expected = web_service.lens(None, BLANK, 3)
    layers = web_service.info(None, MASKED_FAMILY).layers
    assert len(got["layers"]) == layers + 1  # the embeddings, then each layer
    for ranked in got["layers"]:
        assert_ranked(ranked)
    assert got["layers"][-1][0]["token"] == expected.final.token and got["final_rank"][-1] == 1
    assert got["final_prob"] == pytest.approx(expected.final_prob, rel=1e-5, abs=1e-9)


def test_attribution_scores_each_token_for_the_models_own_word(mcp_url, web_service):
    got = answer(mcp_url, "attribution", text=BLANK, steps=8)
    expected = web_service.attribution(None, BLANK, steps=8)
    assert got["tokens"] == expected.tokens and len(got["scores"]) == len(got["tokens"])
    assert got["target"]["token"] == expected.target.token and got["method"] == "integrated_gradients"
    assert got["scores"] == pytest.approx(expected.scores, rel=1e-4, abs=1e-6)
    assert sum(total for _, total in got["word_scores"]) == pytest.approx(sum(expected.scores), abs=1e-4)


def test_attention_steps_end_on_the_models_own_attention_row(mcp_url, web_service):
    got = answer(mcp_url, "attention_steps", text=PROMPT, layer=1, head=1, query=2)
    model_row = web_service.attention(None, PROMPT, family=MASKED_FAMILY).weights[1, 1, 2]
    assert (got["layer"], got["head"], got["query"]) == (1, 1, 2)
    assert np.allclose(got["weights"], model_row, atol=1e-5)
    assert len(got["q"]) == len(got["k"][0]) == len(got["v"][0])


def test_infill_ranks_the_encoder_decoders_spans(mcp_url, web_service):
    got = answer(mcp_url, "infill", text=BLANK, top_k=3)
    expected = web_service.infill(None, BLANK, 3)
    assert got["model"] == expected.model and len(got["blanks"]) == 1
    spans = got["blanks"][0]
    assert [s["text"] for s in spans] == [s.text for s in expected.blanks[0]]
    assert [s["logprob"] for s in spans] == sorted((s["logprob"] for s in spans), reverse=True)


def test_score_words_needs_only_the_words_and_the_text(mcp_url, web_service):
    got = answer(mcp_url, "score_words", text=BLANK, words=["mat", "dog"])
    expected = web_service.score_words(None, BLANK, ["mat", "dog"])
    assert got["model"] == MASKED and got["family"] == MASKED_FAMILY
    assert [w["word"] for w in got["words"]] == ["mat", "dog"]
    assert [w["prob"] for w in got["words"]] == pytest.approx([w.prob for w in expected.words], rel=1e-5)
    assert [w["rank"] for w in got["words"]] == [w.rank for w in expected.words]
    causal = answer(mcp_url, "score_words", text=PROMPT, words=["the"])  # no blank: the causal default
    assert causal["model"] == CAUSAL and causal["family"] == CAUSAL_FAMILY


def test_cost_measures_the_points_asked_for(mcp_url):
    got = answer(mcp_url, "cost", lengths=[4, 8, 16], batch_sizes=[1, 2])
    assert got["model"] == MASKED and len(got["fit"]) == 3
    measured = {(p["length"], p["batch"]) for p in got["points"]}
    assert measured and measured <= {(n, b) for n in (4, 8, 16) for b in (1, 2)}
    assert all(p["seconds"] > 0 for p in got["points"])


def test_compress_compares_the_copy_with_the_full_model(mcp_url):
    got = answer(mcp_url, "compress", method="int8")
    assert got["model"] == MASKED and got["method"] == "int8"
    assert 0 < got["bytes"] < got["full_bytes"] and 0 <= got["fidelity"] <= 1


def test_a_refusal_is_the_services_own_message_as_written(mcp_url, web_service):
    with pytest.raises(DemoError) as refused:
        web_service.fill_mask(None, "the cat sat", 5)
    failed, text = call(mcp_url, "data_fill_mask", text="the cat sat")
    assert failed and text == str(refused.value) and "<mask>" in text  # not escaped for a page's toast
    failed, text = call(mcp_url, "data_score_words", text=BLANK)  # words missing: the schema says so
    assert failed and "words" in text


def test_probe_scores_every_layer_on_held_out_sentences(mcp_url, web_service):
    got = answer(mcp_url, "probe")
    expected = web_service.probe(None)
    assert got["model"] == MASKED and got["task"] == "sentiment"
    assert len(got["by_layer"]) == web_service.info(None, MASKED_FAMILY).layers + 1
    assert got["accuracy"] == pytest.approx(expected.accuracy) and 0 <= got["chance"] <= 1
    assert len(got["labels"]) == len(got["texts"]) == len(got["held_out"])


def test_next_sentence_asks_gpt_how_much_the_first_sentence_helps(mcp_url, web_service):
    got = answer(mcp_url, "next_sentence", **CALLS["next_sentence"])
    expected = web_service.next_sentence(CAUSAL, CALLS["next_sentence"]["first"], CALLS["next_sentence"]["second"])
    assert got["method"] == "causal" and got["prob_follows"] is None
    assert got["logprob_with"] == pytest.approx(expected.logprob_with, rel=1e-5)
    assert got["difference"] == pytest.approx(got["logprob_with"] - got["logprob_alone"], abs=1e-4)


def test_sampling_shows_each_warper_on_the_models_candidates(mcp_url, web_service):
    got = answer(mcp_url, "sampling", text=PROMPT, top_k=3)
    expected = web_service.sampling(None, PROMPT, top_k=3)
    assert_ranked(got["candidates"])
    same_candidates(got["candidates"], expected.candidates)
    assert [step["name"] for step in got["steps"]] == [step.name for step in expected.steps]
    assert all(sum(step["probs"]) <= 1 + 1e-6 for step in got["steps"])
