"""Pictures of pre-train-then-fine-tune: probe accuracy (bars, by layer), the sentences in 2-D (PCA), the
fine-tune's loss and its accuracy beside the frozen probe's, the NSP/SOP/causal verdict, and the sampling
warpers step by step. Pure: result in, Plotly figure or escaped text out."""
from __future__ import annotations

import html

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from demo.results import POOLS, Classified, FineTune, NextSentence, Probe, Warping
from demo.text import say
from demo.viz.bars import piece_label

POOL_COLORS = {"first": "#4f46e5", "last": "#d97706", "mean": "#059669"}
CLASS_COLORS = ["#dc2626", "#2563eb", "#059669", "#d97706", "#7c3aed", "#6b7280"]
LAYOUT = {"margin": {"l": 10, "r": 10, "t": 60, "b": 10}, "plot_bgcolor": "white"}


def class_name(name: str, lang: str) -> str:
    """The shipped classes in the reader's language; a teacher's own labels as written."""
    return say(f"adapt.class.{name}", lang) if name in ("positive", "negative") else name


def pool_name(pool: str, lang: str) -> str:
    return say(f"adapt.pool.{pool}", lang)


def probe_bars(result: Probe, lang: str = "en") -> go.Figure:
    """Held-out accuracy of the probe at the last layer, one bar per pooling, with chance as a line."""
    fig = go.Figure(go.Bar(x=[pool_name(p, lang) for p in POOLS], y=[result.accuracy[p] for p in POOLS],
                           marker_color=[POOL_COLORS[p] for p in POOLS],
                           text=[f"{result.accuracy[p]:.0%}" for p in POOLS], textposition="outside"))
    fig.add_hline(y=result.chance, line_dash="dot", annotation_text=say("adapt.chance", lang, value=f"{result.chance:.0%}"))
    return fig.update_layout(title=say("adapt.probe_title", lang, model=result.model), height=340,
                             yaxis={"range": [0, 1.1], "tickformat": ".0%"}, **LAYOUT)


def probe_layers(result: Probe, lang: str = "en") -> go.Figure:
    """Held-out accuracy by layer (0 = the embeddings), one line per pooling."""
    fig = go.Figure()
    layers = list(range(len(result.by_layer)))
    for pool in POOLS:
        fig.add_trace(go.Scatter(x=layers, y=[row[pool] for row in result.by_layer], name=pool_name(pool, lang),
                                 mode="lines+markers", line={"color": POOL_COLORS[pool]}))
    fig.add_hline(y=result.chance, line_dash="dot")
    fig.update_xaxes(dtick=1)
    return fig.update_layout(title=say("adapt.layers_title", lang), xaxis_title=say("adapt.layer", lang), height=320,
                             yaxis={"range": [0, 1.05], "tickformat": ".0%"}, legend={"orientation": "h", "y": -0.25},
                             **LAYOUT)


def probe_points(result: Probe, lang: str = "en") -> go.Figure:
    """The sentences in 2-D (PCA of the last layer's vectors), one panel per pooling, coloured by label."""
    fig = make_subplots(rows=1, cols=3, subplot_titles=[pool_name(p, lang) for p in POOLS])
    for col, pool in enumerate(POOLS, 1):
        xy = result.points[pool]
        for c, name in enumerate(result.classes):
            rows = [i for i, y in enumerate(result.labels) if y == c]
            fig.add_trace(go.Scattergl(x=xy[rows, 0].tolist(), y=xy[rows, 1].tolist(), mode="markers",
                                       name=class_name(name, lang), legendgroup=name, showlegend=col == 1,
                                       marker={"color": CLASS_COLORS[c % len(CLASS_COLORS)], "size": 6, "opacity": 0.7},
                                       text=[html.escape(result.texts[i]) for i in rows], hoverinfo="text"),
                          row=1, col=col)
    fig.update_xaxes(showticklabels=False)
    fig.update_yaxes(showticklabels=False)
    return fig.update_layout(title=say("adapt.points_title", lang), height=330, legend={"orientation": "h", "y": -0.1},
                             **LAYOUT)


def probe_summary(result: Probe, lang: str = "en") -> str:
    """One Markdown line: what the first and last token are, and their scores."""
    return say("adapt.probe_summary", lang, model=_md(result.model), first=_md(piece_label(result.first_token)),
               last=_md(piece_label(result.last_token)), first_acc=f"{result.accuracy['first']:.0%}",
               last_acc=f"{result.accuracy['last']:.0%}", mean_acc=f"{result.accuracy['mean']:.0%}",
               chance=f"{result.chance:.0%}", count=len(result.texts), held=sum(result.held_out))


