"""Inside tab: one sentence with one blank through a masked and a causal model side by side:
at which layer each finds its answer (lens), which words it used (attribution), and one head's
arithmetic (Q·K·V steps).

Each section has its own button; its masked-model event is the public endpoint named after the
service verb (`lens`, `attribution`, `attention_steps`, parameters as the verb's) and its twin for
the causal column is private. "Look inside" runs every verb for both models in one event, so a
bad sentence gives one message, not six. Results wait in per-session State, so switching to a
word-level view or drawing the two lens lines needs no model run.
"""
from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from demo.catalog import CAUSAL, MASKED
from demo.inputs import ATTRIBUTION_METHODS as METHODS, MAX_ATTRIBUTION_STEPS as MAX_STEPS, MAX_WORD_CHARS
from demo.ui import links
from demo.ui.common import announce_loading, handler, model_choices, queue_options, render, user_errors
from demo.ui.i18n import building, t
from demo.ui.inside_view import inside_view, slider, steps_table
from demo.ui.reader import reader_language
from demo.viz import attention_steps as steps_view
from demo.viz.attribution import attribution_html, legend_html
from demo.viz.lens import knows_html, lens_heatmap, lens_lines

EXAMPLES = [
    ["The cat sat on the ___ ."],
    ["She drank a glass of ___ before going to bed ."],
    ["The dog ran to the ___ and the bird sang in the tree ."],
]
MAX_DEPTH = 96  # more layers (and heads) than any catalog model has: a link's bound while its model is not loaded


@dataclass
class Column:
    """One model's column of views: the same components for the masked and the causal side."""
    family: str
    model: gr.Dropdown
    lens_plot: gr.Plot
    lens_state: gr.State
    attr_html: gr.HTML
    attr_state: gr.State
    layer: gr.Slider
    head: gr.Slider
    query: gr.Slider
    steps_plot: gr.Plot
    steps_table: gr.Dataframe


def _slider(label, elem_id: str) -> gr.Slider:
    # ranges are unknown until a model is loaded: the first run (or a model change) sets them
    return gr.Slider(0, 1, value=0, step=1, label=label, interactive=False, elem_id=elem_id)


_range, _table = slider, steps_table  # (demo/ui/inside_view.py: the value held in range there, not here)


