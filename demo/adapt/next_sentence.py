"""Does the second sentence follow the first? Each family answers with what it was pre-trained on.

BERT (NSP): its pre-training head reads [CLS] A [SEP] B [SEP] and says IsNext or NotNext (index 0 = IsNext).
ALBERT (SOP): its head says whether A and B are in their original order (index 0) or swapped (index 1).
GPT: no such head, so it is asked its own way: log p(B | A) − log p(B), the same pieces of B after A and
after the start token alone; positive nats mean A made B likelier.
"""
from __future__ import annotations

import torch
from transformers import AutoModelForPreTraining

from demo.catalog import CAUSAL

# model_type -> (the head's weights in the checkpoint, the output to read, the method's name)
HEADS = {"bert": ("cls.seq_relationship", "seq_relationship_logits", "nsp"),
         "albert": ("sop_classifier", "sop_logits", "sop")}


def load_pretraining(lm, local_only: bool, dtype: torch.dtype):
    """The model with its sentence-pair head, from the same checkpoint as `lm`; None when its checkpoint
    holds no such head (a model saved from a masked-LM class only, as the pocket BERT is)."""
    kind = HEADS.get(lm.model.config.model_type)
    if kind is None:
        return None
    model, info = AutoModelForPreTraining.from_pretrained(lm.spec.source, dtype=dtype, local_files_only=local_only,
                                                          output_loading_info=True)
    if any(key.startswith(kind[0]) for key in info["missing_keys"]):  # a random head would judge nothing
        return None
    return model.to(lm.device).eval().requires_grad_(False)


def pair_ids(tokenizer, first: str, second: str) -> dict[str, list[int]]:
    """[CLS] first [SEP] second [SEP] with its segment ids, as the head was trained on."""
    return dict(tokenizer(first, second))


def head_prob(model, encoded: dict[str, list[int]], lock, device) -> float:
    """Softmax of the head's two logits: P(index 0) = IsNext for NSP, in-order for SOP."""
    _, output, _ = HEADS[model.config.model_type]
    batch = {k: torch.tensor([v], device=device) for k, v in encoded.items() if k in ("input_ids", "token_type_ids",
                                                                                     "attention_mask")}
    with lock, torch.inference_mode():
        logits = getattr(model(**batch), output).float()  # (1, 2)
    return float(logits.softmax(-1)[0, 0])


def start_ids(tokenizer) -> list[int]:
    """What a text starts with before its first word: [CLS] for a GPT with a BERT tokenizer, else GPT-2's
    <|endoftext|> (its start token in training); [] when the tokenizer has neither."""
    ids = tokenizer("")["input_ids"]
    if ids and ids[-1] == getattr(tokenizer, "sep_token_id", None):
        ids = ids[:-1]
    if not ids and tokenizer.bos_token_id is not None:
        ids = [tokenizer.bos_token_id]
    return ids


def causal_pieces(tokenizer, first: str, second: str) -> tuple[list[int], list[int], list[int]]:
    """(start, first's pieces, second's pieces). The second sentence is read with a space before it, as it
    stands after the first, and the very same pieces are scored after the start alone."""
    plain = {"add_special_tokens": False}
    return (start_ids(tokenizer), tokenizer(first, **plain)["input_ids"],
            tokenizer(" " + second, **plain)["input_ids"])


def continuation_logprob(lm, context: list[int], target: list[int]) -> float:
    """log p(target | context) = Σ_t log p(target_t | context, target_<t), nats."""
    ids = torch.tensor([context + target], device=lm.device)  # (1, C + T)
    with lm.lock, torch.inference_mode():
        logp = lm.model(input_ids=ids).logits[0].float().log_softmax(-1)  # (C + T, V)
    at = torch.arange(len(context) - 1, len(context) + len(target) - 1, device=lm.device)  # rows predicting target
    return float(logp[at, torch.tensor(target, device=lm.device)].sum())


def is_causal(lm) -> bool:
    return lm.spec.family == CAUSAL
