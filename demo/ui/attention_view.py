"""The Attention tab's view: one `AttentionPair` (demo/results.py) -> {output name: value}. Pure: no model and
no event; the tab maps the names to its components (demo/ui/common.render)."""
from __future__ import annotations

from dataclasses import replace

from demo import inputs
from demo.results import Attention, AttentionPair
from demo.viz.bertviz_frame import bertviz_frame
from demo.viz.heatmaps import MAX_TOKENS, head_heatmap, layer_grid

FAMILIES = ("masked", "causal")


def slider(count: int, value, sent: int | None = None):
    """A layer or head slider's new setting for `count` layers or heads: a range update only when the
    count differs from the one this page was last `sent`, else the plain value. Gradio (6.31) files each
    updated slider that is also an event's input as one more component in the session, so an update on
    every run grew a session by 4 components a run (measured: bench/memory_probe.py)."""
    top = max(0, count - 1)
    current = inputs.clamp_int(value, 0, top)
    if sent == count:
        return current
    return {"__type__": "update", "minimum": 0, "maximum": top, "value": current, "interactive": top > 0}


def kept(att: Attention) -> Attention:
    """What a page keeps for its sliders: the plots never show more than MAX_TOKENS tokens."""
    return replace(att, weights=att.weights[:, :, :MAX_TOKENS, :MAX_TOKENS].copy())


def plots(att: Attention, layer: int, head: int, hide_special: bool, lang: str) -> tuple:
    """(one head's heatmap, the layer's all-heads grid)"""
    return head_heatmap(att, layer, head, hide_special, lang), layer_grid(att, layer, hide_special=hide_special,
                                                                            lang=lang)


def attention_view(result: AttentionPair, hide_special: bool = False, lang: str = "en", scripts=None,
                   sent: dict | None = None) -> dict:
    """`scripts`: bertviz's script URLs (None: its views say why they cannot run); `sent`: the slider ranges
    this page has, {family: [layers, heads]}."""
    sent = sent if isinstance(sent, dict) else {}
    out, notes = {"counts": {}}, set()
    for family in FAMILIES:
        att, (layer, head) = getattr(result, family), getattr(result, f"{family}_at")
        layers, heads = att.weights.shape[:2]
        had = sent.get(family) or [None, None]
        frame = bertviz_frame(att, scripts, lang)
        notes |= {frame.notice} if frame.notice else set()
        out["counts"][family] = [layers, heads]
        out[f"{family}_state"] = kept(att)
        out[f"{family}_layer"], out[f"{family}_head"] = slider(layers, layer, had[0]), slider(heads, head, had[1])
        out[f"{family}_plot"], out[f"{family}_grid"] = plots(att, layer, head, bool(hide_special), lang)
        out[f"{family}_frame"] = frame.html
    out["notice"] = " ".join(f"ℹ️ {n}" for n in sorted(notes))
    return out
