"""Attribution on every family: completeness, GPT's exact zeros right of the blank, the numbers
against the model's own log-probabilities, gradient × input against autograd by hand."""
from __future__ import annotations

import re

import pytest
import torch
from inside_models import MODELS, subject

from demo.errors import MaskError, ParameterError, TextTooLongError

TEXT = "the cat sat on the [MASK] in the park."
LEFT = "the cat sat on the"


@pytest.fixture(params=MODELS)
def who(request, family_dirs, bert_dir, gpt_dir):
    return subject(request.param, family_dirs, bert_dir, gpt_dir)


def _own_logprob(who, tokenizer, tokens: list[str], position: int, target: int) -> float:
    ids = torch.tensor([tokenizer.convert_tokens_to_ids(tokens)])
    with torch.inference_mode():
        return float(who.own_copy()(input_ids=ids).logits[0, position].float().log_softmax(-1)[target])


def test_integrated_gradients_are_complete(service, who):
    result = service.attribution(who.model, TEXT, family=who.family)
    assert result.method == "integrated_gradients" and result.steps == 32 and len(result.scores) == len(result.tokens)
    difference = result.target_logprob - result.baseline_logprob
    assert sum(result.scores) == pytest.approx(difference, rel=0.05, abs=1e-6)
    assert result.delta == pytest.approx(sum(result.scores) - difference, abs=1e-5)


def test_logprobs_are_the_models_own_on_input_and_baseline(service, who):
    result = service.attribution(who.model, TEXT, family=who.family)
    tok = service.load(who.model, who.family).tokenizer
    position = result.blank - 1 if who.causal else result.blank
    assert result.target_logprob == pytest.approx(_own_logprob(who, tok, result.tokens, position, result.target.id),
                                                  abs=1e-5)
    # masked: the mask token; causal: the pad token where there is one (pocket-gpt), else end-of-text (GPT-2 has no pad)
    fill = (tok.pad_token or tok.eos_token) if who.causal else tok.mask_token
    special = set(tok.all_special_tokens)
    baseline = [t if t in special else fill for t in result.tokens]
    assert result.baseline_logprob == pytest.approx(_own_logprob(who, tok, baseline, position, result.target.id),
                                                    abs=1e-5)
    assert fill in result.baseline


def test_default_target_is_the_models_top_word(service, who):
    result = service.attribution(who.model, TEXT, family=who.family)
    if who.causal:
        top = service.next_tokens(who.model, LEFT, top_k=1).candidates[0]
        assert result.tokens[:result.blank] == service.next_tokens(who.model, LEFT).tokens
    else:
        top = service.fill_mask(who.model, TEXT, top_k=1).masks[0][0]
        assert result.tokens == service.fill_mask(who.model, TEXT).tokens
    assert (result.target.id, result.target.token) == (top.id, top.token)
    assert result.target.prob == pytest.approx(top.prob, abs=1e-6)
    if who.causal:  # teacher-forced: the target stands in the blank
        assert result.tokens[result.blank] == result.target.token


def test_gpt_right_side_scores_exactly_zero_and_bert_uses_both_sides(service, who):
    for method in ("integrated_gradients", "gradient_x_input"):
        result = service.attribution(who.model, TEXT, method=method, family=who.family)
        left, right = result.scores[:result.blank], result.scores[result.blank + 1:]
        if who.causal:  # the causal mask, shown a second time by gradients: not small, exactly 0.0
            assert all(score == 0.0 for score in result.scores[result.blank:])
            assert any(score != 0.0 for score in left)
        else:
            assert any(score != 0.0 for score in left) and any(score != 0.0 for score in right)


def test_gradient_x_input_equals_autograd_by_hand(service, who):
    result = service.attribution(who.model, TEXT, method="gradient_x_input", family=who.family)
    assert result.steps == 1
    tok = service.load(who.model, who.family).tokenizer
    model = who.own_copy().requires_grad_(False)
    ids = torch.tensor([tok.convert_tokens_to_ids(result.tokens)])
    embeddings = model.get_input_embeddings()(ids).requires_grad_(True)  # (1, T, E)
    position = result.blank - 1 if who.causal else result.blank
    logprob = model(inputs_embeds=embeddings).logits[0, position].float().log_softmax(-1)[result.target.id]
    (grad,) = torch.autograd.grad(logprob, embeddings)
    expected = (grad * embeddings).sum(-1)[0].tolist()  # (T,)
    assert result.scores == pytest.approx(expected, abs=1e-6, rel=1e-4)


