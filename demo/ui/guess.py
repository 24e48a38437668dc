"""Guess first: a switch that hides a tab's predictions until the student has typed a guess.

The tab builds a GuessFirst where the switch should appear, puts its predictions in a Column,
then calls `wire`. The reveal scores the guess with the service's score_words under each of the
tab's models and shows the predictions again. `score_words_api` is the same verb as an API (and
MCP) endpoint that answers JSON.
"""
from dataclasses import asdict

import gradio as gr

from demo.ui.common import handler, queue_options
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz.guess import reveal


class GuessFirst:
    def __init__(self, prefix: str):
        self.prefix = prefix
        self.switch = gr.Checkbox(False, label=t("guess.switch"), elem_id=f"{prefix}-guess-first")
        with gr.Row(visible=False, elem_id=f"{prefix}-guess-row") as self.row:
            self.box = gr.Textbox(label=t("guess.box"), scale=3, max_lines=1, elem_id=f"{prefix}-guess")
            self.button = gr.Button(t("guess.reveal"), variant="primary", scale=1, elem_id=f"{prefix}-reveal")
        self.hint = gr.Markdown(t("guess.hidden"), visible=False, elem_id=f"{prefix}-guess-hint")
        self.view = gr.HTML(elem_id=f"{prefix}-guess-reveal", js_on_load=None)

    def wire(self, service, results: gr.Column, runs: list, score, inputs: list) -> None:
        """`results`: the Column of predictions to hide; `runs`: the tab's run triggers (a new run
        hides the answers again while guessing); `score(words, *inputs)` -> list of WordScores."""
        hide = [results, self.row, self.hint, self.view, self.box]

        def switched(on):
            return (gr.update(visible=not on), gr.update(visible=on), gr.update(visible=on), "", "")

        self.switch.change(switched, self.switch, hide, api_visibility="private", queue=False)

        def rerun(on):
            return switched(on)[:4] if on else (gr.update(),) * 4

        gr.on(runs, rerun, self.switch, hide[:4], api_visibility="private", queue=False)

        def reveal_guess(words, *values, request: gr.Request = None):
            lang = reader_language(request)
            return reveal(score(words, *values), lang), gr.update(visible=True), gr.update(visible=False)

        gr.on([self.button.click, self.box.submit], handler(reveal_guess), [self.box, *inputs],
              [self.view, results, self.hint], api_visibility="private", preprocess=False,
              **queue_options(service))


def score_words_api(service) -> None:
    """POST /score_words: model, text, words -> the WordScores as JSON (also an MCP tool)."""

    def score_words(model: str, text: str, words: list[str]) -> dict:
        """Probability and rank (1 = the model's top) of each guessed word at the blank (masked
        model) or as the next word (causal model). A word of several pieces is scored as the
        product of its pieces' probabilities."""
        return asdict(service.score_words(model or None, text, words))

    gr.api(handler(score_words), api_name="score_words", **queue_options(service))
