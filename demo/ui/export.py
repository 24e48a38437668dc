"""Download buttons: each tab's last result as JSON, and the attention tab's bertviz views as one
offline HTML file. Charts download as PNG from Plotly's own toolbar (the camera icon)."""
from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path

import gradio as gr

from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz.export import bertviz_html, result_json

_FOLDER = Path(tempfile.mkdtemp(prefix="bert-vs-gpt-export-"))
KEPT_S = 600  # Gradio copies a file into its own cache when it is sent: ours can go soon after


def _write(name: str, text: str) -> str:
    forget_older_than(KEPT_S)
    folder = Path(tempfile.mkdtemp(dir=_FOLDER))  # one folder per download: names never collide
    path = folder / re.sub(r"[^\w.-]+", "-", name)
    path.write_text(text, encoding="utf-8")
    return str(path)


def forget_older_than(seconds: float) -> None:
    """Remove the downloads written more than `seconds` ago (one folder each)."""
    too_old = time.time() - seconds
    for folder in _FOLDER.iterdir():
        if folder.stat().st_mtime < too_old:
            shutil.rmtree(folder, ignore_errors=True)


def json_download(event, state, name: str, elem_id: str) -> gr.DownloadButton:
    """A button that offers the result in `state` (or a list of them, e.g. [masked, causal]) as
    <name>.json after each successful run."""
    button = gr.DownloadButton(t("export.json"), size="sm", elem_id=elem_id, interactive=False)

    states = state if isinstance(state, list) else [state]

    def offer(*results):
        if any(r is None for r in results):
            return gr.update(interactive=False)
        found = results[0] if len(results) == 1 else list(results)
        return gr.update(value=_write(f"{name}.json", result_json(found)), interactive=True)

    event.success(offer, states, button, api_visibility="private", queue=False)
    return button


def bertviz_download(event, masked: gr.State, causal: gr.State, elem_id: str) -> gr.DownloadButton:
    button = gr.DownloadButton(t("export.bertviz"), size="sm", elem_id=elem_id, interactive=False)

    def offer(masked_view, causal_view, request: gr.Request = None):  # the page in its reader's language
        page = bertviz_html([v for v in (masked_view, causal_view) if v is not None], reader_language(request))
        if page is None:
            return gr.update(interactive=False)
        return gr.update(value=_write("attention-bertviz.html", page), interactive=True)

    event.success(offer, [masked, causal], button, api_visibility="private", queue=False)
    return button
