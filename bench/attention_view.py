"""What the Attention tab sends for a 512-token text on a bert-base-shaped model, and how long it
takes to build: the views (one head's heatmap + the grid of one layer's heads) against every
layer's and head's n² weights, and against the same head heatmap with a hover string per cell.

The weights come from one real forward pass of a random-weight model at bert-base's shape
(12 layers × 12 heads), so the figures hold real float32 data. Times are the median of --repeat
runs of build + JSON (what Gradio does before sending). Writes bench/results/attention_view.json.
Run: python -m bench.attention_view [--tokens 512 --repeat 5]
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import plotly.graph_objects as go
import torch

from bench.shapes import bert_base, sentence
from demo.service import InferenceService
from demo.settings import Settings
from demo.viz import heatmaps
from demo.viz.bertviz_frame import bertviz_frame, shown_tokens
from demo.viz.heatmaps import head_heatmap, layer_grid

OUT = Path(__file__).parent / "results" / "attention_view.json"
SCRIPTS = {"jquery": "gradio_api/file=/x/jquery.min.js", "d3": "gradio_api/file=/x/d3.v5.min.js"}


def timed(build, repeat: int) -> tuple[float, int]:
    """Median seconds to build a figure and serialise it, and the JSON's size in bytes."""
    seconds, size = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        size = len(build())
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), size


def per_cell_hover(att, layer: int, head: int) -> go.Figure:
    """The head heatmap as it was drawn before: a "query → key" hover string for every cell."""
    fig = head_heatmap(att, layer, head)
    n = len(fig.data[0].z)
    fig.data[0].text = heatmaps._hover(att.tokens[:n])
    fig.data[0].hovertemplate = "%{text}<br>weight %{z:.3f}<extra></extra>"
    return fig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tokens", type=int, default=512)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(max(1, torch.get_num_threads()))
    service = InferenceService(Settings(device="cpu"), defaults={"masked": bert_base(), "causal": bert_base()})
    service.attention(None, sentence(16), family="masked")  # load the model first: time the pass alone
    started = time.perf_counter()
    att = service.attention(None, sentence(args.tokens), family="masked")
    forward = time.perf_counter() - started
    layers, heads, n = att.weights.shape[:3]
    every_weight = layers * heads * n * n * 4  # float32 bytes, before any JSON overhead

    view_s, view_bytes = timed(lambda: head_heatmap(att, 5, 3).to_json() + layer_grid(att, 5).to_json(), args.repeat)
    hidden_s, hidden_bytes = timed(lambda: head_heatmap(att, 5, 3, hide_special=True).to_json()
                                   + layer_grid(att, 5, hide_special=True).to_json(), args.repeat)
    head_s, head_bytes = timed(lambda: head_heatmap(att, 5, 3).to_json(), args.repeat)
    hover_s, hover_bytes = timed(lambda: per_cell_hover(att, 5, 3).to_json(), args.repeat)
    frame = bertviz_frame(att, SCRIPTS)
    result = {
        "model": "bert-base shape (12 layers x 12 heads), random weights, CPU",
        "threads": torch.get_num_threads(), "tokens": n, "repeat": args.repeat,
        "attention forward s": round(forward, 3),
        "every layer x head weights MB (float32)": round(every_weight / 1e6, 1),
        "view MB (head heatmap + layer grid JSON)": round(view_bytes / 1e6, 2),
        "view / every weight": round(view_bytes / every_weight, 4),
        "view build+json s": round(view_s, 3),
        "view with specials hidden s": round(hidden_s, 3),
        "view with specials hidden MB": round(hidden_bytes / 1e6, 2),
        "head heatmap MB": round(head_bytes / 1e6, 2),
        "head heatmap s": round(head_s, 3),
        "head heatmap with per-cell hover MB": round(hover_bytes / 1e6, 2),
        "head heatmap with per-cell hover s": round(hover_s, 3),
        "per-cell hover / names on the axes (bytes)": round(hover_bytes / head_bytes, 2),
        "per-cell hover / names on the axes (time)": round(hover_s / head_s, 2),
        "bertviz tokens drawn": shown_tokens(layers, heads, n),
        "bertviz frame MB": round(len(frame.html) / 1e6, 2),
        "bertviz notice": frame.notice,
    }
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for key, value in result.items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
