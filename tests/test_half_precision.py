"""Every verb in half precision, the GPU's default (float16; bfloat16 by DEMO_DTYPE), run here on the
CPU, which has both: answers are the float32 ones within rounding, probabilities stay
probabilities, masks stay masks. This machine has no GPU; the dtype paths are the same code."""
import math

import numpy as np
import pytest

from conftest import make_service

TEXT = "the cat sat on the [MASK] ."
PROMPT = "the cat sat on the"
# a probability in half precision: float16 keeps 11 significant bits, bfloat16 8; the logits add
# several layers' rounding, so allow a few of the last places
TOLERANCE = {"float16": 0.01, "bfloat16": 0.04}


@pytest.fixture(scope="module", params=["float16", "bfloat16"])
def half(request, bert_dir, gpt_dir):
    return request.param, make_service(bert_dir, gpt_dir, dtype=request.param)


def same_candidates(got, reference, tolerance):
    by_id = {c.id: c.prob for c in reference}
    for candidate in got:
        assert candidate.id in by_id, (candidate, reference[:5])
        assert abs(candidate.prob - by_id[candidate.id]) <= tolerance, (candidate, by_id[candidate.id])
    assert 0 < sum(c.prob for c in got) <= 1 + 1e-6


def test_models_load_in_the_dtype_asked_for(half):
    dtype, service = half
    assert service.info(None, "masked").dtype == dtype and service.info(None, "causal").dtype == dtype


def test_fill_mask_and_next_tokens_agree_with_float32(half, service):
    dtype, halved = half
    top = service.settings.max_top_k
    same_candidates(halved.fill_mask(None, TEXT).masks[0], service.fill_mask(None, TEXT, top_k=top).masks[0],
                    TOLERANCE[dtype])
    got, reference = halved.next_tokens(None, PROMPT), service.next_tokens(None, PROMPT, top_k=top)
    same_candidates(got.candidates, reference.candidates, TOLERANCE[dtype])
    assert math.isfinite(got.entropy) and abs(got.entropy - reference.entropy) <= 0.05 * reference.entropy


def test_generation_reports_real_probabilities(half):
    _, halved = half
    out = halved.generate(None, PROMPT, max_new_tokens=5, greedy=True)
    assert all(0 < t.prob <= 1 for t in out.new_tokens)
    ended = out.new_tokens[-1].id == halved.load(None, "causal").tokenizer.eos_token_id if out.new_tokens else False
    assert len(out.new_tokens) == 5 or ended  # five new tokens, or fewer ended by the end token
    ids = [[t.id for t in halved.generate(None, PROMPT, max_new_tokens=5, seed=3).new_tokens] for _ in range(2)]
    assert ids[0] == ids[1]  # a seed repeats a sampled text

def test_attention_rows_are_distributions_and_the_decoder_hides_the_future(half):
    _, halved = half
    for family, text in (("masked", TEXT), ("causal", PROMPT)):
        result = halved.attention(None, text, family=family)
        assert result.weights.dtype == np.float32  # what the views and the States keep
        np.testing.assert_allclose(result.weights.sum(-1), 1.0, atol=1e-2)
        if family == "causal":
            assert result.causal and not np.triu(result.weights, k=1).any()


def test_the_inside_verbs_run_and_stay_finite(half, service):
    dtype, halved = half
    lens = halved.lens(None, TEXT)
    assert all(0 <= p <= 1 for p in lens.final_prob) and lens.final.id == halved.fill_mask(None, TEXT).masks[0][0].id
    steps = halved.attention_steps(None, PROMPT, layer=0, head=0, query=2, family="causal")
    assert np.isfinite(steps.q).all() and np.isfinite(steps.scores).all()
    for method in ("integrated_gradients", "gradient_x_input"):
        explained = halved.attribution(None, TEXT, method=method, steps=8)
        assert all(math.isfinite(s) for s in explained.scores) and math.isfinite(explained.target_logprob)
