"""Train pocket-bert and pocket-gpt with one recipe; write the models, their unigram counts and
the loss curves under assets/pocket/.

Both models see the same text cut into blocks of `positions` tokens, the same number of blocks
per step and the same number of steps, with the same optimizer, schedule and seed.
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
HELD_OUT_BLOCKS = 32


def token_stream(tokenizer, texts: list[str], separator: int, before: bool) -> torch.Tensor:
    """All texts as one id stream, a separator after (BERT's [SEP]) or before (GPT's start) each."""
    ids = tokenizer(texts, add_special_tokens=False)["input_ids"]
    flat = [i for row in ids for i in ([separator, *row] if before else [*row, separator])]
    return torch.tensor(flat, dtype=torch.long)


def blocks(stream: torch.Tensor, length: int, cls: int | None = None, sep: int | None = None) -> torch.Tensor:
    """(N, length) blocks; a masked model's blocks are framed as [CLS] ... [SEP]."""
    body = length - 2 if cls is not None else length
    n = stream.numel() // body
    out = stream[: n * body].view(n, body)  # (N, body)
    if cls is not None:
        out = torch.cat([torch.full((n, 1), cls), out, torch.full((n, 1), sep)], dim=1)
    return out


class MaskedObjective:
    """BERT's masked LM: 15 % of positions, 80 % [MASK] / 10 % random / 10 % kept (transformers'
    own collator). The vocabulary head runs on the masked rows only (demo.heads)."""
    name = "pocket-bert"

    def __init__(self, model, tokenizer, recipe: Recipe, seed: int):
        self.model, self.tokenizer = model, tokenizer
        self.collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=recipe.mask_probability, seed=seed)
        self.encoder, self.head = masked_lm_parts(model)
        self.special = torch.tensor(tokenizer.all_special_ids)

    def mask(self, ids: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        return self.collator.torch_mask_tokens(ids.clone(), torch.isin(ids, self.special))

    def loss(self, ids: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        if labels is None:
            ids, labels = self.mask(ids)
        hidden = self.encoder(input_ids=ids)[0]  # (B, T, D)
        chosen = labels != -100  # (B, T)
        logits = self.head(hidden[chosen])  # (M, V)
        return torch.nn.functional.cross_entropy(logits.float(), labels[chosen])


class CausalObjective:
    """GPT's next-token prediction at every position (the model shifts labels itself)."""
    name = "pocket-gpt"

    def __init__(self, model, tokenizer, recipe: Recipe, seed: int):
        self.model, self.tokenizer = model, tokenizer

    def mask(self, ids: torch.Tensor) -> tuple[torch.Tensor, None]:
        return ids, None  # nothing hidden: every next token is a target

    def loss(self, ids: torch.Tensor, labels=None) -> torch.Tensor:
        return self.model(input_ids=ids, labels=ids).loss


def train_one(objective, train_blocks: torch.Tensor, held_blocks: torch.Tensor, recipe: Recipe,
              device: torch.device) -> dict:
    model = objective.model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=recipe.learning_rate, betas=(0.9, 0.98),
                                  weight_decay=recipe.weight_decay)
    schedule = get_linear_schedule_with_warmup(optimizer, int(recipe.warmup * recipe.steps), recipe.steps)
    order = torch.Generator().manual_seed(recipe.seed)
    # masked once, up front: the held-out curve then measures the model, not the luck of the masks
    held = [objective.mask(b) for b in held_blocks.split(recipe.batch)]
    curve = {"tokens": [], "train_loss": [], "held_out_loss": []}
    running, started, permutation, cursor = [], time.perf_counter(), torch.empty(0, dtype=torch.long), 0
    for step in range(1, recipe.steps + 1):
        if cursor + recipe.batch > permutation.numel():  # a new pass over the data, freshly shuffled
            permutation, cursor = torch.randperm(len(train_blocks), generator=order), 0
        batch = train_blocks[permutation[cursor: cursor + recipe.batch]]
        cursor += recipe.batch
        loss = objective.loss(batch.to(device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step(), schedule.step(), optimizer.zero_grad(set_to_none=True)
        running.append(loss.item())
        if step % recipe.eval_every == 0 or step == recipe.steps:
            model.eval()
            with torch.no_grad():
                held_loss = sum(objective.loss(ids.to(device), None if labels is None else labels.to(device)).item()
                                for ids, labels in held) / len(held)
            model.train()
            curve["tokens"].append(step * recipe.batch * recipe.positions)
            curve["train_loss"].append(round(sum(running) / len(running), 4))
            curve["held_out_loss"].append(round(held_loss, 4))
            running = []
            spent = time.perf_counter() - started
            print(f"{objective.name} step {step}/{recipe.steps} train {curve['train_loss'][-1]:.3f} "
                  f"held-out {held_loss:.3f}  {spent:.0f}s  {step * recipe.batch * recipe.positions / spent:.0f} tok/s",
                  flush=True)
    curve["seconds"] = round(time.perf_counter() - started, 1)
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
        if name == "pocket-bert":
            cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
            stream = token_stream(tokenizer, text.train, sep, before=False)
            train_blocks = blocks(stream, recipe.positions, cls, sep)
            held_blocks = blocks(token_stream(tokenizer, text.held_out, sep, False), recipe.positions, cls, sep)
        else:
            eos = tokenizer.eos_token_id
            stream = token_stream(tokenizer, text.train, eos, before=True)
            train_blocks = blocks(stream, recipe.positions)
            held_blocks = blocks(token_stream(tokenizer, text.held_out, eos, True), recipe.positions)
        goal = objective(model, tokenizer, recipe, recipe.seed)
        curve = train_one(goal, train_blocks, held_blocks[:HELD_OUT_BLOCKS], recipe, device)
        curve["epochs"] = round(recipe.tokens / (len(train_blocks) * recipe.positions), 2)
        folder = out / name
        model.save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        counts = torch.bincount(stream, minlength=len(tokenizer)).tolist()  # the unigram baseline
        (folder / "unigram.json").write_text(json.dumps(counts, separators=(",", ":")))
        report["models"][name] = curve
    (out / "curves.json").write_text(json.dumps(report, indent=1))
    return report
