"""Pocket models: a tiny BERT, GPT and T5 trained by this project on the same text.

`python -m demo.pocket corpus` builds the corpus from Debian packages (sources/) and the tokenizers;
`python -m demo.pocket train --preset gpu|cpu` trains the three models with one recipe (`recipe.py`);
`python -m demo.pocket evaluate` measures them (held-out split, everyday set, the app's examples)
and writes the model card. Only objective, attention mask and tokenizer differ between the models.
"""
from __future__ import annotations

import json
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "pocket"


def curves(folder: Path = FOLDER) -> dict | None:
    """The training report (recipe and the loss curves), or None when the models were never trained."""
    path = folder / "curves.json"
    return json.loads(path.read_text()) if path.is_file() else None
