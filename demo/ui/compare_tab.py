"""Placeholder: replaced by the compare tab."""
import gradio as gr


def build_compare_tab(service) -> None:
    gr.Markdown("Coming soon.")
