"""Train pocket-bert and pocket-gpt with one recipe; write the models, their unigram counts and
the loss curves under assets/pocket/.

Both models see the same lines, one per row, about the same number of tokens per step and the
same number of steps, with the same optimizer, schedule and seed.
"""
from __future__ import annotations

import json
import platform
import time
from pathlib import Path

import torch
from transformers import DataCollatorForLanguageModeling, get_linear_schedule_with_warmup

from demo.heads import masked_lm_parts
from demo.loading import best_device
from demo.pocket import FOLDER, corpus
from demo.pocket.recipe import Recipe, byte_bpe, causal_model, masked_model, wordpiece

OUT = FOLDER
Batch = tuple[torch.Tensor, torch.Tensor]  # (B, T) ids, (B, T) bool: which positions are real


def rows(tokenizer, texts: list[str], positions: int) -> list[list[int]]:
    """One row per line, shaped as the app shows the model a sentence: BERT's `[CLS] line [SEP]`;
    GPT's `line <|endoftext|>`, every other line after a start `<|endoftext|>` too, as GPT-2 read
    text both mid-stream and after a document boundary (the app sends prompts bare, and scores
    whole sentences after the start token).

    Rows, not 128-token blocks of packed lines: with lines packed, a bidirectional model must first
    learn which of the ten lines around a [MASK] is its own, and at this budget pocket-bert never did
    (it stayed at word frequency); one line per row teaches it context within minutes."""
    if tokenizer.cls_token_id is not None:
        return tokenizer(texts, truncation=True, max_length=positions)["input_ids"]
    end = tokenizer.eos_token_id
    lines = tokenizer(texts, add_special_tokens=False)["input_ids"]
    return [[end] * (i % 2) + ids[: positions - 1 - i % 2] + [end] for i, ids in enumerate(lines)]


def batches(rows: list[list[int]], tokens: int, pad: int) -> list[Batch]:
    """Rows sorted by length and cut into batches of at least `tokens` real tokens, so there is little padding."""
    out, group, count = [], [], 0
    for row in sorted(rows, key=len):
        group.append(row)
        count += len(row)
        if count >= tokens:
            out.append(padded(group, pad))
            group, count = [], 0
    return out + ([padded(group, pad)] if group else [])


def padded(group: list[list[int]], pad: int = 0) -> Batch:
    """Rows right-padded to the longest, and which positions are real."""
    longest = max(map(len, group))
    ids = torch.tensor([r + [pad] * (longest - len(r)) for r in group])
    return ids, torch.arange(longest) < torch.tensor([len(r) for r in group])[:, None]


class MaskedObjective:
    """BERT's masked LM: 15 % of positions, 80 % [MASK] / 10 % random / 10 % kept (transformers'
    own collator). The vocabulary head runs on the masked rows only (demo.heads)."""
    name = "pocket-bert"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer = model, tokenizer
        # its masks come from torch's global RNG (seeded in train()): torch_mask_tokens ignores the collator's seed
        self.collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=recipe.mask_probability)
        self.encoder, self.head = masked_lm_parts(model)
        self.special = torch.tensor(tokenizer.all_special_ids)

    def mask(self, ids: torch.Tensor, real: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(inputs, labels): labels are -100 except at the hidden positions."""
        return self.collator.torch_mask_tokens(ids.clone(), torch.isin(ids, self.special) | ~real)

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=inputs, attention_mask=real.long())[0]  # (B, T, D)
        chosen = labels != -100  # (B, T)
        if not chosen.any():  # a short batch can draw no mask at all
            return hidden.sum() * 0
        logits = self.head(hidden[chosen])  # (M, V)
        return torch.nn.functional.cross_entropy(logits.float(), labels[chosen])


class CausalObjective:
    """GPT's next-token prediction at every real position (the model shifts labels itself)."""
    name = "pocket-gpt"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer = model, tokenizer

    def mask(self, ids: torch.Tensor, real: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return ids, ids.masked_fill(~real, -100)  # nothing hidden: every next token is a target

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=inputs, attention_mask=real.long(), labels=labels).loss


def precision(device: torch.device, wanted: bool = True) -> torch.dtype:
    """bf16 where the hardware computes it natively (1.6x faster for pocket-bert on an AVX512-BF16
    CPU), else fp32: emulated bf16 is slower than fp32."""
    cpu = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)() or \
        getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    native = torch.cuda.is_bf16_supported() if device.type == "cuda" else device.type == "cpu" and cpu
    return torch.bfloat16 if wanted and native else torch.float32


