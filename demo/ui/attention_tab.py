"""Attention tab: where each token looks, in a BERT-style and a GPT-style model side by side.

The service runs each model once per text; the weights stay in per-session State so moving a
layer or head slider only redraws the heatmaps. bertviz's interactive views run in sandboxed
iframes and load their JavaScript from installed packages through Gradio's file route.
"""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

import gradio as gr

from demo import inputs
from demo.catalog import CAUSAL, MASKED
from demo.ui import links
from demo.ui import export
from demo.ui.common import announce_loading, handler, model_choices, queue_options, user_errors
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz import static_js
from demo.viz.bertviz_frame import bertviz_frame
from demo.viz.heatmaps import MAX_TOKENS, head_heatmap, layer_grid

EXAMPLES = [
    ["The cat sat on the mat because it was tired."],
    ["The dog ran to the park and the bird sang in the tree."],
    ["She is playing with a [MASK] ball."],
]


WEIGHTS_KEPT_S = 600  # a page's attention weights live this long after its last run (gr.State time_to_live)


def _script_urls() -> dict[str, str] | None:
    """Relative URLs for Gradio's file route: an iframe srcdoc resolves them against the app
    page's own base URL, so they keep working when the app is mounted under a path prefix."""
    found = static_js.scripts()
    if found is None:
        return None
    gr.set_static_paths(list(found.values()))  # exactly these two files, not their folders
    return {name: "gradio_api/file=" + quote(str(path), safe="/") for name, path in found.items()}


def _slider(label, elem_id: str | None = None) -> gr.Slider:
    # ranges are unknown until a model is loaded: the first run (or a model change) sets them
    return gr.Slider(0, 1, value=0, step=1, label=label, interactive=False, elem_id=elem_id)


def _range(count: int, value, sent: int | None = None):
    """The slider's new setting for `count` layers or heads. A range update only when the count
    differs from the one this session was last `sent`, else the plain value: Gradio (6.31) files
    each updated slider that is also an event's input as one more component in the session, so an
    update on every run grew a session by 4 components a run (measured: bench/memory_probe.py)."""
    top = max(0, count - 1)
    current = min(int(value if isinstance(value, (int, float)) else 0), top)
    if sent == count:
        return current
    return gr.update(minimum=0, maximum=top, value=current, interactive=top > 0)


