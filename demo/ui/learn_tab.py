"""Placeholder: replaced by the learn tab."""
import gradio as gr


def build_learn_tab(service) -> None:
    gr.Markdown("Coming soon.")
