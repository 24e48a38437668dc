"""Each compression method as a function that changes a model in place (the caller hands it a copy).

- int8: dynamic quantization of every nn.Linear (int8 weights, activations quantized on the fly).
  GPT-2's projections are transformers' Conv1D (y = x·W + b with W stored as (in, out)): they are
  converted to nn.Linear first, or quantize_dynamic would skip them and quantize only the LM head.
- fp16 / bf16: every weight cast to half precision.
- prune: global magnitude pruning (L1, unstructured) of the layers' weight matrices: the `amount`
  smallest weights across all layers become zero. Embeddings and the LM head are left whole.
- heads: remove the `amount` least important attention heads (at least one stays in each layer).
  A head's importance is ‖W_V slice‖_F · ‖W_O slice‖_F, the norms of the value rows it reads with and
  the output-projection columns it writes with: a weight-only score of how far it can move the
  residual stream. transformers 5 no longer has prune_heads, so the rows and columns go here.
- low_rank: each feed-forward matrix W (out × in) becomes two thin ones from its truncated SVD,
  keeping the `amount` fraction of the rank (Eckart–Young: the closest matrix of that rank).
"""
from __future__ import annotations

import re
import warnings

import torch
from torch import nn
from torch.nn.utils import prune as torch_prune
from transformers.pytorch_utils import Conv1D, prune_linear_layer

from demo.errors import ParameterError
from demo.text import Said

FEED_FORWARD = re.compile(r"(intermediate\.dense|layer\.\d+\.output\.dense|mlp\.c_fc|mlp\.c_proj|ffn\.lin[12])$")


def conv1d_to_linear(model: nn.Module) -> int:
    """Replace every Conv1D by the equivalent nn.Linear (weight transposed); return how many."""
    count = 0
    for name, module in list(model.named_modules()):
        for child_name, child in list(module.named_children()):
            if isinstance(child, Conv1D):
                n_in, n_out = child.weight.shape  # Conv1D stores (in, out)
                linear = nn.Linear(n_in, n_out, device=child.weight.device, dtype=child.weight.dtype)
                linear.weight.data = child.weight.data.t().contiguous()
                linear.bias.data = child.bias.data
                setattr(module, child_name, linear.requires_grad_(False))
                count += 1
    return count


def int8(model: nn.Module) -> tuple[nn.Module, str]:
    converted = conv1d_to_linear(model)
    # the layers' matrices only: the LM head shares its weight with the input embeddings, and an int8
    # copy of it would sit beside the float embeddings instead of replacing them
    targets = {id(m) for m in layer_matrices(model)}
    names = {name for name, m in model.named_modules() if id(m) in targets}
    with warnings.catch_warnings():  # torch.ao.quantization is deprecated in favour of torchao, still works
        warnings.simplefilter("ignore")
        model = torch.ao.quantization.quantize_dynamic(model, names, dtype=torch.qint8)
    return model, Said("variant.int8_conv1d" if converted else "variant.int8", count=len(names))


def half(model: nn.Module, dtype: torch.dtype) -> tuple[nn.Module, str]:
    return model.to(dtype), Said("variant.cast", dtype=str(dtype).removeprefix("torch."))


def layer_matrices(model: nn.Module) -> list[nn.Module]:
    """The weight matrices inside the transformer layers (attention and feed-forward), not the
    embeddings or the LM head."""
    body = model.base_model
    embeddings = {id(m) for m in body.modules() if isinstance(m, nn.Embedding)}
    return [m for name, m in body.named_modules()
            if isinstance(m, (nn.Linear, Conv1D)) and id(m) not in embeddings and "pooler" not in name]


def zero_share(model: nn.Module) -> float:
    weights = [m.weight for m in layer_matrices(model) if m.weight.is_floating_point()]
    zeros = sum(int((w == 0).sum()) for w in weights)
    return zeros / max(1, sum(w.numel() for w in weights))


def prune(model: nn.Module, amount: float) -> tuple[nn.Module, str]:
    targets = layer_matrices(model)
    # L1Unstructured zeroes exactly round(amount · N) of the N weights, smallest magnitudes first
    torch_prune.global_unstructured([(m, "weight") for m in targets], torch_prune.L1Unstructured, amount=amount)
    for m in targets:
        torch_prune.remove(m, "weight")  # make it permanent: weight = weight_orig · mask
    return model, Said("variant.prune", share=f"{amount:.0%}", count=len(targets))


