"""The allowlist of models the app offers, and how a model reference becomes a spec.

A reference is a catalog id (``"gpt2"``) or a local directory holding a transformers model
(config, weights, tokenizer), such as anything written by ``save_pretrained``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from demo.errors import ModelLoadError, UnknownModelError

ASSETS = Path(__file__).resolve().parent.parent / "assets"

MASKED, CAUSAL, SEQ2SEQ = "masked", "causal", "seq2seq"
# the config field (and its value) of a BERT stack that fills blanks with GLM's mask (demo.glm): an encoder-decoder
GLM_FIELD, GLM = "blank_infilling", "glm"


@dataclass(frozen=True)
class ModelSpec:
    id: str  # what users and the API pass
    family: str  # MASKED | CAUSAL | SEQ2SEQ
    source: str  # hub id or local directory handed to from_pretrained
    max_positions: int
    bundled: bool = False  # ships with the app, loads with no network


POCKET_FOLDER = ASSETS / "pocket"


def _trained_positions(name: str) -> int:
    """The positions a bundled pocket model was trained with (its config), so a retrained model
    needs no edit here; 64 when the folder is missing (the app then says the files are damaged)."""
    config = POCKET_FOLDER / name / "config.json"
    if not config.is_file():
        return 64
    found = json.loads(config.read_text())
    return int(found.get("max_position_embeddings") or found.get("n_positions") or 64)


CATALOG: dict[str, ModelSpec] = {
    spec.id: spec
    for spec in [
        ModelSpec("bert-base-uncased", MASKED, "bert-base-uncased", 512),
        ModelSpec("distilbert-base-uncased", MASKED, "distilbert-base-uncased", 512),
        ModelSpec("roberta-base", MASKED, "roberta-base", 512),
        ModelSpec("albert-base-v2", MASKED, "albert-base-v2", 512),
        ModelSpec("google/electra-small-generator", MASKED, "google/electra-small-generator", 512),
        ModelSpec("gpt2", CAUSAL, "gpt2", 1024),
        ModelSpec("distilgpt2", CAUSAL, "distilgpt2", 1024),
        ModelSpec("gpt2-medium", CAUSAL, "gpt2-medium", 1024),
        # Chinese: BERT's WordPiece vocabulary has one piece per Chinese character; uer's GPT-2 reads
        # the same kind of vocabulary through a BERT tokenizer (it starts with [CLS], not a BPE)
        ModelSpec("bert-base-chinese", MASKED, "bert-base-chinese", 512),
        ModelSpec("uer/gpt2-chinese-cluecorpussmall", CAUSAL, "uer/gpt2-chinese-cluecorpussmall", 1024),
        ModelSpec("t5-small", SEQ2SEQ, "t5-small", 512),
        ModelSpec("facebook/bart-base", SEQ2SEQ, "facebook/bart-base", 1024),
        ModelSpec("pocket-bert", MASKED, str(POCKET_FOLDER / "pocket-bert"), _trained_positions("pocket-bert"),
                  bundled=True),
        ModelSpec("pocket-gpt", CAUSAL, str(POCKET_FOLDER / "pocket-gpt"), _trained_positions("pocket-gpt"),
                  bundled=True),
    ]
}
if (POCKET_FOLDER / "pocket-t5" / "config.json").is_file():  # offered once trained: python -m demo.pocket train
    CATALOG["pocket-t5"] = ModelSpec("pocket-t5", SEQ2SEQ, str(POCKET_FOLDER / "pocket-t5"),
                                     _trained_positions("pocket-t5"), bundled=True)

POCKET = {MASKED: "pocket-bert", CAUSAL: "pocket-gpt", **({SEQ2SEQ: "pocket-t5"} if "pocket-t5" in CATALOG else {})}


def ids(family: str, entries: dict[str, ModelSpec] = CATALOG) -> list[str]:
    return [spec.id for spec in entries.values() if spec.family == family]


def resolve(ref: str, allow_local: bool = True, entries: dict[str, ModelSpec] = CATALOG) -> ModelSpec:
    """Turn a reference into a spec; raise UnknownModelError with the allowed choices."""
    if not isinstance(ref, str) or not ref.strip():
        raise UnknownModelError("error.no_model", choices=", ".join(entries))
    ref = ref.strip()
    if ref in entries:
        return entries[ref]
    if allow_local and Path(ref).is_dir():
        return spec_from_directory(Path(ref))
    # the reference is not echoed back: it is user text and messages may end up in HTML
    raise UnknownModelError("error.unknown_model" if allow_local else "error.unknown_model_local",
                            choices=", ".join(entries))


def spec_from_directory(path: Path, id: str | None = None) -> ModelSpec:
    """Read family and positions from a saved model's config.json (no code from it is run)."""
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelLoadError("error.no_config", path=str(path))
    config = json.loads(config_file.read_text())
    arch = " ".join(config.get("architectures") or [])
    if config.get(GLM_FIELD) == GLM:  # a BERT stack that fills blanks with GLM's mask (demo.glm)
        family = SEQ2SEQ
    elif "MaskedLM" in arch or "ForPreTraining" in arch:  # BERT's own: masked LM + its NSP head
        family = MASKED
    elif "CausalLM" in arch or "LMHeadModel" in arch:
        family = CAUSAL
    elif "ConditionalGeneration" in arch:
        family = SEQ2SEQ
    else:
        raise ModelLoadError("error.not_an_lm", path=str(path), architectures=arch or "none")
    positions = usable_positions(config) or 512
    return ModelSpec(id or str(path), family, str(path), positions)


OFFSET_POSITIONS = {"roberta", "camembert", "xlm-roberta", "xlm-roberta-xl", "data2vec-text"}


def usable_positions(config: dict) -> int | None:
    """How many tokens (special tokens included) the model's position table holds, or None if the
    config names no limit. RoBERTa-style models number positions from padding_idx + 1 (position
    ids are padding_idx + 1 .. padding_idx + T), so roberta-base's 514 rows hold 512 tokens."""
    positions = config.get("max_position_embeddings") or config.get("n_positions")
    if not positions:
        return None
    if config.get("model_type") in OFFSET_POSITIONS:
        pad = config.get("pad_token_id")
        positions -= (pad if pad is not None else 1) + 1
    return int(positions)
