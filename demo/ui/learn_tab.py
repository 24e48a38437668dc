"""How they differ tab: a short, teacher-readable page on BERT, GPT and their relatives, with
things to try: each model's tokenizer on your own words, and the three families (masked, causal,
encoder-decoder) on one sentence. Attention's O(n²) cost is measured, not drawn from a formula,
in the Cost & compression tab."""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.ui import links
from demo.ui.i18n import building, t
from demo.ui.common import handler, model_choices, queue_options
from demo.ui.reader import reader_language
from demo import pocket
from demo.viz import lessons
from demo.viz.curves import training_curves
from demo.viz.adapt import probe_bars, probe_summary
from demo.viz.families import three_families

TOKEN_EXAMPLES = [["unbelievably"], ["The transformer tokenizes words into pieces."], ["café naïveté"],
                  ["今天天气很好"]]
# a blank that takes two words (New York) first: only the encoder-decoder can fill it whole
FAMILY_EXAMPLES = [["She lives in ___ with her family."], ["I drank a cup of ___ this morning."],
                   ["The cat sat on the ___ ."]]


def build_learn_tab(service) -> None:
    gr.Markdown(t("learn.reading"), elem_classes="learn-lesson", elem_id="learn-reading")
    gr.Markdown(t("learn.families"), elem_classes="learn-lesson")
    gr.Markdown(t(lessons.VARIANTS_KEY), elem_classes="learn-lesson")

    gr.Markdown(t("learn.tokens"), elem_id="learn-tokens-lesson")
    with gr.Row():
        text = gr.Textbox(label=t("learn.text"), value="unbelievably", scale=3, elem_id="learn-token-text")
        # custom values reach the service, which accepts local models only where the operator allowed them
        masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                   label=t("learn.masked_model"), scale=1, allow_custom_value=True)
        causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                   label=t("learn.causal_model"), scale=1, allow_custom_value=True)
        split = gr.Button(t("learn.split"), variant="primary", scale=1, elem_id="learn-split")
    links.share("learn", split, text=text, masked=masked_model, causal=causal_model)
    gr.Examples(TOKEN_EXAMPLES, inputs=[text], label=t("learn.try"))
    with gr.Row(equal_height=False):
        masked_tokens = gr.HTML(elem_id="learn-tokens-masked", js_on_load=None)
        causal_tokens = gr.HTML(elem_id="learn-tokens-causal", js_on_load=None)
    # the families the two models do not show (offline the pocket trio all read one WordPiece)
    reference_tokens = gr.HTML(elem_id="learn-tokens-reference", js_on_load=None)

    def tokenize(text, masked_model=None, causal_model=None, request: gr.Request = None):
        return lessons.split_view(service.split(text, masked_model, causal_model), reader_language(request))

    gr.on([split.click, text.submit], handler(tokenize), [text, masked_model, causal_model],
          [masked_tokens, causal_tokens, reference_tokens], api_visibility="private", **queue_options(service))

    _three_families(service, masked_model, causal_model)
    _use_cases(service, masked_model, causal_model)

    gr.Markdown(t(lessons.ATTENTION_KEY), elem_classes="learn-lesson")
    gr.Markdown(t(lessons.COMPRESSION_KEY), elem_classes="learn-lesson")

    gr.Markdown(t(lessons.TRAINING_KEY), elem_id="learn-training")
    gr.Markdown(t("curves.not_comparable"), elem_id="learn-not-comparable")
    curves = gr.Plot(training_curves(pocket.curves(), building()), show_label=False, elem_id="learn-training-plot")

    def redraw(request: gr.Request = None):  # on page load: the figure's text in the reader's language
        return training_curves(pocket.curves(), reader_language(request))

    gr.on(None, redraw, None, curves, api_visibility="private", queue=False)


def _three_families(service, masked_model: gr.Dropdown, causal_model: gr.Dropdown) -> None:
    """One sentence through fill_mask, next_tokens and infill (the compare verb runs all three), side by side."""
    gr.Markdown(t("learn.three"), elem_classes="learn-lesson", elem_id="learn-three-lesson")
    with gr.Row():
        text = gr.Textbox(label=t("learn.three.text"), value=FAMILY_EXAMPLES[0][0], scale=3, elem_id="learn-three-text")
        seq2seq_model = gr.Dropdown(model_choices(service, SEQ2SEQ), value=service.default(SEQ2SEQ),
                                    label=t("learn.seq2seq_model"), scale=1, allow_custom_value=True,
                                    elem_id="learn-seq2seq-model")
        run = gr.Button(t("learn.three.run"), variant="primary", scale=1, elem_id="learn-three-run")
    gr.Examples(FAMILY_EXAMPLES, inputs=[text], label=t("learn.three.examples"))
    cards = gr.HTML(elem_id="learn-three", js_on_load=None)

    def families(text, masked_model=None, causal_model=None, seq2seq_model=None, request: gr.Request = None):
        result = service.compare(text, 5, masked_model or None, causal_model or None, seq2seq_model or None)
        return three_families(result, reader_language(request))

    gr.on([run.click, text.submit], handler(families), [text, masked_model, causal_model, seq2seq_model], cards,
          api_visibility="private", **queue_options(service))


def _use_cases(service, masked_model: gr.Dropdown, causal_model: gr.Dropdown) -> None:
    """Which family for which job, and why, with the loaded models' own figures: the Fine-tune tab's frozen probe
    on the first and the last token (probe, one model per event: the masked one's, then the causal one's)."""
    gr.Markdown(t("lesson.use_cases"), elem_classes="learn-lesson", elem_id="learn-use-cases")
    measure = gr.Button(t("lesson.use_cases_measure"), elem_id="learn-use-cases-measure")
    outs = {}
    with gr.Row(equal_height=False):
        for family in ("masked", "causal"):
            with gr.Column():
                outs[family] = (gr.Markdown(elem_id=f"learn-use-{family}"),
                                gr.Plot(show_label=False, elem_id=f"learn-use-{family}-bars"))

    def prober(out):
        def probe(model=None, request: gr.Request = None):
            result, lang = service.probe(model or None), reader_language(request)
            return {out[0]: probe_summary(result, lang), out[1]: probe_bars(result, lang)}
        return probe

    gr.on([measure.click], handler(prober(outs["masked"])), [masked_model], list(outs["masked"]),
          api_visibility="private", preprocess=False, **queue_options(service)).then(
        handler(prober(outs["causal"])), [causal_model], list(outs["causal"]), api_visibility="private",
        preprocess=False, **queue_options(service))
