"""Cost & compression views: pure functions from results.Cost / results.Compressed to Plotly figures,
Markdown sentences and escaped HTML (no torch, no gradio). Text comes from demo/text in `lang`."""
from __future__ import annotations

import html
import re

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from demo.results import Compressed, Cost
from demo.text import in_language, say
from demo.viz.heatmaps import plotly_text

PARTS = {"projections": "#818cf8", "feed_forward": "#4f46e5", "scores": "#f59e0b", "weighted_sum": "#d97706"}
MODEL_COLORS = ["#4f46e5", "#d97706", "#059669", "#db2777"]
LAYOUT = {"plot_bgcolor": "white", "height": 380, "margin": {"l": 10, "r": 10, "t": 60, "b": 40},
          "legend": {"orientation": "h", "y": -0.22}, "font": {"size": 13}}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _mb(nbytes: float) -> str:
    """Bytes as MB, or kB below one MB (the tiny models' activations)."""
    return f"{nbytes / 1e6:,.1f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:,.1f} kB"


def latency_figure(cost: Cost, lang: str = "en") -> go.Figure:
    """Measured batch-1 latency against length, the quadratic fit, and the fit's n² term alone."""
    ones = cost.at_batch(1)
    a, b, c = cost.fit
    n = np.linspace(min(p.length for p in ones), cost.max_positions, 120)
    fitted = (a + b * n + c * n * n) * 1000
    traces = [
        go.Scatter(x=[p.length for p in ones], y=[p.seconds * 1000 for p in ones], mode="markers",
                   name=say("cost.measured", lang), marker={"size": 10, "color": "#4f46e5"},
                   hovertemplate=say("cost.hover_latency", lang) + "<extra></extra>"),
        # no time is below zero: a fit that dips there is clipped, and the note below says so
        go.Scatter(x=n, y=np.maximum(fitted, 0.0), mode="lines", name=say("cost.fit", lang),
                   line={"color": "#6b7280"}),
        # a negative n² term is noise over a short range of lengths, not attention getting cheaper: held at 0
        go.Scatter(x=n, y=np.maximum(c * n * n * 1000, 0.0), mode="lines", name=say("cost.fit_n2", lang),
                   line={"color": "#d97706", "dash": "dash"}),
    ]
    fig = go.Figure(traces)
    notes = ([say("cost.fit_no_n2", lang)] if c <= 0 else []) + ([say("cost.fit_clipped", lang)]
                                                                  if fitted.min() < 0 else [])
    if notes:
        fig.add_annotation(text="<br>".join(plotly_text(x) for x in notes), showarrow=False, xref="paper",
                           yref="paper", x=0, y=1, xanchor="left", yanchor="top", align="left",
                           font={"size": 11, "color": "#92400e"}, bgcolor="rgba(255,255,255,0.8)")
    fig.update_layout(title=say("cost.latency_title", lang, model=plotly_text(cost.model)), xaxis_title=say("cost.length_axis", lang),
                      yaxis_title=say("cost.ms_axis", lang), **LAYOUT)
    return fig.update_yaxes(gridcolor="#e5e7eb", rangemode="tozero")


def split_figure(cost: Cost, lang: str = "en") -> go.Figure:
    """Each part's share of one layer's FLOPs against length (log axis), with the model's limit and
    the length from which the n² parts outweigh the n parts."""
    top = max(2 * cost.crossover, cost.max_positions) * 1.1
    n = np.geomspace(8, top, 160)
    parts = cost.flops(n)
    total = sum(parts.values())
    fig = go.Figure([go.Scatter(x=n, y=parts[name] / total * 100, name=say(f"cost.part.{name}", lang),
                                stackgroup="flops", line={"color": color, "width": 0.5},
                                hovertemplate=say("cost.hover_share", lang) + "<extra></extra>")
                     for name, color in PARTS.items()])
    for x, key, y, side in [(cost.max_positions, "cost.limit", 0.08, "right"),
                            (cost.crossover, "cost.crossover_mark", 0.92, "left")]:
        fig.add_vline(x=x, line={"color": "#111827", "dash": "dot"})
        # on a log axis an annotation's x is log10 of the value (a shape's is the value itself)
        fig.add_annotation(x=np.log10(x), y=y, yref="paper", text=html.escape(say(key, lang, n=f"{x:,.0f}")),
                           showarrow=False, xanchor=side, bgcolor="white", xshift=4 if side == "left" else -4)
    fig.update_layout(title=say("cost.split_title", lang, model=plotly_text(cost.model)), xaxis_title=say("cost.length_axis", lang),
                      yaxis_title=say("cost.share_axis", lang), **LAYOUT)
    fig.update_xaxes(type="log")
    return fig.update_yaxes(range=[0, 100], ticksuffix="%")


