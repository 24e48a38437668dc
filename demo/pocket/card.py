"""The model card (assets/pocket/README.md), written from the training and evaluation reports,
so every figure in it comes from a command, not from a hand."""
from __future__ import annotations

import json
from pathlib import Path

from demo.pocket.train import OUT


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.iterdir()) / 1e6


def _bert_verdict(plain: dict, shuffled: dict) -> str:
    """One sentence, from the figures: did the masked model learn to use context?"""
    gain = plain["top5"] - plain["unigram_top5"]
    if gain >= 0.05 and plain["top5"] - shuffled["top5"] >= 0.05:
        return f"The model beats word frequency by {gain:.1%} top-5 and loses that edge on shuffled words: it uses context."
    return ("**Not yet good enough:** within this budget pocket-bert barely beats word frequency "
            f"({gain:+.1%} top-5), so it has not learned to use context. A masked LM learns only from the 15 % of "
            "tokens it hides, so on the same token budget it gets about a seventh of the training signal pocket-gpt "
            "gets; it needs several times more tokens than this recipe gives it.")


def write_card(out: Path = OUT) -> Path:
    curves = json.loads((out / "curves.json").read_text())
    ev = json.loads((out / "evaluation.json").read_text())
    r = curves["recipe"]
    bert, gpt = curves["models"]["pocket-bert"], curves["models"]["pocket-gpt"]
    b, bs, g, gs = ev["pocket-bert"], ev["pocket-bert shuffled"], ev["pocket-gpt"], ev["pocket-gpt shuffled"]
    sizes = {name: _size_mb(out / name) for name in ("pocket-bert", "pocket-gpt")}
    text = f"""# Pocket models: pocket-bert and pocket-gpt

Two tiny language models trained by this project so the app works with no network, and so BERT and
GPT can be compared under control: **same size, same text, same token budget, same optimizer and seed**.
Only what separates BERT from GPT differs: the objective, the attention mask and the tokenizer family.

| | pocket-bert | pocket-gpt |
|---|---|---|
| objective | masked LM: 15 % of tokens, 80 % [MASK] / 10 % random / 10 % kept | next-token prediction |
| attention | bidirectional | causal (left to right) |
| tokenizer | WordPiece, lower-cased, {r['vocab']} pieces | byte-level BPE, cased, {r['vocab']} pieces |
| layers × heads × hidden | {r['layers']} × {r['heads']} × {r['hidden']} | {r['layers']} × {r['heads']} × {r['hidden']} |
| positions | {r['positions']} | {r['positions']} |
| size on disk (safetensors + tokenizer) | {sizes['pocket-bert']:.1f} MB | {sizes['pocket-gpt']:.1f} MB |
| training time | {bert['seconds'] / 60:.1f} min | {gpt['seconds'] / 60:.1f} min |
| passes over the training text | {bert['epochs']} | {gpt['epochs']} |

No next-sentence head: at this budget the masked-LM objective alone already needs every step.

**Data.** WordNet 3.0's glosses and example sentences, from Debian's `wordnet-base` package
(installed at training time; the text is not committed): {curves['corpus']['train_lines']:,} training lines,
{curves['corpus']['held_out_lines']:,} held-out lines (chosen by a hash of each line, never trained on).

**Training.** {r['steps']} steps of {r['batch']} blocks × {r['positions']} tokens = {r['tokens']:,} tokens per model;
AdamW (lr {r['learning_rate']}, β = 0.9/0.98, weight decay {r['weight_decay']}), {r['warmup']:.0%} warm-up then linear
decay, gradient clipping 1.0, seed {r['seed']}. Hardware: {curves['hardware']}. The training times are wall-clock
and were measured while the same 2 cores also ran other work, so they are upper bounds.
Loss curves: `curves.json` (the app's "How they differ" tab draws them).

## Held-out figures

Measured by `python -m demo.pocket evaluate` on the {ev['held_out_sentences']:,} held-out lines. The baseline knows
only how often each token occurs in the training text. Shuffling each line's words keeps those
frequencies and destroys the context.

| pocket-bert: masked token | top-1 | top-5 |
|---|---|---|
| model | {b['top1']:.1%} | {b['top5']:.1%} |
| unigram baseline | {b['unigram_top1']:.1%} | {b['unigram_top5']:.1%} |
| model, words shuffled | {bs['top1']:.1%} | {bs['top5']:.1%} |

({b['masked']:,} hidden tokens.) {_bert_verdict(b, bs)}

| pocket-gpt: next token | perplexity |
|---|---|
| model | {g['perplexity']:.1f} |
| unigram baseline | {g['unigram_perplexity']:.1f} |
| model, words shuffled | {gs['perplexity']:.1f} |

({g['tokens']:,} predicted tokens.) Lower perplexity is better. The masked-LM accuracy and the
next-token perplexity are not directly comparable: BERT sees both sides of a hidden token, GPT only
the left side, and their tokenizers cut the text into different pieces.

## Reproduce

```bash
apt-get install wordnet-base
python -m demo.pocket train      # about {(bert['seconds'] + gpt['seconds']) / 60:.0f} min on this hardware; a GPU is used when present
python -m demo.pocket evaluate   # writes evaluation.json and this card
```
"""
    path = out / "README.md"
    path.write_text(text)
    return path
