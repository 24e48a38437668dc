"""One attention head's arithmetic for one query token, redone from the model's own weights.

One forward pass gives every layer's input (hidden_states[layer]); the layer's own projections
turn it into queries, keys and values, and the rest is written out step by step:
scores = k·q, scaled = scores / √d, masked (−∞ on the future for a causal model), weights =
softmax, output = weights · v. `weights` is the row the model itself reports (output_attentions).
"""
from __future__ import annotations

import math
from typing import Callable

import torch

from demo.catalog import CAUSAL
from demo.loading import LoadedModel
from demo.results import AttentionSteps

Projection = Callable[[torch.Tensor], tuple[torch.Tensor, torch.Tensor, torch.Tensor]]  # (T, D) -> 3 x (T, H*d)


def projections(model, layer: int) -> Projection:
    """The q, k, v projections of one layer, from that layer's input hidden states."""
    base, kind = model.base_model, model.config.model_type
    if kind == "gpt2":  # pre-norm, and one fused Conv1D (D -> 3D) for q, k and v
        block = base.h[layer]
        return lambda h: block.attn.c_attn(block.ln_1(h)).split(model.config.n_embd, dim=-1)
    if kind == "distilbert":
        att = base.transformer.layer[layer].attention
        return lambda h: (att.q_lin(h), att.k_lin(h), att.v_lin(h))
    if kind == "albert":  # layers share weights: layer i runs group i // (layers / groups)
        config = model.config
        if config.inner_group_num != 1:
            raise NotImplementedError("ALBERT with several layers per group has fewer hidden states than layers")
        group = base.encoder.albert_layer_groups[int(layer / (config.num_hidden_layers / config.num_hidden_groups))]
        att = group.albert_layers[0].attention
        return lambda h: (att.query(h), att.key(h), att.value(h))
    layers = getattr(getattr(base, "encoder", None), "layer", None)  # BERT, RoBERTa, ELECTRA
    if layers is None or not hasattr(layers[layer].attention, "self"):
        raise NotImplementedError(f"attention steps are not written out for {kind} models")
    att = layers[layer].attention.self
    return lambda h: (att.query(h), att.key(h), att.value(h))


def divisor(model, layer: int, d: int) -> float:
    """√d, as in the paper; GPT-2 has switches that change it (both off in the released models)."""
    config, scale = model.config, math.sqrt(d)
    if config.model_type == "gpt2":
        scale = scale if config.scale_attn_weights else 1.0
        scale *= layer + 1 if config.scale_attn_by_inverse_layer_idx else 1
    return scale


def attention_steps(lm: LoadedModel, ids: list[int], layer: int, head: int, query: int) -> AttentionSteps:
    """layer, head, query: 0-based and in range (the service checks)."""
    model = lm.model
    with torch.inference_mode():
        out = model.base_model(input_ids=torch.tensor([ids], device=lm.device), output_hidden_states=True)
        hidden = out.hidden_states[layer][0]  # (T, D): the layer's input
        q_all, k_all, v_all = projections(model, layer)(hidden)  # (T, H*d) each
        d = q_all.shape[-1] // lm.info.heads
        part = slice(head * d, (head + 1) * d)
        # the arithmetic in float32 whatever the model's dtype (so on a GPU it may differ in the 3rd digit)
        q = q_all[query, part].float()  # (d,)
        k, v = k_all[:, part].float(), v_all[:, part].float()  # (T, d)
        scores = k @ q  # (T,)
        scale = divisor(model, layer, d)
        scaled = scores / scale  # (T,)
        masked = scaled.clone()
        if lm.spec.family == CAUSAL:
            masked[query + 1:] = -math.inf  # a token may not read what comes after it
        weights = masked.softmax(-1)  # (T,)
        output = weights @ v  # (d,)
    arrays = [t.cpu().numpy() for t in (q, k, scores, scaled, masked, weights, v, output)]
    return AttentionSteps(lm.spec.id, lm.spec.family, lm.tokenizer.convert_ids_to_tokens(ids), layer, head, query,
                          *arrays, scale=scale)
