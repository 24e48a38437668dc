"""Train pocket-bert, pocket-gpt and pocket-t5 with one recipe; write each model as save_pretrained
does (with its unigram counts) and the three loss curves (curves.json).

All three see the same rows, about the same number of tokens per step and the same number of steps,
with the same optimizer, schedule and seed. With `recipe.minutes` set, the step count comes from
the measured speed of each model: as many steps as the three together fit in those minutes.
Resumable: every `checkpoint_every` steps the state goes to out/checkpoints/; running the same
command again continues where it stopped (a finished model is skipped).
"""
from __future__ import annotations

import json
import platform
import shutil
import time
from dataclasses import replace
from pathlib import Path

import torch
from transformers import AutoTokenizer, get_linear_schedule_with_warmup

from demo.loading import best_device
from demo.pocket import FOLDER, corpus
from demo.pocket.objectives import OBJECTIVES, CausalObjective, MaskedObjective, SpanCorruption  # noqa: F401
from demo.pocket.recipe import BUILDERS, MODELS, Recipe

OUT = FOLDER
SHARD = "15MB"  # weight files small enough to carry back from a GPU machine (<= 16 MiB each)
Rows = tuple[torch.Tensor, torch.Tensor]  # (B, T) ids, (B, T) bool: which positions are real


def rows(tokenizer, texts: list[str], positions: int) -> list[list[int]]:
    """One row per line, shaped as the app shows the model a sentence: BERT's `[CLS] line [SEP]`,
    T5's `line </s>`; GPT's `line <|endoftext|>`, every other line after a start `<|endoftext|>`
    too, as GPT-2 read text both mid-stream and after a document boundary.

    Rows, not 128-token blocks of packed lines: with lines packed, a bidirectional model must first
    learn which of the ten lines around a [MASK] is its own, and at this budget pocket-bert never did."""
    if tokenizer.bos_token_id is None:  # BERT, T5: their own special tokens
        return tokenizer(texts, truncation=True, max_length=positions)["input_ids"]
    end = tokenizer.eos_token_id
    lines = tokenizer(texts, add_special_tokens=False)["input_ids"]
    return [[end] * (i % 2) + ids[: positions - 1 - i % 2] + [end] for i, ids in enumerate(lines)]


def batches(rows: list[list[int]], tokens: int, pad: int) -> list[Rows]:
    """Rows sorted by length and cut into batches of at least `tokens` real tokens, so there is little padding."""
    out, group, count = [], [], 0
    for row in sorted(rows, key=len):
        group.append(row)
        count += len(row)
        if count >= tokens:
            out.append(padded(group, pad))
            group, count = [], 0
    return out + ([padded(group, pad)] if group else [])


def padded(group: list[list[int]], pad: int = 0) -> Rows:
    """Rows right-padded to the longest, and which positions are real."""
    longest = max(map(len, group))
    ids = torch.tensor([r + [pad] * (longest - len(r)) for r in group])
    return ids, torch.arange(longest) < torch.tensor([len(r) for r in group])[:, None]


def precision(device: torch.device, wanted: bool = True) -> torch.dtype:
    """bf16 where the hardware computes it natively (1.6x faster for pocket-bert on an AVX512-BF16
    CPU), else fp32: emulated bf16 is slower than fp32."""
    cpu = getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)() or \
        getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    native = torch.cuda.is_bf16_supported() if device.type == "cuda" else device.type == "cpu" and cpu
    return torch.bfloat16 if wanted and native else torch.float32


