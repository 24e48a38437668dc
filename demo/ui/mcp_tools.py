"""DEMO_MCP=1: every verb a tab uses is also an MCP tool that answers with the verb's result as JSON.

Gradio makes an MCP tool of every public endpoint. The page's own endpoints (`/fill_mask`, `/compare`, ...)
return what the page draws (Plotly figures, HTML, hidden state): an agent cannot read those, and Gradio's
MCP bridge fails on their state outputs ("pop index out of range"). So each verb gets an API-only endpoint
(`gr.api`, Gradio's way to declare a tool that no component backs) named `data_<verb>`: the prefix because
the page's `/<verb>` keeps its name and its page outputs for the web API, links and tests. Each tool takes
the verb's parameters, only what the verb cannot do without required (`text`; `words` for score_words;
`first` and `second` for next_sentence; nothing for cost, compress and probe), the rest the app's defaults,
and returns the result dataclass as a JSON string (demo/ui/plain.py): candidates with probabilities, layers,
scores. Gradio's MCP bridge sends a tool's return value as text, so JSON text, not a dict (which it would
send as Python's repr). With MCP on, the page's endpoints become "undocumented": still callable by name
(gradio_client, links), left out of the MCP tool list and of the API page, which then shows the data tools.
"""
import dataclasses
import functools
from typing import Literal

import gradio as gr
import numpy as np

from demo import inputs
from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.errors import DemoError
from demo.ui.common import handler, queue_options
from demo.ui.plain import as_json

def register(app: gr.Blocks, service) -> list[str]:
    """Inside `app`'s Blocks context, after the tabs: the data tools (with `service.settings.mcp` only).
    Returns their endpoint names."""
    if not service.settings.mcp:
        return []
    tools = _tools(service)
    for tool in tools:
        gr.api(handler(_in_english(tool)), api_name=tool.__name__, **queue_options(service))
    names = {tool.__name__ for tool in tools}
    for fn in app.fns.values():  # the page's endpoints: callable by name, not offered to agents
        if fn.api_visibility == "public" and fn.api_name not in names:
            fn.api_visibility = "undocumented"
    return sorted(names)


def _in_english(tool):
    """The service's refusal as its English message, as written: an agent is no page, so nothing is
    translated or escaped for a toast ("write [MASK], <mask> or ___" keeps its <mask>)."""
    @functools.wraps(tool)
    def call(*args, **kwargs):
        try:
            return tool(*args, **kwargs)
        except DemoError as err:
            raise gr.Error(str(err)) from None
    return call