def train_one(objective, train_batches: list[Batch], held_batches: list[Batch], recipe: Recipe,
              device: torch.device) -> dict:
    model = objective.model.to(device).train()
    dtype = precision(device, recipe.bf16)
    autocast = lambda: torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32)  # noqa: E731
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.learning_rate, betas=(0.9, 0.98),
                                  weight_decay=recipe.weight_decay)
    schedule = get_linear_schedule_with_warmup(optimizer, int(recipe.warmup * recipe.steps), recipe.steps)
    order = torch.Generator().manual_seed(recipe.seed)
    # masked once, up front: the held-out curve then measures the model, not the luck of the masks
    held = [(*objective.mask(ids, real), real) for ids, real in held_batches]
    weights = [int((labels != -100).sum()) for _, labels, _ in held]  # targets: a short batch counts for less
    curve = {"tokens": [], "train_loss": [], "held_out_loss": []}
    running, seen, started, queue = [], 0, time.perf_counter(), []
    for step in range(1, recipe.steps + 1):
        if not queue:  # a new pass over the data, in a fresh order
            queue = torch.randperm(len(train_batches), generator=order).tolist()
        ids, real = train_batches[queue.pop()]
        seen += int(real.sum())
        inputs, labels = objective.mask(ids, real)
        with autocast():
            loss = objective.loss(inputs.to(device), labels.to(device), real.to(device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step(), schedule.step(), optimizer.zero_grad(set_to_none=True)
        running.append(loss.item())
        if step % recipe.eval_every == 0 or step == recipe.steps:
            model.eval()
            with torch.no_grad(), autocast():
                held_loss = sum(w * objective.loss(*(t.to(device) for t in batch)).item()
                                for w, batch in zip(weights, held)) / sum(weights)
            model.train()
            curve["tokens"].append(seen)
            curve["train_loss"].append(round(sum(running) / len(running), 4))
            curve["held_out_loss"].append(round(held_loss, 4))
            running = []
            spent = time.perf_counter() - started
            print(f"{objective.name} step {step}/{recipe.steps} train {curve['train_loss'][-1]:.3f} "
                  f"held-out {held_loss:.3f}  {spent:.0f}s  {seen / spent:.0f} tok/s", flush=True)
    curve["seconds"] = round(time.perf_counter() - started, 1)
    curve["precision"] = str(dtype).removeprefix("torch.")
    model.eval().to("cpu")
    return curve


def train(recipe: Recipe = Recipe(), out: Path = OUT, text: corpus.Corpus | None = None) -> dict:
    torch.manual_seed(recipe.seed)
    device = best_device()
    text = text or corpus.load()
    print(f"corpus: {len(text.train):,} training lines, {len(text.held_out):,} held out; device {device}")
    report = {"recipe": recipe.as_dict(), "corpus": {"train_lines": len(text.train), "held_out_lines": len(text.held_out)},
              "hardware": f"{platform.machine()}, {torch.get_num_threads()} threads, {device}, torch {torch.__version__}",
              "models": {}}
    for name, make_tokenizer, make_model, objective in [
        ("pocket-bert", wordpiece, masked_model, MaskedObjective),
        ("pocket-gpt", byte_bpe, causal_model, CausalObjective),
    ]:
        tokenizer = make_tokenizer(text.train, recipe)
        torch.manual_seed(recipe.seed)  # same initial state of the shared shapes' RNG stream
        model = make_model(tokenizer, recipe)
        train_rows = rows(tokenizer, text.train, recipe.positions)
        pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
        train_batches = batches(train_rows, recipe.batch_tokens, pad)
        held_batches = batches(rows(tokenizer, text.held_out, recipe.positions), recipe.batch_tokens, pad)
        goal = objective(model, tokenizer, recipe)
        curve = train_one(goal, train_batches, held_batches, recipe, device)
        curve["epochs"] = round(curve["tokens"][-1] / sum(map(len, train_rows)), 2)
        folder = out / name
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        stream = torch.tensor([i for row in train_rows for i in row])
        counts = torch.bincount(stream, minlength=len(tokenizer)).tolist()  # the unigram baseline
        (folder / "unigram.json").write_text(json.dumps(counts, separators=(",", ":")))
        report["models"][name] = curve
    (out / "curves.json").write_text(json.dumps(report, indent=1))
    return report
