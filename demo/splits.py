"""The tokenizer lesson's one verb: how each tokenizer family cuts the same text.

The loaded masked and causal models' own tokenizers, and beside them the reference tokenizers of the
families they do not show: a byte-level BPE (GPT-2's kind, "Ġ") and a SentencePiece-style Unigram
(T5's kind, "▁"), trained by this project on its corpus (assets/tokenizers/, tokenizers only, no
weights). Offline the pocket trio all read one WordPiece on purpose (only their objectives differ), so
without these the lesson would show WordPiece three times.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from demo import inputs
from demo.catalog import CAUSAL, MASKED
from demo.results import Split, Splits

FOLDER = Path(__file__).resolve().parents[1] / "assets" / "tokenizers"
REFERENCE = {"BPE": "byte-bpe", "Unigram": "unigram"}  # tokenizer kind -> folder (tokenizer.json)


@lru_cache(maxsize=None)
def _reference(folder: str):
    from tokenizers import Tokenizer  # the Rust tokenizers alone: no model, no torch

    return Tokenizer.from_file(str(FOLDER / folder / "tokenizer.json"))


def reference_splits(text: str, shown: set[str]) -> list[Split]:
    """The reference tokenizers of every family not in `shown`, on `text`."""
    return [Split(f"pocket-{folder}", kind, _reference(folder).encode(text, add_special_tokens=False).tokens, True)
            for kind, folder in REFERENCE.items() if kind not in shown]


class SplittingVerbs:
    """Mixed into the service (and the cluster client): needs `tokenize`, `info` and `settings`."""

    def split(self, text: str, masked_model: str | None = None, causal_model: str | None = None) -> Splits:
        text = inputs.clean_text(text, self.settings.max_chars)
        rows = []
        for model, family in ((masked_model or None, MASKED), (causal_model or None, CAUSAL)):
            info = self.info(model, family)
            rows.append(Split(info.id, info.tokenizer, self.tokenize(model, text, family), False))
        return Splits(text, rows + reference_splits(text, {r.tokenizer for r in rows}))
