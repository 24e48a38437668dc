"""The forward-pass plumbing every verb shares (demo/tensors.py): one padding helper, one reading of
the model's prediction at chosen positions, and special tokens as the tokenizer lists them."""
from types import SimpleNamespace

import torch
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer

from demo.catalog import CAUSAL, MASKED
from demo.tensors import logits_at, pad_id, right_padded, special_positions
from demo.viz.heatmaps import shown


def test_rows_are_right_padded_with_a_mask_of_the_real_tokens():
    ids, attention = right_padded([[5, 6, 7], [8], (9, 10)], pad=3)
    assert ids.tolist() == [[5, 6, 7], [8, 3, 3], [9, 10, 3]] and ids.dtype == torch.long
    assert attention.tolist() == [[1, 1, 1], [1, 0, 0], [1, 1, 0]] and attention.dtype == torch.long


def test_the_pad_id_is_the_tokenizers_or_zero():
    assert pad_id(SimpleNamespace(pad_token_id=7)) == 7
    assert pad_id(SimpleNamespace(pad_token_id=None)) == 0  # GPT-2 has none: padding is masked out anyway


def _lm(model, family):
    return SimpleNamespace(model=model, spec=SimpleNamespace(family=family))


def test_logits_at_positions_equal_the_full_models_logits_there(bert_dir, gpt_dir):
    """In a padded batch, the head run at chosen rows gives the full model's logits at those rows."""
    for folder, auto, family in ((bert_dir, AutoModelForMaskedLM, MASKED), (gpt_dir, AutoModelForCausalLM, CAUSAL)):
        tok, model = AutoTokenizer.from_pretrained(folder), auto.from_pretrained(folder).eval()
        rows = [tok("the cat sat on the mat")["input_ids"], tok("a dog")["input_ids"]]
        ids, attention = right_padded(rows, pad_id(tok))
        at_rows, at_cols = torch.tensor([0, 0, 1]), torch.tensor([1, len(rows[0]) - 1, len(rows[1]) - 1])
        with torch.inference_mode():
            logits, out = logits_at(_lm(model, family), ids, attention, at_rows, at_cols, hidden_states=True)
            full = model(input_ids=ids, attention_mask=attention).logits[at_rows, at_cols]  # (3, V)
        assert logits.shape == full.shape
        torch.testing.assert_close(logits, full, rtol=1e-5, atol=1e-5)
        assert len(out.hidden_states) == model.config.num_hidden_layers + 1  # the logit lens reads these


def test_special_tokens_come_from_the_tokenizer_and_a_blank_is_not_one(bert_dir):
    tok = AutoTokenizer.from_pretrained(bert_dir)
    ids = tok(f"the cat {tok.mask_token} .")["input_ids"]
    assert tok.convert_ids_to_tokens(ids) == ["[CLS]", "the", "cat", "[MASK]", ".", "[SEP]"]
    assert special_positions(tok, ids) == [True, False, False, False, False, True]


def test_the_attention_result_marks_the_special_tokens_and_the_view_hides_only_those(service):
    att = service.attention(None, "the cat [MASK] .", family=MASKED)
    assert att.tokens == ["[CLS]", "the", "cat", "[MASK]", ".", "[SEP]"]
    assert att.special == [True, False, False, False, False, True]
    tokens, weights = shown(att, 0, hide_special=True)
    assert tokens == ["the", "cat", "[MASK]", "."] and weights.shape[-1] == 4
    gpt = service.attention(None, "the cat sat", family=CAUSAL)
    # GPT-2 adds no token around the text; a GPT with a BERT tokenizer (pocket-gpt) starts it with [CLS]
    assert gpt.special == [t == "[CLS]" for t in gpt.tokens]
