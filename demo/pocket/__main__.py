"""python -m demo.pocket train [--steps N] | evaluate"""
import argparse
from dataclasses import replace

from demo.pocket.recipe import Recipe

parser = argparse.ArgumentParser(prog="python -m demo.pocket", description=__doc__)
parser.add_argument("command", choices=["train", "evaluate"])
parser.add_argument("--steps", type=int, help="override the recipe's step count (for a quick trial)")
parser.add_argument("--out", help="write models here instead of assets/pocket")
args = parser.parse_args()
if args.command == "train":
    from pathlib import Path

    from demo.pocket.train import OUT, train

    recipe = Recipe() if args.steps is None else replace(Recipe(), steps=args.steps)
    train(recipe, Path(args.out) if args.out else OUT)
else:
    from demo.pocket.evaluate import main

    main()
