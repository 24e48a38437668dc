"""BERT vs GPT (and an encoder-decoder) on one sentence with one blank.

BERT reads the whole sentence at once. GPT reads left to right, so for the blank it can only
use the words before it; it can still judge BERT's candidates by scoring each completed
sentence as a whole. An encoder-decoder (T5, BART) reads the whole sentence like BERT and
writes the blank's answer left to right like GPT, so its answer may be several words.
"""
from __future__ import annotations

import time
import unicodedata

from demo import inputs
from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.errors import BadCharactersError, ModelLoadError, TextTooLongError
from demo.predict import sentence_logprobs
from demo.results import AttentionPair, Causality, Comparison, RankedCandidate, WordScores


class ComparingVerbs:
    """The verbs of the BERT vs GPT tab, mixed into InferenceService: they compose its one-model verbs."""

    def compare(self, text: str, top_k: int = 5, masked_model: str | None = None, causal_model: str | None = None,
                seq2seq_model: str | None = None, with_seq2seq: bool = True) -> Comparison:
        return compare(self, text, top_k, masked_model, causal_model, seq2seq_model, with_seq2seq)

    def change_right(self, text: str, new_right: str, top_k: int = 5, masked_model: str | None = None,
                     causal_model: str | None = None) -> Causality:
        """The causality test: the same words before the blank, new words after it. BERT reads them, so its
        answers may change; GPT's cannot (its mask hides what comes after). BERT and GPT only."""
        before = compare(self, text, top_k, masked_model, causal_model, with_seq2seq=False)
        after = compare(self, with_new_right(before.left, new_right), top_k, masked_model, causal_model,
                        with_seq2seq=False)
        return Causality(before, after)

    def attention_pair(self, text: str, masked_model: str | None = None, causal_model: str | None = None,
                       masked_layer: int = 0, masked_head: int = 0, causal_layer: int = 0,
                       causal_head: int = 0) -> AttentionPair:
        """The Attention tab's verb: both models' attention on one text, each at a layer and head checked
        against that model (the limit named in the message). Refuses a swapped pair: the family is read
        from the model itself."""
        masked = self.attention(masked_model, text, family=MASKED)
        causal = self.attention(causal_model, text, family=CAUSAL)

        def at(att, layer, head) -> tuple[int, int]:
            layers, heads = att.weights.shape[:2]  # (L, H, T, T)
            return inputs.check_int("layer", layer, 0, layers - 1), inputs.check_int("head", head, 0, heads - 1)

        return AttentionPair(masked, causal, at(masked, masked_layer, masked_head),
                             at(causal, causal_layer, causal_head))

    def score_both(self, words, text: str, masked_model: str | None = None,
                   causal_model: str | None = None) -> list[WordScores]:
        """The tab's guess reveal: the masked model at the blank, the causal model as the next word after
        the words left of it (GPT's view of the same blank); BERT's alone when nothing is left of it."""
        masked = self.score_words(masked_model, text, words, family=MASKED)
        left = inputs.MASK_PATTERN.split(text)[0].rstrip()
        if not left:  # nothing before the blank: GPT has no text to continue
            return [masked]
        return [masked, self.score_words(causal_model, left, words, family=CAUSAL)]


def with_new_right(left: str, new_right: str) -> str:
    """The sentence with the same words before the blank and new words after it."""
    new_right = (new_right or "").strip()
    glue = "" if not new_right or unicodedata.category(new_right[0]).startswith("P") else " "
    return f"{left} [MASK]{glue}{new_right}".lstrip()


# the encoder-decoder cannot run here, but BERT and GPT can: its column says why in one line
SEQ2SEQ_UNAVAILABLE = (ModelLoadError, TextTooLongError, BadCharactersError)


def compare(service, text: str, top_k: int = 5, masked_model: str | None = None,
            causal_model: str | None = None, seq2seq_model: str | None = None,
            with_seq2seq: bool = True) -> Comparison:
    """`with_seq2seq=False` leaves the encoder-decoder out (the causality check needs only BERT and GPT)."""
    settings = service.settings
    top_k = inputs.check_int("top_k", top_k, 1, settings.max_top_k)
    service.spec(masked_model, MASKED), service.spec(causal_model, CAUSAL)
    seq2seq = service.spec(seq2seq_model, SEQ2SEQ).id if with_seq2seq else ""  # unknown model: refused before any run
    text = inputs.clean_text(text, settings.max_chars)
    text, _ = inputs.with_mask_token(text, "[MASK]", settings.max_masks, exactly=1)
    left, right = text.split("[MASK]")
    gpt_left = left.rstrip()  # "the cat sat on the" -> next token " mat" carries its own space

    seconds = {}
    started = time.perf_counter()
    bert = service.fill_mask(masked_model, text, top_k)
    seconds["masked"] = time.perf_counter() - started

    started = time.perf_counter()
    lm = service.load(causal_model, CAUSAL)
    if gpt_left:
        gpt = service.next_tokens(causal_model, gpt_left, top_k)
        causal, causal_tokens = gpt.candidates, gpt.tokens
    else:  # nothing left of the blank: GPT predicts the first word after its start token
        causal, causal_tokens = _first_word(service, lm, top_k), [lm.tokenizer.bos_token or ""]

    # every completed sentence, scored after GPT's start token so the first word counts too
    start = [lm.tokenizer.bos_token_id] if lm.tokenizer.bos_token_id is not None else []
    sentences = [left + c.text.strip() + right for c in bert.masks[0]]
    encoded = [start + service.encode(lm, s, room=len(start)) for s in sentences]
    with service.device_errors(), lm.lock:
        scores = sentence_logprobs(lm, encoded)
    ranking = sorted((RankedCandidate(c, s) for c, s in zip(bert.masks[0], scores)), key=lambda r: -r.logprob)
    seconds["causal"] = time.perf_counter() - started

    spans, why = None, ""
    if with_seq2seq:
        started = time.perf_counter()
        try:  # at most max_infill_k spans: each is a beam of the decoder's search
            spans = service.infill(seq2seq_model, text, min(top_k, settings.max_infill_k))
            seq2seq = spans.model  # the default may have fallen back to the bundled model
        except SEQ2SEQ_UNAVAILABLE as err:
            why = str(err)
        seconds["seq2seq"] = time.perf_counter() - started
    infos = {MASKED: service.info(masked_model, MASKED), CAUSAL: lm.info}  # loaded already: no second load
    if spans is not None:
        infos[SEQ2SEQ] = service.info(spans.model, SEQ2SEQ)
    return Comparison(text, bert.model, lm.spec.id, gpt_left, right, bert.masks[0], causal, ranking,
                      bert.tokens, causal_tokens, seconds, seq2seq, spans, why, infos)


def _first_word(service, lm, top_k):
    from demo.predict import Request, next_token_batch

    with service.device_errors(), lm.lock:
        return next_token_batch(lm, [Request([lm.tokenizer.bos_token_id], top_k)])[0].candidates
