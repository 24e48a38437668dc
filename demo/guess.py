"""Score a student's guesses: each word's probability and rank where the model predicts.

Masked model: at the blank, seeing both sides. Causal model: as the next word after the text.
A word the tokenizer cuts into n pieces is scored by the chain rule, left to right:
- causal: p(w) = p(w1 | text) · p(w2 | text w1) · …  (exact: that is how GPT writes a word);
- masked: the blank becomes n masks; p(w1 | n masks) · p(w2 | w1 and n-1 masks) · …  (one common
  way, as in pseudo-log-likelihood scoring; BERT itself never defines a word's probability).
A one-piece word is scored on exactly the input fill_mask / next_tokens see, so its probability
equals theirs. Its rank is 1 + the number of offerable single tokens (no special tokens) the model
finds likelier: the place the word would take in the model's own ranked list.
"""
from __future__ import annotations

import unicodedata

import torch

from demo.catalog import MASKED
from demo.loading import LoadedModel
from demo.errors import ParameterError, TextTooLongError
from demo.results import WordScore, WordScores
from demo.tensors import logits_at, pad_id, right_padded

MAX_PIECES = 8  # one forward pass per piece: a longer "word" is refused with this limit

MASKED_METHOD = ("A word of several pieces gets the product of its pieces' probabilities: the blank becomes "
                 "one mask per piece, filled left to right.")
CAUSAL_METHOD = ("A word of several pieces gets the product of its pieces' probabilities, each given the text "
                 "and the pieces before it (the chain rule).")


def _cjk(char: str) -> bool:
    return "CJK" in unicodedata.name(char, "") or "\u3000" <= char <= "\u30ff"


def joiner(left: str, word: str) -> str:
    """The space between the text and a guessed word: none after a space, before punctuation or in
    Chinese and Japanese (written without spaces), one between two words of a spaced script."""
    if not left or not word or left[-1].isspace() or not word[0].isalnum() or _cjk(word[0]) or _cjk(left[-1]):
        return ""
    return " "


def pieces(tokenizer, left: str, word: str) -> list[int]:
    """The ids the tokenizer gives `word` right after `left`: read off the tokenization of the
    whole (so BPE's leading-space pieces and WordPiece's ## come out as in a real sentence)."""
    before = tokenizer(left, add_special_tokens=False)["input_ids"] if left else []
    whole = tokenizer(left + joiner(left, word) + word, add_special_tokens=False)["input_ids"]
    if whole[: len(before)] == before and len(whole) > len(before):
        return whole[len(before):]
    # the word merged with the end of the text (rare): tokenize it alone
    return tokenizer(joiner(left, word) + word, add_special_tokens=False)["input_ids"]


def _distributions(lm: LoadedModel, rows: list[tuple[tuple[int, ...], int]]) -> torch.Tensor:
    """(B, V) float32 softmax at each row's position; rows right-padded and batched."""
    ids, attention = right_padded([row for row, _ in rows], pad_id(lm.tokenizer), lm.device)
    at = torch.tensor([p for _, p in rows], device=lm.device)  # (B,)
    with lm.lock, torch.inference_mode():
        logits, _ = logits_at(lm, ids, attention, torch.arange(len(rows), device=lm.device), at)  # (B, V)
        return logits.float().softmax(-1)


def score(lm: LoadedModel, prompt_ids: list[int], position: int, left: str, words: list[str]) -> WordScores:
    """`prompt_ids`: the model's input with one mask at `position` (masked), or the text whose next
    token is at `position` = len(prompt_ids) - 1 (causal). `left`: the text before the blank."""
    masked = lm.spec.family == MASKED
    split = [pieces(lm.tokenizer, left, w) for w in words]
    for word, w in zip(words, split):
        if len(w) > MAX_PIECES:
            raise ParameterError("error.guess_pieces", limit=MAX_PIECES, count=len(w))
    longest = len(prompt_ids) + max(len(w) for w in split)
    if longest > lm.spec.max_positions:
        raise TextTooLongError("error.guess_too_long", count=longest, model=lm.spec.id, limit=lm.spec.max_positions)
    mask_id = lm.tokenizer.mask_token_id

    def row(word_ids: list[int], step: int) -> tuple[tuple[int, ...], int]:
        if masked:  # the blank widened to one mask per piece, the first `step` filled in
            filled = word_ids[:step] + [mask_id] * (len(word_ids) - step)
            return tuple(prompt_ids[:position] + filled + prompt_ids[position + 1:]), position + step
        ids = prompt_ids + word_ids[:step]
        return tuple(ids), len(ids) - 1

    first = row([0], 0)  # every word's first step when it is one piece: the plain prompt
    wanted = {first: None}
    for w in split:
        for step in range(len(w)):
            wanted[row(w, step)] = None
    keys = list(wanted)
    probs = _distributions(lm, keys)  # (R, V)
    index = {k: i for i, k in enumerate(keys)}
    offerable = probs[index[first]].masked_fill(lm.never, 0.0)  # (V,) the single tokens the model offers

    scores = []
    never = lm.never.tolist()
    for word, w in zip(words, split):
        steps = [float(probs[index[row(w, s)], i]) for s, i in enumerate(w)]
        known = not any(never[i] for i in w)  # [UNK] or another special piece: the model cannot say it
        prob = 1.0
        for p in steps:
            prob *= p
        rank = 1 + int((offerable > prob).sum()) if known else None
        scores.append(WordScore(word, prob if known else 0.0, rank, lm.tokenizer.convert_ids_to_tokens(w),
                                steps, known))
    method = MASKED_METHOD if masked else CAUSAL_METHOD
    return WordScores(lm.spec.id, lm.spec.family, scores, method, lm.offerable)
