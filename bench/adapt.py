"""Pre-train, then fine-tune, measured on the bundled models: what the Fine-tune tab shows a class.

- probe: held-out accuracy of a logistic regression on the frozen model's sentence vectors at the first
  token, the last token and their mean (last layer, and the best layer), on the shipped English and Chinese
  sentiment sets (each pair shares its opening, so the first words never tell the label). Expected: GPT's
  first token at chance (50%), its last token above it; every BERT pooling above chance once the model has
  learnt enough language.
- fine_tune: the whole model plus a head for --seconds on the English set; held-out accuracy before (untrained
  head), after, and the frozen probe's on the same token. Training ends early if the training set is learnt.
The figures depend on how well the pocket models were trained: rerun after retraining them.
Run: python -m bench.adapt [--models pocket-bert pocket-gpt] [--seconds 20] [--device cpu];
writes bench/results/adapt-pocket.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import torch

from demo.adapt.data import TASKS
from demo.service import InferenceService
from demo.settings import Settings

OUT = Path(__file__).resolve().parent / "results" / "adapt-pocket.json"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", nargs="+", default=["pocket-bert", "pocket-gpt"])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--device", default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    service = InferenceService(Settings(device=args.device, offline=True),
                               defaults={"masked": "pocket-bert", "causal": "pocket-gpt"})
    report = {"machine": {"platform": platform.platform(), "device": str(service.cache.device),
                          "torch": torch.__version__, "threads": torch.get_num_threads(), "cpus": os.cpu_count()},
              "seconds": args.seconds, "models": {}}
    for model in args.models:
        entry = {"parameters": service.info(model, service._any_family(model, None).family).parameters, "probe": {}}
        for task in TASKS:
            started = time.perf_counter()
            probe = service.probe(model, task)
            best = max(range(len(probe.by_layer)), key=lambda i: probe.by_layer[i]["last"])
            entry["probe"][task] = {
                "last_layer": {k: round(v, 4) for k, v in probe.accuracy.items()},
                "best_layer_for_last_token": best, "at_best_layer": {k: round(v, 4) for k, v in probe.by_layer[best].items()},
                "chance": probe.chance, "sentences": len(probe.texts), "held_out": sum(probe.held_out),
                "first_token": probe.first_token, "seconds": round(time.perf_counter() - started, 2)}
            print(model, task, entry["probe"][task]["last_layer"], flush=True)
        tuned = service.fine_tune(model, "sentiment", args.seconds, page="bench")
        entry["fine_tune"] = {"before": tuned.before, "after": round(tuned.after, 4), "frozen_probe": round(tuned.probe, 4),
                              "pool": tuned.pool, "steps": tuned.steps, "batch": tuned.batch,
                              "train_seconds": round(tuned.seconds, 2), "first_loss": round(tuned.losses[0], 4),
                              "last_loss": round(tuned.losses[-1], 4)}
        print(model, "fine-tune", entry["fine_tune"], flush=True)
        report["models"][model] = entry
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print("wrote", args.out)


if __name__ == "__main__":
    main()
