"""Both pocket models' loss over the same token budget, in one Plotly figure."""
from __future__ import annotations

import plotly.graph_objects as go

COLORS = {"pocket-bert": "#4f46e5", "pocket-gpt": "#d97706"}
NOT_COMPARABLE = (
    "The two losses are not directly comparable: BERT's is measured only on the 15% of tokens it must "
    "recover and it sees both sides of each; GPT's is measured on every token with the left side only; "
    "and their tokenizers cut the same text into different pieces. Compare each curve's shape, and the "
    "gap between its training and held-out loss.")


def training_curves(report: dict | None) -> go.Figure:
    fig = go.Figure()
    if not report:
        fig.add_annotation(text="No training report found (run python -m demo.pocket train).", showarrow=False,
                           x=0.5, y=0.5, xref="paper", yref="paper")
        return fig.update_layout(height=200, xaxis={"visible": False}, yaxis={"visible": False})
    for name, curve in report["models"].items():
        color = COLORS.get(name)
        fig.add_trace(go.Scatter(x=curve["tokens"], y=curve["train_loss"], name=f"{name} training",
                                 line={"color": color}, mode="lines"))
        fig.add_trace(go.Scatter(x=curve["tokens"], y=curve["held_out_loss"], name=f"{name} held-out",
                                 line={"color": color, "dash": "dot"}, mode="lines"))
    fig.update_layout(
        title="Training loss of the bundled models (same text, same token budget)",
        xaxis_title="tokens seen", yaxis_title="cross-entropy (nats per predicted token)",
        height=420, margin={"l": 10, "r": 10, "t": 60, "b": 10}, legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
    )
    return fig
