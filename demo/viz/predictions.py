"""The Fill and Next-word tabs' views: a result as {output name: value} (each tab maps names to its components)."""
from __future__ import annotations

from demo.results import FillMask, NextTokens
from demo.viz.bars import fill_mask_bars, next_token_bars
from demo.viz.token_html import filled_sentence


def fill_view(result: FillMask, lang: str = "en") -> dict:
    """After a fill: the candidates' chart, the sentence they make, and the result for the JSON download."""
    return {"plot": fill_mask_bars(result, lang), "sentence": filled_sentence(result, lang), "last": result}


def next_view(result: NextTokens, lang: str = "en") -> dict:
    """After a prediction: the chart, and the distribution the clickable choices are read from."""
    return {"plot": next_token_bars(result, lang), "dist": result}
