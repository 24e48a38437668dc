"""Fill the blank (BERT) tab: the likeliest words for each blank, and the sentence they make.

The event runs with preprocess=False: the service checks every value and names the limit
("top_k must be between 1 and 50"), where Gradio's own checks would refuse API callers first
with messages about component bounds and choice lists.
"""
from __future__ import annotations

import gradio as gr

from demo.catalog import MASKED
from demo.ui import links
from demo.ui import export
from demo.ui.common import announce_loading, handler, model_choices, queue_options, render
from demo.ui.guess import GuessFirst
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz import click_mask
from demo.viz.predictions import fill_view

EXAMPLES = [
    ["The capital of France is [MASK]."],
    ["She picked up her [MASK] and went to the [MASK]."],
    ["I drank a cup of [MASK] this morning."],
    ["The doctor told the patient to take the ___ twice a day."],
    ["The [MASK] barked at the mailman all morning."],
    ["北京是中国的[MASK]都。"],  # for a Chinese model (bert-base-chinese): one character per blank
]


def build_fill_mask_tab(service) -> None:
    gr.Markdown(t("fill.explanation"))
    with gr.Row():
        text = gr.Textbox(label=t("fill.text"), lines=2, scale=3, elem_id="fill-mask-text",
                          placeholder=t("fill.placeholder"))
        with gr.Column(scale=2):
            model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                label=t("tabs.masked_model"))
            top_k = gr.Slider(1, service.settings.max_top_k, value=5, step=1, label=t("fill.top_k"))
            run = gr.Button(t("fill.run"), variant="primary", elem_id="fill-mask-run")
            links.share("fill", run, text=text, model=model, top_k=top_k)
    gr.Examples(EXAMPLES, inputs=[text], label=t("tabs.examples"))
    # click to mask: the typed sentence as words; a click makes that word the blank and runs (demo/viz/click_mask.py)
    word_pick = gr.Radio([], label=t("fill.click_words"), elem_id="fill-mask-words", elem_classes="click-words")
    guess = GuessFirst("fill-mask")
    with gr.Column() as results:
        sentence = gr.HTML(label=t("fill.sentence"), elem_id="fill-mask-sentence",
                           js_on_load=None)
        plot = gr.Plot(label=t("fill.bars"), elem_id="fill-mask-bars")

    # last: the FillMask behind the chart, for the JSON download (not in the API)
    outputs = {"plot": plot, "sentence": sentence, "last": gr.State(None)}

    def fill_mask(text, model=None, top_k=5, progress=gr.Progress(), request: gr.Request = None):
        announce_loading(service, progress, (model or None, MASKED))
        result = service.fill_mask(model or None, text, top_k)
        return render(outputs, fill_view(result, reader_language(request)))

    runs = [run.click, text.submit]
    filled = gr.on(runs, handler(fill_mask), [text, model, top_k], list(outputs.values()),
                   api_name="fill_mask", preprocess=False, **queue_options(service))
    export.json_download(filled, outputs["last"], "fill-mask", "fill-mask-json")

    text.change(lambda text: gr.update(choices=click_mask.choices(text), value=None), text, word_pick,
                api_visibility="private", queue=False)

    def mask_word(typed, index, model=None, top_k=5, progress=gr.Progress(), request: gr.Request = None):
        masked = click_mask.masked_at(typed or "", int(index))
        return {text: masked, **fill_mask(masked, model, top_k, progress, request)}

    word_pick.input(handler(mask_word), [text, word_pick, model, top_k], [text, *outputs.values()],
                    api_visibility="private", preprocess=False, **queue_options(service))
    guess.wire(service, results, runs, lambda words, text, model: [service.score_words(model or None, text, words,
                                                                                       family=MASKED)],
               [text, model])
