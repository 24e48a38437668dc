"""The "How they differ" page: short lessons, the O(n²) attention-cost figure and token chips.

Text is Markdown for gr.Markdown; the figure is arithmetic only (no model runs); chips are
escaped HTML built from a tokenizer's pieces.
"""
from __future__ import annotations

import html

import plotly.graph_objects as go

from demo.text import say
from demo.viz.heatmaps import plotly_text

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
512 positions, GPT-2 at 1024."""

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


def attention_cost_figure(max_n: int = 1024, step: int = 8) -> go.Figure:
    """Attention scores per head per layer against sequence length n: n² for a full
    (bidirectional) head, n(n+1)/2 that a causal mask leaves non-zero."""
    n = list(range(step, max_n + 1, step))
    fig = go.Figure([
        go.Scatter(x=n, y=[k * k for k in n], name="all pairs: n² (BERT)", line={"color": "#4f46e5", "width": 3},
                   hovertemplate="n = %{x}: %{y:,} scores<extra></extra>"),
        go.Scatter(x=n, y=[k * (k + 1) // 2 for k in n], name="causal mask: n(n+1)/2 useful (GPT)",
                   line={"color": "#d97706", "width": 3, "dash": "dash"},
                   hovertemplate="n = %{x}: %{y:,} useful scores<extra></extra>"),
    ])
    for limit, label in [(512, "BERT's limit: 512"), (1024, "GPT-2's limit: 1024")]:
        if limit <= max_n:
            fig.add_vline(x=limit, line={"color": "#6b7280", "dash": "dot"},
                          annotation_text=plotly_text(label), annotation_position="top left")
    fig.update_layout(
        title={"text": "Attention scores per head per layer grow with the square of the length"},
        xaxis_title="sequence length n (tokens)", yaxis_title="scores per head per layer",
        height=440, plot_bgcolor="white", legend={"x": 0.02, "y": 0.98},
        margin={"l": 10, "r": 10, "t": 60, "b": 40}, font={"size": 15},
    )
    fig.update_yaxes(tickformat=",", gridcolor="#e5e7eb")
    return fig


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
