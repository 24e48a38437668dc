"""Next word (GPT) tab: the next-token distribution, a step mode that makes autoregression
visible (pick a token, it is appended, predict again), and streamed generation.

Public events run with preprocess=False: the service checks every value and names the limit,
where Gradio's own checks would refuse API callers first with messages about component bounds.
"""
from __future__ import annotations

from dataclasses import asdict

import gradio as gr

from demo import inputs
from demo.text import say
from demo.catalog import CAUSAL
from demo.errors import DemoError
from demo.ui import links
from demo.ui import export
from demo.ui.common import announce_loading, handler, model_choices, queue_options, render
from demo.ui.guess import GuessFirst
from demo.ui.reader import reader_language
from demo.ui.i18n import t
from demo.ui.stops import Stops
from demo.viz.adapt import sampling_figure
from demo.viz.bars import piece_label
from demo.viz.predictions import next_view
from demo.viz.token_html import generated_html

EXAMPLES = [
    ["The capital of France is"],
    ["Once upon a time, there was a"],
    ["The best way to learn a new language is to"],
    ["def fibonacci(n):"],
    ["今天天气很"],  # for a Chinese model (uer/gpt2-chinese-cluecorpussmall): "今天天气很好"
]


def _offer(dist):
    """The last distribution's candidates as clickable choices (index = rank), none picked yet.
    A piece that cannot be written into the prompt's text is left out of the choices (the chart
    still shows it): a byte-level piece that is only part of a character (it reads as "\ufffd"),
    and GPT-2's 30 pieces for control bytes such as U+0000, which the prompt check refuses."""
    return gr.update(choices=[(f"{piece_label(c.token)}   {c.prob:.1%}", i) for i, c in enumerate(dist.candidates)
                              if "\ufffd" not in c.text and not inputs.control_characters(c.text)], value=None)


def new_tokens(service, model) -> int:
    """The slider's top for `model` (its catalog spec: no load needed)."""
    try:
        positions = service.spec(model or None, CAUSAL).max_positions
    except DemoError:  # an unknown name: the run names the problem; keep the operator's cap meanwhile
        return service.settings.max_new_tokens
    return inputs.new_tokens_limit(service.settings.max_new_tokens, positions)