def _attention_blocks(model: nn.Module) -> list[dict]:
    """Per layer: the modules holding Q, K, V and the output projection, and how to rename sizes."""
    blocks = []
    for module in model.base_model.modules():
        if hasattr(module, "self") and hasattr(module.self, "query") and hasattr(module, "output"):  # BERT, RoBERTa
            blocks.append({"kind": "bert", "attn": module.self, "out": module.output, "heads": module.self.num_attention_heads})
        elif hasattr(module, "c_attn") and hasattr(module, "c_proj") and hasattr(module, "num_heads"):  # GPT-2
            blocks.append({"kind": "gpt2", "attn": module, "out": module, "heads": module.num_heads})
    return blocks


def _value_and_output(block: dict) -> tuple[torch.Tensor, torch.Tensor]:
    """(d_all, in) value rows and (out, d_all) output columns, nn.Linear layout."""
    if block["kind"] == "bert":
        return block["attn"].value.weight, block["out"].dense.weight
    qkv = block["attn"].c_attn.weight  # (3·d, in) after conversion to Linear: Q rows, then K, then V
    return qkv[2 * block["attn"].split_size:], block["attn"].c_proj.weight


def heads(model: nn.Module, amount: float) -> tuple[nn.Module, str]:
    conv1d_to_linear(model)
    blocks = _attention_blocks(model)
    if not blocks:
        raise ParameterError("error.heads_unsupported")
    scores = []  # (importance, layer, head)
    for layer, block in enumerate(blocks):
        value, output = _value_and_output(block)
        size = value.shape[0] // block["heads"]
        for h in range(block["heads"]):
            rows = slice(h * size, (h + 1) * size)
            scores.append((float(value[rows].norm() * output[:, rows].norm()), layer, h))
    total, target = len(scores), round(amount * len(scores))
    drop: dict[int, list[int]] = {}
    for _, layer, h in sorted(scores):  # least important first
        if sum(len(v) for v in drop.values()) == target:
            break
        if len(drop.get(layer, [])) + 1 < blocks[layer]["heads"]:  # one head stays in every layer
            drop.setdefault(layer, []).append(h)
    for layer, removed in drop.items():
        _remove_heads(blocks[layer], removed)
    gone = sum(len(v) for v in drop.values())
    return model, Said("variant.heads", gone=gone, total=total)


def _remove_heads(block: dict, removed: list[int]) -> None:
    attn, n = block["attn"], block["heads"]
    size = (attn.attention_head_size if block["kind"] == "bert" else attn.head_dim)
    keep = torch.tensor([i for h in range(n) if h not in removed for i in range(h * size, (h + 1) * size)])
    if block["kind"] == "bert":
        for name in ("query", "key", "value"):
            setattr(attn, name, prune_linear_layer(getattr(attn, name), keep).requires_grad_(False))
        block["out"].dense = prune_linear_layer(block["out"].dense, keep, dim=1).requires_grad_(False)
        attn.num_attention_heads = n - len(removed)
        attn.all_head_size = len(keep)
        return
    width = attn.split_size
    qkv_rows = torch.cat([keep, keep + width, keep + 2 * width])  # the same heads in Q, K and V
    attn.c_attn = prune_linear_layer(attn.c_attn, qkv_rows).requires_grad_(False)
    attn.c_proj = prune_linear_layer(attn.c_proj, keep, dim=1).requires_grad_(False)
    attn.split_size, attn.num_heads = len(keep), n - len(removed)


def truncated_svd(weight: torch.Tensor, rank: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """W (out × in) ≈ A (out × k) · B (k × in) with k = rank; also the discarded singular values.
    Computed in float64 so the only error left is the truncation."""
    U, S, Vh = torch.linalg.svd(weight.double(), full_matrices=False)
    A = (U[:, :rank] * S[:rank]).to(weight.dtype)
    B = Vh[:rank].to(weight.dtype)
    return A, B, S[rank:]


def low_rank(model: nn.Module, amount: float) -> tuple[nn.Module, str]:
    conv1d_to_linear(model)
    replaced, kept, full = 0, 0, 0
    for name, module in list(model.base_model.named_modules()):
        for child_name, child in list(module.named_children()):
            path = f"{name}.{child_name}" if name else child_name
            if isinstance(child, nn.Linear) and FEED_FORWARD.search(path):
                rank = min(child.weight.shape)
                k = max(1, round(amount * rank))
                A, B = truncated_svd(child.weight.data, k)[:2]
                first = nn.Linear(child.in_features, k, bias=False, device=A.device, dtype=A.dtype)
                second = nn.Linear(k, child.out_features, bias=child.bias is not None, device=A.device, dtype=A.dtype)
                first.weight.data, second.weight.data = B.contiguous(), A.contiguous()
                if child.bias is not None:
                    second.bias.data = child.bias.data
                setattr(module, child_name, nn.Sequential(first, second).requires_grad_(False))
                replaced, kept, full = replaced + 1, k, rank
    if not replaced:
        raise ParameterError("error.no_feed_forward")
    return model, Said("variant.low_rank", count=replaced, kept=kept, full=full)