def test_the_shared_model_is_left_as_it_was(service, who):
    lm = service.load(who.model, who.family)
    before = service.lens(who.model, TEXT, family=who.family)
    service.attribution(who.model, TEXT, family=who.family)
    layer = lm.model.get_input_embeddings()
    assert not layer._forward_hooks and not layer._forward_pre_hooks
    assert not any(p.requires_grad for p in lm.model.parameters())
    assert torch.is_grad_enabled()  # the grad mode is back as it was
    assert service.lens(who.model, TEXT, family=who.family) == before


def test_a_typed_target(service, family_dirs):
    bert = service.attribution(family_dirs["bert"], TEXT, target="mat")
    assert bert.target.token == "mat" and bert.tokens[bert.blank] == "[MASK]"
    # GPT: every piece is filled in, the first one is explained (tiny BPE: " played" = "Ġplay" "ed")
    gpt = service.attribution(family_dirs["gpt2"], "the cat ___ on the mat.", target="played")
    assert gpt.tokens[gpt.blank:gpt.blank + 2] == ["Ġplay", "ed"] and gpt.target.token == "Ġplay"
    assert all(score == 0.0 for score in gpt.scores[gpt.blank:])


@pytest.mark.parametrize("target, message", [
    ("playing", "The target must be a single piece of {m}'s vocabulary (one blank, one piece); this word splits into "
                "2 pieces. Pick a more common word, or leave the target empty for the model's own top word."),
    ("zebra", "The target word is not in {m}'s vocabulary; pick another word, or leave the target empty for the "
              "model's own top word."),
    ("[SEP]", "The target must be a word, not a special token."),
    ("two words", "target must be one word (no spaces), at most 40 characters."),
    ("x" * 41, "target must be one word (no spaces), at most 40 characters."),
])
def test_targets_a_masked_model_cannot_explain(service, family_dirs, target, message):
    model = family_dirs["bert"]
    with pytest.raises(ParameterError, match=f"^{re.escape(message.format(m=model))}$"):
        service.attribution(model, TEXT, target=target)


@pytest.mark.parametrize("family", ["masked", "causal"])
@pytest.mark.parametrize("text, error, message", [
    ("the cat sat on the mat.", MaskError, "No blank found: write [MASK], <mask> or ___ where a word is missing."),
    ("the ___ sat on the ___.", MaskError, "Write exactly 1 blank ([MASK] or ___); found 2."),
])
def test_exactly_one_blank(service, family, text, error, message):
    with pytest.raises(error, match=f"^{re.escape(message)}$"):
        service.attribution(None, text, family=family)


def test_bad_method_steps_and_long_text(service):
    with pytest.raises(ParameterError, match=r"^method must be one of: integrated_gradients, gradient_x_input\.$"):
        service.attribution(None, TEXT, method="saliency")
    with pytest.raises(ParameterError, match=r"^steps must be between 1 and 256; got 0\.$"):
        service.attribution(None, TEXT, steps=0)
    for family in ("masked", "causal"):
        limit = service.spec(None, family).max_positions
        long = "the cat " * limit + "[MASK]"
        with pytest.raises(TextTooLongError, match=rf"^Text is \d+ tokens; .* can handle at most {limit} positions\.$"):
            service.attribution(None, long, family=family)


def test_word_level_view_sums_the_pieces_of_each_word(service, family_dirs, who):
    result = service.attribution(who.model, "the cat is playing on the ___ in the park.", family=who.family)
    assert len(result.words) == len(result.tokens) and result.words == sorted(result.words)
    words = result.word_scores()
    assert [i for indices, _ in words for i in indices] == list(range(len(result.tokens)))
    for indices, score in words:
        assert score == pytest.approx(sum(result.scores[i] for i in indices), abs=1e-12)
    blank_word = next(indices for indices, _ in words if result.blank in indices)
    if not who.causal:  # the mask token is a word of its own
        assert blank_word == [result.blank]
    if who.model == family_dirs["bert"]:  # WordPiece: "playing" is "play" "##ing", one word
        play = result.tokens.index("play")
        assert result.words[play] == result.words[play + 1] and result.tokens[play + 1] == "##ing"
