"""Results as files to hand out: any result dataclass as JSON, and the bertviz views as one HTML
file that works offline (jQuery and d3 read from the installed packages and inlined at download
time; nothing third-party is committed to the repository)."""
from __future__ import annotations

import dataclasses
import html
import json

import numpy as np

from demo.results import Attention
from demo.text import say
from demo.viz import static_js
from demo.viz.bertviz_frame import document


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def result_json(result) -> str:
    """dataclasses.asdict (of each, for a list), with numpy arrays as nested lists."""
    value = [dataclasses.asdict(r) for r in result] if isinstance(result, list) else dataclasses.asdict(result)
    return json.dumps(value, default=_plain, ensure_ascii=False, indent=1)


def _inline(path) -> str:
    # a script body may not contain "</script": written as "<\/script" it means the same in JS
    return "<script>" + path.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>"


def bertviz_html(views: list[Attention], lang: str = "en") -> str | None:
    """One page, one sandboxed frame per model, every script inside; None if the scripts or
    bertviz's templates are not installed."""
    found = static_js.scripts()
    if found is None or not static_js.bertviz_template("head_view") or not static_js.bertviz_template("model_view"):
        return None
    frames = []
    for att in views:
        marks = {name: f"INLINE-{name}" for name in found}
        doc, notice = document(att, marks, lang)
        for name, path in found.items():
            doc = doc.replace(f'<script src="{marks[name]}"></script>', _inline(path), 1)
        note = f"<p>{html.escape(notice)}</p>" if notice else ""
        frames.append(f"<h2>{html.escape(att.model)}</h2>{note}<iframe sandbox=\"allow-scripts\" "
                      f"style=\"width:100%;height:900px;border:1px solid #ddd\" srcdoc=\"{html.escape(doc, quote=True)}\">"
                      f"</iframe>")
    title = html.escape(say("bertviz.page_title", lang))
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body style=\"font-family:sans-serif\">{''.join(frames)}</body></html>")
