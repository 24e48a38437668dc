"""Placeholder: replaced by the generate tab."""
import gradio as gr


def build_generate_tab(service) -> None:
    gr.Markdown("Coming soon.")
