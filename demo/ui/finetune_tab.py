"""Fine-tune tab: pre-train, then fine-tune, live on the loaded models. Three parts, each one button -> one
service verb -> one result -> one view: the frozen probe (both families, BERT's column then GPT's), the
fine-tune (a copy for this page alone, its Stop) with a box to try the copy, and next-sentence prediction."""
from __future__ import annotations

import gradio as gr

from demo.adapt.data import MAX_TUNE_SECONDS, TASKS  # torch-free: the choices and the limit the verbs check
from demo.catalog import CAUSAL, MASKED
from demo.ui.common import handler, model_choices, progress_in, queue_options
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.ui.stops import Stops
from demo.viz import adapt as views

KEPT_S = 600  # this page's fine-tuned copy is forgotten this long after its last run (as the service's copies)
NSP_EXAMPLE = ("I was hungry after the long walk.", "So I made myself a big sandwich.")


def build_finetune_tab(service, lang: str | None = None) -> None:
    stops = Stops()
    gr.Markdown(t("tune.intro"), elem_classes="learn-lesson")

    def reading(request) -> str:  # the page's language when the app fixed it, else the event's
        return lang or reader_language(request)

    # -- 1 · the frozen probe -------------------------------------------------------------------
    gr.Markdown(t("tune.probe_lesson"), elem_classes="learn-lesson")
    with gr.Row():
        masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                   label=t("tabs.masked_model"), scale=2, elem_id="tune-masked-model")
        causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                   label=t("tabs.causal_model"), scale=2, elem_id="tune-causal-model")
        task = gr.Dropdown(list(TASKS), value="sentiment-zh" if lang == "zh" else "sentiment", label=t("tune.task"),
                           scale=1, elem_id="tune-task")
        probe_run = gr.Button(t("tune.probe"), variant="primary", scale=1, elem_id="tune-probe")
    with gr.Accordion(t("tune.own"), open=False):
        own = gr.Textbox(label=t("tune.own_label"), lines=6, placeholder=t("tune.own_placeholder"), elem_id="tune-own")
    columns = {}
    with gr.Row(equal_height=False):
        for family in ("masked", "causal"):
            with gr.Column():
                columns[family] = {"summary": gr.Markdown(elem_id=f"tune-{family}-summary"),
                                   "bars": gr.Plot(show_label=False, elem_id=f"tune-{family}-bars"),
                                   "layers": gr.Plot(show_label=False, elem_id=f"tune-{family}-layers"),
                                   "points": gr.Plot(show_label=False, elem_id=f"tune-{family}-points")}

    def probe_view(result, lang: str, out: dict) -> dict:
        return {out["summary"]: views.probe_summary(result, lang), out["bars"]: views.probe_bars(result, lang),
                out["layers"]: views.probe_layers(result, lang), out["points"]: views.probe_points(result, lang)}

    def prober(out):
        def probe(model=None, task="sentiment", texts=None, request: gr.Request = None):
            return probe_view(service.probe(model or None, task or "sentiment", texts or None), reading(request), out)
        return probe

    gr.on([probe_run.click], handler(prober(columns["masked"])), [masked_model, task, own],
          list(columns["masked"].values()), api_name="probe", preprocess=False, **queue_options(service)).then(
        handler(prober(columns["causal"])), [causal_model, task, own], list(columns["causal"].values()),
        api_visibility="private", preprocess=False, **queue_options(service))

    # -- 2 · fine-tune ---------------------------------------------------------------------------
    gr.Markdown(t("tune.tune_lesson"), elem_classes="learn-lesson")
    with gr.Row():
        tune_model = gr.Dropdown(model_choices(service, MASKED) + model_choices(service, CAUSAL),
                                 value=service.default(MASKED), label=t("tune.model"), scale=2, elem_id="tune-model")
        seconds = gr.Slider(2, MAX_TUNE_SECONDS, value=20, step=1, label=t("tune.seconds"), scale=2,
                            elem_id="tune-seconds")
        tune_run = gr.Button(t("tune.run"), variant="primary", scale=1, elem_id="tune-run")
        stop = gr.Button(t("tune.stop"), variant="stop", scale=1, elem_id="tune-stop")
    with gr.Row(equal_height=False):
        loss = gr.Plot(show_label=False, elem_id="tune-loss")
        compared = gr.Plot(show_label=False, elem_id="tune-compare")
    tune_summary = gr.Markdown(elem_id="tune-summary")
    # the page's key for its copy; when Gradio drops it (page closed, KEPT_S unused) the copy goes too
    page = gr.State(None, time_to_live=KEPT_S, delete_callback=lambda key: key and service.forget_tuned(key))

    def tune_view(result, lang: str, key: str) -> dict:
        return {loss: views.tune_loss(result, lang), compared: views.tune_bars(result, lang),
                tune_summary: views.tune_summary(result, lang), page: key}

    def fine_tune(model=None, task="sentiment", texts=None, seconds=20, request: gr.Request = None,
                  progress=gr.Progress()):
        lang = reading(request)
        key = stops.start(request)  # the session: this page's Stop, and the key its copy is kept under
        result = service.fine_tune(model or None, task or "sentiment", seconds, page=key,
                                   stopped=lambda: stops.asked(key), texts=texts or None,
                                   progress=progress_in(progress, lang))
        return tune_view(result, lang, key)

    tuning = gr.on([tune_run.click], handler(fine_tune), [tune_model, task, own, seconds],
                   [loss, compared, tune_summary, page], api_name="fine_tune", preprocess=False,
                   concurrency_id="fine-tune", concurrency_limit=None)  # the service queues them (one at a time)
    stop.click(stops.stop, None, None, api_visibility="private", queue=False)

    with gr.Row():
        new_text = gr.Textbox(label=t("tune.try_text"), placeholder=t("tune.try_placeholder"), scale=3,
                              elem_id="tune-try-text")
        classify_run = gr.Button(t("tune.classify"), scale=1, elem_id="tune-classify")
    verdict = gr.Label(label=t("tune.label"), elem_id="tune-label")

    def classify(model=None, text="", request: gr.Request = None):
        key = getattr(request, "session_hash", None) or ""
        return {verdict: views.classified(service.classify(model or None, text, page=key), reading(request))}

    gr.on([classify_run.click, new_text.submit], handler(classify), [tune_model, new_text], [verdict],
          api_name="classify", preprocess=False, **queue_options(service))

    # -- 3 · next sentence ------------------------------------------------------------------------
    gr.Markdown(t("tune.nsp_lesson"), elem_classes="learn-lesson")
    with gr.Row():
        first = gr.Textbox(NSP_EXAMPLE[0], label=t("tune.first"), scale=3, elem_id="tune-first")
        second = gr.Textbox(NSP_EXAMPLE[1], label=t("tune.second"), scale=3, elem_id="tune-second")
        nsp_model = gr.Dropdown(model_choices(service, MASKED) + model_choices(service, CAUSAL),
                                value=service.default(CAUSAL), label=t("tune.nsp_model"), scale=2,
                                elem_id="tune-nsp-model")
    with gr.Row():
        judge = gr.Button(t("tune.judge"), variant="primary", elem_id="tune-judge")
        swap = gr.Button(t("tune.swap"), elem_id="tune-swap")
    nsp_out = gr.Markdown(elem_id="tune-nsp")

    def next_sentence(model=None, first="", second="", request: gr.Request = None):
        return {nsp_out: views.next_sentence_view(service.next_sentence(model or None, first, second),
                                                  reading(request))}

    gr.on([judge.click], handler(next_sentence), [nsp_model, first, second], [nsp_out], api_name="next_sentence",
          preprocess=False, **queue_options(service))
    # Swap: the two boxes trade places, then the same question is asked again in the new order
    swap.click(lambda a, b: (b, a), [first, second], [first, second], api_visibility="private", queue=False).then(
        handler(next_sentence), [nsp_model, first, second], [nsp_out], api_visibility="private", preprocess=False,
        **queue_options(service))
