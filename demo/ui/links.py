"""Links that restore a tab: `?tab=compare&text=...&top_k=3` selects the tab, fills its inputs
and runs it once; a Copy link button on each tab writes such a link for what is on screen.

Each tab calls `share(tab, run_button, key=component, ...)` where its Copy link button should
appear. `restore(app, tabs, notice)` (in build_app, after the tabs) reads the page's query on
load. Query values are only ever matched against what the component accepts (a dropdown's
choices, a slider's range, a length limit): anything else is dropped with a one-line notice that
names the known setting, never the value, so nothing from a link is echoed, run or rendered.
"""
from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass
from typing import Callable

import gradio as gr

from demo.errors import DemoError
from demo.text import say
from demo.ui.i18n import t
from demo.ui.reader import reader_language

# the link's tab names -> the gr.Tab ids
TABS = {"fill": "fill_mask", "next": "generate", "attention": "attention", "compare": "compare",
        "learn": "learn", "inside": "inside", "tune": "tune", "cost": "cost"}
GLOBAL = {"tab", "lang", "present"}  # read by the server (lang: demo/ui/pages.py), the head script or restore
MAX_TEXT = 4000


Check = Callable[[str, dict], object]  # (the query's value, the whole query) -> the value, or ValueError


@dataclass(frozen=True)
class Checked:
    """A field whose query value needs more than its component knows (a number box with no range, a
    list of numbers typed in a text box, a range that depends on the link's model): `check` decides."""
    component: gr.components.Component
    check: Check


def whole(low: int, high: int | Callable[[dict], int]) -> Check:
    """A whole number from low to high; `high(query)` when it depends on the link's other values."""
    def check(raw: str, query: dict) -> int:
        top = high(query) if callable(high) else high
        number = float(raw)
        if not math.isfinite(number) or not number.is_integer() or not low <= number <= top:
            raise ValueError
        return int(number)
    return check


def whole_list(low: int, high: int | Callable[[dict], int], max_items: int) -> Check:
    """Whole numbers from low to high written "8, 16 32" (at most max_items, no repeats kept), as the
    text "8, 16, 32"."""
    one = whole(low, high)

    def check(raw: str, query: dict) -> str:
        items = raw.replace(",", " ").split()
        if not items or len(items) > max_items:
            raise ValueError
        return ", ".join(str(n) for n in sorted({one(item, query) for item in items}))
    return check


def word(max_chars: int) -> Check:
    """One word: no spaces, at most max_chars characters, no control characters."""
    def check(raw: str, query: dict) -> str:
        if len(raw.split()) != 1 or len(raw.strip()) > max_chars or any(unicodedata.category(c) == "Cc" for c in raw):
            raise ValueError
        return raw.strip()
    return check


class _Registry:
    def __init__(self):
        # tab -> (its run button, or a function of the keys a link gives that picks one; its fields)
        self.tabs: dict[str, tuple[object, dict[str, gr.components.Component | Checked]]] = {}
        self.folds: list[gr.Accordion] = []


_active = _Registry()


def share(tab: str, run, **fields) -> gr.Button:
    """A Copy link button for this tab's `fields` (query key -> component, or Checked); `run` is the
    button clicked once when a link to this tab opens (it needs an elem_id), or a function of the set
    of keys the link gives that returns the button to click (or None)."""
    assert tab in TABS and (run is None or callable(run) or run.elem_id), "a link's run button needs an elem_id"
    _active.tabs[tab] = (run, fields)
    components = [_component(field) for field in fields.values()]
    button = gr.Button(t("link.copy"), size="sm", variant="secondary", elem_id=f"{tab}-copy-link",
                       elem_classes="copy-link")
    keys = json.dumps(list(fields))
    # the browser builds the link from the values on screen; lang and present carry over
    button.click(None, components, None, js=f"""(...values) => {{
        const keys = {keys};
        const here = new URLSearchParams(window.location.search);
        const query = new URLSearchParams();
        query.set("tab", {json.dumps(tab)});
        keys.forEach((key, i) => {{
            const v = values[i];
            if (v !== null && v !== undefined && v !== "") query.set(key, typeof v === "boolean" ? (v ? "1" : "0") : String(v));
        }});
        ["lang", "present"].forEach((key) => {{ if (here.has(key)) query.set(key, here.get(key)); }});
        const link = window.location.origin + window.location.pathname + "?" + query.toString();
        history.replaceState(null, "", link);
        if (navigator.clipboard) navigator.clipboard.writeText(link).catch(() => {{}});
        return [];
    }}""")
    return button