def build_inside_tab(service, head_choice: gr.State | None = None) -> None:
    """`head_choice` (optional) is the Attention tab's {family: [layer, head]}: the Q·K·V sliders follow it."""
    gr.Markdown(t("inside.intro"))
    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(label=t("inside.text"), lines=2, value=EXAMPLES[0][0], elem_id="inside-text")
            gr.Examples(EXAMPLES, inputs=[text], label=t("inside.examples"))
        with gr.Column(scale=2):
            # the service is the one judge of models and numbers (preprocess=False everywhere)
            masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                       label=t("inside.masked_model"), allow_custom_value=True)
            causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                       label=t("inside.causal_model"), allow_custom_value=True)
            run = gr.Button(t("inside.run"), variant="primary", elem_id="inside-run")
            with gr.Group() as link_place:  # the Copy link button, made once the settings below exist
                pass

    gr.Markdown(t("inside.lens.explain"))
    with gr.Row():
        top_k = gr.Number(5, precision=0, step=1, label=t("inside.lens.top_k"), scale=1)
        lens_button = gr.Button(t("inside.lens.button"), scale=1)
    knows = gr.HTML(elem_id="inside-knows", js_on_load=None)
    lines = gr.Plot(label=t("inside.lens.lines_label"), elem_id="inside-lens-lines")
    with gr.Row(equal_height=False):
        lens_plots = [gr.Plot(label=t(f"inside.{f}.lens_label"), elem_id=f"inside-lens-{f}") for f in (MASKED, CAUSAL)]

    gr.Markdown(t("inside.attr.explain"))
    with gr.Row():
        method = gr.Radio([(t("inside.attr.method_integrated_gradients"), METHODS[0]),
                           (t("inside.attr.method_gradient_x_input"), METHODS[1])], value=METHODS[0],
                          label=t("inside.attr.method_label"), scale=2)
        steps = gr.Number(32, precision=0, step=1, label=t("inside.attr.steps_label"), scale=1)
        target = gr.Textbox(label=t("inside.attr.target_label"), placeholder=t("inside.attr.target_hint"), scale=1)
    with gr.Row():
        by_word = gr.Checkbox(False, label=t("inside.attr.by_word"), elem_id="inside-by-word")
        attr_button = gr.Button(t("inside.attr.button"))
    gr.HTML(legend_html(building()), elem_id="inside-attr-legend", js_on_load=None)
    attr_html = [gr.HTML(elem_id=f"inside-attr-{f}", js_on_load=None) for f in (MASKED, CAUSAL)]  # BERT above GPT

    gr.Markdown(t("inside.steps.explain"))
    steps_button = gr.Button(t("inside.steps.button"))
    columns = []
    with gr.Row(equal_height=False):
        for family, model, lens_plot, html_out in [(MASKED, masked_model, lens_plots[0], attr_html[0]),
                                                   (CAUSAL, causal_model, lens_plots[1], attr_html[1])]:
            with gr.Column():
                gr.Markdown(t(f"inside.{family}.steps_head"))
                with gr.Row():
                    layer = _slider(t("inside.steps.layer"), f"inside-{family}-layer")
                    head = _slider(t("inside.steps.head"), f"inside-{family}-head")
                    query = _slider(t("inside.steps.query"), f"inside-{family}-query")
                plot = gr.Plot(label=t(f"inside.{family}.steps_label"), elem_id=f"inside-steps-{family}")
                table = gr.Dataframe(label=t("inside.steps.table_label"), interactive=False, max_height=420,
                                     elem_id=f"inside-table-{family}")
            columns.append(Column(family, model, lens_plot, gr.State(None), html_out, gr.State(None),
                                  layer, head, query, plot, table))
    masked, causal = columns
    with link_place:
        links.share("inside", run, text=text, masked=masked_model, causal=causal_model,
                    top_k=links.Checked(top_k, links.whole(1, service.settings.max_top_k)), method=method,
                    steps=links.Checked(steps, links.whole(1, MAX_STEPS)),
                    target=links.Checked(target, links.word(MAX_WORD_CHARS)), by_word=by_word,
                    **{f"{col.family}_{what}": links.Checked(getattr(col, what),
                                                             links.whole(0, _deepest(service, col, what)))
                       for col in columns for what in ("layer", "head")})

    @user_errors
    def both_lines(masked_lens, causal_lens, request: gr.Request = None):
        found = [x for x in (masked_lens, causal_lens) if x is not None]
        if not found:
            return gr.update(), gr.update()
        lang = reader_language(request)
        return lens_lines(found, lang), knows_html(found, lang)

    @user_errors
    def by_words(result, by_word, request: gr.Request = None):
        return gr.update() if result is None else attribution_html(result, reader_language(request), by_word)

    lines_after = {"fn": both_lines, "inputs": [masked.lens_state, causal.lens_state], "outputs": [lines, knows],
                   "api_visibility": "private"}
    follow_ups = {"lens": lambda col: lines_after,
                  "attribution": lambda col: {"fn": by_words, "inputs": [col.attr_state, by_word],
                                              "outputs": [col.attr_html], "api_visibility": "private"}}

    # -- one model per event: the masked column's events are the public API ------------------------
    for col in columns:
        lens, attribution, attention_steps = _verbs(service, col.family)
        public = col is masked
        for fn, triggers, inputs, outputs in [
            (lens, [lens_button.click], [col.model, text, top_k], [col.lens_plot, col.lens_state]),
            (attribution, [attr_button.click], [col.model, text, method, steps, target], [col.attr_html, col.attr_state]),
            (attention_steps, [steps_button.click, col.layer.input, col.head.input, col.query.input],
             [col.model, text, col.layer, col.head, col.query], [col.steps_plot, col.steps_table]),
        ]:
            name = {"api_name": fn.__name__} if public else {"api_visibility": "private"}
            event = gr.on(triggers, handler(fn), inputs, outputs, preprocess=False, trigger_mode="always_last",
                          **name, **queue_options(service))
            if fn.__name__ in follow_ups:  # (Gradio cannot watch these States: frozen results do not hash)
                event.success(**follow_ups[fn.__name__](col))

        def ranges(model, layer, head, family=col.family):
            info = service.info(model or None, family)
            return _range(info.layers, layer), _range(info.heads, head)

        col.model.change(handler(ranges), [col.model, col.layer, col.head], [col.layer, col.head],
                         api_visibility="private", **queue_options(service))

    # -- everything, both models, one event: one verb (service.inside), one result, one view ------------
    outputs = {f"{col.family}_{what}": getattr(col, what) for col in columns
               for what in ("lens_plot", "lens_state", "attr_html", "attr_state", "steps_plot", "steps_table",
                            "layer", "head", "query")}

    def look_inside(text, masked_model, causal_model, top_k, method, steps, target, by_word,
                    m_layer, m_head, c_layer, c_head, progress=gr.Progress(), request: gr.Request = None):
        announce_loading(service, progress, (masked_model or None, MASKED), (causal_model or None, CAUSAL))
        result = service.inside(text, masked_model or None, causal_model or None, top_k, method, steps,
                                target or None, m_layer, m_head, c_layer, c_head)
        return render(outputs, inside_view(result, reader_language(request), by_word))

    gr.on([run.click, text.submit], handler(look_inside),
          [text, masked_model, causal_model, top_k, method, steps, target, by_word,
           masked.layer, masked.head, causal.layer, causal.head], list(outputs.values()),
          preprocess=False, api_visibility="private", **queue_options(service)).success(**lines_after)
    for col in columns:
        by_word.change(by_words, [col.attr_state, by_word], [col.attr_html], api_visibility="private")

    if head_choice is not None:
        _follow_attention_tab(service, head_choice, columns, text)


