"""The logit lens as views: a layers × rank heatmap of words, and each model's final word by layer.

Rows are the hidden states read (the embeddings first, the model's output last), columns the
ranks; a cell holds the word that state would answer and is coloured by its probability. The
model's final word is bold wherever it appears, so one can watch it climb to rank 1.
"""
from __future__ import annotations

import html

import plotly.graph_objects as go

from demo.results import Lens
from demo.text import say
from demo.viz.bars import FONT, piece_label
from demo.viz.pieces import readable
from demo.viz.comparison import CAUSAL_COLOR, MASKED_COLOR
from demo.viz.heatmaps import plotly_text

ROW_PX = 30
COLORS = {"masked": MASKED_COLOR, "causal": CAUSAL_COLOR}


def layer_names(count: int, lang: str = "en") -> list[str]:
    """Index 0 is the embeddings (before any layer), index i the output of layer i."""
    return [say("inside.lens.embeddings", lang)] + [say("inside.lens.layer", lang, n=i) for i in range(1, count)]


def knows_at(lens: Lens) -> int:
    """The first layer whose state already ranks the model's final word first (0 = embeddings)."""
    return next(i for i, rank in enumerate(lens.final_rank) if rank == 1)


def final_word(lens: Lens) -> str:
    return readable(lens.final.token).strip() or piece_label(lens.final.token)


def lens_heatmap(lens: Lens, lang: str = "en") -> go.Figure:
    """Layers (top: embeddings, bottom: output) × rank, each cell the word and its probability."""
    k = max((len(row) for row in lens.layers), default=0)
    final_id = lens.final.id
    z, text, hover = [], [], []
    for row in lens.layers:
        z.append([c.prob for c in row] + [None] * (k - len(row)))
        cells = [plotly_text(piece_label(c.token)) for c in row]
        text.append([f"<b>{s}</b>" if c.id == final_id else s for s, c in zip(cells, row)] + [""] * (k - len(row)))
        hover.append([f"{s}: {c.prob:.1%}" for s, c in zip(cells, row)] + [""] * (k - len(row)))
    names = layer_names(len(lens.layers), lang)
    fig = go.Figure(go.Heatmap(
        z=z, x=list(range(1, k + 1)), y=list(range(len(lens.layers))), text=text, texttemplate="%{text}",
        customdata=hover, hovertemplate="%{customdata}<extra></extra>", colorscale="Blues", zmin=0,
        zmax=max(1e-9, max((v for r in z for v in r if v is not None), default=1.0)),
        textfont={"size": FONT - 3}, xgap=2, ygap=2,
        colorbar={"title": {"text": say("inside.lens.prob", lang)}, "thickness": 12, "tickformat": ".0%"},
    ))
    fig.update_xaxes(title_text=say("inside.lens.rank", lang), tickmode="array", tickvals=list(range(1, k + 1)),
                     side="top")
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(names))), ticktext=names, autorange="reversed")
    title = say("inside.lens.title", lang, model=plotly_text(lens.model), word=plotly_text(final_word(lens)))
    fig.update_layout(title={"text": title, "x": 0.5, "xanchor": "center"}, plot_bgcolor="white",
                      height=max(260, ROW_PX * len(names) + 150), margin={"l": 10, "r": 10, "t": 110, "b": 10})
    return fig


def lens_lines(lenses: list[Lens], lang: str = "en") -> go.Figure:
    """One line per model: the probability of its final word after each layer, with a marker
    where that word first reaches rank 1."""
    fig = go.Figure()
    for lens in lenses:
        color = COLORS.get(lens.family, MASKED_COLOR)
        name = plotly_text(f"{lens.model}: {final_word(lens)}")
        ranks = [say("inside.lens.hover_rank", lang, rank=r) for r in lens.final_rank]
        fig.add_trace(go.Scatter(x=list(range(len(lens.final_prob))), y=lens.final_prob, mode="lines+markers",
                                 name=name, line={"color": color, "width": 3}, customdata=ranks,
                                 hovertemplate="%{y:.1%} · %{customdata}<extra>" + name + "</extra>"))
        at = knows_at(lens)
        fig.add_trace(go.Scatter(x=[at], y=[lens.final_prob[at]], mode="markers", showlegend=False,
                                 marker={"symbol": "star", "size": 18, "color": color, "line": {"width": 1}},
                                 hoverinfo="skip"))
    fig.update_xaxes(title_text=say("inside.lens.depth", lang), dtick=1, showgrid=True, gridcolor="#e5e7eb")
    fig.update_yaxes(title_text=say("inside.lens.final_prob", lang), tickformat=".2~%", rangemode="tozero",
                     showgrid=True, gridcolor="#e5e7eb")
    fig.update_layout(title={"text": say("inside.lens.lines_title", lang), "x": 0.5, "xanchor": "center"},
                      plot_bgcolor="white", height=380, font={"size": FONT - 2},
                      legend={"orientation": "h", "y": -0.25}, margin={"l": 10, "r": 10, "t": 70, "b": 10})
    return fig


def knows_html(lenses: list[Lens], lang: str = "en") -> str:
    """In words, computed from the data: "tiny-bert has “cat” on top at layer 7 of 12 …" (safe HTML)."""
    parts = []
    for lens in lenses:
        at = knows_at(lens)
        where = (say("inside.lens.at_embeddings", lang) if at == 0
                 else say("inside.lens.at_layer", lang, n=at, of=len(lens.layers) - 1))
        parts.append(say("inside.lens.knows", lang, model=html.escape(lens.model),
                         word=html.escape(final_word(lens)), where=where))
    return f'<p class="inside-knows">{" ".join(parts)}</p>'
