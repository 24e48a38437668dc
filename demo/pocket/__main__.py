"""python -m demo.pocket corpus [--out FILE] | train [--preset gpu|cpu] [--steps N] [--corpus FILE] [--out DIR] |
warm [--steps N] [--models NAME ...] [--start DIR] [--out DIR] | evaluate [--corpus FILE] [--out DIR]"""
import argparse
from dataclasses import replace
from pathlib import Path

from demo.pocket import FOLDER

OUT_WARM = FOLDER / "warm"  # trained here; bundled in place of the old trio once evaluate says better

parser = argparse.ArgumentParser(prog="python -m demo.pocket", description=__doc__)
parser.add_argument("command", choices=["corpus", "train", "warm", "evaluate"])
parser.add_argument("--preset", choices=["gpu", "cpu"], default="cpu", help="the recipe's size (train)")
parser.add_argument("--steps", type=int, help="train exactly this many steps (a quick trial), not the preset's minutes")
parser.add_argument("--corpus", help="a corpus file written by `corpus` (default: artifacts/corpus.txt.gz if there, "
                                     "else built from the Debian packages)")
parser.add_argument("--tokenizers", help="train: tokenizers learned by `corpus` (default: artifacts/tokenizers/"
                                         "PRESET if there, else learned here)")
parser.add_argument("--models", nargs="+", help="warm: train only these, in this order (default: all three)")
parser.add_argument("--start", help="warm: continue the trained models in this folder (e.g. assets/pocket) for --steps "
                                    "more steps, not start from the base weights")
parser.add_argument("--out", help="corpus: the file to write; train/evaluate: the models' folder (default assets/pocket)")
args = parser.parse_args()
if args.command == "corpus":
    from demo.pocket import corpus

    rows = corpus.build_rows()
    path = corpus.dump(rows, Path(args.out) if args.out else corpus.ARTIFACT)
    counts = corpus.read(path).counts
    for name, c in counts.items():
        print(f"{name:10} {c['train']:>8,} train {c['held_out']:>6,} held out {c['words']:>10,} words")
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    from demo.pocket.recipe import PRESETS
    from demo.pocket.train import tokenizers

    for preset, recipe in PRESETS.items():  # each preset's from the sources it trains on
        tokenizers(corpus.read(path, recipe.sources), recipe, path.parent / "tokenizers" / preset)
    print(f"tokenizers: {path.parent / 'tokenizers'}")
elif args.command == "train":
    from demo.pocket import corpus
    from demo.pocket.recipe import PRESETS, parameter_counts
    from demo.pocket.train import OUT, train

    recipe = PRESETS[args.preset]
    if args.steps is not None:
        recipe = replace(recipe, steps=args.steps, minutes=None)
    print("parameters at this preset: " + ", ".join(f"{n} {c:,}" for n, c in parameter_counts(recipe).items()))
    ready = Path(args.tokenizers) if args.tokenizers else corpus.ARTIFACT.parent / "tokenizers" / args.preset
    train(recipe, Path(args.out) if args.out else OUT, corpus.load(args.corpus, recipe.sources), ready=ready)
elif args.command == "warm":  # the trio from all-MiniLM-L6-v2's weights (demo/pocket/warm.py)
    from demo.pocket.warm_train import RECIPE, train

    recipe = replace(RECIPE, steps=args.steps) if args.steps is not None else RECIPE
    train(recipe, Path(args.out) if args.out else OUT_WARM, Path(args.corpus) if args.corpus else None,
          **({"models": tuple(args.models)} if args.models else {}), start=Path(args.start) if args.start else None)
else:  # evaluate: figures, evaluation.json, the model card, bench/results/pocket-everyday.json
    import json

    from demo.pocket.card import write_card
    from demo.pocket.evaluate import OUT, evaluate
    from demo.pocket.everyday_eval import lines

    out = Path(args.out) if args.out else OUT
    report = evaluate(out, args.corpus)
    print(json.dumps({k: v for k, v in report.items() if k != "examples"}, indent=1))
    print("\n".join(["", "Targets on the everyday set (issue 20):", *lines(report["everyday"])]))
    print(f"model card: {write_card(out)}")
