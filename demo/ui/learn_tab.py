"""How they differ tab: a short, teacher-readable page on BERT, GPT and their relatives, with
a thing to try: each model's tokenizer on your own words. Attention's O(n²) cost is measured, not drawn
from a formula, in the Cost & compression tab."""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED
from demo.ui import links
from demo.ui.i18n import t
from demo.ui.common import handler, model_choices, queue_options
from demo import pocket
from demo.viz import lessons
from demo.viz.curves import NOT_COMPARABLE, training_curves

TOKEN_EXAMPLES = [["unbelievably"], ["The transformer tokenizes words into pieces."], ["café naïveté"],
                  ["今天天气很好"]]


def build_learn_tab(service) -> None:
    gr.Markdown(t("learn.reading"), elem_classes="learn-lesson", elem_id="learn-reading")
    gr.Markdown(t("learn.families"), elem_classes="learn-lesson")
    gr.Markdown(lessons.VARIANTS, elem_classes="learn-lesson")

    gr.Markdown(t("learn.tokens"), elem_id="learn-tokens-lesson")
    with gr.Row():
        text = gr.Textbox(label="A word or a sentence", value="unbelievably", scale=3, elem_id="learn-token-text")
        # custom values reach the service, which accepts local models only where the operator allowed them
        masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                   label="Masked model", scale=1, allow_custom_value=True)
        causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                   label="Causal model", scale=1, allow_custom_value=True)
        split = gr.Button("Split into tokens", variant="primary", scale=1, elem_id="learn-split")
    links.share("learn", split, text=text, masked=masked_model, causal=causal_model)
    gr.Examples(TOKEN_EXAMPLES, inputs=[text], label="Try")
    with gr.Row(equal_height=False):
        masked_tokens = gr.HTML(elem_id="learn-tokens-masked", js_on_load=None)
        causal_tokens = gr.HTML(elem_id="learn-tokens-causal", js_on_load=None)

    def tokenize(text, masked_model=None, causal_model=None):
        views = []
        for model, family in [(masked_model or None, MASKED), (causal_model or None, CAUSAL)]:
            pieces = service.tokenize(model, text, family)
            info = service.info(model, family)
            views.append(lessons.token_chips(info.id, info.tokenizer, pieces))
        return tuple(views)

    gr.on([split.click, text.submit], handler(tokenize), [text, masked_model, causal_model],
          [masked_tokens, causal_tokens], api_visibility="private", **queue_options(service))

    gr.Markdown(lessons.ATTENTION, elem_classes="learn-lesson")
    gr.Markdown(lessons.COMPRESSION, elem_classes="learn-lesson")

    gr.Markdown(lessons.TRAINING, elem_id="learn-training")
    gr.Markdown(NOT_COMPARABLE)
    gr.Plot(training_curves(pocket.curves()), show_label=False, elem_id="learn-training-plot")
