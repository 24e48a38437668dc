"""Guess first: a switch that hides a tab's predictions until the student has typed a guess.

The tab builds a GuessFirst where the switch should appear, puts its predictions in a Column,
then calls `wire`. The reveal scores the guess with the service's score_words under each of the
tab's models and shows the predictions again. `score_words_api` is the same verb as an API (and
MCP) endpoint that answers JSON.

A run and a reveal can be under way at once. Each run starts a round (`Round`, one per page); a
guess is scored on the inputs of the round's run, not on whatever the text box holds by then; a
reveal that ends after a newer run started is dropped (it was a guess about the old sentence).
Gradio's page runs the events of one click one after another, in the order they were made, each
to its end: a tab that calls `wire` before making its run event, then `after(run_event)`, hides
the answers before the run changes them, and a reveal that ends before its run has shows the
predictions only once they are in. (Called after the run event, as the Fill and Next tabs do,
the answers are hidden only once the run has ended.)
"""
from dataclasses import asdict, dataclass

import gradio as gr

from demo.ui.common import handler, queue_options
from demo.ui.i18n import t
from demo.ui.reader import reader_language
from demo.viz.guess import reveal


@dataclass
class Round:
    """A page's guessing rounds. A gr.State hands its handlers this very object (Gradio keeps a
    session's state by reference), so a reveal still running sees a run that started after it."""
    number: int = 0  # runs started on this page
    values: tuple | None = None  # the inputs of the latest run: what a guess is scored against
    finished: int = 0  # the latest run that has finished (failed ones too)
    revealed: int = -1  # the run whose predictions a guess has revealed


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
        self.results, self.rounds = results, gr.State(Round())
        rounds, self.tracked = self.rounds, False

        def switched(on):
            return (gr.update(visible=not on), gr.update(visible=on), gr.update(visible=on), "", "")

        def toggled(on, round_):
            round_.revealed = -1  # switched on again: the answers wait for a new guess
            return switched(on)

        self.switch.change(toggled, [self.switch, rounds], hide, api_visibility="private", queue=False)

        def start(on, round_, *values):
            if self.tracked and round_.finished < round_.number:
                return (gr.skip(),) * 4  # the run ignores a click while it is under way (trigger_mode "once")
            round_.number, round_.values = round_.number + 1, values
            if not self.tracked:
                round_.finished = round_.number
            return switched(on)[:4] if on else (gr.update(),) * 4

        gr.on(runs, start, [self.switch, rounds, *inputs], hide[:4], api_visibility="private", preprocess=False,
              queue=False)

        def reveal_guess(words, round_, *values, request: gr.Request = None):
            lang = reader_language(request)
            asked = round_.number
            view = reveal(score(words, *(round_.values if round_.values is not None else values)), lang)
            if round_.number != asked:  # a new run started meanwhile: this guess was about the old one
                return gr.skip(), gr.skip(), gr.skip()
            round_.revealed = asked
            return view, gr.update(visible=True) if round_.finished >= asked else gr.skip(), gr.update(visible=False)

        gr.on([self.button.click, self.box.submit], handler(reveal_guess), [self.box, rounds, *inputs],
              [self.view, results, self.hint], api_visibility="private", preprocess=False,
              **queue_options(service))

    def after(self, run) -> None:
        """`run`: the tab's run event, made after `wire`. Its end (failed or not) ends the round: the
        predictions show then if the round's guess was revealed before they were in."""
        self.tracked = True

        def finished(round_):
            round_.finished = round_.number
            # (the reveal writes `revealed`, then reads `finished`; this, the other way round: one sees both)
            return gr.update(visible=True) if round_.revealed == round_.number else gr.skip()

        for ended in (run.then, run.failure):  # the page follows a failed run with its .failure events only
            ended(finished, self.rounds, self.results, api_visibility="private", queue=False)


def score_words_api(service) -> None:
    """POST /score_words: model, text, words -> the WordScores as JSON (also an MCP tool)."""

    def score_words(model: str, text: str, words: list[str]) -> dict:
        """Probability and rank (1 = the model's top) of each guessed word at the blank (masked
        model) or as the next word (causal model). A word of several pieces is scored as the
        product of its pieces' probabilities."""
        return asdict(service.score_words(model or None, text, words))

    gr.api(handler(score_words), api_name="score_words", **queue_options(service))
