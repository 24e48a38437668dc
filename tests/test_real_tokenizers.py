"""The real tokenizers of bert-base-uncased and gpt2 (tests/real_tokenizers.py fetches them from
package registries) on random weights at the real shapes (BertConfig(), GPT2Config()): the
tokenizer lesson, blanks, position limits, compare and step mode as users of the hub models meet
them. Expected pieces are the ones Hugging Face's course prints for these tokenizers.
"""
import json
from dataclasses import replace

import pytest
import torch
from transformers import (BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel,
                          GPT2TokenizerFast, pipeline)

from demo import inputs
from demo.catalog import CATALOG, CAUSAL, MASKED
from demo.errors import TextTooLongError
from demo.results import Candidate, NextTokens
from demo.service import InferenceService
from demo.settings import Settings
from demo.ui.generate_tab import _offer
from demo.ui.learn_tab import TOKEN_EXAMPLES
from demo.viz import lessons
from real_tokenizers import bert_vocab, gpt2_bpe

BERT, GPT = "bert-base-uncased", "gpt2"


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    """bert-base-uncased and gpt2 as the hub has them, but for the weights (random, seeded)."""
    lines = (bert_vocab() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    bert_tok = BertTokenizerFast(vocab={t: i for i, t in enumerate(lines)}, do_lower_case=True, model_max_length=512)
    bpe = gpt2_bpe()
    merges = [tuple(line.split(" ")) for line in (bpe / "vocab.bpe").read_text(encoding="utf-8").splitlines()[1:]
              if line]
    gpt_tok = GPT2TokenizerFast(vocab=json.loads((bpe / "encoder.json").read_text(encoding="utf-8")), merges=merges,
                                model_max_length=1024)
    out = {}
    for name, tok, model_class, config in [(BERT, bert_tok, BertForMaskedLM, BertConfig()),
                                           (GPT, gpt_tok, GPT2LMHeadModel, GPT2Config())]:
        folder = tmp_path_factory.mktemp(name)
        torch.manual_seed(0)
        model_class(config).save_pretrained(folder)
        tok.save_pretrained(folder)
        out[name] = str(folder)
    return out


@pytest.fixture(scope="module")
def real(folders):
    """A service whose catalog ids bert-base-uncased and gpt2 load these folders, as from the hub cache."""
    extra = [replace(CATALOG[name], source=folders[name], bundled=True) for name in (BERT, GPT)]
    return InferenceService(Settings(device="cpu"), defaults={MASKED: BERT, CAUSAL: GPT}, extra_models=extra)


def test_the_vocabularies_and_shapes_are_the_real_ones(real):
    bert, gpt = real.load(BERT, MASKED), real.load(GPT, CAUSAL)
    assert bert.tokenizer.convert_tokens_to_ids(["[CLS]", "[SEP]", "[MASK]", "the"]) == [101, 102, 103, 1996]
    assert gpt.tokenizer("Hello world")["input_ids"] == [15496, 995]
    assert gpt.tokenizer.eos_token_id == 50256
    for info, vocab, positions, tokenizer in [(bert.info, 30522, 512, "WordPiece"), (gpt.info, 50257, 1024, "BPE")]:
        assert (info.layers, info.heads, info.hidden, info.vocab) == (12, 12, 768, vocab)
        assert (info.max_positions, info.tokenizer) == (positions, tokenizer)


def test_the_tokenizer_lesson_on_the_real_tokenizers(real):
    """What the How they differ tab says and shows: WordPiece marks a continuation with ##,
    byte-level BPE a leading space with Ġ, and shows an accented letter as its two bytes."""
    assert real.tokenize(BERT, "Using a Transformer network is simple", MASKED) == [
        "using", "a", "transform", "##er", "network", "is", "simple"]
    assert real.tokenize(GPT, "Hello, how are  you?", CAUSAL) == ["Hello", ",", "Ġhow", "Ġare", "Ġ", "Ġyou", "?"]
    assert real.tokenize(BERT, "unbelievably", MASKED) == ["un", "##bel", "##ie", "##va", "##bly"]
    assert real.tokenize(BERT, "café naïveté", MASKED) == ["cafe", "naive", "##te"]  # uncased: accents go
    gpt_pieces = real.tokenize(GPT, "café naïveté", CAUSAL)
    assert gpt_pieces == ["c", "af", "Ã©", "Ġna", "Ã¯", "vet", "Ã©"]  # é is the bytes C3 A9: Ã ©
    chips = lessons.token_chips(GPT, "BPE", gpt_pieces)
    assert chips.count('class="learn-chip"') == 7 and '<span class="learn-marker">␣</span>na' in chips
    chips = lessons.token_chips(BERT, "WordPiece", real.tokenize(BERT, "unbelievably", MASKED))
    assert chips.count('<span class="learn-marker">##</span>') == 4 and "5 pieces" in chips
    gpt = real.load(GPT, CAUSAL).tokenizer
    for (example,) in TOKEN_EXAMPLES:  # the tab's own examples: byte-level BPE never loses anything
        assert gpt.convert_tokens_to_string(real.tokenize(GPT, example, CAUSAL)) == example
        if example.isascii():  # English examples: no unknown piece for the English WordPiece
            assert "[UNK]" not in real.tokenize(BERT, example, MASKED)
    # Chinese: the English vocabulary knows only some characters (what bert-base-chinese is for)
    assert real.tokenize(BERT, "今天天气很好", MASKED) == ["[UNK]", "天", "天", "[UNK]", "[UNK]", "[UNK]"]


def test_blanks_on_the_real_vocabulary_equal_the_pipeline(real, folders):
    got = real.fill_mask(BERT, "The capital of France is [MASK].", top_k=5)
    assert got.tokens == ["[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"]
    oracle = pipeline("fill-mask", model=folders[BERT], tokenizer=folders[BERT], device="cpu")
    special = set(oracle.tokenizer.all_special_ids)
    want = [r for r in oracle("The capital of France is [MASK].", top_k=20) if r["token"] not in special][:5]
    assert [c.id for c in got.masks[0]] == [r["token"] for r in want]
    assert [c.prob for c in got.masks[0]] == pytest.approx([r["score"] for r in want], abs=1e-6)
    for blank in ("___", "[mask]", "<mask>"):
        assert real.fill_mask(BERT, f"The capital of France is {blank}.", top_k=5).masks == got.masks


def test_the_real_position_limits_are_answered_to_the_last_token(real):
    assert len(real.fill_mask(BERT, "the " * 509 + "[MASK]").masks[0]) == 5  # [CLS] + 509 + [MASK] + [SEP] = 512
    with pytest.raises(TextTooLongError) as caught:
        real.fill_mask(BERT, "the " * 510 + "[MASK]")
    assert str(caught.value) == "Text is 513 tokens; bert-base-uncased can handle at most 512 positions."
    # " a" is one token in two characters: 1,024 tokens fit under the 4,000-character limit
    assert len(real.next_tokens(GPT, "a" + " a" * 1023).candidates) == 5
    with pytest.raises(TextTooLongError) as caught:
        real.next_tokens(GPT, "a" + " a" * 1024)
    assert str(caught.value) == "Text is 1025 tokens; gpt2 can handle at most 1024 positions."


def test_compare_on_the_real_tokenizers(real):
    got = real.compare("The capital of France is ___.", top_k=5)
    assert got.masked_tokens == ["[CLS]", "the", "capital", "of", "france", "is", "[MASK]", ".", "[SEP]"]
    assert got.causal_tokens == ["The", "Ġcapital", "Ġof", "ĠFrance", "Ġis"]
    assert sorted(r.candidate.id for r in got.ranking) == sorted(c.id for c in got.masked)


def test_step_mode_offers_only_pieces_the_prompt_can_take_across_gpt2s_vocabulary(real):
    """Every piece step mode offers is appended to the prompt, which must then pass the prompt
    check: GPT-2 has 352 pieces that are part of a character and 30 that are control bytes."""
    tok = real.load(GPT, CAUSAL).tokenizer
    every = [Candidate(piece, 1 / len(tok), i, tok.decode([i]))
             for i, piece in enumerate(tok.convert_ids_to_tokens(list(range(len(tok)))))]
    offered = [every[index] for _, index in _offer(NextTokens(GPT, "x", [], every, 1.0))["choices"]]
    left_out = {c.id for c in every} - {c.id for c in offered}
    assert len(left_out) == 352 + 30
    assert tok.decode([188]) == "\x00" and 188 in left_out  # "Ā", the byte 0x00
    for c in offered:
        inputs.clean_text("The capital of France is" + c.text, 10_000)  # raises if the prompt would be refused


def test_step_mode_with_the_real_model_appends_and_predicts_again(real):
    prompt = "The capital of France is"
    for _ in range(3):
        dist = real.next_tokens(GPT, prompt, top_k=50)
        choices = _offer(dist)["choices"]
        assert choices, "at least one of 50 candidates can be written"
        prompt += dist.candidates[choices[0][1]].text  # what the tab's step() does with a click
    assert real.next_tokens(GPT, prompt, top_k=5).tokens[:5] == ["The", "Ġcapital", "Ġof", "ĠFrance", "Ġis"]
