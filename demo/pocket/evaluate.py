"""Held-out figures for the pocket models, each against a unigram-frequency baseline.

pocket-bert: hide 15 % of a held-out sentence's tokens with [MASK] (and, separately, one content
word per sentence) and check whether the hidden token is the model's top-1 / in its top-5; the
baseline always guesses the training set's most frequent tokens. pocket-gpt: perplexity of
held-out sentences (every token after the first, and the end token); the baseline's is that of
the training set's token frequencies.
Shuffling each sentence's words keeps its word frequencies and destroys its context: a model
that learned context, not frequency, must get much worse on shuffled text.
"""
from __future__ import annotations

import json
import math
import random
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer

from demo.pocket import corpus
from demo.pocket.scoring import log_frequencies, scored_rows, unigram  # noqa: F401  (the tests' too)
from demo.pocket.train import OUT, padded, rows as train_rows

MASK_RATE = 0.15
SEED = 0


@dataclass(frozen=True)
class FillScores:
    top1: float
    top5: float
    unigram_top1: float
    unigram_top5: float
    masked: int  # how many hidden tokens were scored
    log_prob: float  # the hidden token's mean log-probability (nats): finer than top-5 on few cases
    unigram_log_prob: float


@dataclass(frozen=True)
class NextScores:
    perplexity: float
    unigram_perplexity: float
    tokens: int


def load(folder: Path, causal: bool):
    auto = AutoModelForCausalLM if causal else AutoModelForMaskedLM
    # float32 as the app loads them on a CPU (GPU-trained weights are stored in float16)
    model = auto.from_pretrained(folder, dtype=torch.float32).eval()
    return model, AutoTokenizer.from_pretrained(folder), unigram(folder)


def shuffled(text: str, rng: random.Random) -> str:
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def random_cases(tokenizer, texts: list[str], rng: random.Random) -> list[tuple[list[int], list[int]]]:
    """(ids, positions to hide): 15 % of each sentence's non-special tokens ([UNK] too), at least one."""
    cases, special = [], set(tokenizer.all_special_ids)
    for ids in tokenizer(texts, truncation=True)["input_ids"]:
        inner = [i for i in range(1, len(ids) - 1) if ids[i] not in special]
        if inner:
            cases.append((ids, sorted(rng.sample(inner, max(1, round(MASK_RATE * len(inner)))))))
    return cases


def content_cases(tokenizer, texts: list[str], counts: torch.Tensor, rng: random.Random,
                  common: int = 100) -> list[tuple[list[int], list[int]]]:
    """(ids, [one position]): one content word per sentence, hidden whole. A content word here is a
    word that is a single token and not among the `common` most frequent training tokens (which
    are the function words: the, of, a, or, to, ...). Their unigram top-5 is 0 by construction."""
    counts = counts.clone()
    counts[tokenizer.all_special_ids] = 0
    frequent = set(counts.topk(common).indices.tolist())
    cases = []
    for ids in tokenizer(texts, truncation=True)["input_ids"]:
        pieces = tokenizer.convert_ids_to_tokens(ids)
        whole = [i for i in range(1, len(ids) - 1) if pieces[i].isalpha() and not pieces[i + 1].startswith("##")
                 and ids[i] not in frequent]
        if whole:
            cases.append((ids, [rng.choice(whole)]))
    return cases


def fill_scores(folder: Path, cases: list[tuple[list[int], list[int]]], batch: int = 64) -> FillScores:
    model, tokenizer, counts = load(folder, causal=False)
    counts[tokenizer.all_special_ids] = 0  # the baseline never guesses [CLS] and friends
    baseline = counts.topk(5).indices
    log_unigram = log_frequencies(counts)
    hits, base_hits, n, log_prob, base_log_prob = [0, 0], [0, 0], 0, 0.0, 0.0
    for start in range(0, len(cases), batch):
        chunk = cases[start: start + batch]
        ids, attention = padded([c[0] for c in chunk])
        rows = torch.tensor([b for b, (_, pos) in enumerate(chunk) for _ in pos])
        cols = torch.tensor([p for _, pos in chunk for p in pos])
        truth = ids[rows, cols]  # (M,)
        hidden_ids = ids.clone()
        hidden_ids[rows, cols] = tokenizer.mask_token_id
        with torch.inference_mode():
            logits = model(input_ids=hidden_ids, attention_mask=attention.long()).logits[rows, cols]  # (M, V)
            logits[:, tokenizer.all_special_ids] = -math.inf  # never offered, as in the app
            top = logits.topk(5).indices  # (M, 5)
            log_prob += float(logits.log_softmax(-1).gather(1, truth[:, None]).sum())
        base_log_prob += float(log_unigram[truth].sum())
        for k, column in ((0, 1), (1, 5)):
            hits[k] += int((top[:, :column] == truth[:, None]).any(1).sum())
            base_hits[k] += int((baseline[None, :column] == truth[:, None]).any(1).sum())
        n += len(truth)
    return FillScores(hits[0] / n, hits[1] / n, base_hits[0] / n, base_hits[1] / n, n, log_prob / n, base_log_prob / n)


