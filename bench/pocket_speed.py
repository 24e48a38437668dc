"""The bundled pocket models' cost: one 64-token forward on one CPU thread (issue 20's limit: 60 ms each) and
their size on disk (64 MB each, 160 MB the three), with an older trio's folder measured in the same run when given.

Run: python -m bench.pocket_speed [--old DIR] [--repeats 30]   -> bench/results/pocket-speed.json
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from pathlib import Path

import torch
from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForMaskedLM, AutoModelForSeq2SeqLM

from demo import glm
from demo.pocket import FOLDER

TOKENS, LIMIT_MS, LIMIT_MB, LIMIT_ALL_MB = 64, 60.0, 64.0, 160.0
AUTO = {"pocket-bert": AutoModelForMaskedLM, "pocket-gpt": AutoModelForCausalLM, "pocket-t5": AutoModelForSeq2SeqLM}


def weights_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.glob("*.safetensors")) / 2**20


def forward_ms(folder: Path, name: str, repeats: int) -> float:
    """Median wall time of one forward over 64 tokens, float32 as the app loads it on a CPU; a BART-shaped
    pocket-t5 reads 64 tokens and writes one (its decoder's first step, as a fill starts); a GLM-shaped one
    (demo.glm) reads 64 tokens in its one stack (63 of text and the blank's start)."""
    single = glm.is_glm(AutoConfig.from_pretrained(folder))
    model = (AutoModelForMaskedLM if single else AUTO[name]).from_pretrained(folder, dtype=torch.float32).eval()
    ids = torch.randint(1000, 2000, (1, TOKENS))
    extra = {"decoder_input_ids": ids[:, :1]} if name == "pocket-t5" and not single else {}
    times = []
    with torch.inference_mode():
        for i in range(repeats + 3):
            started = time.perf_counter()
            model(input_ids=ids, **extra)
            if i >= 3:  # the first calls warm up the kernels
                times.append(time.perf_counter() - started)
    return 1000 * statistics.median(times)


def measure(root: Path, repeats: int) -> dict:
    out = {}
    for name in AUTO:
        folder = root / name
        if (folder / "config.json").is_file():
            out[name] = {"forward_ms_64_tokens_1_thread": round(forward_ms(folder, name, repeats), 2),
                         "weights_mb": round(weights_mb(folder), 1)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--old", help="a folder holding an older trio, measured in the same run")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    result = {"machine": f"{platform.machine()}, {platform.processor() or 'cpu'}, torch {torch.__version__}, 1 thread",
              "limits": {"forward_ms": LIMIT_MS, "weights_mb_each": LIMIT_MB, "weights_mb_all": LIMIT_ALL_MB},
              "bundled": measure(FOLDER, args.repeats)}
    if args.old:
        result["old"] = measure(Path(args.old), args.repeats)
        result["ratio_new_to_old_ms"] = {n: round(v["forward_ms_64_tokens_1_thread"] /
                                                  result["old"][n]["forward_ms_64_tokens_1_thread"], 2)
                                         for n, v in result["bundled"].items() if n in result["old"]}
    result["weights_mb_all"] = round(sum(v["weights_mb"] for v in result["bundled"].values()), 1)
    for n, v in result["bundled"].items():
        print(f"{n:12} {v['forward_ms_64_tokens_1_thread']:7.1f} ms (limit {LIMIT_MS:.0f})  {v['weights_mb']:5.1f} MB "
              f"(limit {LIMIT_MB:.0f})" + (f"  {result['ratio_new_to_old_ms'][n]}x the old trio's time"
                                          if n in result.get("ratio_new_to_old_ms", {}) else ""))
    print(f"all three: {result['weights_mb_all']} MB (limit {LIMIT_ALL_MB:.0f})")
    path = Path(__file__).resolve().parent / "results" / "pocket-speed.json"
    path.write_text(json.dumps(result, indent=1))
    print(path)


if __name__ == "__main__":
    main()