def memory_figure(cost: Cost, lang: str = "en") -> go.Figure:
    """Peak memory against length (batch 1) and against batch at each length measured with batches."""
    fig = make_subplots(1, 2, subplot_titles=[say("cost.memory_length", lang), say("cost.memory_batch", lang)])
    ones = cost.at_batch(1)
    fig.add_trace(go.Scatter(x=[p.length for p in ones], y=[p.peak_bytes / 1e6 for p in ones], mode="lines+markers",
                             name=say("cost.at_batch_one", lang), line={"color": "#4f46e5"}), 1, 1)
    batched = sorted({p.length for p in cost.points if p.batch > 1})
    for i, length in enumerate(batched):
        row = cost.at_length(length)
        fig.add_trace(go.Scatter(x=[p.batch for p in row], y=[p.peak_bytes / 1e6 for p in row], mode="lines+markers",
                                 name=say("cost.at_length", lang, n=length),
                                 line={"color": ["#d97706", "#059669"][i % 2]}), 1, 2)
    fig.update_layout(title=say("cost.memory_title", lang, model=plotly_text(cost.model)), **{**LAYOUT, "margin": {
        "l": 10, "r": 10, "t": 100, "b": 40}})
    fig.update_xaxes(title_text=say("cost.length_axis", lang), row=1, col=1)
    fig.update_xaxes(title_text=say("cost.batch_axis", lang), row=1, col=2)
    return fig.update_yaxes(title_text="MB", gridcolor="#e5e7eb", rangemode="tozero")


def cost_summary(cost: Cost, lang: str = "en") -> str:
    """The measurement in words: latency, the analytic split and where attention's n² part dominates."""
    ones = cost.at_batch(1)
    short, long = ones[0], ones[-1]
    a, b, c = cost.fit
    cross = cost.crossover
    text = [say("cost.summary", lang, model=_literal(cost.model), device=_literal(cost.device), dtype=cost.dtype,
                short=short.length,
                short_ms=_ms(short.seconds), long=long.length, long_ms=_ms(long.seconds),
                a=f"{a * 1e3:.3g}", b=f"{b * 1e6:.3g}", c=f"{c * 1e9:.3g}", d=cost.hidden, f=cost.intermediate,
                linear=f"{8 * cost.hidden ** 2 + 4 * cost.hidden * cost.intermediate:,}", quad=f"{4 * cost.hidden:,}",
                cross=f"{cross:,.0f}", limit=cost.max_positions,
                share=f"{cost.attention_share(cost.max_positions):.0%}", seconds=f"{cost.seconds:.1f}"),
            say("cost.beyond" if cross > cost.max_positions else "cost.within", lang, limit=cost.max_positions)]
    fit = cost.fit_crossover
    text.append(say("cost.fit_says", lang, n=f"{fit:,.0f}") if fit else say("cost.fit_silent", lang))
    batched = [p for p in cost.points if p.batch > 1]
    biggest = max(batched, key=lambda p: (p.length, p.batch)) if batched else None
    if biggest:
        one = next(p for p in ones if p.length == biggest.length)
        text.append(say("cost.memory_says", lang, m1=_mb(short.peak_bytes), short=short.length, m2=_mb(long.peak_bytes),
                        long=long.length, n=biggest.length, b1=_mb(one.peak_bytes), b2=_mb(biggest.peak_bytes),
                        batch=biggest.batch))
    text.append(say("cost.memory_how", lang, how=in_language(cost.memory_measure, lang)))
    if cost.skipped:
        text.append(say("cost.skipped", lang, points="; ".join(in_language(s, lang) for s in cost.skipped)))
    return "\n\n".join(text).replace("+ -", "− ")


