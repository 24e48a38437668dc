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
import logging
import math
import re
from dataclasses import dataclass

import numpy as np

from demo.results import Attention
from demo.text import say
from demo.viz.heatmaps import MAX_TOKENS as HEATMAP_TOKENS
from demo.viz.pieces import readable
from demo.viz.static_js import bertviz_template

log = logging.getLogger(__name__)

MAX_TOKENS = 64  # bertviz draws every weight as an SVG element: beyond this the page crawls
MAX_WEIGHTS = 300_000  # layers x heads x T x T sent to the browser (about 2 MB of JSON)
DECIMALS = 3  # a 0.001 difference is invisible in a line's opacity
MAX_HEIGHT = 900  # px; the frame scrolls beyond this

# bertviz's templates start with require.config({paths: {...cdnjs...}}) and wrap their code in
# requirejs(['jquery', 'd3'], fn). We load both libraries with plain <script> tags and answer
# those two calls with a shim; the config block (CDN URLs) is removed so none remain. Each edit
# checks that the text it edits is there (TemplateChanged): a bertviz that changed its templates
# would otherwise draw nothing, or fetch its libraries from a CDN, with no error anywhere.
_REQUIRE_CONFIG = re.compile(r"require\.config\(\{.*?\}\);", re.DOTALL)
_REQUIRE_CALL = re.compile(r"requirejs\(\s*\[\s*'jquery'\s*,\s*'d3'\s*\]")  # the order the shim answers in
_PARAMS = "PYTHON_PARAMS"
_REQUIRE_SHIM = """
window.requirejs = window.require = function (deps, ready) { ready(window.jQuery, window.d3); };
window.require.config = function () {};
"""
# bertviz's model view is an SVG 970 px wide beside the 380 px head view: wider than the frame on a
# laptop, so its right-hand heads were cut off. Given a viewBox, it scales down to the room it has
# (and back when it is redrawn: a new SVG, or a new height when a head is opened).
_FIT_MODEL_VIEW = """
(function () {
  var root = document.getElementById('bertviz-model');
  function fit() {
    var svg = root.querySelector('svg'), w = svg && svg.getAttribute('width'), h = svg && svg.getAttribute('height');
    if (!w || !h || isNaN(+w) || isNaN(+h)) return;
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    svg.style.width = '100%'; svg.style.maxWidth = w + 'px'; svg.style.height = 'auto';
  }
  fit();
  new MutationObserver(fit).observe(root, {childList: true, subtree: true, attributes: true,
                                           attributeFilter: ['width', 'height']});
})();
"""


class TemplateChanged(RuntimeError):
    """bertviz's view template no longer holds the text this module edits (a new bertviz version)."""


@dataclass(frozen=True)
class Frame:
    html: str  # the <iframe> element, ready for gr.HTML
    notice: str  # plain text: what was left out to keep the view responsive ("" if nothing)


def shown_tokens(layers: int, heads: int, tokens: int) -> int:
    """How many leading tokens the views can draw within the weight budget."""
    by_budget = math.isqrt(MAX_WEIGHTS // max(1, layers * heads))
    return max(1, min(tokens, MAX_TOKENS, by_budget))


def script_json(value) -> str:
    """JSON safe to place inside <script>: no '<' at all, so no '</script>' or '<!--' can appear
    (json.dumps leaves '</' as is); ensure_ascii also escapes U+2028/2029."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _fill(template: str, params_js: str, view: str) -> str:
    """bertviz's view code with our parameters in, its CDN configuration out; TemplateChanged
    (naming what is missing) when the template is not the one these edits were written for."""
    code, configs = _REQUIRE_CONFIG.subn("", template, count=1)
    missing = [what for what, there in (("require.config({...});", configs == 1),
                                        ("requirejs(['jquery', 'd3'], ...)", bool(_REQUIRE_CALL.search(code))),
                                        (_PARAMS, _PARAMS in code)) if not there]
    if missing or "cdnjs" in code:
        raise TemplateChanged(f"bertviz's {view}.js is not the template demo/viz/bertviz_frame.py edits (missing: "
                              f"{', '.join(missing) or 'none'}; CDN left: {'cdnjs' in code}); install the bertviz "
                              f"version pyproject.toml names, or update the edits")
    # only the first marker: bertviz's own str.replace also pastes the data into a comment
    return code.replace(_PARAMS, params_js, 1)


def cap_notice(att: Attention, lang: str = "en") -> str:
    """Plain text naming the cap, or "" when every token is drawn."""
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

    head_js = _fill(bertviz_template("head_view") or "", params(head_params), "head_view")
    model_js = _fill(bertviz_template("model_view") or "", params(model_params), "model_view")
    tags = "".join(f'<script src="{html.escape(url, quote=True)}"></script>' for url in scripts.values())
    doc = f"""<!doctype html><html><head><meta charset="utf-8">
<style>
body {{ margin: 8px; font-family: 'Helvetica Neue', Helvetica, Arial, sans-serif; background: #fff; color: #111; }}
.views {{ display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }}
.head {{ flex: 0 0 380px; }} .model {{ flex: 1 1 480px; min-width: 0; }}
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
<script>{_FIT_MODEL_VIEW}</script>
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
    try:
        doc, notice = document(att, scripts, lang)
    except TemplateChanged:  # the heatmaps carry on; the log and tests/test_viz_attention.py say why
        log.exception("bertviz's views are left out")
        return Frame("", say("bertviz.unavailable", lang))
    layers, heads, total = att.weights.shape[:3]
    height = _height(layers, heads, shown_tokens(layers, heads, total))
    label = html.escape(say("bertviz.frame_title", lang, model=att.model), quote=True)
    frame = (f'<iframe class="bertviz-frame" sandbox="allow-scripts" title="{label}" '
             f'style="width:100%;height:{height}px;border:1px solid #ddd;border-radius:8px;background:#fff" '
             f'srcdoc="{html.escape(doc, quote=True)}"></iframe>')
    return Frame(frame, notice)
