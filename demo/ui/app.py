"""Assemble the tabs into one Blocks app, and the options to launch it with."""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from demo.ui.attention_tab import build_attention_tab
from demo.ui.compare_tab import build_compare_tab
from demo.ui.fill_mask_tab import build_fill_mask_tab
from demo.ui.generate_tab import build_generate_tab
from demo.ui.learn_tab import build_learn_tab

ASSETS = Path(__file__).resolve().parents[2] / "assets"
QUEUE_SIZE = 64  # a classroom of 40 fits; beyond it users get Gradio's "queue is full" message at once

INTRO = """# BERT vs GPT
**BERT** reads the whole sentence at once (a bidirectional encoder trained to fill in masked words).
**GPT** reads left to right (a decoder trained to predict the next word). Try both on the same text."""


def build_app(service) -> gr.Blocks:
    with gr.Blocks(title="BERT vs GPT, side by side") as app:
        gr.Markdown(INTRO)
        notice = service.notice if service.default("masked") else ""  # default() finds the notice
        if notice:
            gr.Markdown(f"ℹ️ {notice}", elem_id="offline-notice")
        with gr.Tabs():
            with gr.Tab("Fill the blank (BERT)", id="fill_mask"):
                build_fill_mask_tab(service)
            with gr.Tab("Next word (GPT)", id="generate"):
                build_generate_tab(service)
            with gr.Tab("Attention", id="attention"):
                build_attention_tab(service)
            with gr.Tab("BERT vs GPT", id="compare"):
                build_compare_tab(service)
            with gr.Tab("How they differ", id="learn"):
                build_learn_tab(service)
    app.queue(max_size=QUEUE_SIZE, default_concurrency_limit=service.settings.max_batch)
    return app


def launch_options() -> dict:
    theme = gr.themes.Soft(primary_hue="indigo", secondary_hue="amber", text_size="lg")
    return {"theme": theme, "css_paths": [ASSETS / "style.css"]}
