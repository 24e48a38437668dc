"""Attention weights as Plotly heatmaps: one head with its tokens, and every head of a layer.

Row i is query token i, column j the token it attends to; a causal model's rows stop at the
diagonal. Axes are numeric positions labelled with the tokens, so a repeated word keeps its
own row (Plotly merges equal category names). Labels are escaped: Plotly renders a subset of
HTML (<b>, <a href>, <br>) and $...$ as LaTeX in any text it draws.
"""
from __future__ import annotations

import html
import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from demo.results import Attention
from demo.text import say
from demo.viz.attention_sink import sink_share, without_special
from demo.viz.pieces import readable

# Only what the view shows reaches the browser: one head's n² weights (Plotly packs a numpy array
# as base64 float32, 4 bytes a cell) and a capped grid, never every layer's and head's n² floats.
MAX_TOKENS = 512  # one head, BERT's whole limit: 262k cells, 1 MB; bench/attention_view.py measures it
MAX_GRID_CELLS = 200_000  # all heads of a layer together
GRID_LABELS = 16  # beyond this the small subplots name every k-th token (still words, not positions)
SUBPLOT_TITLE_PX = 11  # a grid head's title: "head 11 · sink 95%" fits a quarter of a half-page plot
BLOCK_LABEL_PX = 64  # Gradio draws the Plot's label over the figure's top left: titles start below it
HOVER_NAMES = 128  # beyond this a cell's hover names positions (the axes name the tokens): n² strings are heavy
COLORS = "Blues"


def plotly_text(text: str) -> str:
    """Text Plotly shows literally: its HTML subset and LaTeX ($) are neutralised."""
    return html.escape(text, quote=False).replace("$", "&#36;")


def labels(tokens: list[str]) -> list[str]:
    return [plotly_text(readable(t)) for t in tokens]