def _literal(text: str) -> str:
    """A name shown as itself inside Markdown: a local folder's "_" or "*" must not start emphasis,
    "<" must not start a tag."""
    return re.sub(r"([\\`*_\[\]~])", r"\\\1", html.escape(text))  # inline marks only: "-" stays "-"


def variant_card(result: Compressed, lang: str = "en") -> str:
    """One variant against its full model as a small table (escaped HTML)."""
    def pct(x: float) -> str:
        return f"{x:.0%}"
    better = "≥" if result.quality_name == "top-5 accuracy" else "≤"
    q = (pct if result.quality_name == "top-5 accuracy" else (lambda x: f"{x:,.1f}"))
    amount = f" {result.amount:.0%}" if result.amount is not None else ""
    rows = [
        (say("cost.card.size", lang), f"{_mb(result.bytes)} / {_mb(result.full_bytes)} ({pct(result.size_ratio)})"),
        (say("cost.card.parameters", lang), f"{result.parameters:,} / {result.full_parameters:,}"),
        (say("cost.card.speed", lang), f"{result.seconds_ratio:.2f}×"),
        (say("cost.card.fidelity", lang), pct(result.fidelity)),
        (say(f"cost.card.{'accuracy' if better == '≥' else 'perplexity'}", lang),
         f"{q(result.quality)} ({say('cost.card.full', lang)}: {q(result.full_quality)})"),
    ]
    if result.method == "prune":
        rows.append((say("cost.card.zeros", lang), pct(result.zeros)))
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return (f'<div class="cost-card"><div class="cost-card-head"><b>{html.escape(result.model)}</b>: '
            f'{html.escape(result.method + amount)}</div><table>{body}</table>'
            f'<div class="cost-card-note">{html.escape(in_language(result.note, lang))}</div></div>')


def variants_figure(results: list[Compressed], lang: str = "en") -> go.Figure:
    """Fidelity against size for every variant measured so far, one colour per model."""
    fig = go.Figure()
    models = list(dict.fromkeys(r.model for r in results))
    for i, model in enumerate(models):
        mine = [r for r in results if r.model == model]
        labels = [r.method + (f" {r.amount:.0%}" if r.amount is not None else "") for r in mine]
        fig.add_trace(go.Scatter(x=[r.size_ratio * 100 for r in mine], y=[r.fidelity * 100 for r in mine],
                                 mode="markers+text", text=labels, name=plotly_text(model),
                                 textposition="top center" if i % 2 == 0 else "bottom center",  # labels apart
                                 marker={"size": 12, "color": MODEL_COLORS[i % len(MODEL_COLORS)]},
                                 hovertemplate=say("cost.hover_variant", lang) + "<extra></extra>"))
    if not results:
        fig.add_annotation(text=say("cost.no_variants", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_layout(title=say("cost.variants_title", lang), xaxis_title=say("cost.size_axis", lang),
                      yaxis_title=say("cost.fidelity_axis", lang), **{**LAYOUT, "height": 420})
    fig.update_xaxes(range=[0, 110], ticksuffix="%", gridcolor="#e5e7eb")
    return fig.update_yaxes(range=[-5, 108], ticksuffix="%", gridcolor="#e5e7eb")


def cost_view(cost: Cost, lang: str = "en") -> dict:
    """One model's column of the Cost tab: its summary, latency, split and memory."""
    return {"summary": cost_summary(cost, lang), "latency": latency_figure(cost, lang),
            "split": split_figure(cost, lang), "memory": memory_figure(cost, lang)}


def compress_view(result: Compressed, every: list[Compressed], lang: str = "en") -> dict:
    """The compression lab after a run: this copy's card, and every copy measured so far on one chart."""
    return {"card": variant_card(result, lang), "chart": variants_figure(every, lang)}
