"""pocket-t5's two designs at the same steps, on the everyday set, in one run (issue 20: "pick by the figures"):
- BART-shaped encoder-decoder (new cross-attention), 500 steps: the pocket-t5 bundled at --bart-commit;
- GLM's single stack (demo.glm), 500 steps: a checkpoint of `python -m demo.pocket warm --models pocket-t5`
  copied at step 500 (--glm-checkpoint).
Both from all-MiniLM-L6-v2, the same corpus, steps of 2,048 tokens, optimizer and seed.

Run: python -m bench.pocket_t5_designs --glm-checkpoint FILE [--bart-commit SHA]   -> bench/results/pocket-t5-designs.json
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import subprocess
import tempfile
from pathlib import Path

import torch

from demo.pocket import everyday, warm
from demo.pocket.everyday_eval import shuffled_blank, t5
from demo.pocket.train import save
from demo.pocket.warm_train import RECIPE

ROOT = Path(__file__).resolve().parents[1]
BART_COMMIT = "e336da8"  # the last commit whose pocket-t5 was the BART-shaped one (500 steps)


def bart_folder(commit: str, into: Path) -> Path:
    """assets/pocket/pocket-t5 as it was at `commit`, written out of git's history."""
    where = "assets/pocket/pocket-t5"
    names = subprocess.run(["git", "ls-tree", "--name-only", f"{commit}:{where}"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    into.mkdir(parents=True)
    for name in names:
        blob = subprocess.run(["git", "show", f"{commit}:{where}/{name}"], cwd=ROOT, check=True, capture_output=True)
        (into / name).write_bytes(blob.stdout)
    return into


def glm_folder(checkpoint: Path, into: Path) -> tuple[Path, int]:
    """The GLM model of a warm_train checkpoint, saved as the app loads it (float16 on disk)."""
    saved = torch.load(checkpoint, weights_only=False, map_location="cpu")
    model = warm.blank_infilling(warm.fetch())
    model.load_state_dict(saved["model"])
    save(model, warm.tokenizer(warm.BASE, "masked"), [[0]], into, RECIPE)
    return into, saved["step"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--glm-checkpoint", type=Path, required=True)
    parser.add_argument("--bart-commit", default=BART_COMMIT)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pocket-t5-designs.json")
    args = parser.parse_args()
    torch.set_num_threads(1)
    cases = everyday.load()
    mixed = [(shuffled_blank(text, random.Random(i)), word) for i, (text, word) in enumerate(cases)]
    report = {"hardware": f"{platform.machine()}, 1 thread, torch {torch.__version__}", "sentences": len(cases),
              "designs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        glm, steps = glm_folder(args.glm_checkpoint, Path(tmp) / "glm")
        folders = {"bart": (bart_folder(args.bart_commit, Path(tmp) / "bart"), 500, f"pocket-t5 at {args.bart_commit}"),
                   "glm": (glm, steps, f"checkpoint {args.glm_checkpoint.name}")}
        for design, (folder, at, source) in folders.items():
            plain, control = t5(folder, cases), t5(folder, mixed)
            report["designs"][design] = {"steps": at, "from": source, "top5": plain["top5"],
                                         "log_prob": plain["log_prob"], "shuffled_top5": control["top5"],
                                         "shuffled_log_prob": control["log_prob"]}
            print(f"{design:5} {at} steps: top-5 {plain['top5']:.1%} (shuffled {control['top5']:.1%}), "
                  f"log p(word) {plain['log_prob']:.2f} (shuffled {control['log_prob']:.2f})", flush=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    print(args.out)


if __name__ == "__main__":
    main()
