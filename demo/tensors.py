"""The forward-pass plumbing every verb shares: the tokenizer's pad and special ids, rows of ids
right-padded into one batch, and the model's prediction (masked-LM head, or a causal model's
unembedding) read at chosen positions only.

Reading only the wanted rows is cheaper than the full logits (T x hidden x V multiply-adds; see
demo/heads.py) and gives the same numbers: tests/test_families.py checks every family's head, and
fill_mask, next_tokens, guesses and the logit lens all read their answer through `logits_at`, so
they agree with one another exactly.
"""
from __future__ import annotations

import torch

from demo.catalog import CAUSAL
from demo.heads import masked_lm_parts


def pad_id(tokenizer) -> int:
    """The tokenizer's pad id, or 0 where it has none (GPT-2): padded positions are masked out, so
    any id in the vocabulary will do."""
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0


def special_positions(tokenizer, ids: list[int]) -> list[bool]:
    """Per id: a special token the tokenizer adds around the text ([CLS], [SEP], <s>, <|endoftext|>),
    as the tokenizer itself lists them (all_special_ids). The mask token is one there, but a blank
    holds a word: it is not counted."""
    special = set(tokenizer.all_special_ids) - {tokenizer.mask_token_id}
    return [i in special for i in ids]


def right_padded(rows: list[list[int]] | list[tuple[int, ...]], pad: int,
                 device: torch.device | str | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, T) long ids, each row right-padded with `pad` to the longest, and the (B, T) long attention
    mask: 1 on real tokens, 0 on padding."""
    T = max(len(r) for r in rows)
    ids = torch.full((len(rows), T), pad, dtype=torch.long)
    attention = torch.zeros((len(rows), T), dtype=torch.long)
    for b, row in enumerate(rows):
        ids[b, : len(row)] = torch.tensor(list(row), dtype=torch.long)
        attention[b, : len(row)] = 1
    return ids.to(device), attention.to(device)


def causal_readout(model) -> torch.nn.Module:
    """A causal model's hidden state -> vocabulary: GPT-2's unembedding (its last norm is in the body), or a
    BERT-shaped decoder's whole LM head (BertLMHeadModel.cls: dense, GELU, LayerNorm, then the unembedding)."""
    head = getattr(model, "cls", None)
    return head if isinstance(head, torch.nn.Module) else model.get_output_embeddings()


def logits_at(lm, ids: torch.Tensor, attention: torch.Tensor | None, rows: torch.Tensor, cols: torch.Tensor,
              hidden_states: bool = False):
    """(M, V) logits in the model's dtype at positions (rows[m], cols[m]) of the (B, T) batch `ids`,
    and the body's output (with every layer's hidden states if asked, for the logit lens).
    Masked model: the encoder, then its masked-LM head on those rows only (the full model where
    demo.heads cannot tell its head apart). Causal model: the body's last hidden state at those rows
    (GPT-2's is after its final norm already), then the unembedding. Runs under the caller's grad
    mode: attribution needs gradients, the other verbs call it under torch.inference_mode()."""
    model = lm.model
    extra = {"output_hidden_states": True} if hidden_states else {}
    if lm.spec.family == CAUSAL:
        out = model.base_model(input_ids=ids, attention_mask=attention, **extra)
        return causal_readout(model)(out[0][rows, cols]), out  # (M, D) -> (M, V)
    encoder, head = masked_lm_parts(model)
    if head is None:
        out = model(input_ids=ids, attention_mask=attention, **extra)
        return out.logits[rows, cols], out
    out = encoder(input_ids=ids, attention_mask=attention, **extra)
    return head(out[0][rows, cols]), out  # (M, D) -> (M, V): the head runs on those rows only
