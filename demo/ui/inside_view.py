"""The Inside tab's view: one `Inside` result (demo/results.py) -> {output name: value}. Pure: no model, no
event; the tab maps the names to its components (demo/ui/common.render). Names are "<family>_<what>"."""
from __future__ import annotations

from demo import inputs
from demo.results import AttentionSteps, Inside
from demo.viz import attention_steps as steps_view
from demo.viz.attribution import attribution_html
from demo.viz.lens import lens_heatmap

FAMILIES = ("masked", "causal")


def slider(count: int, value) -> dict:
    """A 0-based slider over `count` layers, heads or tokens, its value held in range (demo/inputs.py)."""
    top = max(0, count - 1)
    return {"__type__": "update", "minimum": 0, "maximum": top, "value": inputs.clamp_int(value, 0, top),
            "interactive": top > 0}


def steps_table(steps: AttentionSteps, lang: str) -> dict:
    return {"headers": steps_view.headers(steps, lang), "data": steps_view.steps_rows(steps)}


def inside_view(result: Inside, lang: str = "en", by_word: bool = False) -> dict:
    out = {}
    for family in FAMILIES:
        col = getattr(result, family)
        out.update({
            f"{family}_lens_plot": lens_heatmap(col.lens, lang), f"{family}_lens_state": col.lens,
            f"{family}_attr_html": attribution_html(col.attribution, lang, bool(by_word)),
            f"{family}_attr_state": col.attribution,
            f"{family}_steps_plot": steps_view.steps_figure(col.steps, lang),
            f"{family}_steps_table": steps_table(col.steps, lang),
            f"{family}_layer": slider(col.info.layers, col.steps.layer),
            f"{family}_head": slider(col.info.heads, col.steps.head),
            f"{family}_query": slider(len(col.steps.tokens), col.steps.query),
        })
    return out
