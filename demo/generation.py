"""Autoregressive decoding with the KV cache, one token at a time, so the UI can stream it.

The model's lock is held for one step at a time: other users' requests interleave between
steps instead of waiting for a whole generation.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Callable, Iterator

import torch
from transformers import LogitsProcessorList, TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

from demo.loading import LoadedModel
from demo.results import GeneratedToken


@dataclass(frozen=True)
class Sampling:
    greedy: bool = False
    temperature: float = 1.0
    top_k: int = 50  # 0: no top-k cut
    top_p: float = 1.0
    seed: int | None = None

    def warpers(self) -> LogitsProcessorList:
        # same warpers, same order, as transformers' own sampling
        warpers = LogitsProcessorList()
        if self.temperature != 1.0:
            warpers.append(TemperatureLogitsWarper(self.temperature))
        if self.top_k:
            warpers.append(TopKLogitsWarper(self.top_k))
        if self.top_p < 1.0:
            warpers.append(TopPLogitsWarper(self.top_p))
        return warpers


def stream(lm: LoadedModel, prompt_ids: list[int], max_new_tokens: int, sampling: Sampling,
           stopped: Callable[[], bool] | None = None) -> Iterator[GeneratedToken]:
    """`stopped()` is asked before every step: the user pressed Stop or left, so no more tokens."""
    model, tok = lm.model, lm.tokenizer
    warpers = sampling.warpers()
    generator = torch.Generator(lm.device)
    if sampling.seed is None:
        generator.seed()
    else:
        generator.manual_seed(sampling.seed)
    ids = torch.tensor([prompt_ids], device=lm.device)  # (1, T)
    step_input, cache = ids, None
    cache_arg = cache_argument(model)
    eos = tok.eos_token_id
    new: list[int] = []
    shown = ""  # text already handed out; a byte-level piece may be half a character
    for _ in range(max_new_tokens):
        if stopped is not None and stopped():
            return
        with lm.lock, torch.inference_mode():
            out = model(input_ids=step_input, use_cache=True, logits_to_keep=1, **{cache_arg: cache})
            cache = out[cache_arg]
            logits = out.logits[:, -1, :].float()  # (1, V)
            probs = logits.softmax(-1)
            if sampling.greedy:
                token = logits.argmax(-1, keepdim=True)  # (1, 1)
            else:
                scores = warpers(ids, logits)
                token = torch.multinomial(scores.softmax(-1), 1, generator=generator)  # (1, 1)
            ids = torch.cat([ids, token], dim=1)
            step_input = token
        i = int(token)
        new.append(i)
        text = tok.decode(new, skip_special_tokens=True)
        piece = "" if text.endswith("\ufffd") else text[len(shown):]  # wait for the rest of the character
        shown += piece
        yield GeneratedToken(tok.convert_ids_to_tokens(i), piece, i, float(probs[0, i]))
        if i == eos:
            break


def cache_argument(model) -> str:
    """The name the model's forward takes its KV cache by: transformers 5 renamed `past_key_values` to
    `cache` (the old name goes in 5.40); an older 5.x knows only the old one. Outputs carry the same name.
    Asked of the class: a wrapped instance method (a test's fault injection) hides the signature."""
    return "cache" if "cache" in inspect.signature(type(model).forward).parameters else "past_key_values"
