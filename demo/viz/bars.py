"""Candidate probabilities as horizontal Plotly bar charts, highest on top.

Bars sit at numeric positions labelled with the pieces, so two candidates that read alike keep
their own bars (Plotly merges equal category names). Labels go through plotly_text: Plotly
renders a subset of HTML and $...$ as LaTeX in any text it draws.
"""
from __future__ import annotations

import math

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from demo.results import Candidate, FillMask, NextTokens
from demo.text import say
from demo.viz.pieces import readable
from demo.viz.heatmaps import plotly_text

BAR_COLOR = "#4f46e5"  # the theme's indigo
FONT = 16  # readable from the back of a classroom
ROW_PX = 34
PROMPT_TAIL = 40  # characters of the prompt quoted in a next-token title


def piece_label(token: str) -> str:
    """The piece as shown on a bar: a leading space (BPE's Ġ) becomes a visible ␣, so " the" and
    "the" (two different tokens) do not look alike."""
    return readable(token).replace(" ", "␣")


def candidate_bars(columns: list[tuple[str, list[Candidate]]], title: str, color: str = BAR_COLOR) -> go.Figure:
    """One subplot per (name, ranked candidates) column, left to right, highest bar on top.
    `title` is Plotly markup: escape any user or model text in it with plotly_text."""
    fig = make_subplots(rows=1, cols=max(1, len(columns)), horizontal_spacing=0.12 if len(columns) > 1 else 0.0,
                        subplot_titles=[plotly_text(name) for name, _ in columns])
    top = max((c.prob for _, cands in columns for c in cands), default=1.0)
    for col, (name, cands) in enumerate(columns, start=1):
        labels = [plotly_text(piece_label(c.token)) for c in cands]
        fig.add_trace(go.Bar(
            x=[c.prob for c in cands], y=list(range(len(cands))), orientation="h", name=plotly_text(name),
            marker_color=color, text=[f"{c.prob:.1%}" for c in cands], textposition="outside",
            cliponaxis=False, customdata=labels, hovertemplate="%{customdata}: %{x:.2%}<extra></extra>",
        ), row=1, col=col)
        fig.update_yaxes(tickmode="array", tickvals=list(range(len(cands))), ticktext=labels,
                         autorange="reversed", row=1, col=col)
    # one shared scale, with room on the right for the percentage labels
    fig.update_xaxes(range=[0, top * 1.3], tickformat=".2~%", showgrid=True, gridcolor="#e5e7eb")
    fig.update_yaxes(tickfont={"size": FONT})
    fig.update_annotations(font={"size": FONT})  # the subplot titles
    rows = max((len(cands) for _, cands in columns), default=1)
    fig.update_layout(title={"text": title, "x": 0.5, "xanchor": "center"},  # clear of Gradio's label
                      showlegend=False, plot_bgcolor="white", font={"size": FONT - 2},
                      height=max(260, ROW_PX * rows + 140), margin={"l": 10, "r": 30, "t": 100, "b": 30},
                      bargap=0.25)
    return fig


def fill_mask_bars(result: FillMask, lang: str = "en") -> go.Figure:
    """One column per blank, in the sentence's order."""
    columns = [(say("chart.blank", lang, n=i), cands) for i, cands in enumerate(result.masks, start=1)]
    return candidate_bars(columns, say("chart.fill.title", lang, model=plotly_text(result.model)))


def next_token_bars(result: NextTokens, lang: str = "en") -> go.Figure:
    """The next-token distribution; the title carries its entropy, read as an equivalent number
    of equally likely choices (e^H) because nats alone mean little to most people."""
    tail = result.text[-PROMPT_TAIL:]
    quoted = ("…" if len(result.text) > PROMPT_TAIL else "") + tail
    spread = math.exp(result.entropy)
    title = (say("chart.next.title", lang, model=plotly_text(result.model), quoted=plotly_text(quoted)) + "<br><sup>"
             + say("chart.next.entropy", lang, entropy=result.entropy, spread=spread) + "</sup>")
    return candidate_bars([("", result.candidates)], title)

