"""The masked-LM head applied at chosen positions only.

The fill-mask pipeline projects every position onto the vocabulary (T x hidden x V
multiply-adds: about a fifth of BERT-base's forward at 128 tokens), then reads one row.
Running the encoder alone and the head on the masked rows gives the same numbers for less.
"""
from __future__ import annotations

from typing import Callable

import torch


def masked_lm_parts(model) -> tuple[torch.nn.Module, Callable[[torch.Tensor], torch.Tensor]]:
    """(encoder, head) such that head(encoder(ids)[0][rows]) == model(ids).logits[rows]."""
    kind = model.config.model_type
    encoder = model.base_model
    if kind == "distilbert":  # its head is four attributes, not one module
        def head(h: torch.Tensor) -> torch.Tensor:
            h = model.vocab_layer_norm(model.activation(model.vocab_transform(h)))
            return model.vocab_projector(h)
        return encoder, head
    name = {"bert": "cls", "roberta": "lm_head", "albert": "predictions", "electra": None}.get(kind, "?")
    if name == "?":  # unknown family: use the only child that is not the encoder
        others = [m for n, m in model.named_children() if n != model.base_model_prefix]
        if len(others) != 1:
            return encoder, None  # caller falls back to the full model
        return encoder, others[0]
    if name is None:
        return encoder, None
    return encoder, getattr(model, name)