def tune_loss(result: FineTune, lang: str = "en") -> go.Figure:
    fig = go.Figure(go.Scatter(x=list(range(1, len(result.losses) + 1)), y=result.losses, mode="lines+markers",
                               line={"color": "#4f46e5"}))
    fig.update_xaxes(tickformat="d")
    return fig.update_layout(title=say("adapt.loss_title", lang, model=result.model), height=320,
                             xaxis_title=say("adapt.step", lang), yaxis_title=say("adapt.loss", lang), **LAYOUT)


def tune_bars(result: FineTune, lang: str = "en") -> go.Figure:
    """Held-out accuracy: the untrained head, the frozen features' probe (ELMo-style), the fine-tuned model."""
    names = [say("adapt.before", lang), say("adapt.frozen", lang), say("adapt.after", lang)]
    values = [result.before, result.probe, result.after]
    fig = go.Figure(go.Bar(x=names, y=values, marker_color=["#9ca3af", "#059669", "#4f46e5"],
                           text=[f"{v:.0%}" for v in values], textposition="outside"))
    return fig.update_layout(title=say("adapt.tune_title", lang), height=320, yaxis={"range": [0, 1.1], "tickformat": ".0%"},
                             **LAYOUT)


def tune_summary(result: FineTune, lang: str = "en") -> str:
    key = "adapt.tune_stopped" if result.stopped else "adapt.tune_summary"
    text = say(key, lang, model=_md(result.model), steps=result.steps, batch=result.batch, seconds=f"{result.seconds:.1f}",
               train=result.train_size, test=result.test_size, pool=pool_name(result.pool, lang),
               before=f"{result.before:.0%}", after=f"{result.after:.0%}", probe=f"{result.probe:.0%}")
    if result.waited >= 1:
        text += " " + say("adapt.waited", lang, seconds=f"{result.waited:.0f}")
    return text


def classified(result: Classified, lang: str = "en") -> dict[str, float]:
    """For gr.Label: class name -> probability."""
    return {class_name(c, lang): p for c, p in zip(result.classes, result.probs)}


def next_sentence_view(result: NextSentence, lang: str = "en") -> str:
    """The verdict in Markdown; the user's sentences are escaped and kept out of Markdown's reach."""
    first, second = _md(result.first), _md(result.second)
    if result.method == "causal":
        diff = result.difference
        key = "adapt.causal_helps" if diff > 0 else "adapt.causal_not"
        return say(key, lang, model=_md(result.model), first=first, second=second, diff=f"{diff:+.2f}",
                   with_first=f"{result.logprob_with:.2f}", alone=f"{result.logprob_alone:.2f}",
                   ratio=f"{_ratio(diff)}")
    return say(f"adapt.{result.method}", lang, model=_md(result.model), first=first, second=second,
               prob=f"{result.prob_follows:.1%}")


def sampling_figure(result: Warping, lang: str = "en") -> go.Figure:
    """One panel per step (the model, then each warper in order): the top tokens' probabilities after it,
    with how many tokens are still possible and the share of the model's probability they had."""
    fig = make_subplots(rows=len(result.steps), cols=1, shared_xaxes=True, vertical_spacing=0.06,
                        subplot_titles=[_step_title(s, lang) for s in result.steps])
    labels = [piece_label(c.token) for c in result.candidates]
    for row, step in enumerate(result.steps, 1):
        colors = ["#4f46e5" if p > 0 else "#e5e7eb" for p in step.probs]
        fig.add_trace(go.Bar(x=labels, y=step.probs, marker_color=colors, showlegend=False,
                             text=[f"{p:.0%}" if p >= 0.01 else "" for p in step.probs], textposition="outside",
                             hovertemplate="%{x}: %{y:.2%}<extra></extra>"), row=row, col=1)
        fig.update_yaxes(range=[0, 1.15], tickformat=".0%", row=row, col=1)
    return fig.update_layout(title=say("adapt.sampling_title", lang, model=result.model), height=170 * len(result.steps) + 80,
                             **LAYOUT)


def _step_title(step, lang: str) -> str:
    setting = f"{step.setting:g}"
    return say(f"adapt.step.{step.name}", lang, setting=setting, kept=f"{step.kept:,}", mass=f"{step.mass:.0%}")


def _ratio(nats: float) -> str:
    return f"{2.718281828 ** nats:.3g}"


def _md(text: str) -> str:
    """Text shown as itself inside Markdown: HTML escaped, Markdown's punctuation backslashed."""
    escaped = html.escape(str(text), quote=False)
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|~>" else c for c in escaped)