def fold(accordion: gr.Accordion) -> gr.Accordion:
    """An accordion that presenter mode (?present=1) closes."""
    _active.folds.append(accordion)
    return accordion


def _component(field) -> gr.components.Component:
    return field.component if isinstance(field, Checked) else field


def accept(component, raw: str, query: dict | None = None):
    """The component's value for a query string (`query`: the link's other values), or raise ValueError."""
    if isinstance(component, Checked):
        return component.check(raw, query or {})
    if isinstance(component, (gr.Dropdown, gr.Radio)):
        allowed = [c[1] if isinstance(c, (tuple, list)) else c for c in component.choices]
        if raw not in allowed:
            raise ValueError
        return raw
    if isinstance(component, gr.Checkbox):
        if raw.lower() not in {"1", "0", "true", "false"}:
            raise ValueError
        return raw.lower() in {"1", "true"}
    if isinstance(component, (gr.Slider, gr.Number)):
        number = float(raw)
        low, high = getattr(component, "minimum", None), getattr(component, "maximum", None)
        if not math.isfinite(number) or (low is not None and number < low) or (high is not None and number > high):
            raise ValueError
        whole = getattr(component, "step", 1) == 1 or getattr(component, "precision", None) == 0
        if whole and not number.is_integer():
            raise ValueError
        return int(number) if whole else number
    # text: a length limit and no control characters; it lands in a textbox as plain text
    if len(raw) > MAX_TEXT or any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in raw):
        raise ValueError
    return raw


def restore(app: gr.Blocks, tabs: gr.Tabs, notice: gr.Markdown, lang: str | None = None) -> None:
    """The page's load event reads its link; `lang`: the page's language (its notice's), else the request's."""
    registry, fields = _active, [(tab, key, field) for tab, (_, f) in _active.tabs.items() for key, field in f.items()]
    run_button = gr.Textbox(visible=False, elem_id="link-run")  # a State would not reach the browser's js

    def on_load(request: gr.Request):
        query = dict(request.query_params) if request is not None else {}
        page_lang = lang or reader_language(request)
        tab = query.get("tab")
        bad = [key for key in ("tab",) if tab is not None and tab not in TABS]
        known_here = set(registry.tabs.get(tab, (None, {}))[1]) if tab in TABS else set()
        unknown = [key for key in query if key not in GLOBAL and key not in known_here]
        values = []
        for field_tab, key, field in fields:
            if field_tab != tab or key not in query:
                values.append(gr.skip())
                continue
            try:
                values.append(accept(field, query[key], query))
            except (ValueError, TypeError, DemoError):  # DemoError: a check that asked the service
                bad.append(key)
                values.append(gr.skip())
        if query.get("present") not in (None, "0", "1"):
            bad.append("present")
        message = ""
        if bad or unknown:
            message = say("link.ignored", page_lang, count=len(bad) + len(unknown),
                          names=", ".join(sorted(set(bad))) or "-")
        # run once only when the link says what to run on: its text, or for a tab without one at least
        # one of its settings (a link to an empty tab just opens it)
        usable = {key for key in known_here if key in query and key not in bad}
        given = "text" in usable if "text" in known_here else bool(usable)
        run = registry.tabs.get(tab, (None, {}))[0] if tab in TABS and "tab" not in bad and given else None
        if callable(run):
            run = run(usable)
        folded = [gr.update(open=False) if query.get("present") == "1" else gr.skip() for _ in registry.folds]
        selected = gr.Tabs(selected=TABS[tab]) if tab in TABS else gr.skip()
        return (selected, gr.update(value=f"ℹ️ {message}" if message else "", visible=bool(message)),
                run.elem_id if run is not None else "", *values, *folded)

    outputs = [tabs, notice, run_button, *(_component(field) for _, _, field in fields), *registry.folds]
    app.load(on_load, None, outputs, api_visibility="private", queue=False).then(
        None, run_button, None, js="""(id) => {
            if (!id) return;
            const button = document.getElementById(id);  // one of the app's own run buttons
            if (button) setTimeout(() => button.click(), 50);
        }""")


def collect() -> None:
    """Start a fresh registry for the app being built."""
    global _active
    _active = _Registry()
