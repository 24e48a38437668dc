"""bertviz's head view and model view as one self-contained, sandboxed <iframe srcdoc>.

Gradio's gr.HTML does not run <script>; a document in an iframe's srcdoc does. The iframe is
sandboxed with scripts only (no allow-same-origin), so its code cannot reach the app's page,
cookies or storage. bertviz's view templates (its own JS) draw the views; we fill in their
parameters ourselves instead of calling bertviz.head_view(), which needs torch tensors, writes
full-precision floats (JSON 10x larger) and points at cdnjs. The scripts it needs come from
installed packages (see static_js) through URLs the caller supplies.
"""
from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import numpy as np

from demo.results import Attention
from demo.text import say
from demo.viz.static_js import bertviz_template

MAX_TOKENS = 64  # bertviz draws every weight as an SVG element: beyond this the page crawls
MAX_WEIGHTS = 300_000  # layers x heads x T x T sent to the browser (about 2 MB of JSON)
DECIMALS = 3  # a 0.001 difference is invisible in a line's opacity
MAX_HEIGHT = 900  # px; the frame scrolls beyond this

# bertviz's templates start with require.config({paths: {...cdnjs...}}) and wrap their code in
# requirejs(['jquery', 'd3'], fn). We load both libraries with plain <script> tags and answer
# those two calls with a shim; the config block (CDN URLs) is removed so none remain.
_REQUIRE_CONFIG = re.compile(r"require\.config\(\{.*?\}\);", re.DOTALL)
_REQUIRE_SHIM = """
window.requirejs = window.require = function (deps, ready) { ready(window.jQuery, window.d3); };
window.require.config = function () {};
"""


@dataclass(frozen=True)
class Frame:
    html: str  # the <iframe> element, ready for gr.HTML
    notice: str  # plain text: what was left out to keep the view responsive ("" if nothing)


def shown_tokens(layers: int, heads: int, tokens: int) -> int:
    """How many leading tokens the views can draw within the weight budget."""
    by_budget = math.isqrt(MAX_WEIGHTS // max(1, layers * heads))
    return max(1, min(tokens, MAX_TOKENS, by_budget))


def readable(token: str) -> str:
    """The piece as a person reads it: byte-level BPE's Ġ and SentencePiece's ▁ mark a space."""
    return token.replace("Ġ", " ").replace("▁", " ").replace("Ċ", "\\n")


def script_json(value) -> str:
    """JSON safe to place inside <script>: no '<' at all, so no '</script>' or '<!--' can appear
    (json.dumps leaves '</' as is); ensure_ascii also escapes U+2028/2029."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _fill(template: str, params_js: str) -> str:
    code = _REQUIRE_CONFIG.sub("", template, count=1)
    # only the first marker: bertviz's own str.replace also pastes the data into a comment
    return code.replace("PYTHON_PARAMS", params_js, 1)


def cap_notice(att: Attention, lang: str = "en") -> str:
    """Plain text naming the cap, or "" when every token is drawn."""
    from demo.viz.heatmaps import MAX_TOKENS as HEATMAP_TOKENS  # heatmaps import this module

    layers, heads, total = att.weights.shape[:3]
    n = shown_tokens(layers, heads, total)
    if n == total:
        return ""
    return say("attention.bertviz_cap", lang, shown=n, total=total, cap=shown_tokens(layers, heads, 10**6),
               layers=layers, heads=heads, heatmap=HEATMAP_TOKENS)


def document(att: Attention, scripts: dict[str, str], lang: str = "en") -> tuple[str, str]:
    """The srcdoc document (head view beside model view) and the notice; scripts maps
    "jquery" and "d3" to the URLs to load them from, in that order."""
    layers, heads, total = att.weights.shape[:3]
    n = shown_tokens(layers, heads, total)
    notice = cap_notice(att, lang)
    weights = np.round(att.weights[:, :, :n, :n].astype(np.float64), DECIMALS)
    tokens = [readable(t) for t in att.tokens[:n]]
    shared = [{"name": None, "attn": weights.tolist(), "left_text": tokens, "right_text": tokens}]
    head_params = {"default_filter": "0", "root_div_id": "bertviz-head", "layer": None, "heads": None,
                   "include_layers": list(range(layers))}
    model_params = {"default_filter": "0", "display_mode": "light", "root_div_id": "bertviz-model",
                    "include_layers": list(range(layers)), "include_heads": list(range(heads)),
                    "total_heads": heads}

    def params(extra: dict) -> str:
        return f"Object.assign({{attention: BERTVIZ_ATTENTION}}, {script_json(extra)})"

    head_js = _fill(bertviz_template("head_view") or "", params(head_params))
    model_js = _fill(bertviz_template("model_view") or "", params(model_params))
    tags = "".join(f'<script src="{html.escape(url, quote=True)}"></script>' for url in scripts.values())
    doc = f"""<!doctype html><html><head><meta charset="utf-8">
<style>
body {{ margin: 8px; font-family: 'Helvetica Neue', Helvetica, Arial, sans-serif; background: #fff; color: #111; }}
.views {{ display: flex; gap: 24px; align-items: flex-start; }}
.head {{ flex: 0 0 380px; }} .model {{ flex: 1 1 auto; }}
h4 {{ margin: 4px 0 8px; font-weight: 600; }}
</style>
{tags}
<script>{_REQUIRE_SHIM}</script>
</head><body>
<div class="views">
  <div class="head"><h4>{html.escape(say("bertviz.head_view", lang, model=att.model))}</h4>
    <div id="bertviz-head"><span style="user-select:none">{html.escape(say("bertviz.layer", lang))} <select id="layer"></select></span><div id="vis"></div></div>
  </div>
  <div class="model"><h4>{html.escape(say("bertviz.model_view", lang, model=att.model))}</h4>
    <div id="bertviz-model"><span></span><div id="vis"></div></div>
  </div>
</div>
<script>var BERTVIZ_ATTENTION = {script_json(shared)};</script>
<script>{head_js}</script>
<script>{model_js}</script>
</body></html>"""
    return doc, notice


def _height(layers: int, heads: int, n: int) -> int:
    """About the taller of the two views (bertviz's own layout constants), capped."""
    head = n * 22.5 + 30 + 80
    model = layers * (n * 7 * 12 / max(1, heads) + 10) + 80
    return int(min(MAX_HEIGHT, max(head, model, 200)))


def bertviz_frame(att: Attention, scripts: dict[str, str] | None, lang: str = "en") -> Frame:
    """The iframe for one model's attention; an empty frame with a notice when the views
    cannot run offline (scripts or bertviz missing), so the native heatmaps carry on alone."""
    if not scripts or not bertviz_template("head_view") or not bertviz_template("model_view"):
        return Frame("", say("bertviz.unavailable", lang))
    doc, notice = document(att, scripts, lang)
    layers, heads, total = att.weights.shape[:3]
    height = _height(layers, heads, shown_tokens(layers, heads, total))
    label = html.escape(say("bertviz.frame_title", lang, model=att.model), quote=True)
    frame = (f'<iframe class="bertviz-frame" sandbox="allow-scripts" title="{label}" '
             f'style="width:100%;height:{height}px;border:1px solid #ddd;border-radius:8px;background:#fff" '
             f'srcdoc="{html.escape(doc, quote=True)}"></iframe>')
    return Frame(frame, notice)
