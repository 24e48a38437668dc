"""Every catalog family, every time: tiny random models of BERT, RoBERTa, ALBERT, DistilBERT, ELECTRA
and GPT-2 (tests/families.py) go through the service and must give what transformers gives.

demo/heads.py has a per-family table: a wrong entry gives wrong probabilities, not an error, so
each family's head is checked against its full model, and each family's answers against the
pipelines. Position limits are checked at the edge: the longest text is answered, one token more
is refused with the limit named (RoBERTa's table holds two rows more than it can use).
"""
import pytest
import torch
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer, pipeline

from conftest import make_service
from demo.catalog import CATALOG, CAUSAL, MASKED, SEQ2SEQ, ids
from demo.errors import TextTooLongError
from demo.heads import masked_lm_parts
from families import CAUSAL_FAMILIES, MASKED_FAMILIES, POSITIONS, SEQ2SEQ_FAMILIES, build

# the family of every masked model the app offers: a new catalog entry needs its family here
CATALOG_FAMILIES = {"bert-base-uncased": "bert", "distilbert-base-uncased": "distilbert", "roberta-base": "roberta",
                    "albert-base-v2": "albert", "google/electra-small-generator": "electra", "pocket-bert": "bert",
                    "bert-base-chinese": "bert"}
TEXT = "the cat sat on the {mask} and the dog ran to the {mask} ."


SEQ2SEQ_CATALOG = {"t5-small": "t5", "facebook/bart-base": "bart", "pocket-t5": "glm"}  # pocket-t5: bundled, GLM


def test_every_model_in_the_catalog_has_a_tested_family():
    assert set(ids(MASKED)) == set(CATALOG_FAMILIES)
    assert set(CATALOG_FAMILIES.values()) <= set(MASKED_FAMILIES)
    assert set(ids(SEQ2SEQ)) == set(SEQ2SEQ_CATALOG) and set(SEQ2SEQ_CATALOG.values()) == set(SEQ2SEQ_FAMILIES)
    assert set(ids(CAUSAL)) == {"gpt2", "distilgpt2", "gpt2-medium", "pocket-gpt",
                                 "uer/gpt2-chinese-cluecorpussmall"}  # all GPT-2 models
    assert CATALOG["roberta-base"].max_positions == 512  # 514 rows, numbered from padding_idx + 1 = 2


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return {family: build(family, tmp_path_factory.mktemp(family)) for family in MASKED_FAMILIES + CAUSAL_FAMILIES}


@pytest.fixture(scope="module")
def family_service(folders):
    return make_service(folders["bert"], folders["gpt2"])


def mask_text(tok, text=TEXT) -> str:
    return text.format(mask=tok.mask_token)


@pytest.mark.parametrize("family", MASKED_FAMILIES)
def test_the_head_at_masked_rows_equals_the_full_models_logits(folders, family):
    model = AutoModelForMaskedLM.from_pretrained(folders[family], attn_implementation="eager").eval()
    tok = AutoTokenizer.from_pretrained(folders[family])
    enc = tok(mask_text(tok), return_tensors="pt")
    rows = (enc["input_ids"][0] == tok.mask_token_id).nonzero()[:, 0]
    assert len(rows) == 2
    encoder, head = masked_lm_parts(model)
    assert head is not None, f"{family} has no entry in demo/heads.py: the service would run the full model"
    with torch.no_grad():
        full = model(**enc).logits[0, rows]  # (2, V)
        ours = head(encoder(**enc)[0][0, rows])  # (2, V)
    torch.testing.assert_close(ours, full, rtol=0, atol=1e-6)


def pipeline_top(oracle, text, k):
    """The pipeline's top-k per mask, skipping special tokens (the service never offers them)."""
    rows = oracle(text, top_k=len(oracle.tokenizer))
    rows = [rows] if isinstance(rows[0], dict) else rows
    special = set(oracle.tokenizer.all_special_ids)
    return [[r for r in row if r["token"] not in special][:k] for row in rows]


