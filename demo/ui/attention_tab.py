"""Attention tab: where each token looks, in a BERT-style and a GPT-style model side by side.

The service runs each model once per text; the weights stay in per-session State so moving a
layer or head slider only redraws the heatmaps. bertviz's interactive views run in sandboxed
iframes and load their JavaScript from installed packages through Gradio's file route.
"""
from __future__ import annotations

from urllib.parse import quote

import gradio as gr

from demo import inputs
from demo.catalog import CAUSAL, MASKED
from demo.ui import links
from demo.ui import export
from demo.ui.attention_view import attention_view, kept, plots, slider
from demo.ui.common import announce_loading, handler, model_choices, queue_options, render, user_errors
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz import static_js

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

    outputs = {"masked_state": masked_state, "causal_state": causal_state, "counts": counts,
               "masked_layer": masked_layer, "masked_head": masked_head, "causal_layer": causal_layer,
               "causal_head": causal_head, "masked_plot": masked_plot, "causal_plot": causal_plot,
               "masked_grid": masked_grid, "causal_grid": causal_grid, "masked_frame": masked_frame,
               "causal_frame": causal_frame, "notice": notice}  # in the order the API has always returned them

    def attention(text, masked_model=None, causal_model=None, masked_layer=0, masked_head=0,
                  causal_layer=0, causal_head=0, hide_special=False, sent=None, progress=gr.Progress(),
                  request: gr.Request = None):
        announce_loading(service, progress, (masked_model or None, MASKED), (causal_model or None, CAUSAL))
        result = service.attention_pair(text, masked_model or None, causal_model or None, masked_layer, masked_head,
                                        causal_layer, causal_head)
        return render(outputs, attention_view(result, hide_special, reader_language(request), scripts, sent))

    run_inputs = [text, masked_model, causal_model, masked_layer, masked_head, causal_layer, causal_head, hide, counts]
    # preprocess=False: the service checks the model names and the numbers and names the limit,
    # where Gradio's own checks would answer API callers with messages about choice lists
    shown = gr.on([run.click, text.submit], handler(attention), run_inputs, list(outputs.values()),
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
                att = kept(service.attention(model or None, text, family=family))  # as the run keeps it
            layers, heads = att.weights.shape[:2]  # a model change may be pending: held to these weights' range
            layer, head = inputs.clamp_int(layer, 0, layers - 1), inputs.clamp_int(head, 0, heads - 1)
            return plots(att, layer, head, bool(hide_special), reader_language(request))
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
                    slider(info.layers, layer_value), slider(info.heads, head_value))

        dropdown.change(handler(ranges), [dropdown, layer, head, counts], [counts, layer, head],
                        api_visibility="private", **queue_options(service))
