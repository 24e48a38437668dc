"""Service overhead vs the model's own forward pass and the transformers pipelines.

In one run on one machine: a bare forward, pipeline("fill-mask") and service.fill_mask at 16, 64
and 128 tokens on bert-base's shape; greedy generation of 64 tokens with model.generate vs the
service on gpt2's shape. Prints ratios and writes bench/results/speed.json.
Run: python bench/speed.py [--repeats 15]
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoModelForMaskedLM, AutoTokenizer, pipeline

from bench.shapes import bert_base, gpt2_small, sentence
from demo.service import InferenceService
from demo.settings import Settings


def median_seconds(fns: dict, repeats: int) -> dict:
    """Interleave the contenders, so drift in machine load hits them all alike."""
    times = {name: [] for name in fns}
    for fn in fns.values():
        fn()  # warm-up
    for _ in range(repeats):
        for name, fn in fns.items():
            started = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(t) for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--out", default=str(Path(__file__).parent / "results" / "speed.json"))
    args = parser.parse_args()
    torch.manual_seed(0)
    bert_dir, gpt_dir = bert_base(), gpt2_small()
    service = InferenceService(Settings(device="cpu"), defaults={"masked": bert_dir, "causal": gpt_dir})
    model = AutoModelForMaskedLM.from_pretrained(bert_dir, attn_implementation="eager").eval()
    tok = AutoTokenizer.from_pretrained(bert_dir)
    fill = pipeline("fill-mask", model=model, tokenizer=tok, device="cpu")
    rows = []
    for n in (16, 64, 128):
        text = sentence(n)
        enc = tok(text, return_tensors="pt")
        assert enc["input_ids"].shape[1] == n

        def forward():
            with torch.inference_mode():
                model(**enc)

        t = median_seconds({"forward": forward, "pipeline": lambda: fill(text, top_k=5),
                            "service": lambda: service.fill_mask(None, text, top_k=5)}, args.repeats)
        rows.append({"task": f"fill_mask {n} tokens", **{k: round(v * 1000, 2) for k, v in t.items()},
                     "service/forward": round(t["service"] / t["forward"], 3),
                     "service/pipeline": round(t["service"] / t["pipeline"], 3)})

    gpt = AutoModelForCausalLM.from_pretrained(gpt_dir, attn_implementation="eager").eval()
    gtok = AutoTokenizer.from_pretrained(gpt_dir)
    prompt = "sentence number 12 about cats and dogs"
    ids = gtok(prompt, return_tensors="pt")
    n_new = 64

    def hf_generate():
        with torch.inference_mode():
            out = gpt.generate(**ids, do_sample=False, max_new_tokens=n_new, min_new_tokens=n_new,
                               pad_token_id=gtok.eos_token_id)
        return out.shape[1] - ids["input_ids"].shape[1]

    def ours():
        return len(service.generate(None, prompt, max_new_tokens=n_new, greedy=True).new_tokens)

    produced = {"model.generate": hf_generate(), "service": ours()}
    t = median_seconds({"model.generate": hf_generate, "service": ours}, max(3, args.repeats // 3))
    rows.append({"task": f"greedy generate {n_new} tokens", "model.generate": round(t["model.generate"] * 1000, 1),
                 "service": round(t["service"] * 1000, 1), "tokens": produced,
                 "service/model.generate": round(t["service"] / t["model.generate"], 3)})

    result = {"machine": f"{platform.machine()} {torch.get_num_threads()} threads, torch {torch.__version__}",
              "device": "cpu", "repeats": args.repeats, "rows": rows}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
