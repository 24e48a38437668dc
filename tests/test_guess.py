"""score_words: a guess's probability and rank agree with fill_mask / next_tokens, and the
chain rule for words of several pieces agrees with the model run by hand."""
import math

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer

from demo.errors import EmptyTextError, MaskError, ParameterError
from demo.guess import joiner

BLANK = "the cat sat on the [MASK] ."
PROMPT = "The cat sat on the"
LONG_WORDS = ["playing", "houses", "unbelievably", "transformers", "gardening", "understanding"]


def plain(candidates):
    """Candidates a student could type: a whole word that reads the same when typed back."""
    return [(rank, c) for rank, c in enumerate(candidates, start=1)
            if c.text.strip() and c.text.strip().isprintable() and "\ufffd" not in c.text and "#" not in c.token]


def scored(service, text, words):
    """word -> WordScore, asked ten at a time (the limit per request)."""
    words = list(dict.fromkeys(words))
    out = {}
    for i in range(0, len(words), 10):
        out.update({w.word: w for w in service.score_words(None, text, words[i:i + 10]).words})
    return out


@pytest.mark.parametrize("family", ["masked", "causal"])
def test_words_in_the_top_k_have_the_verbs_probability_and_rank(service, family):
    if family == "masked":
        ranked = service.fill_mask(None, BLANK, top_k=20).masks[0]
        text = BLANK
    else:
        ranked = service.next_tokens(None, PROMPT, top_k=20).candidates
        text = PROMPT
    typed = plain(ranked)
    assert service.score_words(None, text, "cat").family == family
    scores = scored(service, text, [c.text.strip() for _, c in typed])
    checked = 0
    for rank, c in typed:
        got = scores[c.text.strip()]
        if got.pieces != [c.token]:
            continue  # typed back, the word splits otherwise (e.g. "the" vs " the" after no space)
        assert got.prob == pytest.approx(c.prob, abs=1e-6)
        assert got.rank == rank
        checked += 1
    assert checked >= 3


@pytest.mark.parametrize("family", ["masked", "causal"])
def test_ranks_beyond_the_top_k_count_every_likelier_token(service, family):
    text = BLANK if family == "masked" else PROMPT
    everything = (service.fill_mask(None, text, top_k=50).masks[0] if family == "masked"
                  else service.next_tokens(None, text, top_k=50).candidates)
    typed = [(rank, c) for rank, c in plain(everything) if rank > 5]
    scores = scored(service, text, [c.text.strip() for _, c in typed])
    found = [(rank, c, scores[c.text.strip()]) for rank, c in typed if scores[c.text.strip()].pieces == [c.token]]
    assert found, "no word beyond the top 5 to check"
    for rank, c, got in found:
        assert got.rank == rank > 5
        assert got.prob == pytest.approx(c.prob, abs=1e-6)


def _several_pieces(tok, left):
    for word in LONG_WORDS:
        ids = tok(left + joiner(left, word) + word, add_special_tokens=False)["input_ids"]
        n = len(ids) - len(tok(left, add_special_tokens=False)["input_ids"])
        if n >= 2 and tok.unk_token_id not in ids:
            return word, n
    pytest.fail("no test word splits into several known pieces")


def test_a_masked_word_of_several_pieces_is_the_chain_of_its_pieces(service, bert_dir):
    tok = AutoTokenizer.from_pretrained(bert_dir)
    model = AutoModelForMaskedLM.from_pretrained(bert_dir).eval()
    word, n = _several_pieces(tok, "the cat sat on the")
    (got,) = service.score_words(None, BLANK, [word]).words
    assert len(got.pieces) == n
    ids = tok.convert_tokens_to_ids(got.pieces)
    want = 1.0
    for step in range(n):  # the blank as n masks, filled left to right
        filled = " ".join(got.pieces[:step] + ["[MASK]"] * (n - step)).replace(" ##", "")
        enc = tok(f"the cat sat on the {filled} .", return_tensors="pt")
        at = (enc["input_ids"][0] == tok.mask_token_id).nonzero()[0, 0]
        with torch.no_grad():
            want *= model(**enc).logits[0, at].softmax(-1)[ids[step]].item()
    assert got.prob == pytest.approx(want, rel=1e-5)
    assert got.prob == pytest.approx(math.prod(got.piece_probs), rel=1e-9)
    assert got.rank >= 1


def test_a_causal_word_of_several_pieces_is_the_models_probability_of_the_continuation(service, gpt_dir):
    tok = AutoTokenizer.from_pretrained(gpt_dir)
    model = AutoModelForCausalLM.from_pretrained(gpt_dir).eval()
    word, n = _several_pieces(tok, PROMPT)
    (got,) = service.score_words(None, PROMPT, [word]).words
    prompt = tok(PROMPT)["input_ids"]
    whole = tok(PROMPT + " " + word)["input_ids"]
    with torch.no_grad():
        logp = model(torch.tensor([whole])).logits[0].log_softmax(-1)
    want = sum(logp[t - 1, whole[t]].item() for t in range(len(prompt), len(whole)))
    assert len(got.pieces) == n == len(whole) - len(prompt)
    assert math.log(got.prob) == pytest.approx(want, abs=1e-4)


def test_words_the_model_cannot_spell_are_marked_not_ranked(service):
    tok = service.load(None, "masked").tokenizer
    assert tok.tokenize("ℤℤℤ") == [tok.unk_token]  # WordPiece cannot spell it (a byte-level BPE could)
    got = service.score_words(None, BLANK, ["ℤℤℤ"]).words[0]
    assert got.pieces == [tok.unk_token] and (got.known, got.rank, got.prob) == (False, None, 0.0)


def test_the_method_is_said_in_words(service):
    assert "one mask per piece" in service.score_words(None, BLANK, ["cat"]).method
    assert "chain rule" in service.score_words(None, PROMPT, ["cat"]).method


def test_several_guesses_in_one_string(service):
    got = service.score_words(None, BLANK, "cat, dog ,cat,")
    assert [w.word for w in got.words] == ["cat", "dog"]


@pytest.mark.parametrize("text, words, error, message", [
    (BLANK, "", EmptyTextError, "Type a guess first"),
    (BLANK, " , ", EmptyTextError, "Type a guess first"),
    (BLANK, ",".join(f"w{i}" for i in range(11)), ParameterError, "At most 10 guesses"),
    (BLANK, ["x" * 41], ParameterError, "at most 40 characters"),
    (BLANK, [3], ParameterError, "words must be a list of strings"),
    ("the [MASK] sat on the [MASK]", "cat", MaskError, "exactly 1 blank"),
    ("", "cat", EmptyTextError, "Text is empty"),
])
def test_bad_guesses_get_a_message(service, text, words, error, message):
    with pytest.raises(error, match=message):
        service.score_words(None, text, words)


def test_a_causal_model_refuses_a_blank(service):
    with pytest.raises(MaskError, match="cannot fill a blank"):
        service.score_words(None, BLANK, "cat", family="causal")


def test_the_joiner_puts_spaces_only_between_spaced_words():
    assert joiner("The cat", "sat") == " "
    assert joiner("The cat ", "sat") == ""
    assert joiner("The cat", ".") == ""
    assert joiner("今天天气很", "好") == ""
    assert joiner("", "cat") == ""


def test_an_encoder_decoder_is_refused_before_it_loads(service):
    from demo.errors import WrongFamilyError

    with pytest.raises(WrongFamilyError, match="scored by a masked or a causal model"):
        service.score_words("t5-small", BLANK, "cat")
    assert "t5-small" not in service.cache.loaded()
