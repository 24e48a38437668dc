"""One head's arithmetic, checked against what the model itself computes: its attention weights
(output_attentions) and the context vector its output projection receives."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
import torch
from inside_models import MODELS, subject

from demo.errors import ParameterError, TextTooLongError, UnknownModelError

TEXT = "the cat sat on the [MASK] in the park."


@pytest.fixture(params=MODELS)
def who(request, family_dirs, bert_dir, gpt_dir):
    return subject(request.param, family_dirs, bert_dir, gpt_dir)


def test_weights_are_the_models_own_attention_rows(service, who):
    own = service.attention(who.model, TEXT, family=who.family)  # (L, H, T, T) from output_attentions
    layers, heads, T, _ = own.weights.shape
    for layer in range(layers):
        for head in range(heads):
            for query in (0, T // 2, T - 1):
                steps = service.attention_steps(who.model, TEXT, layer, head, query, family=who.family)
                assert steps.tokens == own.tokens
                np.testing.assert_allclose(steps.weights, own.weights[layer, head, query], atol=1e-5, rtol=0)


def test_each_step_follows_from_the_last(service, who):
    info = service.info(who.model, who.family)
    steps = service.attention_steps(who.model, TEXT, info.layers - 1, info.heads - 1, 3, family=who.family)
    T, d = len(steps.tokens), info.hidden // info.heads
    assert steps.q.shape == (d,) and steps.k.shape == steps.v.shape == (T, d) and steps.output.shape == (d,)
    np.testing.assert_allclose(steps.scores, steps.k @ steps.q, rtol=1e-5, atol=1e-6)
    assert steps.scale == pytest.approx(math.sqrt(d))
    np.testing.assert_allclose(steps.scaled, steps.scores / math.sqrt(d), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(steps.output, steps.weights @ steps.v, rtol=1e-5, atol=1e-6)
    assert steps.weights.sum() == pytest.approx(1.0, abs=1e-6)
    if who.causal:  # the future is hidden: -inf before the softmax, exactly 0 after it
        assert np.all(np.isneginf(steps.masked[4:])) and np.all(steps.weights[4:] == 0.0)
        np.testing.assert_array_equal(steps.masked[:4], steps.scaled[:4])
        assert np.all(steps.weights[:4] > 0)
    else:  # a masked model reads both ways: nothing is hidden
        np.testing.assert_array_equal(steps.masked, steps.scaled)
        assert np.all(steps.weights > 0)


def _output_projection(model, layer: int) -> torch.nn.Module:
    """The module that receives the heads' concatenated outputs (T, H*d) in this family."""
    base, kind = model.base_model, model.config.model_type
    if kind == "gpt2":
        return base.h[layer].attn.c_proj
    if kind == "distilbert":
        return base.transformer.layer[layer].attention.out_lin
    if kind == "albert":
        return base.encoder.albert_layer_groups[0].albert_layers[0].attention.dense
    return base.encoder.layer[layer].attention.output.dense


@pytest.mark.parametrize("query", [0, 5])
def test_output_is_the_heads_part_of_the_models_context_vector(service, who, query):
    info = service.info(who.model, who.family)
    layer, head, d = info.layers - 1, 1, info.hidden // info.heads
    steps = service.attention_steps(who.model, TEXT, layer, head, query, family=who.family)
    model, seen = who.own_copy(), []
    _output_projection(model, layer).register_forward_pre_hook(lambda _, args: seen.append(args[0]))
    lm = service.load(who.model, who.family)
    text = TEXT.replace("[MASK]", lm.mask_token) if not who.causal else TEXT
    with torch.inference_mode():
        model(input_ids=torch.tensor([lm.tokenizer(text)["input_ids"]]))
    context = seen[-1][0, query, head * d:(head + 1) * d].numpy()  # (d,): the model's own
    np.testing.assert_allclose(steps.output, context, atol=1e-5, rtol=0)


def test_ranges_are_named_in_the_message(service):
    info = service.info(None, "masked")
    T = len(service.attention(None, TEXT).tokens)
    cases = [(dict(layer=info.layers, head=0, query=0), f"layer must be between 0 and {info.layers - 1}; got {info.layers}."),
             (dict(layer=-1, head=0, query=0), f"layer must be between 0 and {info.layers - 1}; got -1."),
             (dict(layer=0, head=info.heads, query=0), f"head must be between 0 and {info.heads - 1}; got {info.heads}."),
             (dict(layer=0, head=0, query=T), f"query must be between 0 and {T - 1}; got {T}."),
             (dict(layer="two", head=0, query=0), f"layer must be a whole number between 0 and {info.layers - 1}.")]
    for numbers, message in cases:
        with pytest.raises(ParameterError, match=f"^{re.escape(message)}$"):
            service.attention_steps(None, TEXT, **numbers)


def test_long_text_and_unknown_model_are_refused(service):
    limit = service.spec(None, "causal").max_positions
    long = "the cat " * limit
    n = len(service.load(None, "causal").tokenizer(long)["input_ids"])
    with pytest.raises(TextTooLongError, match=rf"^Text is {n} tokens; .* can handle at most {limit} positions\.$"):
        service.attention_steps(None, long, 0, 0, 0, family="causal")
    with pytest.raises(UnknownModelError, match=r"^Unknown model\. Choose one of: "):
        service.attention_steps("no-such-model", TEXT, 0, 0, 0)


def test_gpt_reads_its_blank_filled_with_its_own_top_word(service):
    text = "the cat sat on the ___ in the park."
    top = service.next_tokens(None, "the cat sat on the", top_k=1).candidates[0]
    want = text.replace("___", top.text.strip() or top.token)
    assert service.fill_with_own_word(None, text) == want
    lens = service.lens(None, text, 1, family="causal")
    assert service.fill_with_own_word(None, text, lens) == want  # the caller's lens gives the same
    assert service.fill_with_own_word(None, "no blank here .") == "no blank here ."
