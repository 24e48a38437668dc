"""Throughput of 16 concurrent users: requests merged into one forward pass vs one at a time.

Both runs use the same service code and 16 threads; only Settings.max_batch differs (16 vs 1).
Prints requests/second and the ratio, writes bench/results/batching.json.
Run: python -m bench.batching [--users 16 --rounds 5]
"""
from __future__ import annotations

import argparse
import json
import threading
import time
from pathlib import Path

import torch

from bench.shapes import bert_base, gpt2_small, sentence
from demo.service import InferenceService
from demo.settings import Settings


def throughput(service: InferenceService, call, users: int, rounds: int) -> float:
    """Requests per second with `users` threads each sending `rounds` requests back to back."""
    call(service, 0)  # load and warm up
    barrier = threading.Barrier(users + 1)

    def student(u: int) -> None:
        barrier.wait()
        for r in range(rounds):
            call(service, u * rounds + r)

    threads = [threading.Thread(target=student, args=(u,)) for u in range(users)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return users * rounds / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=32)
    args = parser.parse_args()
    defaults = {"masked": bert_base(), "causal": gpt2_small()}
    texts = [sentence(args.tokens - (i % 5)) for i in range(64)]  # mixed lengths: padding is exercised
    prompts = [f"sentence number {i} about cats" + " and dogs" * (i % 4) for i in range(64)]
    calls = {
        "fill_mask": lambda s, i: s.fill_mask(None, texts[i % 64]),
        "next_tokens": lambda s, i: s.next_tokens(None, prompts[i % 64]),
    }
    rows = []
    for verb, call in calls.items():
        rates = {}
        for label, max_batch in (("one at a time", 1), ("batched", args.users)):
            service = InferenceService(Settings(device="cpu", max_batch=max_batch), defaults=defaults)
            rates[label] = throughput(service, call, args.users, args.rounds)
            sizes = [n for b in service._batchers.values() for n in b.batch_sizes]
            rates[f"{label} mean batch"] = round(sum(sizes) / len(sizes), 1)
        rows.append({"verb": verb, "users": args.users, **{k: round(v, 2) for k, v in rates.items()},
                     "gain": round(rates["batched"] / rates["one at a time"], 2)})
        print(rows[-1], flush=True)
    out = Path(__file__).parent / "results" / "batching.json"
    out.write_text(json.dumps({"threads": torch.get_num_threads(), "tokens": args.tokens, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
