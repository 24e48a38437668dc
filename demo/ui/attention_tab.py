"""Placeholder: replaced by the attention tab."""
import gradio as gr


def build_attention_tab(service) -> None:
    gr.Markdown("Coming soon.")
