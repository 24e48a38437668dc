"""Cost & compression tab: attention's cost measured on the models in front of the student, and a
compression lab (size, speed and fidelity of each variant, BERT and GPT side by side).

Both endpoints take one model, as the service verbs do (`cost`: model, lengths, batch_sizes;
`compress`: model, method, amount); a click runs the masked model's event, then the causal one's.
"""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED
from demo.inputs import COMPRESSION_METHODS
from demo.ui import links
from demo.ui.common import handler, model_choices, progress_in, queue_options, render
from demo.ui.i18n import building, t
from demo.ui.reader import reader_language
from demo.viz import cost as views


def build_cost_tab(service) -> None:
    gr.Markdown(t("cost.intro"), elem_classes="learn-lesson")
    with gr.Row():
        masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                   label=t("cost.masked_model"), scale=2)
        causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                   label=t("cost.causal_model"), scale=2)
        measure = gr.Button(t("cost.measure"), variant="primary", scale=1, elem_id="cost-measure")
        with gr.Group() as link_place:  # the Copy link button, made once the lab's settings exist
            pass
    with gr.Accordion(t("cost.options"), open=False):
        with gr.Row():
            lengths = gr.Textbox(label=t("cost.lengths"), elem_id="cost-lengths")
            batch_sizes = gr.Textbox(label=t("cost.batch_sizes"), elem_id="cost-batch-sizes")
    columns = {}
    with gr.Row(equal_height=False):
        for family in ("masked", "causal"):
            with gr.Column():
                columns[family] = {"summary": gr.Markdown(elem_id=f"cost-{family}-summary"),
                                   "latency": gr.Plot(show_label=False, elem_id=f"cost-{family}-latency"),
                                   "split": gr.Plot(show_label=False, elem_id=f"cost-{family}-split"),
                                   "memory": gr.Plot(show_label=False, elem_id=f"cost-{family}-memory")}

    def cost_into(outputs: dict):
        """The `cost` event for one column (both columns run the same verb on their own model)."""
        def cost(model=None, lengths=None, batch_sizes=None, request: gr.Request = None, progress=gr.Progress()):
            lang = reader_language(request)
            result = service.cost(model or None, lengths, batch_sizes, progress=progress_in(progress, lang))
            return render(outputs, views.cost_view(result, lang))
        return handler(cost)

    gr.on([measure.click], cost_into(columns["masked"]), [masked_model, lengths, batch_sizes],
          list(columns["masked"].values()), api_name="cost", preprocess=False, **queue_options(service)).then(
        cost_into(columns["causal"]), [causal_model, lengths, batch_sizes], list(columns["causal"].values()),
        api_visibility="private", preprocess=False, **queue_options(service))

    gr.Markdown(t("cost.lab"), elem_classes="learn-lesson")
    with gr.Row():
        method = gr.Dropdown(list(COMPRESSION_METHODS), value="int8", label=t("cost.method"), scale=2, elem_id="cost-method")
        amount = gr.Slider(0.05, 0.95, value=0.5, step=0.05, label=t("cost.amount"), scale=2, elem_id="cost-amount")
        run = gr.Button(t("cost.compress"), variant="primary", scale=1, elem_id="cost-compress")
    with gr.Row(equal_height=False):
        masked_card = gr.HTML(elem_id="cost-masked-card", js_on_load=None)
        causal_card = gr.HTML(elem_id="cost-causal-card", js_on_load=None)
    chart = gr.Plot(views.variants_figure(service.compressed(), building()), show_label=False, elem_id="cost-variants")

    def compress_into(outputs: dict):
        """The `compress` event for one column's card (and the shared chart of every copy)."""
        def compress(model=None, method="int8", amount=None, request: gr.Request = None, progress=gr.Progress()):
            lang = reader_language(request)
            result = service.compress(model or None, method, amount, progress=progress_in(progress, lang))
            return render(outputs, views.compress_view(result, service.compressed(), lang))
        return handler(compress)

    def limit(query: dict) -> int:
        """Both columns measure the same lengths: the shorter context of the link's two models."""
        return min(service.spec(query.get(family) if query.get(family) in model_choices(service, family)
                                else box.value, family).max_positions
                   for family, box in ((MASKED, masked_model), (CAUSAL, causal_model)))

    # A link runs the part it is about, once. Measuring holds the device for up to cost.BUDGET_S per model
    # (7-18 s per model on the tiny and pocket models, 14 s for bert-base): only a link that names lengths or
    # batch sizes asks for that. Any other cost link runs the compression lab, the cheaper part (int8: 1-10 s
    # per model). Both are cached per settings, so a class opening one link pays for it once.
    with link_place:
        links.share("cost", lambda given: measure if given & {"lengths", "batch_sizes"} else run,
                    masked=masked_model, causal=causal_model,
                    lengths=links.Checked(lengths, links.whole_list(1, limit, 12)),
                    batch_sizes=links.Checked(batch_sizes, links.whole_list(1, service.MAX_BATCH_MEASURED, 6)),
                    method=method, amount=amount)

    def check(model=None, method="int8", amount=None):
        """The service's checks before any work: a refused request (a model without a distilled twin) says
        why in a message and leaves the chart already drawn as it is (it is no output of this event)."""
        service.check_compress(model or None, method, amount)
        return gr.update()

    for family, box, card in ((MASKED, masked_model, masked_card), (CAUSAL, causal_model, causal_card)):
        checked = (run.click if family == MASKED else compressed.then)(
            handler(check), [box, method, amount], [card], api_visibility="private", preprocess=False)
        compressed = checked.success(compress_into({"card": card, "chart": chart}), [box, method, amount],
                                     [card, chart], preprocess=False,
                                     **({"api_name": "compress"} if family == MASKED else {"api_visibility": "private"}),
                                     **queue_options(service))
