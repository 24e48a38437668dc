"""The app's text handed to Gradio's own i18n: the browser picks the reader's language."""
from __future__ import annotations

import gradio as gr

from demo.text import LANGUAGES

# "zh-CN" and "zh-TW" browsers both fall back to "zh" (Simplified Chinese is all we have)
I18N = gr.I18n(**LANGUAGES)


def t(key: str):
    """A label, button or Markdown value in the reader's language."""
    return I18N(key)

