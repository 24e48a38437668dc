"""Which input tokens raised log p(target) at the one blank: integrated gradients or gradient × input.

Both run through Captum over the model's word-embedding layer (its hooks are removed when it
returns; the shared model's weights never need gradients: only the embeddings do).
- Masked model: the input is the sentence with its mask token; the explained number is
  log p(target) at the mask. It reads both sides, so words left and right of the blank score.
- Causal model: the input is the same sentence with the blank filled by the target
  (teacher-forced) and the explained number is log p(target's first piece) at the position
  before the blank. Its scores at and after the blank are exactly 0.0, not small: the causal mask
  adds the dtype's minimum to those scores, exp underflows to a weight of exactly 0, the softmax's
  backward multiplies by that weight, and every other layer works position by position, so no
  gradient reaches them (and 0 × (input − baseline) is 0). tests/test_inside_attribution.py pins it.
A target typed by the user must be one piece for a masked model (one mask, one piece); for a
causal model every piece is filled in and the first piece is explained.
Baselines (integrated gradients start from them): the mask token's embedding at every
non-special position for a masked model ("nothing known here"); for a causal model the pad
token's embedding, or the end-of-text token's where it has none (GPT-2).
Half-precision GPU models: the forward and gradients run in the model's dtype (only the
log-softmax is float32), so completeness holds less tightly there; `delta` says by how much.
"""
from __future__ import annotations

import math
from typing import Callable

import torch

from demo.catalog import CAUSAL
from demo.errors import ParameterError, TextTooLongError
from demo.inputs import ATTRIBUTION_METHODS, MAX_ATTRIBUTION_STEPS, MAX_WORD_CHARS
from demo.loading import LoadedModel
from demo.predict import candidates
from demo.results import Attribution, Candidate
from demo.tensors import logits_at

METHODS, MAX_STEPS = ATTRIBUTION_METHODS, MAX_ATTRIBUTION_STEPS
ROWS_PER_BATCH = 4096  # tokens × steps in one batched pass (32 steps of 128 tokens): bounds activation memory


def check_method(method: object) -> str:
    if method not in METHODS:
        raise ParameterError("error.method", choices=", ".join(METHODS))
    return method  # type: ignore[return-value]


def check_word(word: object) -> str | None:
    """None or "" = the model's own top word; else one word, no spaces."""
    if word is None or (isinstance(word, str) and not word.strip()):
        return None
    if not isinstance(word, str) or len(word.strip()) > MAX_WORD_CHARS or len(word.split()) != 1:
        raise ParameterError("error.target_word", limit=MAX_WORD_CHARS)
    return word.strip()


def _pieces(lm: LoadedModel, word: str, after_space: bool) -> list[int]:
    """The target's ids as they would stand in the blank ("Ġmat" after a space for byte-level BPE)."""
    tok = lm.tokenizer
    ids = tok((" " if after_space else "") + word, add_special_tokens=False)["input_ids"]
    if tok.unk_token_id in ids and tok.unk_token not in word:  # GPT-2: unk = <|endoftext|>
        raise ParameterError("error.target_unknown", model=lm.spec.id)
    if not ids or any(i in tok.all_special_ids for i in ids):
        raise ParameterError("error.target_special")
    if lm.spec.family != CAUSAL and len(ids) != 1:
        raise ParameterError("error.target_pieces", model=lm.spec.id, count=len(ids))
    return ids


