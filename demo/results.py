"""Plain dataclasses the service returns: the contract between the models and every view."""
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


# -- inside the models (lens, attribution, one head's arithmetic) ---------------------------

@dataclass(frozen=True)
class Lens:
    """The logit lens: what the model would answer if it stopped after each layer."""
    model: str
    family: str  # "masked" | "causal"
    tokens: list[str]  # what the model saw, special tokens included
    position: int  # index in `tokens` whose hidden state is read (the blank, or the last token)
    layers: list[list[Candidate]]  # one ranked list per layer: embeddings first, the model's output last
    final_prob: list[float]  # per layer: probability of the model's final top word
    final_rank: list[int]  # per layer: its rank there (1 = top)

    @property
    def final(self) -> Candidate:
        return self.layers[-1][0]


@dataclass(frozen=True)
class Attribution:
    """Which input tokens raised log p(target) at the blank (integrated gradients or gradient × input)."""
    model: str
    family: str
    tokens: list[str]  # the model's input, special tokens included (GPT: the blank filled with the target)
    scores: list[float]  # one per token; sum ≈ target_logprob − baseline_logprob for integrated gradients
    blank: int  # index of the blank in `tokens`
    target: Candidate
    target_logprob: float  # log p(target) on the real input (nats)
    baseline_logprob: float  # log p(target) on the baseline input (nats)
    method: str  # "integrated_gradients" | "gradient_x_input"
    steps: int
    baseline: str = ""  # what the baseline embedding is, in words ("the [MASK] embedding at every position")
    delta: float = 0.0  # integrated gradients' convergence delta: sum(scores) − (target − baseline logprob)
    words: list[int] = field(default_factory=list)  # per token, the index of its word (pieces of a word share it)

    def word_scores(self) -> list[tuple[list[int], float]]:
        """The word-level view: each word's token indices and its pieces' scores summed, left to right."""
        grouped: dict[int, tuple[list[int], float]] = {}
        for i, (word, score) in enumerate(zip(self.words, self.scores)):
            indices, total = grouped.get(word, ([], 0.0))
            grouped[word] = (indices + [i], total + score)
        return list(grouped.values())


@dataclass(frozen=True)
class AttentionSteps:
    """One head's arithmetic for one query token, from the model's own weights (d = head size)."""
    model: str
    family: str
    tokens: list[str]
    layer: int  # 0-based
    head: int  # 0-based
    query: int  # index in `tokens`
    q: np.ndarray  # (d,)
    k: np.ndarray  # (T, d)
    scores: np.ndarray  # (T,) k · q
    scaled: np.ndarray  # (T,) scores / sqrt(d)
    masked: np.ndarray  # (T,) scaled, with -inf at future tokens for a causal model
    weights: np.ndarray  # (T,) softmax(masked): equals the model's own attention row
    v: np.ndarray  # (T, d)
    output: np.ndarray  # (d,) weights · v
    scale: float = 0.0  # what `scaled` divides by: √d (GPT-2's config switches can change it)


# -- cost & compression (demo/measure) -------------------------------------------------------

@dataclass(frozen=True)
class CostPoint:
    batch: int
    length: int  # tokens per row
    seconds: float  # the fastest of `repeats` forward passes of the transformer body
    peak_bytes: int  # peak bytes allocated during the forward above those held before it (weights excluded)
    repeats: int = 1


