"""BERT vs GPT tab: both models on the same blank, and why their answers differ.

BERT fills the blank from both sides; GPT predicts the next word from the left side only, but
can still judge BERT's words by reading each completed sentence. A second button changes the
words after the blank to show GPT's prediction cannot depend on them.
"""
from __future__ import annotations

import gradio as gr

from demo.catalog import CAUSAL, MASKED
from demo.guess import both as scored_by_both
from demo.ui import links
from demo.ui import export
from demo.ui.common import announce_loading, handler, model_choices, queue_options
from demo.ui.guess import GuessFirst
from demo.viz import comparison as view
from demo.viz.bars import candidate_bars
from demo.viz.heatmaps import plotly_text

INTRO = """**Same sentence, one blank, two models.** BERT reads the words on *both* sides of the blank.
GPT reads left to right, so for the blank it only has the words *before* it. Write the blank as `___` or `[MASK]`."""

RANKING = """### GPT judges BERT's words
GPT cannot look ahead while predicting, but it can read a *finished* sentence. Each of BERT's candidates is put in
the blank and GPT adds up the log-probability of every token of the sentence: the **log-likelihood**. Closer to 0
means GPT finds the sentence more natural."""

CAUSALITY = """### Change the words after the blank
Keep everything up to the blank, replace what follows, and run both models again. BERT's answer should move; GPT's
next-word candidates cannot, because the new words are to the right of where it predicts."""

# the sentence, and words after the blank that call for another answer
EXAMPLES = [
    ["The doctor told the ___ to rest because she was sick.", "to prepare the operating room at once."],
    ["I went to the ___ to buy some bread.", "to borrow some books."],
    ["The ___ barked at the mailman all morning.", "purred on my lap all morning."],
    ["___ is the capital of France.", "is the capital of Italy."],
    ["北京是中国的___都。", "部城市。"],  # with the Chinese models
]


def _table(headers: list[str], elem_id: str, label: str, value=None) -> gr.Dataframe:
    # tall enough that no table scrolls: every row is part of the lesson
    return gr.Dataframe(value, headers=headers, label=label, elem_id=elem_id, interactive=False, wrap=True,
                        max_height=900)


def build_compare_tab(service) -> None:
    gr.Markdown(INTRO)
    new_right = gr.Textbox(label="New words after the blank", value=EXAMPLES[0][1], scale=3, render=False,
                           elem_id="compare-new-right")  # shown in the causality section below
    with gr.Row():
        with gr.Column(scale=3):
            text = gr.Textbox(label="Sentence with one blank", lines=2, value=EXAMPLES[0][0], elem_id="compare-text")
            gr.Examples(EXAMPLES, inputs=[text, new_right], label="Examples (sentence, other words after the blank)")
        with gr.Column(scale=2):
            # the service is the one judge of models and numbers: Gradio's own range and choice checks
            # would answer API callers with other messages (and refuse local models an operator allowed)
            masked_model = gr.Dropdown(model_choices(service, MASKED), value=service.default(MASKED),
                                       label="Masked model (BERT-style)", allow_custom_value=True)
            causal_model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                       label="Causal model (GPT-style)", allow_custom_value=True)
            top_k = gr.Number(5, precision=0, step=1, label=f"Candidates per model (top-k, 1 to "
                                                             f"{service.settings.max_top_k})")
            run = gr.Button("Compare", variant="primary", elem_id="compare-run")
            links.share("compare", run, text=text, right=new_right, top_k=top_k, masked=masked_model,
                        causal=causal_model)

    gr.Markdown("### What each model can see when it predicts the blank")
    strip = gr.HTML(label="What each model sees", elem_id="compare-strip", js_on_load=None)
    guess = GuessFirst("compare")
    with gr.Column() as results:
        with gr.Row(equal_height=False):
            masked_plot = gr.Plot(label="BERT: fills the blank from both sides", elem_id="compare-masked-plot")
            causal_plot = gr.Plot(label="GPT: next word after the left side", elem_id="compare-causal-plot")
        gr.Markdown(RANKING)
        ranking_note = gr.HTML(label="GPT's choice", elem_id="compare-ranking-note", js_on_load=None)
        ranking = _table(view.RANKING_HEADERS, "compare-ranking", "BERT's candidates, ranked by GPT")

    gr.Markdown(CAUSALITY)
    with gr.Row():
        new_right.render()
        rerun = gr.Button("Run again with these words", scale=1)
    verdict = gr.HTML(label="Verdict", elem_id="compare-verdict", js_on_load=None)
    with gr.Row(equal_height=False):
        masked_shift = _table(view.SHIFT_HEADERS, "compare-masked-shift", "BERT before and after")
        causal_shift = _table(view.SHIFT_HEADERS, "compare-causal-shift", "GPT before and after")

    gr.Markdown("### How they are built, and the models loaded now")
    facts = _table(view.FACTS_HEADERS, "compare-facts", "Design, then measured on this server", view.DESIGN)

    def compare(text, top_k=5, masked_model=None, causal_model=None, progress=gr.Progress()):
        announce_loading(service, progress, (masked_model or None, MASKED), (causal_model or None, CAUSAL))
        result = service.compare(text, top_k, masked_model or None, causal_model or None)
        masked_info = service.info(masked_model or None, MASKED)
        causal_info = service.info(causal_model or None, CAUSAL)
        return (view.visibility_strip(result),
                candidate_bars([("", result.masked)], plotly_text(result.masked_model), view.MASKED_COLOR),
                candidate_bars([("", result.causal)], plotly_text(result.causal_model), view.CAUSAL_COLOR),
                view.ranking_note(result), view.ranking_rows(result),
                view.facts_rows(masked_info, causal_info, result.seconds), result)

    runs = [run.click, text.submit]
    guess.wire(service, results, runs, lambda words, text, masked, causal: scored_by_both(
        service, words, text, masked or None, causal or None), [text, masked_model, causal_model])  # before the run
    last = gr.State(None)  # the Comparison, for the JSON download (not in the API)
    compared = gr.on(runs, handler(compare), [text, top_k, masked_model, causal_model],
                     [strip, masked_plot, causal_plot, ranking_note, ranking, facts, last],
                     api_name="compare", preprocess=False, **queue_options(service))
    export.json_download(compared, last, "compare", "compare-json")
    guess.after(compared)

    def change_right(text, new_right, top_k=5, masked_model=None, causal_model=None):
        """The same sentence before and after replacing the words right of the blank."""
        models = (masked_model or None, causal_model or None)
        before = service.compare(text, top_k, *models)
        after = service.compare(view.with_new_right(before.left, new_right), top_k, *models)
        return (view.causality_verdict(before, after), view.shift_rows(before.masked, after.masked),
                view.shift_rows(before.causal, after.causal))

    gr.on([rerun.click, new_right.submit], handler(change_right),
          [text, new_right, top_k, masked_model, causal_model], [verdict, masked_shift, causal_shift],
          api_visibility="private", **queue_options(service))