class Steps(torch.utils.data.Dataset):
    """Step k's batch, masked with generators seeded by (seed, k): the same masks whichever process
    draws them and after a resume, so on a GPU machine worker processes can prepare the batches
    (T5's span corruption is Python, row by row) while the device trains."""

    def __init__(self, objective, batches: list[Rows], recipe: Recipe, first: int = 0):
        self.objective, self.batches, self.seed, self.first = objective, batches, recipe.seed, first
        order, epochs = torch.Generator().manual_seed(recipe.seed), []
        while sum(map(len, epochs)) < recipe.steps:  # a fresh order for every pass over the data
            epochs.append(torch.randperm(len(batches), generator=order).tolist())
        self.order = [i for epoch in epochs for i in epoch][: recipe.steps]

    def __len__(self) -> int:
        return len(self.order) - self.first

    def __getitem__(self, k: int):
        step = self.first + k
        ids, real = self.batches[self.order[step]]
        torch.manual_seed(self.seed * 1_000_003 + step)  # BERT's collator draws from torch's global generator
        if hasattr(self.objective, "rng"):
            self.objective.rng.seed(self.seed * 1_000_003 + step)
        return (*self.objective.mask(ids, real), int(real.sum()))


def stream(objective, batches: list[Rows], recipe: Recipe, device: torch.device, first: int = 0):
    """(inputs, labels, attention, real tokens) for steps first+1 ... recipe.steps."""
    workers = 4 if device.type == "cuda" else 0  # CPU training: the cores are busy training
    return torch.utils.data.DataLoader(Steps(objective, batches, recipe, first), batch_size=None,
                                       num_workers=workers, pin_memory=device.type == "cuda",
                                       prefetch_factor=8 if workers else None)


class Run:
    """One model's optimizer and schedule: what a checkpoint holds besides the weights."""

    def __init__(self, objective, recipe: Recipe, device: torch.device):
        self.objective, self.recipe, self.device = objective, recipe, device
        self.model = objective.model.to(device).train()
        dtype = precision(device, recipe.bf16)
        self.dtype = dtype
        self.autocast = lambda: torch.autocast(device.type, dtype=dtype, enabled=dtype != torch.float32)
        self.optimizer = torch.optim.AdamW(self.model.parameters(), lr=recipe.learning_rate, betas=(0.9, 0.98),
                                           weight_decay=recipe.weight_decay)
        self.schedule = get_linear_schedule_with_warmup(self.optimizer, int(recipe.warmup * recipe.steps), recipe.steps)

    def step(self, inputs: torch.Tensor, labels: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        with self.autocast():
            loss = self.objective.loss(inputs.to(self.device, non_blocking=True),
                                       labels.to(self.device, non_blocking=True),
                                       attention.to(self.device, non_blocking=True))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), 1.0)
        self.optimizer.step(), self.schedule.step(), self.optimizer.zero_grad(set_to_none=True)
        return loss.detach()  # no .item(): the CPU goes on to the next step while the device works

    def state(self, extra: dict) -> dict:
        return {"model": self.model.state_dict(), "optimizer": self.optimizer.state_dict(),
                "schedule": self.schedule.state_dict(), **extra}

    def restore(self, saved: dict) -> dict:
        self.model.load_state_dict(saved["model"])
        self.optimizer.load_state_dict(saved["optimizer"])
        self.schedule.load_state_dict(saved["schedule"])
        return saved


