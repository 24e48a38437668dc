"""How they differ tab: a short, teacher-readable page on BERT, GPT and their relatives, with
things to try: each model's tokenizer on your own words, and the three families (masked, causal,
encoder-decoder) on one sentence. Attention's O(n²) cost is measured, not drawn from a formula,
in the Cost & compression tab."""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.ui import links
from demo.ui.i18n import t
from demo.ui.common import handler, model_choices, queue_options
from demo.ui.reader import reader_language
from demo import pocket
from demo.viz import lessons
from demo.viz.curves import training_curves
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

    def tokenize(text, masked_model=None, causal_model=None, request: gr.Request = None):
        views = []
        for model, family in [(masked_model or None, MASKED), (causal_model or None, CAUSAL)]:
            pieces = service.tokenize(model, text, family)
            info = service.info(model, family)
            views.append(lessons.token_chips(info.id, info.tokenizer, pieces, reader_language(request)))
        return tuple(views)

    gr.on([split.click, text.submit], handler(tokenize), [text, masked_model, causal_model],
          [masked_tokens, causal_tokens], api_visibility="private", **queue_options(service))

    _three_families(service, masked_model, causal_model)

    gr.Markdown(t(lessons.ATTENTION_KEY), elem_classes="learn-lesson")
    gr.Markdown(t(lessons.COMPRESSION_KEY), elem_classes="learn-lesson")

    gr.Markdown(t(lessons.TRAINING_KEY), elem_id="learn-training")
    gr.Markdown(t("curves.not_comparable"), elem_id="learn-not-comparable")
    curves = gr.Plot(training_curves(pocket.curves()), show_label=False, elem_id="learn-training-plot")

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
