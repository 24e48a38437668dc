"""What looking inside costs, as ratios to the model's own passes measured in the same run.

- lens / one forward with hidden states (the masked or causal LM, output_hidden_states=True), at
  bert-base and gpt2 shapes, 64 tokens. Goal ≤ 1.3: the lens is one forward of the encoder (no
  head over every position) plus a read-out of L+1 rows at one position.
- attribution (integrated gradients, 32 steps, batched) / one forward+backward pass (gradient of
  log p(word) at the blank w.r.t. the input embeddings), bert-base shape, 32 tokens. Goal ≤ 24.
Random weights from BertConfig() / GPT2Config() defaults (bench/shapes.py): timing needs shapes only.
Contenders are interleaved and each time is a median of --repeats runs; the machine may be shared
with other work, so compare ratios, not absolute times, across runs.
Run: python -m bench.inside [--repeats 7] [--device cpu]; writes bench/results/inside.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

import torch
from transformers import AutoTokenizer

from bench.shapes import bert_base, gpt2_small, sentence
from bench.speed import median_seconds
from demo.service import InferenceService
from demo.settings import Settings


def timed(fns: dict, repeats: int) -> tuple[dict, dict]:
    """Wall-clock medians (the figures asked for) and CPU-time medians of interleaved runs. CPU time
    (this process's, all threads) counts the work done, not the time other jobs held the cores, so
    on a shared machine its ratios are the steadier ones."""
    cpu: dict[str, list[float]] = {name: [] for name in fns}

    def counted(name, fn):
        def run():
            started = time.process_time()
            fn()
            cpu[name].append(time.process_time() - started)
        return run
    wall = median_seconds({name: counted(name, fn) for name, fn in fns.items()}, repeats)
    return wall, {name: statistics.median(times[1:]) for name, times in cpu.items()}  # [0]: the warm-up


def gpt_text(tokenizer, n_tokens: int) -> str:
    """Text the synthetic GPT-2 tokenizer encodes as exactly n_tokens ids."""
    ids = tokenizer(" ".join(f"sentence number {i} about cats and dogs" for i in range(n_tokens)))["input_ids"]
    for cut in range(n_tokens, 0, -1):
        text = tokenizer.decode(ids[:cut])
        if len(tokenizer(text)["input_ids"]) == n_tokens:
            return text
    raise ValueError("no text of that length")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "inside.json"))
    args = parser.parse_args()
    torch.manual_seed(0)
    bert_dir, gpt_dir = bert_base(), gpt2_small()
    service = InferenceService(Settings(device=args.device), defaults={"masked": bert_dir, "causal": gpt_dir})
    rows = []

    # -- the lens: one forward with hidden states, plus the read-out at one position --------------
    for family, path in (("masked", bert_dir), ("causal", gpt_dir)):
        lm = service.load(None, family)
        text = sentence(64) if family == "masked" else gpt_text(AutoTokenizer.from_pretrained(path), 64)
        ids = torch.tensor([lm.tokenizer(text)["input_ids"]], device=lm.device)
        assert ids.shape[1] == 64

        def forward():
            with torch.inference_mode():
                lm.model(input_ids=ids, output_hidden_states=True)

        t, cpu = timed({"forward": forward, "lens": lambda: service.lens(None, text, family=family)}, args.repeats)
        rows.append({"task": f"lens, {'bert-base' if family == 'masked' else 'gpt2'} shape, 64 tokens",
                     "forward with hidden states ms": round(t["forward"] * 1000, 2),
                     "service.lens ms": round(t["lens"] * 1000, 2),
                     "lens/forward": round(t["lens"] / t["forward"], 3), "goal": "<= 1.3",
                     "lens/forward, CPU time": round(cpu["lens"] / cpu["forward"], 3)})

    # -- attribution: 32 integrated-gradient steps vs one forward+backward ------------------------
    lm = service.load(None, "masked")
    text = sentence(32)
    ids = torch.tensor([lm.tokenizer(text)["input_ids"]], device=lm.device)
    assert ids.shape[1] == 32
    blank = int((ids[0] == lm.tokenizer.mask_token_id).nonzero()[0, 0])
    target = service.fill_mask(None, text, top_k=1).masks[0][0].id

    def forward_backward():
        embeddings = lm.model.get_input_embeddings()(ids).detach().requires_grad_(True)  # (1, T, D)
        logprob = lm.model(inputs_embeds=embeddings).logits[0, blank].float().log_softmax(-1)[target]
        torch.autograd.grad(logprob, embeddings)

    runs = {}

    def attribution():
        runs["last"] = service.attribution(None, text, steps=32)

    t, cpu = timed({"forward+backward": forward_backward, "attribution": attribution}, args.repeats)
    result = runs["last"]
    difference = result.target_logprob - result.baseline_logprob
    rows.append({"task": "attribution (integrated gradients, 32 steps), bert-base shape, 32 tokens",
                 "forward+backward ms": round(t["forward+backward"] * 1000, 2),
                 "service.attribution ms": round(t["attribution"] * 1000, 2),
                 "attribution/forward+backward": round(t["attribution"] / t["forward+backward"], 3), "goal": "<= 24",
                 "attribution/forward+backward, CPU time": round(cpu["attribution"] / cpu["forward+backward"], 3),
                 "completeness": {"sum of scores": round(sum(result.scores), 6), "target - baseline logprob":
                                  round(difference, 6), "convergence delta": round(result.delta, 8)}})

    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    out = {"machine": f"{platform.machine()} {torch.get_num_threads()} threads, torch {torch.__version__}",
           "device": str(lm.device), "dtype": str(lm.model.dtype).removeprefix("torch."), "repeats": args.repeats,
           "timing": "wall-clock median of the repeats, contenders interleaved, CPU-time medians beside them; "
                     "the machine was shared with other jobs (load average " + load + " at the end, on "
                     f"{os.cpu_count()} cores), so absolute times are noisy: the ratios, measured in one run, "
                     "are the figures, and the CPU-time ratios the steadier ones",
           "rows": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2, ensure_ascii=False))
    print(json.dumps(out, indent=2, ensure_ascii=False))
    for row in rows:
        ratio = next(k for k in row if k.endswith("backward") or k.endswith("/forward"))
        print(f"{row['task']}: {ratio} = {row[ratio]} (goal {row['goal']})")


if __name__ == "__main__":
    main()