def train_one(objective, train_batches: list[Rows], held_batches: list[Rows], recipe: Recipe,
              device: torch.device, checkpoint: Path | None = None) -> dict:
    run = Run(objective, recipe, device)
    # masked once, up front: the held-out curve then measures the model, not the luck of the masks
    held = [Steps(objective, held_batches, replace(recipe, seed=recipe.seed + 1, steps=len(held_batches)))[i][:3]
            for i in range(len(held_batches))]
    weights = [int((labels != -100).sum()) for _, labels, _ in held]  # targets: a short batch counts for less
    state = {"step": 0, "seen": 0, "running": [], "spent": 0.0,
             "curve": {"tokens": [], "train_loss": [], "held_out_loss": []}}
    if checkpoint and checkpoint.is_file():
        state.update({k: v for k, v in run.restore(torch.load(checkpoint, weights_only=False)).items()
                      if k in state})
        print(f"{objective.name}: resumed at step {state['step']}", flush=True)
    curve, running = state["curve"], state["running"]
    started = time.perf_counter() - state["spent"]
    for step, (inputs, labels, attention, real) in enumerate(
            stream(objective, train_batches, recipe, device, state["step"]), start=state["step"] + 1):
        state["seen"] += real
        running.append(run.step(inputs, labels, attention))
        if step % recipe.eval_every == 0 or step == recipe.steps:
            run.model.eval()
            with torch.no_grad(), run.autocast():
                held_loss = sum(w * objective.loss(*(t.to(device) for t in b)).item()
                                for w, b in zip(weights, held)) / sum(weights)
            run.model.train()
            curve["tokens"].append(state["seen"])
            curve["train_loss"].append(round(sum(map(float, running)) / len(running), 4))
            curve["held_out_loss"].append(round(held_loss, 4))
            running = []
            spent = time.perf_counter() - started
            print(f"{objective.name} step {step}/{recipe.steps} train {curve['train_loss'][-1]:.3f} "
                  f"held-out {held_loss:.3f}  {spent:.0f}s  {state['seen'] / spent:.0f} tok/s", flush=True)
        if checkpoint and step % recipe.checkpoint_every == 0 and step < recipe.steps:
            running = [float(r) for r in running]
            torch.save(run.state({**state, "step": step, "running": running,
                                  "spent": time.perf_counter() - started}), checkpoint)
    curve["seconds"] = round(time.perf_counter() - started, 1)
    curve["precision"] = str(run.dtype).removeprefix("torch.")
    run.model.eval().to("cpu")
    return curve


def speed(name: str, tokenizer, train_batches: list[Rows], recipe: Recipe, device: torch.device,
          steps: int = 16) -> float:
    """Tokens per second of this model's training steps, batches prepared as in training (the first
    few steps, which warm up kernels and workers, not counted); on the longest rows, the slowest steps."""
    torch.manual_seed(recipe.seed)
    objective = OBJECTIVES[name](BUILDERS[name][1](tokenizer, recipe), tokenizer, recipe)
    run = Run(objective, recipe, device)
    longest = sorted(train_batches, key=lambda b: -b[0].numel())[: steps]
    started, seen = None, 0
    for k, (inputs, labels, attention, real) in enumerate(stream(objective, longest, replace(recipe, steps=steps),
                                                                 device)):
        loss = run.step(inputs, labels, attention)
        if k == 3:
            float(loss)  # wait for the device, then start the clock
            started = time.perf_counter()
        elif k > 3:
            seen += real
    float(loss)
    return seen / (time.perf_counter() - started) if started else float("inf")  # too few batches to time


def prepare(name: str, text: corpus.Corpus, recipe: Recipe, work: Path, ready: Path | None = None):
    """The model's tokenizer (learned once, kept in `work` for a resumed run; or learned beforehand
    by `python -m demo.pocket corpus` into `ready`, so a GPU machine need not spend minutes on it)
    and its batches."""
    saved = work / f"{name}-tokenizer"
    if ready and (ready / name).is_dir() and not saved.is_dir():
        shutil.copytree(ready / name, saved)
    if saved.is_dir():
        tokenizer = AutoTokenizer.from_pretrained(saved)
    else:
        tokenizer = BUILDERS[name][0](text.train[: recipe.tokenizer_rows], recipe)
        tokenizer.save_pretrained(saved)
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    train_rows = rows(tokenizer, text.train, recipe.positions)
    return (tokenizer, train_rows, batches(train_rows, recipe.batch_tokens, pad),
            batches(rows(tokenizer, text.held_out, recipe.positions), recipe.batch_tokens, pad))