def _follow_attention_tab(service, head_choice: gr.State, columns: list[Column], text) -> None:
    """The Attention tab's chosen layer and head become this tab's, per family (clamped to the
    model chosen here); once a run has shown the steps, they are redrawn for the new head."""
    for col in columns:
        def follow(choice, model, layer, head, family=col.family):
            chosen = (choice or {}).get(family)
            if not chosen:
                return gr.update(), gr.update()
            info = service.info(model or None, family)
            return _range(info.layers, chosen[0]), _range(info.heads, chosen[1])

        def redraw(model, text, layer, head, query, shown, request: gr.Request = None, family=col.family):
            if shown is None:  # nothing run here yet: only the sliders move
                return gr.update(), gr.update()
            if family == CAUSAL:
                text = service.fill_with_own_word(model or None, text)
            result = service.attention_steps(model or None, text, layer, head, query, family=family)
            lang = reader_language(request)
            return steps_view.steps_figure(result, lang), _table(result, lang)

        head_choice.change(handler(follow), [head_choice, col.model, col.layer, col.head], [col.layer, col.head],
                           api_visibility="private", **queue_options(service)).then(
            handler(redraw), [col.model, text, col.layer, col.head, col.query, col.steps_plot],
            [col.steps_plot, col.steps_table], api_visibility="private", **queue_options(service))


def _deepest(service, col: Column, what: str):
    """A link's highest `what` ("layer" or "head") for the column's model: exact once that model is
    loaded, else MAX_DEPTH (the run clamps to the model's range, as it does for the sliders)."""
    def high(query: dict) -> int:
        model = query.get(col.family)
        model = model if model in model_choices(service, col.family) else col.model.value
        if service.spec(model, col.family).id not in service.cache.loaded():
            return MAX_DEPTH - 1
        info = service.info(model, col.family)
        return (info.layers if what == "layer" else info.heads) - 1
    return high


def _verbs(service, family: str):
    """The three per-model handlers, named and parametered as the service verbs (the API shows
    exactly these names); `family` picks the default model when none is named."""
    def lens(model, text, top_k=5, request: gr.Request = None):
        result = service.lens(model or None, text, top_k, family=family)
        return lens_heatmap(result, reader_language(request)), result

    def attribution(model, text, method="integrated_gradients", steps=32, target=None, request: gr.Request = None):
        result = service.attribution(model or None, text, method, steps, target or None, family=family)
        return attribution_html(result, reader_language(request)), result

    def attention_steps(model, text, layer, head, query, request: gr.Request = None):
        if family == CAUSAL:
            text = service.fill_with_own_word(model or None, text)
        result = service.attention_steps(model or None, text, layer, head, query, family=family)
        lang = reader_language(request)
        return steps_view.steps_figure(result, lang), _table(result, lang)

    return lens, attribution, attention_steps
