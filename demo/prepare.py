"""Prepare a classroom once, while online:  python -m demo.prepare [MODEL ...]

Downloads the default hub models (bert-base-uncased, gpt2 and the encoder-decoder default, or the
catalog ids named) into the hub cache, with progress, so the class can then run offline
(`HF_HUB_OFFLINE=1 python app.py`) on the real models instead of the bundled pocket ones. The cache
is huggingface_hub's own (HF_HOME, HF_ENDPOINT for a mirror and proxies apply as for any download).
"""
from __future__ import annotations

import argparse
import sys

from demo.catalog import CATALOG
from demo.hub import PROBE_FILE, fetch_weights
from demo.settings import Settings

# what from_pretrained reads besides the weights, across BERT, GPT-2, T5 and BART; a repo lacks some
SMALL_FILES = (PROBE_FILE, "generation_config.json", "tokenizer.json", "tokenizer_config.json",
               "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt", "spiece.model")


def defaults(settings: Settings | None = None) -> list[str]:
    settings = settings or Settings.from_env()
    return [settings.default_masked, settings.default_causal, settings.default_seq2seq]


def prepare(models: list[str], say=print) -> list[str]:
    """Each model's files in the hub cache; returns the models made ready (bundled ones need nothing)."""
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import EntryNotFoundError

    ready = []
    for model in models:
        spec = CATALOG.get(model)
        if spec is None:
            raise SystemExit(f"{model!r} is not in the catalog: {', '.join(CATALOG)}")
        if spec.bundled:
            continue
        for name in SMALL_FILES:
            try:
                hf_hub_download(spec.source, name)
            except EntryNotFoundError:  # this model has no such file: remembered in the cache as absent
                pass
        shown = [-1]

        def progress(download) -> None:  # a line per tenth of the weights
            tenth = int(10 * download.done / download.total) if download.total else 0
            if tenth > shown[0]:
                shown[0] = tenth
                say(f"  {model}: {download.done / 1e6:,.0f} of {(download.total or 0) / 1e6:,.0f} MB")

        fetch_weights(model, spec.source, progress)
        say(f"{model}: ready")
        ready.append(model)
    return ready


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demo.prepare", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="*", help="catalog ids (default: the three defaults)")
    args = parser.parse_args(argv)
    ready = prepare(args.models or defaults())
    print(f"{len(ready)} model(s) in the cache: the app now runs offline on them (HF_HUB_OFFLINE=1 python app.py)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