def save(model, tokenizer, train_rows: list[list[int]], folder: Path, recipe: Recipe) -> None:
    # weights of an earlier model (one file, or shards of another count) would be loaded before these
    for stale in [*folder.glob("model*.safetensors"), folder / "model.safetensors.index.json"]:
        stale.unlink(missing_ok=True)
    if recipe.half_on_disk:
        model = model.half()
    model.save_pretrained(folder, max_shard_size=SHARD)
    if recipe.half_on_disk:  # loaders that follow the config ("auto" dtype, pipelines) then read float32
        config = json.loads((folder / "config.json").read_text())
        (folder / "config.json").write_text(json.dumps({**config, "dtype": "float32"}, indent=2))
    tokenizer.save_pretrained(folder)
    stream = torch.tensor([i for row in train_rows for i in row])
    counts = torch.bincount(stream, minlength=len(tokenizer)).tolist()  # the unigram baseline
    (folder / "unigram.json").write_text(json.dumps(counts, separators=(",", ":")))


def tokenizers(text: corpus.Corpus, recipe: Recipe, folder: Path) -> None:
    """The three tokenizers, learned from the same rows, saved for `train` to pick up."""
    for name in MODELS:
        BUILDERS[name][0](text.train[: recipe.tokenizer_rows], recipe).save_pretrained(folder / name)


def train(recipe: Recipe = Recipe(), out: Path = OUT, text: corpus.Corpus | None = None,
          models: tuple[str, ...] = MODELS, ready: Path | None = None) -> dict:
    device = best_device()
    torch.backends.cuda.matmul.allow_tf32 = True  # fp32 leftovers on an H100: TF32 tensor cores
    text = text or corpus.load(sources=recipe.sources)
    work = out / "checkpoints"
    work.mkdir(parents=True, exist_ok=True)
    print(f"corpus: {len(text.train):,} training lines, {len(text.held_out):,} held out; device {device}", flush=True)
    prepared = {name: prepare(name, text, recipe, work, ready) for name in models}
    plan = work / "plan.json"
    if plan.is_file():  # a resumed run keeps the step count it chose
        recipe = replace(recipe, steps=json.loads(plan.read_text())["steps"])
    elif recipe.minutes:
        speeds = {name: speed(name, p[0], p[2], recipe, device) for name, p in prepared.items()}
        # one step of each model takes sum(batch_tokens / speed) seconds: as many steps as fit the budget
        steps = int(recipe.minutes * 60 / sum(recipe.batch_tokens / v for v in speeds.values()))
        print(f"measured tok/s {({k: round(v) for k, v in speeds.items()})}: {steps} steps each", flush=True)
        recipe = replace(recipe, steps=max(steps, 2 * recipe.eval_every))
    plan.write_text(json.dumps({"steps": recipe.steps}))
    report = {"recipe": recipe.as_dict(), "corpus": {"train_lines": len(text.train),
                                                     "held_out_lines": len(text.held_out), "sources": text.counts},
              "hardware": f"{platform.machine()}, {torch.get_num_threads()} threads, {device}"
                          + (f" ({torch.cuda.get_device_name()})" if device.type == "cuda" else "")
                          + f", torch {torch.__version__}", "models": {}}
    for name, (tokenizer, train_rows, train_batches, held_batches) in prepared.items():
        done = work / f"{name}.json"
        if not done.is_file():
            torch.manual_seed(recipe.seed)  # same initial state of the shared shapes' RNG stream
            model = BUILDERS[name][1](tokenizer, recipe)
            curve = train_one(OBJECTIVES[name](model, tokenizer, recipe), train_batches, held_batches, recipe,
                              device, work / f"{name}.pt")
            curve["epochs"] = round(curve["tokens"][-1] / sum(map(len, train_rows)), 2)
            curve["parameters"] = sum(p.numel() for p in model.parameters())
            save(model, tokenizer, train_rows, out / name, recipe)
            done.write_text(json.dumps(curve))
            (work / f"{name}.pt").unlink(missing_ok=True)
        report["models"][name] = json.loads(done.read_text())
    (out / "curves.json").write_text(json.dumps(report, indent=1))
    shutil.rmtree(work)  # all done: nothing to resume
    print("parameters: " + ", ".join(f"{n} {c['parameters']:,}" for n, c in report["models"].items()), flush=True)
    return report
