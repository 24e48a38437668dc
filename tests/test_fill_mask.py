"""fill_mask agrees with transformers' fill-mask pipeline on the same model."""
import pytest
import torch
from transformers import AutoModelForMaskedLM, AutoTokenizer, pipeline

from conftest import make_service
from demo.errors import MaskError


@pytest.fixture(scope="module")
def oracle(bert_dir):
    return pipeline("fill-mask", model=bert_dir, tokenizer=bert_dir, device="cpu")


def pipeline_top(oracle, text, k):
    """The pipeline's top-k per mask, skipping special tokens (the service never offers them)."""
    rows = oracle(text, top_k=oracle.tokenizer.vocab_size)
    rows = [rows] if isinstance(rows[0], dict) else rows
    special = set(oracle.tokenizer.all_special_ids)
    return [[r for r in row if r["token"] not in special][:k] for row in rows]


@pytest.mark.parametrize("text", [
    "the cat sat on the [MASK] .",
    "[MASK] dog ran to the park .",
    "the [MASK] sat on the [MASK] and [MASK] sang .",
])
def test_same_top_k_and_probabilities_as_pipeline(service, oracle, text):
    got = service.fill_mask(None, text, top_k=5)
    want = pipeline_top(oracle, text, 5)
    assert len(got.masks) == len(want) == text.count("[MASK]")
    for ours, theirs in zip(got.masks, want):
        assert [c.id for c in ours] == [r["token"] for r in theirs]
        assert [c.text for c in ours] == [r["token_str"] for r in theirs]
        for c, r in zip(ours, theirs):
            assert c.prob == pytest.approx(r["score"], abs=1e-4)


def test_probabilities_are_the_full_vocabulary_softmax(bert_dir, gpt_dir):
    tok = AutoTokenizer.from_pretrained(bert_dir)
    model = AutoModelForMaskedLM.from_pretrained(bert_dir).eval()
    service = make_service(bert_dir, gpt_dir, max_top_k=len(tok))  # every candidate, whatever the vocabulary
    got = service.fill_mask(None, "the cat [MASK] .", top_k=len(tok) - len(tok.all_special_ids))
    enc = tok("the cat [MASK] .", return_tensors="pt")
    with torch.no_grad():
        probs = model(**enc).logits[0, 3].softmax(-1)
    special_mass = probs[tok.all_special_ids].sum().item()
    # every non-special token offered once; with the special tokens' mass they sum to one
    assert len({c.id for c in got.masks[0]}) == len(tok) - len(tok.all_special_ids)
    assert sum(c.prob for c in got.masks[0]) + special_mass == pytest.approx(1.0, abs=1e-5)
    assert [c.prob for c in got.masks[0]] == sorted((c.prob for c in got.masks[0]), reverse=True)


def test_special_tokens_never_offered(service):
    got = service.fill_mask(None, "the [MASK] [MASK] [MASK]", top_k=40)
    offered = {c.token for row in got.masks for c in row}
    assert not offered & {"[CLS]", "[SEP]", "[PAD]", "[MASK]", "[UNK]"}


@pytest.mark.parametrize("blank", ["[MASK]", "[mask]", "<mask>", "___", "_____"])
def test_every_way_of_writing_a_blank(service, blank):
    got = service.fill_mask(None, f"the cat sat on the {blank} .")
    ref = service.fill_mask(None, "the cat sat on the [MASK] .")
    assert got.masks == ref.masks
    assert got.filled().startswith("the cat sat on the ") and "[MASK]" not in got.filled()


def test_masks_come_back_left_to_right(service, oracle):
    got = service.fill_mask(None, "[MASK] cat sat on the [MASK] .", top_k=3)
    want = pipeline_top(oracle, "[MASK] cat sat on the [MASK] .", 3)
    assert [[c.id for c in m] for m in got.masks] == [[r["token"] for r in row] for row in want]
    assert got.tokens[0] == "[CLS]" and got.tokens[-1] == "[SEP]"


def test_a_causal_model_cannot_fill_a_mask(service, gpt_dir):
    from demo.errors import WrongFamilyError

    with pytest.raises(WrongFamilyError, match="cannot fill blanks"):
        service.fill_mask(gpt_dir, "the [MASK] sat")


def test_mask_only_text_is_refused(service):
    with pytest.raises(MaskError, match="only blanks"):
        service.fill_mask(None, "[MASK]")
