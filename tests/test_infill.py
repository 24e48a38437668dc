"""Encoder-decoder infilling on tiny T5, BART and GLM models built and briefly trained here.

T5 and BART: the oracle is the model's own beam search: with length_penalty=0 its `sequences_scores`
are the summed log-probabilities of each output, which the service recomputes by teacher forcing.
GLM (one BERT stack, demo.glm) has no generate: its oracle is a teacher-forced pass over a row and a
mask written out here, and every one-piece span scored exhaustively."""
from __future__ import annotations

import math

import pytest
import torch

from demo.errors import MaskError, ParameterError, WrongFamilyError
from demo.infill import BLANK, sentinels, source_text
from families import SEQ2SEQ_FAMILIES, build


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return {family: build(family, tmp_path_factory.mktemp(family)) for family in SEQ2SEQ_FAMILIES}


@pytest.fixture(params=SEQ2SEQ_FAMILIES)
def seq2seq(request, folders):
    return folders[request.param]


@pytest.fixture(params=["t5", "bart"])
def generating(request, folders):
    return folders[request.param]


def test_fills_the_blank_it_was_trained_on(service, seq2seq):
    result = service.infill(seq2seq, "The cat [MASK] on the mat.", top_k=5)
    assert len(result.blanks) == 1
    spans = result.blanks[0]
    assert spans[0].text == "sat"
    assert 0 < spans[-1].prob <= spans[0].prob <= 1
    assert [s.logprob for s in spans] == sorted((s.logprob for s in spans), reverse=True)
    assert all(math.isclose(s.prob, math.exp(s.logprob)) for s in spans)
    assert len({s.text for s in spans}) == len(spans)  # one entry per distinct span


def test_scores_equal_the_models_own_beam_scores(service, generating):
    text = "The dog ran to the [MASK]."
    result = service.infill(generating, text, top_k=3)
    lm = service.load(generating, "seq2seq")
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
    want = {"t5": "a <extra_id_0> b <extra_id_1>", "bart": "a <mask> b <mask>",
            "bert": "a [MASK] b [MASK]"}[lm.model.config.model_type]
    assert encoded == want


def glm_score(lm, text: str, spans: list[list[int]]) -> float:
    """log p(spans | text) by one teacher-forced pass, row and mask written out here: part A the text,
    then each span after a [MASK] at its blank's position (+1 per piece), type 1, reading A and itself."""
    tok = lm.tokenizer
    a = tok(text)["input_ids"]
    blanks = [i for i, t in enumerate(a) if t == tok.mask_token_id]
    ids, pos, targets = list(a), list(range(len(a))), []
    for blank, span in zip(blanks, spans):
        ids += [tok.mask_token_id, *span]
        pos += [blank + k for k in range(len(span) + 1)]
        targets += [*span, tok.sep_token_id]
    n, T = len(a), len(ids)
    allowed = torch.zeros(T, T, dtype=torch.bool)
    for i in range(T):
        for j in range(T):
            allowed[i, j] = j < n or (i >= n and n <= j <= i)
    mask = torch.zeros(1, 1, T, T).masked_fill(~allowed, torch.finfo(torch.float32).min)
    with torch.inference_mode():
        logits = lm.model(input_ids=torch.tensor([ids]), position_ids=torch.tensor([pos]),
                          token_type_ids=torch.tensor([[0] * n + [1] * (T - n)]), attention_mask=mask).logits
    logp = logits[0, n:].log_softmax(-1)  # (T - n, V): part B's positions, each predicting its target
    return float(logp.gather(-1, torch.tensor(targets)[:, None]).sum())


def test_glm_scores_are_the_models_own_and_no_one_piece_span_beats_the_best(service, folders):
    text = "The dog ran to the [MASK]."
    best = service.infill(folders["glm"], text, top_k=3).blanks[0]
    lm = service.load(folders["glm"], "seq2seq")
    for span in best:
        pieces = lm.tokenizer(span.text, add_special_tokens=False)["input_ids"]
        assert span.logprob == pytest.approx(glm_score(lm, text, [pieces]), abs=1e-4)
    ordinary = [i for i in range(len(lm.tokenizer)) if i not in lm.tokenizer.all_special_ids]
    every_piece = max(glm_score(lm, text, [[i]]) for i in ordinary)
    assert best[0].logprob >= every_piece - 1e-4
    assert best[0].text == "park"
    assert lm.info.design == "glm" and service.load(folders["t5"], "seq2seq").info.design == ""


def test_glm_reads_the_text_both_ways_and_its_spans_left_to_right(folders):
    """Part A never sees part B; a written piece never sees the pieces after it; both see all of A."""
    from demo import glm
    from transformers import AutoModelForMaskedLM, AutoTokenizer

    model = AutoModelForMaskedLM.from_pretrained(folders["glm"], attn_implementation="eager").eval()
    tok = AutoTokenizer.from_pretrained(folders["glm"])
    a = tok("the cat [MASK] on the mat .")["input_ids"]

    def hidden(a, span):
        inputs = glm.batch([glm.layout(a, [span], tok.mask_token_id, tok.sep_token_id)], [len(a)], tok.pad_token_id)
        inputs.pop("labels")
        with torch.inference_mode():
            return model.bert(**inputs)[0][0]  # (T, D)

    sat, ran, on = tok.convert_tokens_to_ids(["sat", "ran", "on"])
    first, other = hidden(a, [sat, on]), hidden(a, [ran, on])
    n = len(a)
    assert torch.equal(first[:n], other[:n])  # A is the same whatever B writes
    assert torch.equal(first[n], other[n])  # the start [MASK] stands before the changed piece
    assert not torch.allclose(first[n + 2], other[n + 2])  # "on" reads the piece before it
    later = hidden(a, [sat, ran])
    assert torch.equal(first[n:n + 2], later[n:n + 2])  # nothing reads a later piece
    dog = a.copy()
    dog[2] = tok.convert_tokens_to_ids("dog")
    assert not torch.allclose(hidden(dog, [sat, on])[n], first[n])  # B reads A
