"""What the evaluations share: the training set's token counts (the unigram baseline) and a sentence's
tokens as the causal models were trained on them."""
from __future__ import annotations

import json
from pathlib import Path

import torch


def unigram(folder: Path) -> torch.Tensor:
    """(V,) training-set token counts, saved beside the model by the training command."""
    return torch.tensor(json.loads((Path(folder) / "unigram.json").read_text()), dtype=torch.float64)


def scored_rows(tokenizer, texts: list[str]) -> list[list[int]]:
    """Each sentence as the causal model was trained on it, after a start token and with its end: GPT-2's
    `<|endoftext|> text <|endoftext|>`; a WordPiece decoder's `[CLS] text [SEP]` (its tokenizer adds the [CLS])."""
    end = tokenizer.eos_token_id
    encoded = [tokenizer(t)["input_ids"] for t in texts]
    # transformers' BertTokenizerFast closes a text with [SEP] whatever the saved template says: once is the end
    encoded = [ids[:-1] if len(ids) > 1 and ids[-1] == end else ids for ids in encoded]
    return [ids + [end] if tokenizer.bos_token_id is not None and ids[:1] == [tokenizer.bos_token_id]
            and tokenizer.bos_token_id != end else [end, *ids, end] for ids in encoded]


def log_frequencies(counts: torch.Tensor) -> torch.Tensor:
    """(V,) the unigram baseline's log-probabilities; add-one, so no token has probability 0."""
    return ((counts + 1) / (counts + 1).sum()).log()
