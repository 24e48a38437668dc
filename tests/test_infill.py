"""Encoder-decoder infilling on tiny T5 and BART models built and briefly trained here.

The oracle is the model's own beam search: with length_penalty=0 its `sequences_scores` are the
summed log-probabilities of each output, which the service recomputes by teacher forcing."""
from __future__ import annotations

import math

import pytest
import torch

from demo.errors import MaskError, ParameterError, WrongFamilyError
from demo.infill import BLANK, sentinels, source_text
from families import SEQ2SEQ_FAMILIES, build


@pytest.fixture(scope="module", params=SEQ2SEQ_FAMILIES)
def seq2seq(request, tmp_path_factory):
    return build(request.param, tmp_path_factory.mktemp(request.param))


def test_fills_the_blank_it_was_trained_on(service, seq2seq):
    result = service.infill(seq2seq, "The cat [MASK] on the mat.", top_k=5)
    assert len(result.blanks) == 1
    spans = result.blanks[0]
    assert spans[0].text == "sat"
    assert 0 < spans[-1].prob <= spans[0].prob <= 1
    assert [s.logprob for s in spans] == sorted((s.logprob for s in spans), reverse=True)
    assert all(math.isclose(s.prob, math.exp(s.logprob)) for s in spans)
    assert len({s.text for s in spans}) == len(spans)  # one entry per distinct span


def test_scores_equal_the_models_own_beam_scores(service, seq2seq):
    text = "The dog ran to the [MASK]."
    result = service.infill(seq2seq, text, top_k=3)
    lm = service.load(seq2seq, "seq2seq")
    ids = lm.tokenizer(source_text(lm, text), return_tensors="pt")["input_ids"]
    marks = sentinels(lm.tokenizer)
    start = lm.model.config.decoder_start_token_id
    prefix = [start, marks[0]] if marks else [start]
    stop = [lm.tokenizer.eos_token_id] + marks[1:2]
    pad = lm.tokenizer.pad_token_id
    suppress = marks[2:] + [pad] if marks else [lm.tokenizer.mask_token_id, pad]
    with torch.inference_mode():
        out = lm.model.generate(ids, decoder_input_ids=torch.tensor([prefix]), num_beams=8, num_return_sequences=8,
                                max_new_tokens=20, eos_token_id=stop, length_penalty=0.0, do_sample=False,
                                output_scores=True, return_dict_in_generate=True, suppress_tokens=suppress)
    best = result.blanks[0][0]
    assert best.logprob == pytest.approx(float(out.sequences_scores[0]), abs=1e-4)
    written = lm.tokenizer.decode(out.sequences[0][len(prefix):], skip_special_tokens=True)
    if marks:  # T5: the decoder writes the span after its sentinel
        assert written.strip() == best.text
    else:  # BART: the decoder writes the whole sentence again
        assert written.strip() == text.replace("[MASK]", best.text)


def test_two_blanks_each_get_their_spans(service, tmp_path):
    bart = build("bart", tmp_path / "bart")
    result = service.infill(bart, "A bird [MASK] in the [MASK].", top_k=3)
    assert [spans[0].text for spans in result.blanks] == ["sang", "tree"]


def test_bad_input_names_the_problem(service, seq2seq):
    with pytest.raises(MaskError, match="No blank found"):
        service.infill(seq2seq, "The cat sat on the mat.")
    with pytest.raises(ParameterError, match="top_k must be between 1 and 10; got 11"):
        service.infill(seq2seq, "The cat [MASK].", top_k=11)


def test_a_masked_model_cannot_write_spans(service, bert_dir):
    with pytest.raises(WrongFamilyError, match="is a masked model and cannot write a blank's span"):
        service.infill(bert_dir, "The cat [MASK] on the mat.")


def test_blank_spelling_is_the_services(service, seq2seq):
    lm = service.load(seq2seq, "seq2seq")
    encoded = source_text(lm, f"a {BLANK} b {BLANK}")
    want = {"t5": "a <extra_id_0> b <extra_id_1>", "bart": "a <mask> b <mask>"}[lm.model.config.model_type]
    assert encoded == want