@dataclass(frozen=True)
class Cost:
    """Latency and memory of one model's forward pass against length and batch, measured on this
    server, with a least-squares fit and the analytic FLOPs per layer split by how they grow."""
    model: str
    device: str  # "cpu (2 threads)", "cuda (NVIDIA H100 …)"
    dtype: str
    layers: int
    hidden: int  # d
    intermediate: int  # f, the feed-forward width
    max_positions: int
    points: list[CostPoint]
    fit: tuple[float, float, float]  # (a, b, c): seconds ≈ a + b·n + c·n² over the batch-1 points
    memory_measure: str  # how peak_bytes was measured, in words
    skipped: list[str] = field(default_factory=list)  # points left out to stay within the time budget
    seconds: float = 0.0  # how long measuring took

    # Per layer and row, for n tokens (d = hidden, f = feed-forward width; a multiply-add = 2 FLOPs):
    # projections Q, K, V and output: 4 matrices d×d → 8·d²·n; feed-forward d→f→d: 4·d·f·n;
    # scores Q·Kᵀ: 2·d·n²; weights·V: 2·d·n² (summed over heads; eager attention computes the full square).
    def flops(self, n: float) -> dict[str, float]:
        d, f = self.hidden, self.intermediate
        return {"projections": 8 * d * d * n, "feed_forward": 4 * d * f * n,
                "scores": 2 * d * n * n, "weighted_sum": 2 * d * n * n}

    @property
    def crossover(self) -> float:
        """The length from which the n² part (4·d·n²) exceeds the n part ((8·d² + 4·d·f)·n): 2d + f."""
        return 2 * self.hidden + self.intermediate

    def attention_share(self, n: float) -> float:
        """The n² part's share of a layer's FLOPs at length n: n / (n + 2d + f)."""
        return n / (n + self.crossover)

    @property
    def fit_crossover(self) -> float | None:
        """Where the fit's c·n² overtakes its b·n: b / c, when both are positive (else not meaningful)."""
        _, b, c = self.fit
        return b / c if b > 0 and c > 0 else None

    def at_batch(self, batch: int) -> list[CostPoint]:
        return sorted((p for p in self.points if p.batch == batch), key=lambda p: p.length)

    def at_length(self, length: int) -> list[CostPoint]:
        return sorted((p for p in self.points if p.length == length), key=lambda p: p.batch)


@dataclass(frozen=True)
class Compressed:
    """One compressed variant of a model against the full model, measured in the same run."""
    model: str
    method: str  # int8 | fp16 | bf16 | prune | heads | low_rank | distilled
    amount: float | None  # sparsity (prune), fraction of heads removed (heads), of the rank kept (low_rank)
    bytes: int  # stored weights (state dict, shared tensors once)
    full_bytes: int
    parameters: int  # stored weight values (a pruned weight still stores its zeros)
    full_parameters: int
    seconds_ratio: float  # variant / full latency on the same inputs (fastest of a few interleaved runs)
    fidelity: float  # mean share of the full model's top-5 the variant also ranks in its top-5 (1.0 = same)
    quality: float  # masked: top-5 accuracy of the hidden word; causal: perplexity (lower is better)
    full_quality: float
    quality_name: str  # "top-5 accuracy" | "perplexity"
    sentences: int  # how many fixed sentences fidelity and quality were measured on
    zeros: float = 0.0  # share of the layers' weights that are exactly zero
    note: str = ""  # how the variant was made, in words
    device: str = "cpu"

    @property
    def size_ratio(self) -> float:
        return self.bytes / self.full_bytes


# -- guess first (classroom): a student's words scored where the model predicts ------------

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


# -- pre-train, then fine-tune (demo/adapt) ---------------------------------------------------

POOLS = ("first", "last", "mean")  # which hidden state stands for a sentence: first token, last token, average


@dataclass(frozen=True)
class Probe:
    """A logistic-regression probe on the frozen model's hidden states, scored on held-out sentences."""
    model: str
    family: str  # "masked" | "causal"
    task: str  # "sentiment", "sentiment-zh" or "own" (the caller's sentences)
    classes: list[str]  # label names; index = class number
    accuracy: dict[str, float]  # pool -> held-out accuracy at the last layer
    by_layer: list[dict[str, float]]  # one per layer, embeddings first: pool -> held-out accuracy
    points: dict[str, np.ndarray]  # pool -> (N, 2) PCA of the last layer's sentence vectors
    labels: list[int]  # (N,) class number per sentence
    texts: list[str]  # (N,)
    held_out: list[bool]  # (N,) True: scored, never trained on
    chance: float  # held-out share of its most common class: what always guessing it scores
    first_token: str  # what "first" reads for the first sentence ("[CLS]" for BERT, a word for GPT-2)
    last_token: str
    seconds: float = 0.0