def _readout(lm: LoadedModel, position: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """ids (B, T) -> (B, V) float32 log-probabilities at `position` (the head runs on that row only)."""
    def log_probs(ids: torch.Tensor) -> torch.Tensor:
        rows = torch.arange(ids.shape[0], device=ids.device)  # (B,)
        logits, _ = logits_at(lm, ids, None, rows, torch.full_like(rows, position))  # (B, V)
        return logits.float().log_softmax(-1)
    return log_probs


def _baseline_id(lm: LoadedModel) -> tuple[int, str]:
    tok = lm.tokenizer
    if lm.spec.family != CAUSAL:
        return tok.mask_token_id, f"the mask token {tok.mask_token} at every position but the special tokens"
    if tok.pad_token_id is not None:
        return tok.pad_token_id, f"the pad token {tok.pad_token} at every position but the special tokens"
    return tok.eos_token_id, f"the end-of-text token {tok.eos_token} at every position but the special tokens"


def attribute(lm: LoadedModel, left: str, right: str, word: str | None, method: str, steps: int,
              encode: Callable[[LoadedModel, str, int], list[int]]) -> Attribution:
    """left / right: the text either side of the one blank; encode: the service's (refuses long texts)."""
    tok, causal = lm.tokenizer, lm.spec.family == CAUSAL
    after_space = not left or left[-1:].isspace()
    if causal:
        # GPT reads the words left of the blank; its start token when there are none
        start = encode(lm, left.rstrip(), 0) if left.strip() else [tok.bos_token_id]
        rest = tok(right, add_special_tokens=False)["input_ids"]
        pieces = _pieces(lm, word, after_space and bool(left.strip())) if word else [None]
        length, limit = len(start) + len(pieces) + len(rest), lm.spec.max_positions
        if length > limit:  # the teacher-forced sentence must fit too
            raise TextTooLongError("error.too_many_tokens_filled", count=length, model=lm.spec.id, limit=limit)
        blank, position = len(start), len(start) - 1
    else:
        start = encode(lm, left + tok.mask_token + right, 0)
        blank = position = start.index(tok.mask_token_id)
        pieces = _pieces(lm, word, after_space) if word else [None]
    log_probs = _readout(lm, position)
    if pieces[0] is None:  # the model's own top word (never a special token), as fill_mask/next_tokens rank it
        with torch.inference_mode():
            probs = log_probs(torch.tensor([start[:blank] if causal else start], device=lm.device))[0].exp()
        pieces[0] = candidates(lm, probs, 1)[0].id
    ids = start[:blank] + pieces + rest if causal else start  # (T,)
    target = pieces[0]
    fill, baseline_text = _baseline_id(lm)
    special = set(tok.all_special_ids)
    baseline = [i if i in special else fill for i in ids]  # (T,)
    inputs = torch.tensor([ids], device=lm.device)  # (1, T)
    reference = torch.tensor([baseline], device=lm.device)  # (1, T)
    with torch.inference_mode():
        target_logprob, baseline_logprob = log_probs(torch.cat([inputs, reference]))[:, target].tolist()
    scores, delta = _captum(lm, log_probs, target, inputs, reference, method, steps)
    piece = tok.convert_ids_to_tokens(target)
    return Attribution(lm.spec.id, lm.spec.family, tok.convert_ids_to_tokens(ids), scores, blank,
                       Candidate(piece, math.exp(target_logprob), target, tok.decode([target])),
                       target_logprob, baseline_logprob, method, steps if method == METHODS[0] else 1,
                       baseline_text, delta, _words(lm, left, right, len(pieces)))


def _words(lm: LoadedModel, left: str, right: str, n_pieces: int) -> list[int]:
    """Per token, the index of the word it belongs to (the tokenizer's own word boundaries; every
    special token is a word of its own; GPT's filled-in target is one word)."""
    tok = lm.tokenizer
    if lm.spec.family == CAUSAL:
        parts = [tok(left.rstrip()).word_ids() if left.strip() else [None], [0] * n_pieces,
                 tok(right, add_special_tokens=False).word_ids()]
    else:
        parts = [tok(left + tok.mask_token + right).word_ids()]
    words, index = [], -1
    for part in parts:
        previous = object()  # a new part starts a new word
        for word in part:
            if word is None or word != previous:
                index += 1
            words.append(index)
            previous = word
    return words


def _captum(lm, log_probs, target: int, inputs, reference, method: str, steps: int) -> tuple[list[float], float]:
    """Per-token scores (embedding dimensions summed) and the convergence delta (0 for gradient × input)."""
    from captum.attr import LayerGradientXActivation, LayerIntegratedGradients  # 1.4 s to import: on first use

    layer = lm.model.get_input_embeddings()
    forward = lambda ids: log_probs(ids)[:, target]  # noqa: E731  (B, T) -> (B,)
    with torch.enable_grad():  # the service may run under no_grad; only the embeddings get gradients
        if method == "integrated_gradients":
            batch = max(1, min(steps, ROWS_PER_BATCH // inputs.shape[1]))  # steps run batched
            attributions, delta = LayerIntegratedGradients(forward, layer).attribute(
                inputs, baselines=reference, n_steps=steps, internal_batch_size=batch,
                return_convergence_delta=True)  # (1, T, E), (1,)
            delta = float(delta[0])
        else:
            attributions, delta = LayerGradientXActivation(forward, layer).attribute(inputs), 0.0  # (1, T, E)
    return attributions[0].sum(-1).float().tolist(), delta  # (T,)