def _tools(service) -> list:
    """The tools, closed over `service`; docstrings name each family's models and default (Gradio shows the
    text before "Args:" as the tool's description and each "name: ..." line as its parameter's)."""
    Method = Literal[inputs.ATTRIBUTION_METHODS]  # noqa: N806  (the schema lists the choices)
    Compression = Literal[inputs.COMPRESSION_METHODS]  # noqa: N806
    Family = Literal[MASKED, CAUSAL]  # noqa: N806

    def data_fill_mask(text: str, model: str | None = None, top_k: int = 5) -> str:
        """A masked model (BERT) fills each blank: its top candidates per blank with their probabilities
        (softmax over the whole vocabulary), best first, and the text filled with the top ones.

        Args:
            text: a sentence with one or more blanks, written [MASK], <mask> or ___
            model: a masked model: {masked}
            top_k: candidates per blank (1 to {max_top_k})
        """
        result = service.fill_mask(model or None, text, top_k)
        return as_json(result, filled=result.filled())

    def data_next_tokens(text: str, model: str | None = None, top_k: int = 5) -> str:
        """A causal model (GPT) reads the text left to right: its top candidates for the next token with their
        probabilities, best first, and the entropy (nats) of the whole next-token distribution.

        Args:
            text: the text to continue
            model: a causal model: {causal}
            top_k: candidates (1 to {max_top_k})
        """
        return as_json(service.next_tokens(model or None, text, top_k))

    def data_generate(text: str, model: str | None = None, max_new_tokens: int = 40, greedy: bool = False,
                      temperature: float = 1.0, top_k: int = 50, top_p: float = 1.0, seed: int | None = None) -> str:
        """A causal model (GPT) writes on: each new token with the model's own probability for it, and the
        whole text.

        Args:
            text: the prompt
            model: a causal model: {causal}
            max_new_tokens: how many tokens to write (1 to {max_new_tokens}, and within the model's positions)
            greedy: always take the most likely token (no sampling)
            temperature: sampling temperature (above 0, up to 5)
            top_k: sample from the k most likely tokens only (0: all)
            top_p: sample from the smallest set of tokens whose probabilities sum to p (nucleus)
            seed: a seed makes sampling repeatable
        """
        result = service.generate(model or None, text, max_new_tokens=max_new_tokens, greedy=greedy,
                                  temperature=temperature, top_k=top_k, top_p=top_p, seed=seed)
        return as_json(result, text=result.text)

    def data_attention(text: str, model: str | None = None, family: Family | None = None,
                       layer: int | None = None, head: int | None = None) -> str:
        """Every attention head's weights: weights[layer][head][i][j] is how much token i looks at token j
        (each row sums to 1; a causal model's are 0 above the diagonal). `layers` and `heads` say which
        were kept when only one layer or head is asked for.

        Args:
            text: any text (a blank, [MASK], is shown as a masked model sees it)
            model: any masked or causal model: {masked}; {causal}
            family: masked or causal: that family's default model when no model is named
            layer: only this layer (0-based), to keep the answer short
            head: only this head (0-based)
        """
        result = service.attention(model or None, text, family=family or None)
        layers, heads = range(result.weights.shape[0]), range(result.weights.shape[1])
        layers = layers if layer is None else [inputs.check_int("layer", layer, 0, len(layers) - 1)]
        heads = heads if head is None else [inputs.check_int("head", head, 0, len(heads) - 1)]
        result = dataclasses.replace(result, weights=result.weights[np.ix_(list(layers), list(heads))])
        return as_json(result, layers=list(layers), heads=list(heads))

    def data_compare(text: str, top_k: int = 5, masked_model: str | None = None, causal_model: str | None = None,
                     seq2seq_model: str | None = None, with_seq2seq: bool = True) -> str:
        """BERT vs GPT (and an encoder-decoder) on one blank: BERT's candidates (it reads both sides), GPT's
        next token after the words left of the blank, BERT's candidates ranked by GPT's log-likelihood of the
        whole sentence, and the encoder-decoder's spans (or why there are none: infill_error).

        Args:
            text: a sentence with exactly one blank ([MASK], <mask> or ___)
            top_k: candidates per model (1 to {max_top_k})
            masked_model: {masked}
            causal_model: {causal}
            seq2seq_model: {seq2seq}
            with_seq2seq: also ask the encoder-decoder
        """
        return as_json(service.compare(text, top_k, masked_model or None, causal_model or None,
                                       seq2seq_model or None, with_seq2seq))

    def data_lens(text: str, model: str | None = None, top_k: int = 5, family: Family | None = None) -> str:
        """The logit lens: what the model would answer if it stopped after each layer (embeddings first, its
        own output last), read at the blank (masked) or the last token / left of the blank (causal), with
        the final answer's probability and rank at each layer.

        Args:
            text: a sentence (with a blank for a masked model)
            model: {masked}; {causal}
            top_k: candidates per layer (1 to {max_top_k})
            family: masked or causal: that family's default model when no model is named
        """
        return as_json(service.lens(model or None, text, top_k, family=family or None))

    def data_attribution(text: str, model: str | None = None, method: Method = "integrated_gradients",
                         steps: int = 32, target: str | None = None, family: Family | None = None) -> str:
        """Which input tokens raised the model's log-probability of a word at the one blank (integrated
        gradients or gradient x input): one score per token, and per word.

        Args:
            text: a sentence with exactly one blank
            model: {masked}; {causal}
            method: integrated_gradients or gradient_x_input
            steps: integration steps (integrated gradients)
            target: the word explained (default: the model's own top word)
            family: masked or causal: that family's default model when no model is named
        """
        result = service.attribution(model or None, text, method, steps, target or None, family=family or None)
        return as_json(result, word_scores=result.word_scores())

    def data_attention_steps(text: str, model: str | None = None, layer: int = 0, head: int = 0, query: int = 0,
                             family: Family | None = None) -> str:
        """One attention head's arithmetic for one query token, from the model's own weights: q, k, the
        scores k.q, scaled by the square root of the head size, masked (causal), softmax (the weights, equal
        to the model's attention row), v and the output.

        Args:
            text: any text
            model: {masked}; {causal}
            layer: 0-based layer
            head: 0-based head
            query: index of the query token in the result's tokens (0-based, special tokens included)
            family: masked or causal: that family's default model when no model is named
        """
        return as_json(service.attention_steps(model or None, text, layer, head, query, family=family or None))

    def data_infill(text: str, model: str | None = None, top_k: int = 5) -> str:
        """An encoder-decoder (T5, BART) writes each blank's answer, which may be several words: the ranked
        spans per blank with their probabilities and log-likelihoods.

        Args:
            text: a sentence with one or more blanks
            model: an encoder-decoder: {seq2seq}
            top_k: spans per blank (1 to {max_infill_k})
        """
        return as_json(service.infill(model or None, text, top_k))

    def data_score_words(text: str, words: list[str], model: str | None = None,
                         family: Family | None = None) -> str:
        """Each guessed word's probability and rank (1 = the model's top) at the blank (masked model) or as
        the next word after the text (causal model). A word of several pieces is scored as the product of
        its pieces' probabilities.

        Args:
            text: with a blank for a masked model (then the masked default scores it), or text to continue
            words: the guesses (up to {max_words})
            model: {masked}; {causal}
            family: masked or causal: that family's default model when no model is named
        """
        return as_json(service.score_words(model or None, text, words, family=family or None))

    def data_cost(model: str | None = None, lengths: list[int] | None = None,
                  batch_sizes: list[int] | None = None) -> str:
        """Latency and peak memory of one forward pass against length and batch, measured on this server, with
        a least-squares fit seconds = a + b*n + c*n^2 and the model's sizes.

        Args:
            model: a masked or causal model: {masked}; {causal}
            lengths: tokens per row to measure (default: the app's set)
            batch_sizes: rows per batch to measure (default: the app's set)
        """
        return as_json(service.cost(model or None, lengths or None, batch_sizes or None))

    def data_compress(model: str | None = None, method: Compression = "int8", amount: float | None = None) -> str:
        """One compressed copy of the model against the full one: size, speed ratio, fidelity (share of the
        full model's top-5 kept) and quality (top-5 accuracy or perplexity).

        Args:
            model: a masked or causal model: {masked}; {causal}
            method: int8, fp16, bf16, prune, heads, low_rank or distilled
            amount: sparsity (prune), share of heads removed (heads) or of the rank kept (low_rank), 0 to 1
        """
        return as_json(service.compress(model or None, method, amount))

    def data_probe(model: str | None = None, task: str = "sentiment", texts: list[str] | None = None,
                   labels: list[str] | None = None) -> str:
        """A probe: a logistic regression on the frozen model's sentence vectors (first token, last token, mean)
        at every layer, scored on held-out sentences; with chance (always guessing the commonest class) and
        a 2-D PCA picture of the last layer's vectors.

        Args:
            model: a masked or causal model: {masked}; {causal}
            task: a shipped labelled set: sentiment (English) or sentiment-zh (Chinese)
            texts: your own sentences instead (with labels, one per sentence; each class needs several)
            labels: the class name of each of your sentences
        """
        return as_json(service.probe(model or None, task, texts or None, labels or None))

    def data_next_sentence(first: str, second: str, model: str | None = None) -> str:
        """Does `second` follow `first`? Asked as each model was pre-trained: BERT's next-sentence head
        (prob_follows), ALBERT's sentence-order head, or for GPT log p(second | first) - log p(second) in nats
        (difference > 0: the first sentence makes the second likelier).

        Args:
            first: the first sentence
            second: the sentence that may follow it
            model: {masked}; {causal}
        """
        result = service.next_sentence(model or None, first, second)
        return as_json(result, difference=result.difference)

    def data_sampling(text: str, model: str | None = None, temperature: float = 1.0, top_k: int = 0,
                      top_p: float = 1.0) -> str:
        """The next-token distribution of a causal model before and after each of transformers' warpers in
        their order (temperature, then top-k, then top-p), renormalised after each: the top candidates'
        probabilities at every step, how many tokens stay possible and their share of the model's own mass.

        Args:
            text: the text to continue
            model: a causal model: {causal}
            temperature: above 0, up to 5
            top_k: keep the k most likely tokens (0: all)
            top_p: keep the smallest set of tokens whose probabilities sum to p
        """
        return as_json(service.sampling(model or None, text, temperature, top_k, top_p))

    tools = [data_fill_mask, data_next_tokens, data_generate, data_attention, data_compare, data_lens,
             data_attribution, data_attention_steps, data_infill, data_score_words, data_cost, data_compress,
             data_probe, data_next_sentence, data_sampling]
    names = {family: _models(service, family) for family in (MASKED, CAUSAL, SEQ2SEQ)}
    limits = {"max_top_k": service.settings.max_top_k, "max_new_tokens": service.settings.max_new_tokens,
              "max_infill_k": service.settings.max_infill_k, "max_words": inputs.MAX_WORDS}
    for tool in tools:
        tool.__doc__ = tool.__doc__.format(**names, **limits)
    return tools


def _models(service, family: str) -> str:
    default = service.default(family)
    others = [name for name in service.choices(family) if name != default]
    return f"{', '.join([default, *others])} (default {default})"