@dataclass(frozen=True)
class FineTune:
    """The whole model plus a small head trained for at most `limit_seconds`, against the frozen probe."""
    model: str
    family: str
    task: str
    classes: list[str]
    pool: str  # the token the head reads: "first" ([CLS]) for masked models, "last" for causal ones
    losses: list[float]  # training loss per step (cross-entropy, nats)
    before: float  # held-out accuracy of the pre-trained model with the untrained head
    after: float  # held-out accuracy after fine-tuning
    probe: float  # held-out accuracy of the frozen model's features + logistic regression (same token)
    steps: int
    batch: int
    train_size: int
    test_size: int
    seconds: float  # time spent training (evaluation not counted)
    limit_seconds: float
    stopped: bool = False  # ended by Stop before the time was up
    waited: float = 0.0  # seconds spent queued behind another page's fine-tune


@dataclass(frozen=True)
class Classified:
    """A page's fine-tuned copy on one new sentence."""
    model: str
    text: str
    classes: list[str]
    probs: list[float]  # softmax of the head, one per class

    @property
    def label(self) -> str:
        return self.classes[max(range(len(self.probs)), key=self.probs.__getitem__)]


@dataclass(frozen=True)
class NextSentence:
    """Does `second` follow `first`? Asked the way each model was pre-trained to answer it."""
    model: str
    family: str
    method: str  # "nsp" (BERT's next-sentence head), "sop" (ALBERT's sentence-order head), "causal"
    first: str
    second: str
    prob_follows: float | None  # nsp: P(IsNext); sop: P(in this order); causal: None
    logprob_with: float | None = None  # causal: log p(second | first), nats
    logprob_alone: float | None = None  # causal: log p(second) after the start token alone, nats

    @property
    def difference(self) -> float | None:
        """causal: how much likelier `second` is after `first` than alone, in nats (> 0: first helps)."""
        if self.logprob_with is None or self.logprob_alone is None:
            return None
        return self.logprob_with - self.logprob_alone


@dataclass(frozen=True)
class WarpStep:
    name: str  # "model", "temperature", "top_k", "top_p"
    setting: float  # the knob's value (0 for "model")
    probs: list[float]  # the shown candidates' probabilities after this step (renormalised)
    kept: int  # tokens still possible (probability > 0) after this step
    mass: float  # share of the model's own probability those tokens had


@dataclass(frozen=True)
class Warping:
    """The next-token distribution before and after each of transformers' warpers, in their order."""
    model: str
    text: str
    tokens: list[str]  # the prompt as the model saw it
    candidates: list[Candidate]  # the model's top tokens (their order never changes under the warpers)
    steps: list[WarpStep]
    vocab: int


@dataclass(frozen=True)
class InsideColumn:
    """One model's column of the Inside tab: its facts, lens, attribution and one head's Q·K·V steps."""
    info: ModelInfo
    lens: Lens
    attribution: Attribution
    steps: AttentionSteps  # at the layer and head asked for (clamped to the model's), query = the lens position


@dataclass(frozen=True)
class Inside:
    """`inside`: one sentence with one blank through a masked and a causal model."""
    text: str
    masked: InsideColumn
    causal: InsideColumn


@dataclass(frozen=True)
class AttentionPair:
    """The Attention tab's one result: both models' weights on one text, at the layers and heads chosen."""
    masked: Attention
    causal: Attention
    masked_at: tuple[int, int]  # (layer, head), checked against the masked model
    causal_at: tuple[int, int]
