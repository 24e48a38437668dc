"""attention() returns real, normalised weights with the model's mask; compare() keeps GPT causal."""
from dataclasses import replace

import numpy as np
import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from conftest import ON_POCKET
from demo.errors import MaskError


def test_attention_rows_sum_to_one_and_shapes(service, bert_dir):
    got = service.attention(bert_dir, "the cat sat on the mat .")
    L, H, T, _ = got.weights.shape
    info = service.info(bert_dir, "masked")
    assert (L, H) == (info.layers, info.heads) and T == len(got.tokens) == 9 and not got.causal
    np.testing.assert_allclose(got.weights.sum(-1), 1.0, atol=1e-5)
    assert np.triu(got.weights, k=1).sum() > 0.1  # BERT looks both ways


def test_causal_attention_is_zero_above_the_diagonal(service, gpt_dir):
    got = service.attention(gpt_dir, "The cat sat on the mat.")
    assert got.causal
    np.testing.assert_allclose(got.weights.sum(-1), 1.0, atol=1e-5)
    assert np.triu(got.weights, k=1).max() == 0.0  # the future is hidden


def test_attention_equals_the_models_own_output(service, gpt_dir):
    model = AutoModelForCausalLM.from_pretrained(gpt_dir, attn_implementation="eager").eval()
    tok = AutoTokenizer.from_pretrained(gpt_dir)
    with torch.no_grad():
        want = model(**tok("The dog ran", return_tensors="pt"), output_attentions=True).attentions
    got = service.attention(gpt_dir, "The dog ran")
    np.testing.assert_allclose(got.weights, torch.stack(want)[:, 0].numpy(), atol=1e-6)


def test_attention_default_family_and_blank(service):
    got = service.attention(None, "the cat sat on the ___ .")
    assert "[MASK]" in got.tokens and not got.causal
    assert service.attention(None, "The cat sat", family="causal").causal


def test_gpt_candidates_ignore_words_right_of_the_blank(service):
    a = service.compare("the cat sat on the ___ and the bird sang .")
    b = service.compare("the cat sat on the ___ in the big red house !")
    assert a.left == b.left == "the cat sat on the"
    assert [(c.id, c.prob) for c in a.causal] == [(c.id, c.prob) for c in b.causal]
    # BERT sees the right side: its distribution moves
    assert [c.prob for c in a.masked] != [c.prob for c in b.masked]
    assert a.right != b.right and len(a.masked_tokens) > len(a.causal_tokens)


def test_change_right_keeps_the_left_words_and_only_bert_moves(service):
    test = service.change_right("the cat sat on the ___ and the bird sang .", "in the big red house !", top_k=5)
    assert test.before.text == "the cat sat on the [MASK] and the bird sang ."
    assert test.after.text == "the cat sat on the [MASK] in the big red house !"
    alone = service.compare("the cat sat on the ___ in the big red house !", 5, with_seq2seq=False)
    assert replace(test.after, seconds={}) == replace(alone, seconds={})  # the same answers, timings aside
    assert [(c.id, c.prob) for c in test.before.causal] == [(c.id, c.prob) for c in test.after.causal]
    assert [c.prob for c in test.before.masked] != [c.prob for c in test.after.masked]
    assert test.before.infill is None and test.after.infill is None  # BERT and GPT only


def test_score_both_scores_bert_at_the_blank_and_gpt_after_the_left_words(service):
    masked, causal = service.score_both(["mat", "floor"], "the cat sat on the ___ .")
    assert masked == service.score_words(None, "the cat sat on the ___ .", ["mat", "floor"], family="masked")
    assert causal == service.score_words(None, "the cat sat on the", ["mat", "floor"], family="causal")
    assert service.score_both(["dog"], "___ barked .") == [service.score_words(None, "___ barked .", ["dog"],
                                                                               family="masked")]


def test_gpt_candidates_equal_next_tokens_on_the_left_words(service):
    got = service.compare("the cat sat on the ___ .", top_k=4)
    assert got.causal == service.next_tokens(None, "the cat sat on the", top_k=4).candidates
    assert got.masked == service.fill_mask(None, "the cat sat on the [MASK] .", top_k=4).masks[0]


def test_ranking_scores_each_completed_sentence(service, gpt_dir):
    model = AutoModelForCausalLM.from_pretrained(gpt_dir).eval()
    tok = AutoTokenizer.from_pretrained(gpt_dir)
    got = service.compare("the cat sat on the ___ .", top_k=3)
    assert [r.logprob for r in got.ranking] == sorted((r.logprob for r in got.ranking), reverse=True)
    assert {r.candidate.id for r in got.ranking} == {c.id for c in got.masked}
    for r in got.ranking:
        ids = [tok.bos_token_id] + tok(f"the cat sat on the {r.candidate.text.strip()} .")["input_ids"]
        with torch.no_grad():
            logp = model(torch.tensor([ids])).logits[0, :-1].log_softmax(-1)
        want = logp.gather(-1, torch.tensor(ids[1:])[:, None]).sum()
        assert r.logprob == pytest.approx(float(want), abs=1e-3)


def test_blank_at_the_start_uses_gpts_start_token(service):
    got = service.compare("___ cat sat on the mat .")
    assert got.left == "" and len(got.causal) == 5


@pytest.mark.parametrize("text, message", [("the cat sat .", "No blank found"),
                                           ("the [MASK] sat on the ___ .", "exactly 1 blank")])
def test_compare_needs_exactly_one_blank(service, text, message):
    with pytest.raises(MaskError, match=message):
        service.compare(text)


def test_tokenize_shows_wordpiece_and_bpe_pieces(service):
    pieces = service.tokenize(None, "The cat playings", "masked")  # a word no vocabulary holds whole
    assert pieces[:2] == ["the", "cat"] and len(pieces) > 3 and all(p.startswith("##") for p in pieces[3:])
    pieces = service.tokenize(None, "The cat sat", "causal")
    if ON_POCKET:  # the pocket trio shares one lower-case WordPiece tokenizer on purpose (only the objective differs)
        assert pieces == ["the", "cat", "sat"]
    else:  # GPT-2's byte-level BPE keeps case and marks a leading space with Ġ
        assert "".join(pieces).replace("Ġ", " ") == "The cat sat" and any(p.startswith("Ġ") for p in pieces)
