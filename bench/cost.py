"""What measuring costs, and what compression does, at the real shapes of bert-base-uncased and gpt2.

1. Seconds `cost()` takes (the tab's Measure) for bert-base's and gpt2's shapes on random weights,
   once per thread count asked for, and what it measured (points, fit, the analytic crossover).
2. The table of compressed variants for both shapes: bytes, stored weights and latency against the
   full model (random weights: size and speed only; their fidelity means nothing).
3. Fidelity and quality of every method on the trained pocket models, and a pruning sweep.
Writes bench/results/cost.json. Run: python -m bench.cost [--threads 1 2]
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from dataclasses import asdict
from pathlib import Path

import torch

from bench.shapes import bert_base, gpt2_small
from demo import catalog
from demo.catalog import CAUSAL, MASKED, spec_from_directory
from demo.errors import DemoError
from demo.loading import ModelCache
from demo.measure import compress as lab
from demo.measure.cost import cost

METHODS = [("int8", None), ("fp16", None), ("bf16", None), ("prune", 0.5), ("heads", 0.25), ("low_rank", 0.5),
           ("distilled", None)]
SWEEP = (0.1, 0.3, 0.5, 0.7, 0.9)


def shapes() -> dict:
    return {"bert-base": spec_from_directory(Path(bert_base()), "bert-base-shape"),
            "gpt2": spec_from_directory(Path(gpt2_small()), "gpt2-shape")}


def row(result) -> dict:
    keep = ("method", "amount", "bytes", "full_bytes", "parameters", "full_parameters", "seconds_ratio",
            "fidelity", "quality", "full_quality", "quality_name", "zeros", "note")
    out = {k: getattr(result, k) for k in keep}
    out["size_ratio"] = round(result.size_ratio, 4)
    return out


def variants(lm, methods) -> list[dict]:
    ref = lab.reference(lm)
    rows = []
    for method, amount in methods:
        started = time.perf_counter()
        try:
            if method == "distilled":
                lab.twin_of(lm.spec.id)  # the shapes and pocket models have no twin: says so
            rows.append({**row(lab.compress(lm, method, amount, ref)), "seconds": round(time.perf_counter() - started, 2)})
        except DemoError as err:
            rows.append({"method": method, "amount": amount, "unavailable": str(err)})
        print(lm.spec.id, rows[-1].get("method"), rows[-1].get("amount"), rows[-1].get("size_ratio"),
              rows[-1].get("seconds_ratio"), rows[-1].get("fidelity"), flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[torch.get_num_threads()])
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "cost.json"))
    args = parser.parse_args()
    specs = shapes()
    cache = ModelCache("cpu")
    result = {"machine": f"{platform.machine()}, {platform.processor() or '?'}, torch {torch.__version__}",
              "cpu_count": os.cpu_count(), "load_average_at_start": os.getloadavg(),
              "measure": {}, "variants": {}, "pocket": {}}
    for threads in args.threads:
        torch.set_num_threads(threads)
        for name, spec in specs.items():
            lm = cache.get(spec)
            measured = cost(lm)
            result["measure"][f"{name}, {threads} threads"] = {
                "seconds": round(measured.seconds, 2), "points": [asdict(p) for p in measured.points],
                "fit": measured.fit, "fit_crossover": measured.fit_crossover, "crossover": measured.crossover,
                "attention_share_at_limit": round(measured.attention_share(measured.max_positions), 4),
                "skipped": measured.skipped, "memory_measure": measured.memory_measure}
            print(name, threads, "threads:", round(measured.seconds, 1), "s,", len(measured.points), "points,",
                  len(measured.skipped), "skipped", flush=True)
    torch.set_num_threads(args.threads[0])
    result["variants_threads"] = args.threads[0]
    for name, spec in specs.items():
        # bert-base's fp16 takes seconds here, so it is measured; gpt2's ran for minutes: the app's refusal
        lab.FP16_CPU_LIMIT = float("inf") if name == "bert-base" else 20_000_000
        result["variants"][name] = variants(cache.get(spec), METHODS)
    for family in (MASKED, CAUSAL):
        lm = cache.get(catalog.CATALOG[catalog.POCKET[family]])
        result["pocket"][lm.spec.id] = variants(lm, METHODS + [("prune", a) for a in SWEEP if a != 0.5])
    result["load_average_at_end"] = os.getloadavg()  # other processes on the machine slow every figure
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print("wrote", args.out)


if __name__ == "__main__":
    main()
