"""The pocket models' loss over the same token budget, in one Plotly figure: two or three models
(pocket-bert, pocket-gpt and, once trained, pocket-t5), whichever the training report holds."""
from __future__ import annotations

import plotly.graph_objects as go

from demo.text import say

COLORS = {"pocket-bert": "#4f46e5", "pocket-gpt": "#d97706", "pocket-t5": "#059669"}  # as in the BERT vs GPT tab
NOT_COMPARABLE = say("curves.not_comparable")  # English; the tab shows it in the reader's language


def training_curves(report: dict | None, lang: str = "en") -> go.Figure:
    fig = go.Figure()
    if not report:
        fig.add_annotation(text=say("curves.none", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
        return fig.update_layout(height=200, xaxis={"visible": False}, yaxis={"visible": False})
    for name, curve in report["models"].items():
        color = COLORS.get(name)
        fig.add_trace(go.Scatter(x=curve["tokens"], y=curve["train_loss"], name=say("curves.training", lang, name=name),
                                 line={"color": color}, mode="lines"))
        fig.add_trace(go.Scatter(x=curve["tokens"], y=curve["held_out_loss"],
                                 name=say("curves.held_out", lang, name=name), line={"color": color, "dash": "dot"},
                                 mode="lines"))
    fig.update_layout(
        title=say("curves.title", lang), xaxis_title=say("curves.x", lang), yaxis_title=say("curves.y", lang),
        height=420, margin={"l": 10, "r": 10, "t": 60, "b": 10}, legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
    )
    return fig