def build_generate_tab(service) -> None:
    stops = Stops()
    gr.Markdown(t("next.explanation"))
    with gr.Row():
        text = gr.Textbox(label=t("next.prompt"), lines=2, scale=3, elem_id="generate-text",
                          placeholder=t("next.placeholder"))
        with gr.Column(scale=2):
            model = gr.Dropdown(model_choices(service, CAUSAL), value=service.default(CAUSAL),
                                label=t("tabs.causal_model"))
            top_k = gr.Slider(1, service.settings.max_top_k, value=5, step=1, label=t("next.top_k"))
            predict = gr.Button(t("next.predict"), variant="primary", elem_id="generate-predict")
    gr.Examples(EXAMPLES, inputs=[text], label=t("tabs.examples"))
    guess = GuessFirst("generate")
    with gr.Column() as results:
        plot = gr.Plot(label=t("next.bars"), elem_id="generate-bars")
        choice = gr.Radio([], label=t("next.step"),
                          elem_id="generate-step")
    dist = gr.State(None)  # the distribution the choices were made from

    with links.fold(gr.Accordion(t("next.continuation"), open=True)):
        gr.Markdown(t("next.sampling"))
        with gr.Row():
            greedy = gr.Checkbox(False, label=t("next.greedy"))
            # bounded by the model's positions (demo/inputs.py), and again when another model is chosen
            most = new_tokens(service, model.value)
            max_new_tokens = gr.Slider(1, most, value=min(40, most), step=1, label=t("next.max_new_tokens"),
                                       elem_id="generate-max-new-tokens")
            # a Textbox, not a Number: Gradio 6's Number shows and sends 0 for an empty value
            seed = gr.Textbox("", label=t("next.seed"), placeholder=t("next.seed_placeholder"), max_lines=1)
        with gr.Row():
            temperature = gr.Slider(0.05, 2.0, value=1.0, step=0.05, label=t("next.temperature"))
            sample_top_k = gr.Slider(0, 200, value=50, step=1, label=t("next.sample_top_k"),
                                     elem_id="generate-sample-top-k")
            top_p = gr.Slider(0.05, 1.0, value=1.0, step=0.05, label=t("next.top_p"))
        # the sampling picture: what the three knobs do to the distribution before a token is drawn
        warp_on = gr.Checkbox(False, label=t("next.warpers"), info=t("next.warpers_note"), elem_id="generate-warp-on")
        warp_plot = gr.Plot(show_label=False, visible=False, elem_id="generate-warpers")
        with gr.Row():
            write = gr.Button(t("next.generate"), variant="primary", scale=2)
            stop = gr.Button(t("generate.stop"), variant="stop", scale=1, elem_id="generate-stop")
            links.share("next", predict, text=text, model=model, top_k=top_k, max_new_tokens=max_new_tokens,
                        greedy=greedy, temperature=temperature, sample_top_k=sample_top_k, top_p=top_p, seed=seed)
        status = gr.Markdown(elem_id="generate-status")  # "stopped", after a Stop
        output = gr.HTML(elem_id="generate-output", js_on_load=None)
        plain = gr.Textbox(label=t("next.plain"), lines=3, buttons=["copy"], interactive=False,
                           elem_id="generate-plain")

    outputs = {"plot": plot, "dist": dist}

    def next_tokens(text, model=None, top_k=5, progress=gr.Progress(), request: gr.Request = None):
        announce_loading(service, progress, (model or None, CAUSAL))
        result = service.next_tokens(model or None, text, top_k)
        return render(outputs, next_view(result, reader_language(request)))

    runs = [predict.click, text.submit]
    predicted = gr.on(runs, handler(next_tokens), [text, model, top_k], list(outputs.values()),
                      api_name="next_tokens", preprocess=False, **queue_options(service))
    predicted.success(_offer, dist, choice, api_visibility="private", queue=False)
    export.json_download(predicted, dist, "next-tokens", "generate-json")
    guess.wire(service, results, runs, lambda words, text, model: [service.score_words(model or None, text, words,
                                                                                       family=CAUSAL)],
               [text, model])

    def step(typed, model, top_k, shown, index, request: gr.Request = None):
        """A choice was clicked (so `shown` holds the distribution it came from): append its text to
        the prompt and predict from the new prompt."""
        longer = (typed or "") + shown.candidates[int(index)].text
        return {text: longer, **next_tokens(longer, model, top_k, request=request)}

    choice.input(handler(step), [text, model, top_k, dist, choice], [text, *outputs.values()], api_visibility="private",
                 preprocess=False, **queue_options(service)
                 ).success(_offer, dist, choice, api_visibility="private", queue=False)

    def generate(text, model=None, max_new_tokens=40, greedy=False, temperature=1.0, top_k=50, top_p=1.0,
                 seed=None, progress=gr.Progress(), request: gr.Request = None):
        announce_loading(service, progress, (model or None, CAUSAL))
        session = stops.start(request)
        tokens = []
        for token in service.stream(model or None, text, max_new_tokens=max_new_tokens, greedy=greedy,
                                    temperature=temperature, top_k=top_k, top_p=top_p, seed=seed,
                                    stopped=lambda: stops.asked(session)):
            tokens.append(token)
            yield generated_html(text, tokens), text + "".join(t.text for t in tokens)

    # a new run starts from empty outputs: an error then never sits over the last run's text
    cleared = write.click(lambda: ("", "", ""), None, [output, plain, status], api_visibility="private", queue=False)
    generation = cleared.then(handler(generate),
                              [text, model, max_new_tokens, greedy, temperature, sample_top_k, top_p, seed],
                              [output, plain], api_name="generate", preprocess=False, show_progress="minimal",
                              **queue_options(service))

    def stopped(request: gr.Request = None):
        stops.stop(request)
        return say("next.stopped", reader_language(request))

    # Gradio stops iterating a cancelled (or abandoned) stream; the flag also stops the loop itself
    stop.click(stopped, None, status, cancels=[generation], api_visibility="private", queue=False)

    def bounded(model, value):
        most = new_tokens(service, model)
        return gr.update(maximum=most, value=min(int(value or 1), most))

    model.change(handler(bounded), [model, max_new_tokens], max_new_tokens, api_visibility="private", queue=False)

    def sampling_picture(on=False, text="", model=None, temperature=1.0, top_k=0, top_p=1.0,
                         request: gr.Request = None):
        """The sampling verb's picture while the box is ticked; it follows the sliders."""
        if not on:
            return {warp_plot: gr.update(visible=False)}
        result = service.sampling(model or None, text, temperature, top_k, top_p)
        return {warp_plot: gr.update(value=sampling_figure(result, reader_language(request)), visible=True)}

    gr.on([warp_on.change, temperature.change, sample_top_k.change, top_p.change], handler(sampling_picture),
          [warp_on, text, model, temperature, sample_top_k, top_p], [warp_plot], api_visibility="private",
          preprocess=False, trigger_mode="always_last", **queue_options(service))

    def sampling(text: str, model: str | None = None, temperature: float = 1.0, top_k: int = 0,
                 top_p: float = 1.0) -> dict:
        """The next-token distribution before and after temperature, top-k and top-p (transformers' warpers, in
        that order), renormalised after each."""
        return asdict(service.sampling(model or None, text, temperature, top_k, top_p))

    gr.api(handler(sampling), api_name="sampling", **queue_options(service))

    # greedy ignores the sampling settings: grey them out so nobody tunes a knob that does nothing
    greedy.change(lambda g: [gr.update(interactive=not g)] * 4, greedy, [temperature, sample_top_k, top_p, seed],
                  api_visibility="private", queue=False)
