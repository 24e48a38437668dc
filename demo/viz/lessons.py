"""The "How they differ" page: short lessons and token chips.

Text is Markdown for gr.Markdown; chips are escaped HTML built from a tokenizer's pieces. (The O(n²)
formula plot that stood here gave way to the measured one in the Cost & compression tab.)
"""
from __future__ import annotations

import html

from demo.text import say

READING = say("learn.reading")  # the text lives in demo/text (en.py, zh.py)

FAMILIES = say("learn.families")  # the text lives in demo/text (en.py, zh.py)

VARIANTS = """## Relatives and descendants
| model | idea |
|---|---|
| **ELMo** (2018) | before transformers: two **bi-LSTMs** (left-to-right and right-to-left) give each word a *contextual embedding*, "bank" differs in "river bank" and "bank account" |
| **RoBERTa** | BERT trained longer on more data with *dynamic masking*, **without** next-sentence prediction (it did not help), byte-level BPE |
| **ALBERT** | *factorised embeddings* (vocabulary → 128 → hidden) and **one set of weights shared by every layer**: 12M parameters for a base model |
| **DistilBERT** | a 6-layer student trained to copy BERT's outputs (**distillation**): 40% smaller, 60% faster, ~97% of the score |
| **GLM** | **autoregressive blank infilling**: blank out spans, then write each span left to right while seeing the rest bidirectionally, one model for both understanding and generation |"""

TOKENS = say("learn.tokens")  # the text lives in demo/text (en.py, zh.py)

ATTENTION = """## Attention, and why long texts are expensive
Every token becomes a query *Q*, a key *K* and a value *V*. A head scores every query against every key and mixes
the values with the softmax of those scores: **Attention(Q, K, V) = softmax(QKᵀ / √d) · V** (√d keeps the scores
from saturating the softmax). The *Attention* tab shows these weights live.

For *n* tokens that is **n² scores per head per layer**: the cost is **O(n²)**, twice the text, four times the
work. GPT's causal mask leaves only **n(n+1)/2** useful scores (the lower triangle) but still O(n²). BERT stops at
512 positions, GPT-2 at 1024. The other work of a layer, the projections and the feed-forward, grows only with *n*
but is much larger per token: the **Cost & compression** tab measures both on the model in front of you and shows
from which length attention's n² part takes over."""

COMPRESSION = """## Making models smaller
| technique | what it does | example |
|---|---|---|
| **pruning** | remove weights, heads or layers that contribute little | many of BERT's heads can go with little loss |
| **distillation** | train a small *student* to match a large *teacher*'s outputs | DistilBERT, DistilGPT-2 |
| **quantization** | store and compute with fewer bits: float32 → **fp16** (half) → **int8** | 4x less memory at int8 |
| **low-rank factorization** | replace a big matrix by the product of two thin ones | ALBERT's embedding: V×H becomes V×128 · 128×H |"""

TRAINING = """## Training curves of the bundled models
The app ships two tiny models trained by this project, **pocket-bert** and **pocket-gpt**: a controlled experiment.
Same size, same text (WordNet's definitions and examples), same number of tokens, same optimizer and seed;
only what separates BERT from GPT differs: the objective, the attention mask and the tokenizer
(their model card: `assets/pocket/README.md`)."""


MARKERS = ("##", "Ġ", "▁")  # WordPiece continuation, byte-level BPE space, SentencePiece space


def piece_chip(piece: str) -> str:
    """One piece with its marker set apart, so a class sees what ## and Ġ mean."""
    marker = next((m for m in MARKERS if piece.startswith(m) and len(piece) > len(m)), "")
    body = html.escape(piece[len(marker):])
    mark = f'<span class="learn-marker">{html.escape(marker)}</span>' if marker else ""
    return f'<span class="learn-chip">{mark}{body}</span>'


def token_chips(model: str, tokenizer: str, pieces: list[str]) -> str:
    """A model's pieces for one text, with how many there are."""
    count = f"{len(pieces)} piece{'s' if len(pieces) != 1 else ''}"
    chips = "".join(piece_chip(p) for p in pieces)
    return (f'<div class="learn-tokens"><div class="learn-tokens-head"><b>{html.escape(model)}</b> '
            f'({html.escape(tokenizer)}): {count}</div><div class="learn-chips">{chips}</div></div>')
