"""BERT vs GPT tab: both models on the same blank, and why their answers differ; an encoder-decoder
(T5, BART) in a third column.

BERT fills the blank from both sides; GPT predicts the next word from the left side only, but
can still judge BERT's words by reading each completed sentence. The encoder-decoder reads both
sides and writes the answer, which may be several words. A second button changes the words
after the blank to show GPT's prediction cannot depend on them.
"""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.errors import ModelLoadError
from demo.ui import links
from demo.ui import export
from demo.text import say
from demo.ui.common import announce_loading, handler, model_choices, queue_options, render
from demo.ui.guess import GuessFirst
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz import comparison as view

# the sentence, and words after the blank that call for another answer
EXAMPLES = [
    ["The doctor told the ___ to rest because she was sick.", "to prepare the operating room at once."],
    ["I went to the ___ to buy some bread.", "to borrow some books."],
    ["She lives in ___ with her family.", "by the sea with her family."],  # two words: New York, the city
    ["The ___ barked at the mailman all morning.", "purred on my lap all morning."],
    ["___ is the capital of France.", "is the capital of Italy."],
    ["北京是中国的___都。", "部城市。"],  # with the Chinese models
]


def _table(elem_id: str, label, value=None, **options) -> gr.Dataframe:
    # tall enough that no table scrolls: every row is part of the lesson; headers come with each
    # result, in the reader's language
    return gr.Dataframe(value, label=label, elem_id=elem_id, interactive=False, wrap=True, max_height=900, **options)


def build_compare_tab(service, lang: str = "en") -> None:
    """`lang`: the page's language, for what Gradio does not translate itself (the Examples' headers)."""
    gr.Markdown(t("compare.intro"))
    new_right = gr.Textbox(label=t("compare.new_right"), value=EXAMPLES[0][1], scale=3, render=False,
                           elem_id="compare-new-right")  # shown in the causality section below
    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(label=t("compare.text"), lines=2, value=EXAMPLES[0][0], elem_id="compare-text")
            examples = gr.Examples(EXAMPLES, inputs=[text, new_right], label=t("compare.examples"),
                                   elem_id="compare-examples")
            # a Dataset's headers are drawn as given: an i18n label would show as its raw metadata
            examples.dataset.headers = [say("compare.text", lang), say("compare.new_right", lang)]
        with gr.Column(scale=2):
            # the service is the one judge of models and numbers: Gradio's own range and choice checks
            # would answer API callers with other messages (and refuse local models an operator allowed)
            masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                       label=t("compare.masked_model"), allow_custom_value=True)
            causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                       label=t("compare.causal_model"), allow_custom_value=True)
            seq2seq_model = gr.Dropdown(model_choices(service, SEQ2SEQ), value=service.default(SEQ2SEQ),
                                        label=t("compare.seq2seq_model"), allow_custom_value=True,
                                        elem_id="compare-seq2seq-model")
            top_k = gr.Number(5, precision=0, step=1, label=t("compare.top_k") + f" 1–{service.settings.max_top_k}")
            run = gr.Button(t("compare.run"), variant="primary", elem_id="compare-run")
            links.share("compare", run, text=text, right=new_right, top_k=top_k, masked=masked_model,
                        causal=causal_model, seq2seq=seq2seq_model)

    gr.Markdown(t("compare.see_head"))
    strip = gr.HTML(label=t("compare.strip_label"), elem_id="compare-strip", js_on_load=None)
    guess = GuessFirst("compare")
    with gr.Column() as results:
        with gr.Row(equal_height=False):
            masked_plot = gr.Plot(label=t("compare.masked_plot"), elem_id="compare-masked-plot")
            causal_plot = gr.Plot(label=t("compare.causal_plot"), elem_id="compare-causal-plot")
            with gr.Column(elem_id="compare-seq2seq"):  # the encoder-decoder's column
                seq2seq_plot = gr.Plot(label=t("compare.seq2seq_plot"), elem_id="compare-seq2seq-plot")
                seq2seq_note = gr.HTML(label=t("compare.seq2seq_note_label"), elem_id="compare-seq2seq-note",
                                       js_on_load=None)
                gr.Markdown(t("compare.seq2seq.explain"), elem_id="compare-seq2seq-explain")
        gr.Markdown(t("compare.ranking"))
        ranking_note = gr.HTML(label=t("compare.ranking_note_label"), elem_id="compare-ranking-note", js_on_load=None)
        ranking = _table("compare-ranking", t("compare.ranking_label"))

    gr.Markdown(t("compare.causality"))
    with gr.Row():
        new_right.render()
        rerun = gr.Button(t("compare.rerun"), scale=1)
    verdict = gr.HTML(label=t("compare.verdict_label"), elem_id="compare-verdict", js_on_load=None)
    with gr.Row(equal_height=False):
        masked_shift = _table("compare-masked-shift", t("compare.masked_shift"))
        causal_shift = _table("compare-causal-shift", t("compare.causal_shift"))

    gr.Markdown(t("compare.facts_head"))
    # fixed shares of the width so long design sentences wrap instead of pushing the third model off the page
    facts = _table("compare-facts", t("compare.facts_label"), column_widths=["16%", "28%", "28%", "28%"])

    outputs = {"strip": strip, "masked_plot": masked_plot, "causal_plot": causal_plot,
               "ranking_note": ranking_note, "ranking": ranking, "facts": facts, "seq2seq_plot": seq2seq_plot,
               "seq2seq_note": seq2seq_note, "last": gr.State(None)}  # last: the Comparison, for the JSON download
    shifts = {"verdict": verdict, "masked_shift": masked_shift, "causal_shift": causal_shift}

    def compare(text, top_k=5, masked_model=None, causal_model=None, seq2seq_model=None, progress=gr.Progress(),
                request: gr.Request = None):
        announce_loading(service, progress, (masked_model or None, MASKED), (causal_model or None, CAUSAL))
        try:
            announce_loading(service, progress, (seq2seq_model or None, SEQ2SEQ))
        except ModelLoadError:
            pass  # the encoder-decoder's column says why in one line; BERT and GPT go on
        result = service.compare(text, top_k, masked_model or None, causal_model or None, seq2seq_model or None)
        return render(outputs, view.compare_view(result, reader_language(request)))

    runs = [run.click, text.submit]
    guess.wire(service, results, runs, lambda words, text, masked, causal: service.score_both(
        words, text, masked or None, causal or None), [text, masked_model, causal_model])  # before the run
    compared = gr.on(runs, handler(compare), [text, top_k, masked_model, causal_model, seq2seq_model],
                     list(outputs.values()), api_name="compare", preprocess=False, **queue_options(service))
    export.json_download(compared, outputs["last"], "compare", "compare-json")
    guess.after(compared)

    def change_right(text, new_right, top_k=5, masked_model=None, causal_model=None, request: gr.Request = None):
        """The same sentence before and after replacing the words right of the blank (BERT and GPT only);
        with no new words yet, the section is emptied (a new sentence never keeps the last one's tables)."""
        lang = reader_language(request)
        if not (new_right or "").strip():
            return render(shifts, view.causality_view(None, None, lang))
        test = service.change_right(text, new_right, top_k, masked_model or None, causal_model or None)
        return render(shifts, view.causality_view(test.before, test.after, lang))

    changing = {"fn": handler(change_right), "inputs": [text, new_right, top_k, masked_model, causal_model],
                "outputs": list(shifts.values()), "api_visibility": "private", **queue_options(service)}
    gr.on([rerun.click, new_right.submit], **changing)
    # after every compare (a new sentence, or a link with right=), the before/after tables follow it
    compared.success(**changing)
