"""The models the inside-the-model tests run on: a tiny model of every family (tests/families.py), and the
`service` fixture's defaults (tiny-bert / tiny-gpt, or the pocket models under DEMO_TEST_MODELS=pocket)."""
from __future__ import annotations

from dataclasses import dataclass

import torch
from families import CAUSAL_FAMILIES, MASKED_FAMILIES
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM

MODELS = [*MASKED_FAMILIES, *CAUSAL_FAMILIES, "default-masked", "default-causal"]


@dataclass(frozen=True)
class Subject:
    model: str | None  # what the test passes to the service (None: the service's default)
    family: str  # "masked" | "causal"
    path: str  # the saved model, for oracles that load their own copy

    @property
    def causal(self) -> bool:
        return self.family == "causal"

    def own_copy(self):
        """A separate copy of the model, loaded as the service loads it (eager attention, eval)."""
        auto = AutoModelForCausalLM if self.causal else AutoModelForMaskedLM
        return auto.from_pretrained(self.path, attn_implementation="eager").eval()


def subject(name: str, family_dirs: dict[str, str], bert_dir: str, gpt_dir: str) -> Subject:
    if name == "default-masked":
        return Subject(None, "masked", bert_dir)
    if name == "default-causal":
        return Subject(None, "causal", gpt_dir)
    return Subject(family_dirs[name], "causal" if name in CAUSAL_FAMILIES else "masked", family_dirs[name])
