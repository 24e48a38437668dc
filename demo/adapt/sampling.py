"""What each sampling knob does to the next-token distribution before a token is drawn: transformers' own
warpers applied one after another, in the order its sampling applies them (temperature, top-k, top-p),
with the distribution renormalised after each."""
from __future__ import annotations

import torch
from transformers import TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

from demo.results import Candidate, WarpStep

SHOWN = 15  # the model's top tokens drawn; the warpers never reorder them


def warpers(temperature: float, top_k: int, top_p: float) -> list[tuple[str, float, object]]:
    """(name, setting, warper or None when the knob is off). top_k 0 means no cut, as in generate()."""
    return [("temperature", temperature, TemperatureLogitsWarper(temperature)),
            ("top_k", top_k, TopKLogitsWarper(top_k) if top_k else None),
            ("top_p", top_p, TopPLogitsWarper(top_p))]


def warp(lm, ids: list[int], temperature: float, top_k: int, top_p: float) -> tuple[list[Candidate], list[WarpStep]]:
    prompt = torch.tensor([ids], device=lm.device)  # (1, T)
    with lm.lock, torch.inference_mode():
        scores = lm.model(input_ids=prompt, logits_to_keep=1).logits[:, -1].float()  # (1, V)
        model_probs = scores.softmax(-1)[0]  # (V,)
        shown = model_probs.masked_fill(lm.never[:model_probs.numel()], 0.0).topk(min(SHOWN, lm.offerable)).indices
        steps = [WarpStep("model", 0.0, model_probs[shown].tolist(), model_probs.numel(), 1.0)]
        for name, setting, warper in warpers(temperature, top_k, top_p):
            if warper is not None:
                scores = warper(prompt, scores)
            probs = scores.softmax(-1)[0]  # renormalised over the tokens still possible
            kept = torch.isfinite(scores[0])  # a cut token's score is -inf (a tiny probability may round to 0)
            steps.append(WarpStep(name, float(setting), probs[shown].tolist(), int(kept.sum()),
                                  float(model_probs[kept].sum())))
    ids_shown = shown.tolist()
    pieces = lm.tokenizer.convert_ids_to_tokens(ids_shown)
    candidates = [Candidate(piece, float(model_probs[i]), i, lm.tokenizer.decode([i]))
                  for piece, i in zip(pieces, ids_shown)]
    return candidates, steps
