"""One head's arithmetic for one query token, laid out as steps:
scores (k·q) → scaled (÷√d) → masked (−∞ where a causal model may not look) → softmax → weighted sum.

A table gives the numbers per token (−∞ written out), a figure draws each step as bars over the
tokens and the weighted sum as bars over the head's d dimensions. Token labels are escaped for
Plotly (its HTML subset and $…$ LaTeX).
"""
from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from demo.results import AttentionSteps
from demo.text import say
from demo.viz.bars import FONT, piece_label
from demo.viz.comparison import CAUSAL_COLOR, MASKED_COLOR
from demo.viz.heatmaps import plotly_text

MINUS_INF = "−∞"
STEPS = ("scores", "scaled", "masked", "weights")


def number(value: float, digits: int = 3) -> str:
    """A table cell: −∞ for a masked score, else the value rounded."""
    if math.isinf(value):
        return MINUS_INF if value < 0 else "∞"
    return f"{value:.{digits}f}"


def headers(steps: AttentionSteps, lang: str = "en") -> list[str]:
    d = steps.q.shape[-1]
    return [say("inside.steps.col_pos", lang), say("inside.steps.col_token", lang),
            say("inside.steps.col_scores", lang), say("inside.steps.col_scaled", lang, d=d),
            say("inside.steps.col_masked", lang), say("inside.steps.col_weights", lang)]


def steps_rows(steps: AttentionSteps) -> list[list]:
    """One row per key token: position, piece, then each step's value for (query, this key)."""
    return [[j, piece_label(token), *(number(float(getattr(steps, name)[j]), 4 if name == "weights" else 3)
                                      for name in STEPS)]
            for j, token in enumerate(steps.tokens)]


def steps_figure(steps: AttentionSteps, lang: str = "en") -> go.Figure:
    """Five panels, top to bottom, in the order the head computes them."""
    n, d = len(steps.tokens), steps.q.shape[-1]
    color = CAUSAL_COLOR if steps.family == "causal" else MASKED_COLOR
    titles = [say("inside.steps.p_scores", lang), say("inside.steps.p_scaled", lang, d=d, root=f"{steps.scale or math.sqrt(d):.2f}"),
              say(f"inside.steps.p_masked_{steps.family}", lang), say("inside.steps.p_weights", lang),
              say("inside.steps.p_output", lang, d=d)]
    fig = make_subplots(rows=5, cols=1, subplot_titles=titles, vertical_spacing=0.07)
    names = [plotly_text(piece_label(t)) for t in steps.tokens]
    x = list(range(n))
    for row, name in enumerate(STEPS, start=1):
        values = np.asarray(getattr(steps, name), dtype=float)
        finite = np.isfinite(values)
        shown = np.where(finite, values, 0.0)
        text = [number(v, 2 if name != "weights" else 3) if f else MINUS_INF for v, f in zip(values, finite)]
        colors = [color if j != steps.query else "#111827" for j in x]
        fig.add_trace(go.Bar(x=x, y=shown, marker_color=colors, text=text, textposition="outside", cliponaxis=False,
                             customdata=names, hovertemplate="%{customdata}: %{text}<extra></extra>"),
                      row=row, col=1)
        fig.update_xaxes(tickmode="array", tickvals=x, ticktext=names, row=row, col=1)
        top = float(np.abs(shown).max()) if n else 1.0
        low = min(0.0, float(shown.min()) if n else 0.0)
        # room for the value labels above and below the bars (below: clear of the token labels)
        fig.update_yaxes(range=[low * 1.7, max(top * 1.35, 1e-9)] if name != "weights" else [0, 1.15],
                         row=row, col=1)
    dims = list(range(d))
    fig.add_trace(go.Bar(x=dims, y=np.asarray(steps.output, dtype=float), marker_color="#6b7280",
                         hovertemplate=say("inside.steps.hover_dim", lang) + "<extra></extra>"), row=5, col=1)
    fig.update_xaxes(title_text=say("inside.steps.dims", lang), row=5, col=1)
    query = plotly_text(piece_label(steps.tokens[steps.query]))
    title = say("inside.steps.title", lang, model=plotly_text(steps.model), layer=steps.layer, head=steps.head,
                query=query, pos=steps.query)
    fig.update_layout(title={"text": title, "x": 0.5, "xanchor": "center"}, showlegend=False, plot_bgcolor="white",
                      height=1150, font={"size": FONT - 4}, margin={"l": 10, "r": 10, "t": 90, "b": 10})
    fig.update_annotations(font={"size": FONT - 2})
    return fig