def build_attention_tab(service, head_choice: gr.State | None = None) -> None:
    """`head_choice` (optional, shared with the Inside tab) receives {family: [layer, head]} as the
    sliders move, so the Inside tab's Q·K·V steps can follow this tab's choice."""
    scripts = _script_urls()
    gr.Markdown(t("attention.explanation"))
    with gr.Row():
        text = gr.Textbox(label=t("attention.text"), lines=2, scale=3, elem_id="attention-text",
                          placeholder=t("attention.placeholder"))
        with gr.Column(scale=2):
            masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                       label=t("tabs.masked_model"))
            causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                       label=t("tabs.causal_model"))
            hide = gr.Checkbox(False, label=t("attention.hide"), info=t("attention.hide_info"),
                               elem_id="attention-hide")
            run = gr.Button(t("attention.run"), variant="primary", elem_id="attention-run")
            links.share("attention", run, text=text, masked=masked_model, causal=causal_model)
    gr.Examples(EXAMPLES, inputs=[text], label=t("tabs.examples"))
    notice = gr.Markdown(elem_id="attention-notice")
    # the weights behind the sliders: (L, H, n, n) each, 151 MB for bert-base at 512 tokens, so an
    # idle page lets them go after WEIGHTS_KEPT_S and a slider moved later recomputes them (redraw)
    masked_state, causal_state = (gr.State(None, time_to_live=WEIGHTS_KEPT_S) for _ in range(2))
    counts = gr.State({})  # {"masked": [layers, heads], "causal": [...]}: the slider ranges this page has
    with gr.Row(equal_height=False):
        with gr.Column():
            gr.Markdown(t("attention.masked_head"))
            with gr.Row():
                masked_layer = _slider(t("attention.layer"), "attention-masked-layer")
                masked_head = _slider(t("attention.head"), "attention-masked-head")
            masked_plot = gr.Plot(label=t("attention.masked_plot"), elem_id="attention-masked")
        with gr.Column():
            gr.Markdown(t("attention.causal_head"))
            with gr.Row():
                causal_layer = _slider(t("attention.layer"), "attention-causal-layer")
                causal_head = _slider(t("attention.head"), "attention-causal-head")
            causal_plot = gr.Plot(label=t("attention.causal_plot"), elem_id="attention-causal")
    with links.fold(gr.Accordion(t("attention.all_heads"), open=True)):
        with gr.Row(equal_height=False):
            masked_grid = gr.Plot(label=t("attention.masked_grid"), elem_id="attention-masked-grid")
            causal_grid = gr.Plot(label=t("attention.causal_grid"), elem_id="attention-causal-grid")
    with links.fold(gr.Accordion(t("attention.bertviz"), open=True)):
        masked_frame = gr.HTML(elem_id="bertviz-masked", js_on_load=None)
        causal_frame = gr.HTML(elem_id="bertviz-causal", js_on_load=None)

    def position(att, layer, head) -> tuple[int, int]:
        layers, heads = att.weights.shape[:2]
        return (inputs.check_int("layer", layer, 0, layers - 1), inputs.check_int("head", head, 0, heads - 1))

    def attention(text, masked_model=None, causal_model=None, masked_layer=0, masked_head=0,
                  causal_layer=0, causal_head=0, hide_special=False, sent=None, progress=gr.Progress(),
                  request: gr.Request = None):
        # also refuses a swapped pair: the service reads a model's family from the model itself
        announce_loading(service, progress, (masked_model or None, MASKED), (causal_model or None, CAUSAL))
        masked = service.attention(masked_model or None, text, family=MASKED)
        causal = service.attention(causal_model or None, text, family=CAUSAL)
        m_layer, m_head = position(masked, masked_layer, masked_head)
        c_layer, c_head = position(causal, causal_layer, causal_head)
        lang, hide_special = reader_language(request), bool(hide_special)
        frames = [bertviz_frame(att, scripts, lang) for att in (masked, causal)]
        notes = sorted({f.notice for f in frames if f.notice})
        kept = [replace(att, weights=att.weights[:, :, :MAX_TOKENS, :MAX_TOKENS].copy())  # the plots never show more
                for att in (masked, causal)]
        now = {MASKED: list(masked.weights.shape[:2]), CAUSAL: list(causal.weights.shape[:2])}  # [layers, heads]
        sent = sent if isinstance(sent, dict) else {}
        ms, cs = sent.get(MASKED) or [None, None], sent.get(CAUSAL) or [None, None]
        return (*kept, now,
                _range(now[MASKED][0], m_layer, ms[0]), _range(now[MASKED][1], m_head, ms[1]),
                _range(now[CAUSAL][0], c_layer, cs[0]), _range(now[CAUSAL][1], c_head, cs[1]),
                head_heatmap(masked, m_layer, m_head, hide_special, lang),
                head_heatmap(causal, c_layer, c_head, hide_special, lang),
                layer_grid(masked, m_layer, hide_special=hide_special, lang=lang),
                layer_grid(causal, c_layer, hide_special=hide_special, lang=lang),
                frames[0].html, frames[1].html, " ".join(f"ℹ️ {n}" for n in notes))

    run_inputs = [text, masked_model, causal_model, masked_layer, masked_head, causal_layer, causal_head, hide, counts]
    run_outputs = [masked_state, causal_state, counts, masked_layer, masked_head, causal_layer, causal_head,
                   masked_plot, causal_plot, masked_grid, causal_grid, masked_frame, causal_frame, notice]
    # preprocess=False: the service checks the model names and the numbers and names the limit,
    # where Gradio's own checks would answer API callers with messages about choice lists
    shown = gr.on([run.click, text.submit], handler(attention), run_inputs, run_outputs,
                  api_name="attention", preprocess=False, **queue_options(service))
    with gr.Row():
        export.json_download(shown, [masked_state, causal_state], "attention", "attention-json")
        export.bertviz_download(shown, masked_state, causal_state, "attention-bertviz-html")

    def redrawing(family: str):
        @user_errors
        def redraw(att, layer, head, hide_special, text, model, ran, request: gr.Request = None):
            """A slider or the switch moved: redraw from the weights already computed (no model run),
            or, when this page ran before but was idle long enough for them to be let go, from the
            text run again (`ran`: the page's slider ranges, set by its first run)."""
            if att is None and not ((ran or {}).get(family) and isinstance(text, str) and text.strip()):
                return gr.update(), gr.update()
            if att is None:
                att = service.attention(model or None, text, family=family)
                att = replace(att, weights=att.weights[:, :, :MAX_TOKENS, :MAX_TOKENS])  # as the run keeps it
            layers, heads = att.weights.shape[:2]
            layer, head = min(int(layer), layers - 1), min(int(head), heads - 1)  # a model change may be pending
            lang = reader_language(request)
            return (head_heatmap(att, layer, head, bool(hide_special), lang),
                    layer_grid(att, layer, hide_special=bool(hide_special), lang=lang))
        return redraw

    for family, state, dropdown, layer, head, plot, grid in [
            (MASKED, masked_state, masked_model, masked_layer, masked_head, masked_plot, masked_grid),
            (CAUSAL, causal_state, causal_model, causal_layer, causal_head, causal_plot, causal_grid)]:
        gr.on([layer.change, head.change, hide.change], redrawing(family),
              [state, layer, head, hide, text, dropdown, counts], [plot, grid],
              api_visibility="private", trigger_mode="always_last")
        if head_choice is not None:
            def remember(layer, head, choice, family=family):
                return {**(choice or {}), family: [int(layer), int(head)]}

            gr.on([layer.change, head.change], remember, [layer, head, head_choice], [head_choice],
                  api_visibility="private")

    for family, dropdown, layer, head in [(MASKED, masked_model, masked_layer, masked_head),
                                          (CAUSAL, causal_model, causal_layer, causal_head)]:
        def ranges(model, layer_value, head_value, sent, family=family):
            info = service.info(model or None, family)
            return ({**(sent or {}), family: [info.layers, info.heads]},
                    _range(info.layers, layer_value), _range(info.heads, head_value))

        dropdown.change(handler(ranges), [dropdown, layer, head, counts], [counts, layer, head],
                        api_visibility="private", **queue_options(service))
