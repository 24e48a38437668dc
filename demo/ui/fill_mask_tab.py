"""Placeholder: replaced by the fill_mask tab."""
import gradio as gr


def build_fill_mask_tab(service) -> None:
    gr.Markdown("Coming soon.")
