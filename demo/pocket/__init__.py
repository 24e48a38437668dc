"""Pocket models: a tiny BERT and a tiny GPT trained by this project on the same text.

`python -m demo.pocket train` builds the corpus, the two tokenizers and the two models;
`python -m demo.pocket evaluate` measures them on held-out text and writes the model card.
Both models share one recipe (`recipe.py`); only objective, attention mask and tokenizer differ.
"""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "pocket"


def curves(folder: Path = FOLDER) -> dict | None:
    """The training report (recipe and both loss curves), or None when the models were never trained."""
    path = folder / "curves.json"
    return json.loads(path.read_text()) if path.is_file() else None