@pytest.mark.parametrize("family", MASKED_FAMILIES)
def test_fill_mask_equals_the_fill_mask_pipeline(folders, family_service, family):
    folder = folders[family]
    oracle = pipeline("fill-mask", model=folder, tokenizer=folder, device="cpu")
    text = mask_text(oracle.tokenizer)
    got = family_service.fill_mask(folder, text, top_k=7)
    want = pipeline_top(oracle, text, 7)
    assert len(got.masks) == len(want) == 2
    for ours, theirs in zip(got.masks, want):
        assert [c.id for c in ours] == [r["token"] for r in theirs]  # same tokens, same order
        assert [c.text for c in ours] == [r["token_str"] for r in theirs]
        assert [c.prob for c in ours] == pytest.approx([r["score"] for r in theirs], abs=1e-6)
    # "___" and "[MASK]" become the family's own mask token (RoBERTa's is <mask>)
    assert family_service.fill_mask(folder, TEXT.format(mask="___"), top_k=7).masks == got.masks
    assert family_service.fill_mask(folder, TEXT.format(mask="[MASK]"), top_k=7).masks == got.masks


def text_of_length(tok, n_tokens: int, tail: str = "") -> str:
    """A text the tokenizer turns into exactly n_tokens ids, special tokens included: a word
    repeated, then a little glued on where one word is more than one piece (ALBERT's tiny unigram
    model cuts "the" in three)."""
    for word in ("the ", "a ", "cat "):
        for words in range(n_tokens, 0, -1):
            for glue in ("", ".", "a", ". .", "a."):
                text = word * words + glue + tail
                if len(tok(text)["input_ids"]) == n_tokens:
                    return text
    raise AssertionError(f"no text of {n_tokens} tokens found")


@pytest.mark.parametrize("family", MASKED_FAMILIES)
def test_the_longest_text_is_answered_and_one_token_more_is_refused(folders, family_service, family):
    folder = folders[family]
    tok = AutoTokenizer.from_pretrained(folder)
    longest = text_of_length(tok, POSITIONS, tail=tok.mask_token)
    one_more = text_of_length(tok, POSITIONS + 1, tail=tok.mask_token)
    assert len(family_service.fill_mask(folder, longest).masks[0]) == 5
    assert family_service.attention(folder, longest).weights.shape[-1] == POSITIONS
    for verb in (lambda t: family_service.fill_mask(folder, t), lambda t: family_service.attention(folder, t)):
        with pytest.raises(TextTooLongError) as caught:
            verb(one_more)
        assert str(caught.value) == f"Text is {POSITIONS + 1} tokens; {folder} can handle at most {POSITIONS} positions."


def test_robertas_position_offset_is_where_the_limit_comes_from(folders, family_service):
    """RoBERTa numbers positions from padding_idx + 1: its 66-row table holds 64 tokens. The limit
    is tight: 64 tokens run, 65 would index past the table (a device-side assert on CUDA)."""
    folder = folders["roberta"]
    model = AutoModelForMaskedLM.from_pretrained(folder).eval()
    assert model.config.max_position_embeddings == POSITIONS + 2
    assert family_service.load(folder, MASKED).positions == POSITIONS
    tok = AutoTokenizer.from_pretrained(folder)
    with torch.no_grad():
        model(**tok(text_of_length(tok, POSITIONS), return_tensors="pt"))
        # the embedding's IndexError, or, when no token_type_ids are passed, the RuntimeError of the gather
        # RoBERTa does first in its buffered token types (transformers 5.24): past the table either way
        with pytest.raises((IndexError, RuntimeError), match=rf"^index ({POSITIONS + 2} is )?out of (range|bounds)"):
            model(**tok(text_of_length(tok, POSITIONS + 1), return_tensors="pt"))


@pytest.mark.parametrize("family", MASKED_FAMILIES)
def test_compare_runs_on_every_masked_family(folders, family_service, family):
    folder = folders[family]
    got = family_service.compare("the cat sat on the ___ .", top_k=3, masked_model=folder,
                                 causal_model=folders["gpt2"])
    assert got.masked == family_service.fill_mask(folder, "the cat sat on the [MASK] .", top_k=3).masks[0]
    assert sorted(r.candidate.id for r in got.ranking) == sorted(c.id for c in got.masked)