def grid_tokens(heads: int, tokens: int) -> int:
    return max(1, min(tokens, math.isqrt(MAX_GRID_CELLS // max(1, heads))))


def _hover(tokens: list[str]) -> list[list[str]]:
    names = labels(tokens)
    return [[f"{q} → {k}" for k in names] for q in names]


def shown(att: Attention, layer: int, hide_special: bool = False) -> tuple[list[str], np.ndarray]:
    """The tokens and one layer's weights (heads, n, n) a view draws: the first MAX_TOKENS tokens,
    and with `hide_special` no [CLS]/[SEP]/start token, each row renormalised (only this layer is copied)."""
    n = min(len(att.tokens), MAX_TOKENS)
    tokens, weights = att.tokens[:n], att.weights[layer, :, :n, :n]
    return without_special(tokens, weights, att.special[:n]) if hide_special else (tokens, weights)


def head_heatmap(att: Attention, layer: int, head: int, hide_special: bool = False, lang: str = "en") -> go.Figure:
    """One head: who attends to whom, tokens on both axes (first MAX_TOKENS tokens)."""
    tokens, weights = shown(att, layer, hide_special)
    n = len(tokens)
    z = weights[head]
    names = labels(tokens)
    kind = say("attention.kind_causal" if att.causal else "attention.kind_masked", lang)
    if hide_special and n < min(len(att.tokens), MAX_TOKENS):
        kind += " · " + say("attention.hidden_note", lang)
    weight = plotly_text(say("attention.weight", lang))
    hover = ({"text": _hover(tokens), "hovertemplate": f"%{{text}}<br>{weight} %{{z:.3f}}<extra></extra>"}
             if n <= HOVER_NAMES else {"hovertemplate": f"%{{y}} → %{{x}}<br>{weight} %{{z:.3f}}<extra></extra>"})
    fig = go.Figure(go.Heatmap(
        z=z, x=list(range(n)), y=list(range(n)), colorscale=COLORS, zmin=0, zmax=float(z.max()) if n else 1,
        colorbar={"title": {"text": weight}, "thickness": 12}, **hover,
    ))
    axis = {"tickmode": "array", "tickvals": list(range(n)), "ticktext": names, "showgrid": False}
    fig.update_xaxes(title_text=say("attention.key_axis", lang), side="top", tickangle=-60, **axis)
    fig.update_yaxes(title_text=say("attention.query_axis", lang), autorange="reversed", scaleanchor="x", **axis)
    cut = (say("attention.first_tokens", lang, shown=MAX_TOKENS, total=len(att.tokens))
           if len(att.tokens) > MAX_TOKENS else "")
    title = say("attention.head_title", lang, model=plotly_text(att.model), layer=layer, head=head)
    fig.update_layout(
        title={"text": f"{title}<br><sup>{kind}{cut}</sup>", **below_label()},
        margin={"l": 10, "r": 10, "t": 190, "b": 10}, height=610, plot_bgcolor="white",
    )
    return fig


def layer_grid(att: Attention, layer: int, cols: int = 4, hide_special: bool = False, lang: str = "en") -> go.Figure:
    """Every head of one layer side by side, sharing one colour scale; each head's title gives its
    attention sink: the share of attention that goes to the first token (of the full text)."""
    heads = att.weights.shape[1]
    sinks = sink_share(att.weights[layer])  # (heads,), on the weights as the model computed them
    tokens, weights = shown(att, layer, hide_special)
    n = grid_tokens(heads, len(tokens))
    cols = min(cols, heads)
    rows = math.ceil(heads / cols)
    titles = [say("attention.grid_head", lang, head=h, sink=f"{sinks[h]:.0%}") for h in range(heads)]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles,
                        horizontal_spacing=0.04, vertical_spacing=0.08 if rows > 1 else 0.1)
    z_all = weights[:, :n, :n]
    zmax = float(z_all.max()) if z_all.size else 1.0
    step = math.ceil(n / GRID_LABELS)  # every token up to GRID_LABELS, then every step-th one
    shown_at = list(range(0, n, step))
    names = [labels(tokens[:n])[i] for i in shown_at]
    weight = plotly_text(say("attention.weight", lang))
    for h in range(heads):
        where = plotly_text(say("attention.grid_hover", lang, head=h, query="%{y}", attended="%{x}"))
        fig.add_trace(go.Heatmap(
            z=z_all[h], coloraxis="coloraxis", x=list(range(n)), y=list(range(n)),
            hovertemplate=f"{where}<br>{weight} %{{z:.3f}}<extra></extra>",
        ), row=h // cols + 1, col=h % cols + 1)
    axis = {"tickmode": "array", "tickvals": shown_at, "ticktext": names, "showgrid": False,
            "tickfont": {"size": 9}}
    fig.update_annotations(font_size=SUBPLOT_TITLE_PX)  # the subplot titles (before any other annotation)
    fig.update_xaxes(tickangle=-60, **axis)
    fig.update_yaxes(autorange="reversed", **axis)
    part = say("attention.grid_part", lang, shown=n, total=len(tokens)) if n < len(tokens) else ""
    sink = say("attention.sink_note", lang, token=plotly_text(readable(att.tokens[0]).strip() or att.tokens[0]))
    fig.update_layout(
        title={"text": say("attention.grid_title", lang, model=plotly_text(att.model), heads=heads, layer=layer,
                           part=part) + f"<br><sup>{sink}</sup>", **below_label()},
        coloraxis={"colorscale": COLORS, "cmin": 0, "cmax": zmax, "colorbar": {"thickness": 12}},
        height=max(320, 260 * rows + 120), margin={"l": 10, "r": 10, "t": 140, "b": 10},
        plot_bgcolor="white",
    )
    return fig


def below_label() -> dict:
    """A title placed from the figure's top edge, below the block label Gradio draws over it."""
    return {"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": BLOCK_LABEL_PX}}


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=plotly_text(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200)
    return fig

