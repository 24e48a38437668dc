"""The three training objectives. Each turns a batch of rows into (inputs, labels, attention) with
`mask` (labels -100 where nothing is asked) and scores it with `loss`; `train.train_one` does the rest.
"""
from __future__ import annotations

import random

import torch
from transformers import DataCollatorForLanguageModeling

from demo.heads import masked_lm_parts
from demo.pocket.recipe import Recipe

Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # (inputs, labels, attention mask)


class MaskedObjective:
    """BERT's masked LM: 15 % of positions, 80 % [MASK] / 10 % random / 10 % kept (transformers'
    own collator). The vocabulary head runs on the masked rows only (demo.heads)."""
    name = "pocket-bert"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer = model, tokenizer
        # its masks come from torch's global RNG (seeded in train()): torch_mask_tokens ignores the collator's seed
        self.collator = DataCollatorForLanguageModeling(tokenizer, mlm_probability=recipe.mask_probability)
        self.encoder, self.head = masked_lm_parts(model)
        self.special = torch.tensor(tokenizer.all_special_ids)

    def mask(self, ids: torch.Tensor, real: torch.Tensor) -> Batch:
        inputs, labels = self.collator.torch_mask_tokens(ids.clone(), torch.isin(ids, self.special) | ~real)
        return inputs, labels, real

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=inputs, attention_mask=real.long())[0]  # (B, T, D)
        chosen = labels != -100  # (B, T)
        if not chosen.any():  # a short batch can draw no mask at all
            return hidden.sum() * 0
        logits = self.head(hidden[chosen])  # (M, V)
        return torch.nn.functional.cross_entropy(logits.float(), labels[chosen])


class CausalObjective:
    """GPT's next-token prediction at every real position (the model shifts labels itself)."""
    name = "pocket-gpt"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer = model, tokenizer

    def mask(self, ids: torch.Tensor, real: torch.Tensor) -> Batch:
        return ids, ids.masked_fill(~real, -100), real  # nothing hidden: every next token is a target

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, real: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=inputs, attention_mask=real.long(), labels=labels).loss


def noise_spans(length: int, density: float, mean_span: float, rng: random.Random) -> list[tuple[int, int]]:
    """T5's random spans: (start, end) of the noise spans in a row of `length` tokens. About
    density × length tokens in about that / mean_span spans, each at least one token, never at the
    very start; lengths split at random. The kept tokens split into one run before each span and one
    after the last, which may be empty: T5 puts no kept run after the last span, and on its 512-token
    inputs that hardly matters, but a 15-token sentence gets one span, which would then always end the
    row (its full stop) and the model would never learn a blank inside a sentence."""
    noise = min(max(1, round(length * density)), length - 1)
    spans = max(1, min(round(noise / mean_span), length - noise))

    def segments(items: int, runs: int) -> list[int]:  # `items` split into `runs` non-empty runs
        cuts = sorted(rng.sample(range(1, items), runs - 1)) if runs > 1 else []
        return [b - a for a, b in zip([0, *cuts], [*cuts, items])]

    kept = segments(length - noise + 1, spans + 1)
    kept[-1] -= 1  # the run after the last span may be empty
    out, at = [], 0
    for before, hidden in zip(kept, segments(noise, spans)):
        at += before
        out.append((at, at + hidden))
        at += hidden
    return out


class SpanCorruption:
    """T5's span corruption: each noise span becomes one sentinel in the encoder's input, and the
    decoder writes `<extra_id_0> span0 <extra_id_1> span1 ... <extra_id_n> </s>` (the last sentinel
    closes the last span, as demo.infill expects). Spans are drawn with a seeded `random.Random`.

    Spans cover whole words, as BERT's whole-word masking does: the app's blank stands for words, and
    with spans cut inside words (T5's own, on pieces) the model learned to write suffixes ("s", "ing")
    for a blank. A word is a piece that starts with "▁" and the pieces after it, up to the next such
    piece or punctuation."""
    name = "pocket-t5"

    def __init__(self, model, tokenizer, recipe: Recipe):
        self.model, self.tokenizer, self.recipe = model, tokenizer, recipe
        self.rng = random.Random(recipe.seed)
        self.sentinels = tokenizer.convert_tokens_to_ids([f"<extra_id_{i}>" for i in range(100)])
        self.pad, self.end = tokenizer.pad_token_id, tokenizer.eos_token_id
        pieces = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        # (V,) a piece that begins a word, and one after which a word ends (punctuation: "." "," "'")
        self.starts = [p.startswith("▁") or not p[:1].isalnum() for p in pieces]
        self.ends = [not p[-1:].isalnum() for p in pieces]

    def words(self, tokens: list[int]) -> list[int]:
        """Where each word of `tokens` starts, and one past the end: the places a span may begin and end."""
        starts = [i for i, t in enumerate(tokens) if i == 0 or self.starts[t] or self.ends[tokens[i - 1]]]
        return starts + [len(tokens)]

    def hidden(self, tokens: list[int]) -> list[tuple[int, int]] | None:
        """(start, end) token positions of each noise span of whole words; None for a one-word row."""
        bounds = self.words(tokens)
        if len(bounds) < 3:
            return None
        spans = noise_spans(len(bounds) - 1, self.recipe.mask_probability, self.recipe.mean_span, self.rng)
        return [(bounds[first], bounds[last]) for first, last in spans]  # words first .. last-1

    def corrupt(self, row: list[int]) -> tuple[list[int], list[int]]:
        """(encoder input, decoder target) of one row `tokens </s>`."""
        tokens = row[:-1] if row and row[-1] == self.end else row
        spans = self.hidden(tokens)
        if spans is None:  # one word, nothing to hide around: ask for the whole row after one sentinel
            return [self.sentinels[0], self.end], [self.sentinels[0], *tokens, self.sentinels[1], self.end]
        source, target, at = [], [], 0
        for i, (start, end) in enumerate(spans):
            source += tokens[at:start] + [self.sentinels[i]]
            target += [self.sentinels[i], *tokens[start:end]]
            at = end
        return source + tokens[at:] + [self.end], target + [self.sentinels[len(spans)], self.end]

    def mask(self, ids: torch.Tensor, real: torch.Tensor) -> Batch:
        pairs = [self.corrupt(row[: int(n)].tolist()) for row, n in zip(ids, real.sum(1))]
        S, L = max(len(s) for s, _ in pairs), max(len(t) for _, t in pairs)
        inputs = torch.tensor([s + [self.pad] * (S - len(s)) for s, _ in pairs])  # (B, S)
        labels = torch.tensor([t + [-100] * (L - len(t)) for _, t in pairs])  # (B, L)
        attention = torch.arange(S) < torch.tensor([len(s) for s, _ in pairs])[:, None]  # (B, S)
        return inputs, labels, attention

    def loss(self, inputs: torch.Tensor, labels: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        # the model shifts the labels right after its start token (pad) to feed the decoder
        return self.model(input_ids=inputs, attention_mask=attention.long(), labels=labels).loss


OBJECTIVES = {"pocket-bert": MaskedObjective, "pocket-gpt": CausalObjective, "pocket-t5": SpanCorruption}
