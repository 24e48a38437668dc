"""The masked-LM head applied at chosen positions only.

The fill-mask pipeline projects every position onto the vocabulary (T x hidden x V
multiply-adds: about a fifth of BERT-base's forward at 128 tokens), then reads one row.
Running the encoder alone and the head on the masked rows gives the same numbers for less.
A wrong entry here gives wrong probabilities, not an error: tests/test_families.py checks every
family's head against its full model.
"""
from __future__ import annotations

from typing import Callable

import torch

Head = Callable[[torch.Tensor], torch.Tensor]  # (M, hidden) -> (M, V) logits


def _distilbert(model) -> Head:  # its head is four attributes, not one module
    return lambda h: model.vocab_projector(model.vocab_layer_norm(model.activation(model.vocab_transform(h))))


def _electra(model) -> Head:  # the generator's two parts: hidden -> embedding size -> vocabulary
    return lambda h: model.generator_lm_head(model.generator_predictions(h))


HEADS: dict[str, Callable[[object], Head]] = {
    "bert": lambda model: model.cls,
    "roberta": lambda model: model.lm_head,
    "albert": lambda model: model.predictions,
    "distilbert": _distilbert,
    "electra": _electra,
}


def masked_lm_parts(model) -> tuple[torch.nn.Module, Head | None]:
    """(encoder, head) such that head(encoder(ids)[0][rows]) == model(ids).logits[rows];
    head is None when the family is unknown and its head cannot be told apart (use the full model)."""
    encoder = model.base_model
    known = HEADS.get(model.config.model_type)
    if known is not None:
        return encoder, known(model)
    # an unknown family: its head is the only child that is not the encoder
    others = [m for n, m in model.named_children() if n != model.base_model_prefix]
    return encoder, (others[0] if len(others) == 1 else None)
