"""What the models say: masked fills, next tokens, generation, attention, comparison, spans, tokens, a class's guesses."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class Candidate:
    token: str  # the model's own piece: "##ing" (WordPiece), "Ġthe" (byte-level BPE), "▁the" (SentencePiece)
    prob: float  # softmax over the whole vocabulary, as the transformers pipelines report it
    id: int
    text: str  # what the piece reads as when put into the sentence (" the")


@dataclass(frozen=True)
class FillMask:
    model: str
    text: str  # the user's text with masks written in the model's own mask token
    tokens: list[str]  # what the model saw, special tokens included
    masks: list[list[Candidate]]  # one ranked list per mask, left to right
    seconds: float = 0.0
    mask_token: str = "[MASK]"

    def filled(self, rank: int = 0) -> str:
        """The text with the rank-th candidate in every mask (for display)."""
        parts = self.text.split(self.mask_token)
        out = parts[0]
        for candidates, rest in zip(self.masks, parts[1:]):
            out += candidates[rank].text.strip() if rank < len(candidates) else "?"
            out += rest
        return out


@dataclass(frozen=True)
class NextTokens:
    model: str
    text: str
    tokens: list[str]  # the prompt as the model saw it
    candidates: list[Candidate]
    entropy: float  # nats, of the full next-token distribution
    seconds: float = 0.0


@dataclass(frozen=True)
class GeneratedToken:
    token: str
    text: str
    id: int
    prob: float  # the model's own probability of this token (temperature 1, full vocabulary)


@dataclass(frozen=True)
class Generation:
    model: str
    prompt: str
    new_tokens: list[GeneratedToken]
    seconds: float = 0.0

    @property
    def text(self) -> str:
        return self.prompt + "".join(t.text for t in self.new_tokens)


@dataclass(frozen=True)
class Attention:
    model: str
    tokens: list[str]
    weights: np.ndarray  # (layers, heads, T, T) float32; row i = where token i looks
    causal: bool  # True: a left-to-right decoder's mask (zero above the diagonal)
    # per token: one the tokenizer adds around the text ([CLS], <s>, <|endoftext|>: its all_special_ids);
    # a blank is not one (it holds a word). Empty: none known, nothing is hidden
    special: list[bool] = field(default_factory=list)


@dataclass(frozen=True)
class AttentionPair:
    """The Attention tab's one result: both models' weights on one text, at the layers and heads chosen."""
    masked: Attention
    causal: Attention
    masked_at: tuple[int, int]  # (layer, head), checked against the masked model
    causal_at: tuple[int, int]


@dataclass(frozen=True)
class RankedCandidate:
    candidate: Candidate  # BERT's candidate for the blank
    logprob: float  # GPT's log-likelihood of the whole completed sentence (nats)


@dataclass(frozen=True)
class Comparison:
    text: str
    masked_model: str
    causal_model: str
    left: str  # the words GPT sees
    right: str  # the words only BERT sees
    masked: list[Candidate]  # BERT: both sides
    causal: list[Candidate]  # GPT: next token after `left`
    ranking: list[RankedCandidate]  # BERT's candidates ranked by GPT
    masked_tokens: list[str] = field(default_factory=list)
    causal_tokens: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    # the encoder-decoder's column: its spans for the same blank, or why there are none
    seq2seq_model: str = ""  # the model asked for (the default's id when none was named)
    infill: Infill | None = None  # None: no encoder-decoder could run here (see infill_error)
    infill_error: str = ""  # one line, the service's own message (English; the UI says it in the reader's language)
    infos: dict[str, "ModelInfo"] = field(default_factory=dict)  # family -> the model that answered (its facts)


@dataclass(frozen=True)
class Causality:
    before: Comparison  # the sentence as typed
    after: Comparison  # the same words left of the blank, new words right of it


@dataclass(frozen=True)
class Span:
    text: str  # what the encoder-decoder wrote for one blank: one word or several
    prob: float  # exp(logprob)
    logprob: float  # log-likelihood (nats) of the best output holding this span: T5 the spans with their
    #                 sentinels, BART the whole rewritten sentence


@dataclass(frozen=True)
class Infill:
    model: str
    text: str  # the user's text, blanks written [MASK]
    tokens: list[str]  # what the encoder read (T5 sentinels / BART <mask>)
    blanks: list[list[Span]]  # one ranked list per blank, left to right
    seconds: float = 0.0


@dataclass(frozen=True)
class ModelInfo:
    id: str
    family: str
    parameters: int
    layers: int
    heads: int
    hidden: int
    vocab: int
    max_positions: int
    device: str
    dtype: str
    tokenizer: str  # "WordPiece", "BPE", ...
    design: str = ""  # "glm": an encoder-decoder's work in one stack (demo.glm); "" the family's usual shape


@dataclass(frozen=True)
class Split:
    """One tokenizer's pieces for a text: a loaded model's, or a reference tokenizer's (no model)."""
    name: str  # the model's id, or the reference tokenizer's name
    tokenizer: str  # "WordPiece", "BPE", "Unigram"
    pieces: list[str]
    reference: bool


@dataclass(frozen=True)
class Splits:
    """The tokenizer lesson: the same text cut by each tokenizer family."""
    text: str
    rows: list[Split]


@dataclass(frozen=True)
class WordScore:
    word: str  # as the student typed it
    prob: float  # product of the pieces' probabilities (0.0 when the model cannot spell the word)
    rank: int | None  # 1 = the model's top; where the word would sit among single tokens (None: unknown)
    pieces: list[str]  # the tokenizer's pieces for the word in this place ("Ġcat", "##s")
    piece_probs: list[float]  # each piece given the text and the pieces before it
    known: bool = True  # False: a piece is [UNK] or another special token


@dataclass(frozen=True)
class WordScores:
    model: str
    family: str  # "masked": at the blank; "causal": the next word after the text
    words: list[WordScore]
    method: str  # how a word of several pieces is scored, in words
    vocabulary: int = 0  # how many single tokens a rank is counted among
