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


@dataclass(frozen=True)
class ModelSpec:
    id: str  # what users and the API pass
    family: str  # MASKED | CAUSAL | SEQ2SEQ
    display_name: str
    source: str  # hub id or local directory handed to from_pretrained
    max_positions: int
    mask_token: str | None = None  # the model's own; None for causal models
    bundled: bool = False  # ships with the app, loads with no network
    about: str = ""


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
        ModelSpec("bert-base-uncased", MASKED, "BERT base (uncased)", "bert-base-uncased", 512, "[MASK]",
                  about="12-layer bidirectional encoder, masked LM + next-sentence prediction, WordPiece."),
        ModelSpec("distilbert-base-uncased", MASKED, "DistilBERT base", "distilbert-base-uncased", 512, "[MASK]",
                  about="6 layers distilled from BERT: 40% smaller, ~97% of its GLUE score."),
        ModelSpec("roberta-base", MASKED, "RoBERTa base", "roberta-base", 512, "<mask>",
                  about="BERT trained longer on more data, dynamic masking, no next-sentence task, byte-level BPE."),
        ModelSpec("albert-base-v2", MASKED, "ALBERT base v2", "albert-base-v2", 512, "[MASK]",
                  about="Shares weights across layers and factorises embeddings: 12M parameters."),
        ModelSpec("google/electra-small-generator", MASKED, "ELECTRA small (generator)", "google/electra-small-generator",
                  512, "[MASK]", about="ELECTRA's small masked-LM generator: it proposes the replaced tokens that "
                                       "ELECTRA's discriminator learns to spot."),
        ModelSpec("gpt2", CAUSAL, "GPT-2 (124M)", "gpt2", 1024,
                  about="12-layer left-to-right decoder, next-word prediction, byte-level BPE."),
        ModelSpec("distilgpt2", CAUSAL, "DistilGPT-2", "distilgpt2", 1024,
                  about="6 layers distilled from GPT-2."),
        ModelSpec("gpt2-medium", CAUSAL, "GPT-2 medium (355M)", "gpt2-medium", 1024,
                  about="24 layers, 1024 hidden: the same recipe, scaled up."),
        # Chinese: BERT's WordPiece vocabulary has one piece per Chinese character; uer's GPT-2 reads
        # the same kind of vocabulary through a BERT tokenizer (it starts with [CLS], not a BPE)
        ModelSpec("bert-base-chinese", MASKED, "BERT base (Chinese)", "bert-base-chinese", 512, "[MASK]",
                  about="12-layer BERT trained on Chinese Wikipedia; one token per Chinese character."),
        ModelSpec("uer/gpt2-chinese-cluecorpussmall", CAUSAL, "GPT-2 (Chinese, CLUECorpusSmall)",
                  "uer/gpt2-chinese-cluecorpussmall", 1024,
                  about="12-layer GPT-2 trained by UER on CLUECorpusSmall; BERT's character vocabulary."),
        ModelSpec("t5-small", SEQ2SEQ, "T5 small (60M)", "t5-small", 512, "<extra_id_0>",
                  about="Encoder-decoder: the encoder reads the whole text, the decoder writes each missing span "
                        "after its sentinel (span corruption), SentencePiece."),
        ModelSpec("facebook/bart-base", SEQ2SEQ, "BART base", "facebook/bart-base", 1024, "<mask>",
                  about="Encoder-decoder trained to rebuild corrupted text (denoising); writes the whole "
                        "sentence again with the blank filled, byte-level BPE."),
        ModelSpec("pocket-bert", MASKED, "pocket-bert (bundled)", str(POCKET_FOLDER / "pocket-bert"),
                  _trained_positions("pocket-bert"), "[MASK]",
                  bundled=True, about="Tiny BERT trained by this project on dictionary text; works offline."),
        ModelSpec("pocket-gpt", CAUSAL, "pocket-gpt (bundled)", str(POCKET_FOLDER / "pocket-gpt"),
                  _trained_positions("pocket-gpt"),
                  bundled=True, about="Tiny GPT trained by this project on the same text; works offline."),
    ]
}
if (POCKET_FOLDER / "pocket-t5" / "config.json").is_file():  # offered once trained: python -m demo.pocket train
    CATALOG["pocket-t5"] = ModelSpec(
        "pocket-t5", SEQ2SEQ, "pocket-t5 (bundled)", str(POCKET_FOLDER / "pocket-t5"), _trained_positions("pocket-t5"),
        "<extra_id_0>", bundled=True, about="Tiny T5 trained by this project on the same text as pocket-bert and "
                                            "pocket-gpt (span corruption); works offline.")

POCKET = {MASKED: "pocket-bert", CAUSAL: "pocket-gpt", **({SEQ2SEQ: "pocket-t5"} if "pocket-t5" in CATALOG else {})}


def ids(family: str, entries: dict[str, ModelSpec] = CATALOG) -> list[str]:
    return [spec.id for spec in entries.values() if spec.family == family]


def resolve(ref: str, allow_local: bool = True, entries: dict[str, ModelSpec] = CATALOG) -> ModelSpec:
    """Turn a reference into a spec; raise UnknownModelError with the allowed choices."""
    if not isinstance(ref, str) or not ref.strip():
        raise UnknownModelError(f"No model given. Choose one of: {', '.join(entries)}.", key="error.no_model",
                                choices=", ".join(entries))
    ref = ref.strip()
    if ref in entries:
        return entries[ref]
    if allow_local and Path(ref).is_dir():
        return spec_from_directory(Path(ref))
    # the reference is not echoed back: it is user text and messages may end up in HTML
    hint = "" if allow_local else " (local model directories are not enabled on this server)"
    raise UnknownModelError(f"Unknown model{hint}. Choose one of: {', '.join(entries)}.",
                            key="error.unknown_model" if allow_local else "error.unknown_model_local",
                            choices=", ".join(entries))


def spec_from_directory(path: Path, id: str | None = None) -> ModelSpec:
    """Read family and positions from a saved model's config.json (no code from it is run)."""
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelLoadError(f"Model directory '{path}' has no config.json: save it with save_pretrained().",
                             key="error.no_config", path=str(path))
    config = json.loads(config_file.read_text())
    arch = " ".join(config.get("architectures") or [])
    if "MaskedLM" in arch:
        family = MASKED
    elif "CausalLM" in arch or "LMHeadModel" in arch:
        family = CAUSAL
    elif "ConditionalGeneration" in arch:
        family = SEQ2SEQ
    else:
        raise ModelLoadError(f"Model in '{path}' is neither a masked nor a causal LM "
                             f"(architectures: {arch or 'none'}).",
                             key="error.not_an_lm", path=str(path), architectures=arch or "none")
    positions = usable_positions(config) or 512
    return ModelSpec(id or str(path), family, id or path.name, str(path), positions)


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
