"""GLM's blank infilling in one stack: the encoder-decoder idea without a second stack.

One row holds two parts (GLM; UniLM's sequence-to-sequence mask):
    A  "[CLS] i drank a cup of [MASK] this morning . [SEP]"    every A token sees all of A (like BERT)
    B  "[MASK] hot tea" -> targets "hot tea [SEP]"              a B token sees A and the B tokens up to
                                                                 itself (like GPT), never what follows
Part A is the text with each blank as one [MASK]; part B writes each blank's words after a start token
(the blank's own [MASK] again), blank after blank, each ended by [SEP]. A B token stands at its blank's
position plus its place in the span, so the first word is asked exactly where BERT would ask it; the
token type (0 for A, 1 for B) tells the two parts apart. Nothing in the weights is new: pocket-t5 is
BERT's stack (BertForMaskedLM) with this mask, which is why it learns from pretrained weights at once,
where a new cross-attention first had to be learned (measured in docs/models.md).

Shapes: a row is T tokens; `attention` gives the additive mask (B, 1, T, T) the model takes as is.
"""
from __future__ import annotations

import torch

from demo.catalog import GLM, GLM_FIELD as MARK  # the config field that says a checkpoint is laid out this way


def is_glm(config) -> bool:
    return getattr(config, MARK, None) == GLM


def layout(a: list[int], spans: list[list[int]], mask: int, end: int, closed: int | None = None):
    """(ids, positions, types, labels) of one row: text `a` (with one `mask` per blank) and the spans
    written so far. Every span but the last `closed` ones is open when `closed` is given (inference
    asks for the next token of the last one); in training all are closed and each target ends with `end`."""
    blanks = [i for i, t in enumerate(a) if t == mask]
    if len(spans) > len(blanks):
        raise ValueError(f"{len(spans)} spans for {len(blanks)} blanks")
    ids, positions, types, labels = list(a), list(range(len(a))), [0] * len(a), [-100] * len(a)
    for j, span in enumerate(spans):
        ids += [mask, *span]
        positions += [blanks[j] + k for k in range(len(span) + 1)]
        types += [1] * (len(span) + 1)
        is_closed = closed is None or j < closed
        labels += [*span, end] if is_closed else [*span, -100]
    return ids, positions, types, labels


def attention(text_lengths: torch.Tensor, lengths: torch.Tensor, width: int, dtype=torch.float32) -> torch.Tensor:
    """(B, 1, T, T) additive mask: 0 where query row i may read key column j, the dtype's minimum where not.
    A rows read all of A; B rows read A and B up to themselves; padding reads A (a row of only -inf would be
    NaN after the softmax) and is read by nobody."""
    place = torch.arange(width)
    in_a = place[None, :] < text_lengths[:, None]  # (B, T)
    in_b = (place[None, :] < lengths[:, None]) & ~in_a  # (B, T)
    earlier = place[None, :, None] >= place[None, None, :]  # (1, T, T): key j at or before query i
    allowed = in_a[:, None, :] | (in_b[:, :, None] & in_b[:, None, :] & earlier)  # (B, T, T)
    return torch.zeros(allowed.shape, dtype=dtype).masked_fill(~allowed, torch.finfo(dtype).min)[:, None]


def batch(rows: list[tuple[list[int], list[int], list[int], list[int]]], text_lengths: list[int], pad: int,
          dtype=torch.float32) -> dict[str, torch.Tensor]:
    """Rows of `layout` right-padded into the model's inputs (B, T) and the labels (B, T)."""
    width = max(len(r[0]) for r in rows)

    def padded(k: int, fill: int) -> torch.Tensor:
        return torch.tensor([r[k] + [fill] * (width - len(r[k])) for r in rows])

    lengths = torch.tensor([len(r[0]) for r in rows])
    return {"input_ids": padded(0, pad), "position_ids": padded(1, 0), "token_type_ids": padded(2, 0),
            "labels": padded(3, -100),
            "attention_mask": attention(torch.tensor(text_lengths), lengths, width, dtype)}


def next_log_probs(model, inputs: dict[str, torch.Tensor], where: torch.Tensor) -> torch.Tensor:
    """(B, V) log-probabilities of the token after position where[b] of each row b: the vocabulary
    head runs on those B positions only, not on every position of every row."""
    hidden = model.bert(**{k: v for k, v in inputs.items() if k != "labels"})[0]  # (B, T, D)
    picked = hidden[torch.arange(hidden.shape[0], device=hidden.device), where]  # (B, D)
    return model.cls(picked).float().log_softmax(-1)


def span_log_prob(model, tokenizer, text: str, spans: list[str]) -> float:
    """log p(each blank's words, each ended by [SEP] | text) in nats: one teacher-forced pass."""
    a = tokenizer(text)["input_ids"]
    pieces = [tokenizer(span, add_special_tokens=False)["input_ids"] for span in spans]
    inputs = batch([layout(a, pieces, tokenizer.mask_token_id, tokenizer.sep_token_id)], [len(a)],
                   tokenizer.pad_token_id, dtype=model.dtype)
    labels = inputs.pop("labels")[0]  # (T,)
    with torch.inference_mode():
        logp = model(**inputs).logits[0].float().log_softmax(-1)  # (T, V)
    asked = labels != -100
    return float(logp[asked].gather(-1, labels[asked][:, None]).sum())
