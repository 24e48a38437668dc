"""The logit lens: what the model would answer if it stopped after each layer.

One forward pass with hidden states; the state at one position after every layer is pushed
through the model's own read-out (masked model: its masked-LM head, transform and layer norm
included; causal model: the final layer norm and the unembedding). The last row is computed the
way fill_mask / next_tokens compute their answer, so it equals theirs exactly, not just closely.
"""
from __future__ import annotations

from typing import Callable

import torch

from demo.catalog import CAUSAL
from demo.heads import masked_lm_parts
from demo.loading import LoadedModel
from demo.predict import candidates
from demo.tensors import logits_at
from demo.results import Lens

Readout = Callable[[torch.Tensor], torch.Tensor]  # (N, D) hidden states -> (N, V) logits


def masked_readout(model) -> Readout:
    """The masked-LM head of any catalog family (ELECTRA's is two modules demo.heads leaves out)."""
    _, head = masked_lm_parts(model)
    if head is not None:
        return head
    if hasattr(model, "generator_predictions"):  # ELECTRA: dense + activation + norm, then the vocabulary
        return lambda h: model.generator_lm_head(model.generator_predictions(h))
    raise NotImplementedError(f"no logit lens for {model.config.model_type}: its masked-LM head is unknown")


def final_norm(model) -> torch.nn.Module:
    """The causal model's last layer norm: GPT-2 `ln_f` (Llama-style `norm`, OPT `final_layer_norm`)."""
    base = model.base_model
    for name in ("ln_f", "norm", "final_layer_norm"):
        if isinstance(getattr(base, name, None), torch.nn.Module):
            return getattr(base, name)
    raise NotImplementedError(f"no logit lens for {model.config.model_type}: its final norm is unknown")


def logit_lens(lm: LoadedModel, ids: list[int], top_k: int) -> Lens:
    """ids: the model's input (masked: with at least one mask token; causal: the text to continue)."""
    model, causal = lm.model, lm.spec.family == CAUSAL
    input_ids = torch.tensor([ids], device=lm.device)  # (1, T)
    attention = torch.ones_like(input_ids)  # as right_padded builds it for one request
    with torch.inference_mode():
        if causal:
            rows, cols = torch.tensor([0], device=lm.device), torch.tensor([len(ids) - 1], device=lm.device)
        else:
            rows, cols = (input_ids == lm.tokenizer.mask_token_id).nonzero(as_tuple=True)  # (M,): every blank
        position = int(cols[0])  # the lens reads the first blank (causal: the last token)
        # the final row exactly as fill_mask / next_tokens read it, with every layer's hidden state
        final_logits, out = logits_at(lm, input_ids, attention, rows, cols, hidden_states=True)  # (M, V)
        early = torch.stack(out.hidden_states[:-1])[:, 0, position]  # (L, D): embeddings, then each layer but the last
        if causal and isinstance(getattr(model, "cls", None), torch.nn.Module):  # a BERT-shaped decoder: post-LN,
            early_logits = model.cls(early)  # every layer's output is normed already, as a masked model's  (L, V)
        elif causal:  # hidden_states[-1] is after ln_f already; the earlier ones are the raw residual stream
            early_logits = model.get_output_embeddings()(final_norm(model)(early))  # (L, V)
        else:
            early_logits = masked_readout(model)(early)  # (L, V)
        # float32 softmax row by row, even on a half-precision GPU; final row first blank only
        probs = torch.cat([early_logits.float().softmax(-1), final_logits.float().softmax(-1)[:1]])  # (L+1, V)
        layers = [candidates(lm, row, top_k) for row in probs]
        final_id = layers[-1][0].id
        offered = probs.masked_fill(lm.never, 0.0)  # (L+1, V): special tokens never count
        final_prob = offered[:, final_id]  # (L+1,)
        final_rank = (offered > final_prob[:, None]).sum(-1) + 1  # (L+1,): 1 = top
    return Lens(lm.spec.id, lm.spec.family, lm.tokenizer.convert_ids_to_tokens(ids), position, layers,
                final_prob.tolist(), final_rank.tolist())