@pytest.mark.parametrize("family", CAUSAL_FAMILIES)
def test_next_tokens_is_the_softmax_of_the_models_logits(folders, family_service, family):
    folder = folders[family]
    model = AutoModelForCausalLM.from_pretrained(folder).eval()
    tok = AutoTokenizer.from_pretrained(folder)
    text = "The dog ran to the"
    got = family_service.next_tokens(folder, text, top_k=8)
    with torch.no_grad():
        probs = model(**tok(text, return_tensors="pt")).logits[0, -1].softmax(-1)  # (V,)
    entropy = float(-(probs * probs.log()).sum())
    probs[tok.all_special_ids] = 0  # never offered
    values, top = probs.topk(8)
    assert [c.id for c in got.candidates] == top.tolist()
    assert [c.prob for c in got.candidates] == pytest.approx(values.tolist(), abs=1e-6)
    assert got.entropy == pytest.approx(entropy, abs=1e-5)


@pytest.mark.parametrize("family", CAUSAL_FAMILIES)
def test_greedy_generation_equals_the_text_generation_pipeline(folders, family_service, family):
    folder = folders[family]
    oracle = pipeline("text-generation", model=folder, tokenizer=folder, device="cpu")
    want = oracle("The cat sat", do_sample=False, max_new_tokens=12, pad_token_id=oracle.tokenizer.eos_token_id)
    got = family_service.generate(folder, "The cat sat", max_new_tokens=12, greedy=True)
    assert got.text == want[0]["generated_text"]


@pytest.mark.parametrize("family", CAUSAL_FAMILIES)
def test_the_longest_prompt_is_answered_and_one_token_more_is_refused(folders, family_service, family):
    folder = folders[family]
    tok = AutoTokenizer.from_pretrained(folder)
    assert len(family_service.next_tokens(folder, text_of_length(tok, POSITIONS)).candidates) == 5
    with pytest.raises(TextTooLongError) as caught:
        family_service.next_tokens(folder, text_of_length(tok, POSITIONS + 1))
    assert str(caught.value) == f"Text is {POSITIONS + 1} tokens; {folder} can handle at most {POSITIONS} positions."
    # generation needs room for its new tokens: prompt + new tokens <= positions
    prompt = text_of_length(tok, POSITIONS - 4)
    assert len(family_service.generate(folder, prompt, max_new_tokens=4, greedy=True).new_tokens) >= 1
    with pytest.raises(TextTooLongError) as caught:
        family_service.generate(folder, prompt, max_new_tokens=5)
    assert str(caught.value) == (f"Text is {POSITIONS - 4} tokens plus 5 new tokens; {folder} can handle at most "
                                 f"{POSITIONS} positions.")


@pytest.mark.parametrize("family", SEQ2SEQ_FAMILIES)
def test_an_encoder_decoder_answers_its_longest_text_and_refuses_one_token_more(tmp_path, family_service, family):
    """BART's decoder writes the whole text again, plus up to 8 tokens per blank, from one start
    token, in a position table as long as the encoder's: the text must leave it that room (without
    it, a long text indexed past the table: a device-side assert on CUDA). T5's positions are
    relative: only the catalog's limit applies (512 for a local model, as for t5-small). GLM writes a blank's
    pieces at the blank's position plus their place in the span (up to 8 more positions)."""
    folder = build(family, tmp_path / family, train=False)  # random weights: long outputs, up to the limit
    tok = AutoTokenizer.from_pretrained(folder)
    limit, room = {"bart": (POSITIONS, 8 + 2), "t5": (512, 0), "glm": (POSITIONS, 8)}[family]
    assert family_service.load(folder, "seq2seq").positions == limit
    blank = {"bart": "<mask>", "t5": "<extra_id_0>", "glm": "[MASK]"}[family]  # what the encoder reads for "[MASK]"
    longest = text_of_length(tok, limit - room, tail=" " + blank).replace(blank, "[MASK]")
    one_more = text_of_length(tok, limit - room + 1, tail=" " + blank).replace(blank, "[MASK]")
    assert len(family_service.infill(folder, longest, top_k=2).blanks) == 1
    with pytest.raises(TextTooLongError) as caught:
        family_service.infill(folder, one_more, top_k=2)
    plus = f" plus {room} new tokens" if room else ""
    assert str(caught.value) == f"Text is {limit - room + 1} tokens{plus}; {folder} can handle at most {limit} positions."
