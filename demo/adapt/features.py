"""Sentence vectors from a frozen model: every layer's hidden state at the first token, at the last
token, and averaged over the tokens. What each one has read differs by family: in BERT every token
attends to the whole sentence; in GPT token t sees tokens 0..t only, so its first token has read one word."""
from __future__ import annotations

import numpy as np
import torch

BATCH = 32


def padded(rows: list[list[int]], pad: int, device) -> tuple[torch.Tensor, torch.Tensor]:
    """(B, T) ids right-padded with `pad`, and the (B, T) attention mask (1 = real token)."""
    T = max(len(r) for r in rows)
    ids = torch.full((len(rows), T), pad, dtype=torch.long)
    mask = torch.zeros((len(rows), T), dtype=torch.long)
    for b, row in enumerate(rows):
        ids[b, :len(row)] = torch.tensor(row)
        mask[b, :len(row)] = 1
    return ids.to(device), mask.to(device)


def pad_id(tokenizer) -> int:
    return tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0  # masked out either way


def pooled(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(B, T, D) hidden states and (B, T) mask -> (B, 3, D): first token, last real token, mean of real tokens."""
    last = mask.sum(1) - 1  # (B,)
    rows = torch.arange(hidden.shape[0], device=hidden.device)
    weights = mask.unsqueeze(-1).to(hidden.dtype)  # (B, T, 1)
    mean = (hidden * weights).sum(1) / weights.sum(1)
    return torch.stack([hidden[:, 0], hidden[rows, last], mean], dim=1)


def sentence_vectors(lm, rows: list[list[int]]) -> np.ndarray:
    """(N, L+1, 3, D) float32: per sentence, per layer (embeddings first), the three pooled vectors."""
    out = []
    for start in range(0, len(rows), BATCH):
        ids, mask = padded(rows[start:start + BATCH], pad_id(lm.tokenizer), lm.device)
        with lm.lock, torch.inference_mode():  # one batch at a time on the device: other pages interleave
            states = lm.model.base_model(input_ids=ids, attention_mask=mask, output_hidden_states=True).hidden_states
            layers = torch.stack([pooled(h.float(), mask) for h in states], dim=1)  # (B, L+1, 3, D)
        out.append(layers.cpu().numpy())
    return np.concatenate(out)
