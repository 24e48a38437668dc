"""The logit lens on every family: its last row is the model's own answer, and each earlier row is
what a copy of the model cut off after that layer answers."""
from __future__ import annotations

import re

import pytest
import torch
from inside_models import MODELS, subject

from demo.errors import EmptyTextError, MaskError, ParameterError, TextTooLongError, WrongFamilyError

TEXT = "the cat sat on the [MASK] in the park."
LEFT = "the cat sat on the"


@pytest.fixture(params=MODELS)
def who(request, family_dirs, bert_dir, gpt_dir):
    return subject(request.param, family_dirs, bert_dir, gpt_dir)


def test_last_row_is_the_models_own_answer(service, who):
    lens = service.lens(who.model, TEXT, top_k=5, family=who.family)
    if who.causal:  # at the position left of the blank: exactly next_tokens on the words before it
        assert lens.layers[-1] == service.next_tokens(who.model, LEFT, top_k=5).candidates
        assert lens.layers == service.lens(who.model, LEFT, top_k=5, family=who.family).layers
        assert lens.tokens == service.next_tokens(who.model, LEFT).tokens
    else:
        fill = service.fill_mask(who.model, TEXT + " and [MASK]", top_k=5)  # two blanks: the lens reads the first
        assert service.lens(who.model, TEXT + " and [MASK]", top_k=5).layers[-1] == fill.masks[0]
        assert lens.tokens[lens.position] == fill.mask_token


def test_rows_are_distributions_over_words(service, who):
    lens = service.lens(who.model, TEXT, top_k=4, family=who.family)
    lm = service.load(who.model, who.family)
    assert len(lens.layers) == lm.info.layers + 1 == len(lens.final_prob) == len(lens.final_rank)
    special = set(lm.tokenizer.all_special_ids)
    for row, prob, rank in zip(lens.layers, lens.final_prob, lens.final_rank):
        probs = [c.prob for c in row]
        assert len(row) == 4 and probs == sorted(probs, reverse=True) and sum(probs) <= 1 + 1e-6
        assert not special & {c.id for c in row}
        assert 0.0 <= prob <= 1.0 and rank >= 1
        if rank <= 4:  # the final word is in this row's top 4: its place and probability agree
            assert row[rank - 1].id == lens.final.id and row[rank - 1].prob == pytest.approx(prob, abs=1e-7)
        else:
            assert prob <= probs[-1]
    assert lens.final_rank[-1] == 1 and lens.final_prob[-1] == lens.final.prob


def _cut_after(model, layers: int) -> None:
    """Keep the first `layers` layers of a copy: what it answers is what the lens reads there."""
    base, kind = model.base_model, model.config.model_type
    if kind == "gpt2":
        base.h = base.h[:layers]
    elif kind == "distilbert":
        base.transformer.layer = base.transformer.layer[:layers]
    elif kind == "albert":  # one shared layer, run num_hidden_layers times
        model.config.num_hidden_layers = layers
    else:
        base.encoder.layer = base.encoder.layer[:layers]


@pytest.mark.parametrize("layer", [0, 1])
def test_each_row_is_what_the_model_cut_after_that_layer_answers(service, who, layer):
    lens = service.lens(who.model, TEXT, top_k=3, family=who.family)
    model = who.own_copy()
    _cut_after(model, layer)
    ids = torch.tensor([_ids(service, who)])
    with torch.inference_mode():
        probs = model(input_ids=ids).logits[0, lens.position].float().softmax(-1)
    for candidate in lens.layers[layer]:
        assert candidate.prob == pytest.approx(float(probs[candidate.id]), abs=1e-5)
    assert lens.final_prob[layer] == pytest.approx(float(probs[lens.final.id]), abs=1e-5)


def _ids(service, who) -> list[int]:
    lm = service.load(who.model, who.family)
    text = LEFT if who.causal else TEXT.replace("[MASK]", lm.mask_token)
    return lm.tokenizer(text)["input_ids"]


def test_one_forward_pass_for_all_layers(service, who):
    lm = service.load(who.model, who.family)
    calls = []
    hook = lm.model.base_model.register_forward_hook(lambda *_: calls.append(1))
    try:
        service.lens(who.model, TEXT, family=who.family)
    finally:
        hook.remove()
    assert calls == [1]


def test_causal_lens_reads_the_last_token_without_a_blank(service):
    lens = service.lens(None, LEFT + " mat", family="causal")
    assert lens.position == len(lens.tokens) - 1
    assert lens.layers[-1] == service.next_tokens(None, LEFT + " mat").candidates
    assert len(lens.layers) == service.info(None, "causal").layers + 1


@pytest.mark.parametrize("text, error, message", [
    ("the cat sat on the mat.", MaskError, "No blank found: write [MASK], <mask> or ___ where a word is missing."),
    ("[MASK] [MASK]", MaskError, "The text is only blanks: add some words around the blank for context."),
    ("  ", EmptyTextError, "Text is empty: type a sentence first."),
])
def test_masked_lens_needs_a_blank(service, text, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        service.lens(None, text)


def test_bad_numbers_and_long_texts_are_refused_before_the_model(service):
    with pytest.raises(ParameterError, match=r"^top_k must be between 1 and 50; got 0\.$"):
        service.lens(None, TEXT, top_k=0)
    with pytest.raises(ParameterError, match=r"^family must be 'masked' or 'causal'\.$"):
        service.lens(None, TEXT, family="seq2seq")
    limit = service.spec(None, "masked").max_positions
    long = "the cat " * limit + "[MASK]"
    n = len(service.load(None, "masked").tokenizer(long)["input_ids"])
    with pytest.raises(TextTooLongError, match=rf"^Text is {n} tokens; .* can handle at most {limit} positions\.$"):
        service.lens(None, long)


def test_an_encoder_decoder_is_refused_before_it_loads(service):
    message = "'t5-small' is a seq2seq model; choose a masked or a causal model."
    for verb, args in ((service.lens, ()), (service.attribution, ()), (service.attention_steps, (0, 0, 0))):
        with pytest.raises(WrongFamilyError, match=f"^{re.escape(message)}$"):
            verb("t5-small", TEXT, *args)
    assert "t5-small" not in service.cache.loaded()