def next_scores(folder: Path, texts: list[str], batch: int = 64) -> NextScores:
    model, tokenizer, counts = load(folder, causal=True)
    log_unigram = log_frequencies(counts)
    positions = getattr(model.config, "n_positions", None) or model.config.max_position_embeddings
    if tokenizer.bos_token_id is not None and tokenizer.bos_token_id == tokenizer.cls_token_id:  # pocket-gpt (warm)
        rows = [r[:positions] for r in scored_rows(tokenizer, texts)]  # as trained: `[CLS] line [SEP]`
    else:
        rows = train_rows(tokenizer, texts, positions)  # as trained: `line <|endoftext|>`
    nll = base_nll = 0.0
    n = 0
    for first in range(0, len(rows), batch):
        chunk = rows[first: first + batch]
        ids, attention = padded(chunk)
        with torch.inference_mode():
            logp = model(input_ids=ids, attention_mask=attention.long()).logits.float().log_softmax(-1)  # (B, T, V)
        scored = attention[:, 1:]  # (B, T-1): every real token after the first (which has no left context)
        target = ids[:, 1:]
        nll -= float(logp[:, :-1].gather(-1, target[..., None]).squeeze(-1)[scored].sum())
        base_nll -= float(log_unigram[target][scored].sum())
        n += int(scored.sum())
    return NextScores(math.exp(nll / n), math.exp(base_nll / n), n)


def held_out_figures(out: Path, held_out: list[str]) -> dict:
    """pocket-bert and pocket-gpt on the corpus's held-out split, each with its shuffled control."""
    mixed = [shuffled(t, random.Random(i)) for i, t in enumerate(held_out)]
    bert, gpt = out / "pocket-bert", out / "pocket-gpt"
    tokenizer, counts = AutoTokenizer.from_pretrained(bert), unigram(bert)
    return {
        "held_out_sentences": len(held_out),
        "pocket-bert": asdict(fill_scores(bert, random_cases(tokenizer, held_out, random.Random(SEED)))),
        "pocket-bert shuffled": asdict(fill_scores(bert, random_cases(tokenizer, mixed, random.Random(SEED)))),
        "pocket-bert content words": asdict(fill_scores(bert, content_cases(tokenizer, held_out, counts,
                                                                           random.Random(SEED)))),
        "pocket-bert content words shuffled": asdict(fill_scores(bert, content_cases(tokenizer, mixed, counts,
                                                                                    random.Random(SEED)))),
        "pocket-gpt": asdict(next_scores(gpt, held_out)),
        "pocket-gpt shuffled": asdict(next_scores(gpt, mixed)),
    }


RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results" / "pocket-everyday.json"


def evaluate(out: Path = OUT, corpus_path: str | None = None) -> dict:
    """Held-out split, everyday set, the app's examples: evaluation.json beside the models, and the
    everyday figures in bench/results/pocket-everyday.json."""
    from demo.pocket import everyday_eval, examples

    curves = json.loads((out / "curves.json").read_text())
    recipe = curves["recipe"]
    text = corpus.load(corpus_path, recipe.get("sources"))  # the held-out rows of the sources it trained on
    report = held_out_figures(out, text.held_out)
    report["held_out_sources"] = text.counts
    report["everyday"] = everyday_eval.evaluate(out)
    coherent = tuple(curves["corpus"].get("nsp_pairs_from", ()))
    if coherent:  # pocket-bert was pre-trained with next-sentence prediction too
        from demo.pocket import nsp_eval

        report["nsp"] = nsp_eval.evaluate(out / "pocket-bert", corpus_path, tuple(recipe["sources"]), coherent)
    report["examples"] = examples.run(out)
    (out / "evaluation.json").write_text(json.dumps(report, indent=1))
    if out == OUT:  # the bundled models' figures back the README and the card
        RESULTS.write_text(json.dumps({"models": str(out.relative_to(RESULTS.parents[2])),
                                       "curves": recipe,
                                       **report["everyday"], **({"nsp": report["nsp"]} if "nsp" in report else {}),
                                       "held_out": {k: v for k, v in report.items() if k.startswith("pocket-")}},
                                      indent=1))
    return report
