"""One recipe for the three pocket models: same corpus, token budget, optimizer, seed and (as far as
the architectures allow) parameter count.

What differs is exactly what separates the three families:
- pocket-bert: masked LM (15 % of tokens, 80/10/10 replacement), bidirectional attention, WordPiece
  (lower-cased), as BERT.
- pocket-gpt: next-token prediction, causal attention, byte-level BPE (cased), as GPT-2.
- pocket-t5: span corruption (15 % of words in spans of whole words, mean length 3, each span replaced by one
  sentinel; the decoder writes the spans after their sentinels), an encoder that reads everything
  and a decoder that writes left to right, as T5. Tokenizer: a SentencePiece-style Unigram model,
  cased, because that is T5's own: its pieces carry their spaces ("▁the"), so a span the decoder
  writes decodes back to exactly the words it stands for, and it is the third tokenizer family
  the app can then show beside WordPiece ("##") and byte-level BPE ("Ġ").
The encoder-decoder splits its layers: half in the encoder, half in the decoder. A decoder layer
also holds cross-attention (4 d² more than an encoder layer's 12 d²), so pocket-t5 has about 15 %
more parameters in its layers than the other two; `parameter_counts` prints all three.

Two presets: `gpu` (bigger, bf16, many epochs, ≤ 25 min on one H100) and `cpu` (smaller, ≤ 60 min
on 2 cores). Both fit every model in ≤ 40 MB on disk (the GPU models saved in half precision).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from tokenizers import BertWordPieceTokenizer, ByteLevelBPETokenizer, SentencePieceUnigramTokenizer, pre_tokenizers
from tokenizers.processors import TemplateProcessing
from transformers import (BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel,
                          GPT2TokenizerFast, T5Config, T5ForConditionalGeneration, T5TokenizerFast)

GPT_SPECIAL = "<|endoftext|>"
WORDPIECE_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
SENTINELS = [f"<extra_id_{i}>" for i in range(100)]  # as T5: enough for any row of 128 tokens
UNIGRAM_SPECIAL = ["<pad>", "</s>", "<unk>", *SENTINELS]
MODELS = ("pocket-bert", "pocket-gpt", "pocket-t5")


@dataclass(frozen=True)
class Recipe:
    preset: str = "cpu"
    layers: int = 4  # pocket-t5: half in the encoder, half in the decoder
    heads: int = 4
    hidden: int = 192
    vocab: int = 16384  # everyday words are one piece (the 4,096 of the first models split many)
    positions: int = 128
    batch_tokens: int = 4096  # real (unpadded) tokens per step, in rows of similar length
    steps: int = 1500  # a guess: `minutes` re-derives it from the measured speed of each model
    # the three models' training time together; None: train exactly `steps`. The same steps for all
    # three, so the slow one (pocket-gpt: its 16k-piece head scores every position) takes most of it
    minutes: float | None = 48.0
    learning_rate: float = 1e-3
    warmup: float = 0.05  # fraction of steps
    weight_decay: float = 0.01
    mask_probability: float = 0.15  # BERT's share of masked tokens, T5's noise density
    mean_span: float = 3.0  # T5's mean span length
    seed: int = 0
    dropout: float = 0.0  # a budget this small underfits: dropout would only slow learning
    bf16: bool = True  # bf16 autocast where the hardware computes it natively (see train.precision)
    eval_every: int = 100  # steps between held-out losses on the curve
    checkpoint_every: int = 200  # steps between resumable checkpoints
    half_on_disk: bool = False  # save float16 weights (loaded as float32 on a CPU)
    # rows the three tokenizers learn their vocabularies from (the same rows; Unigram's trainer takes minutes on more)
    tokenizer_rows: int = 300_000
    # the corpus sources this preset trains on (None: all). The CPU budget reads about 9 M tokens: spent on
    # every source, that is under one pass, half of it 1611 and 1913 English; spent on the four modern-register
    # sources, about three passes over the kind of sentence the app's users type
    sources: tuple[str, ...] | None = None

    @property
    def tokens(self) -> int:
        """The token budget each model is trained on (each step overshoots it by part of a row)."""
        return self.steps * self.batch_tokens

    def as_dict(self) -> dict:
        return {**asdict(self), "tokens": self.tokens}


PRESETS = {
    # 2 CPU cores, <= 60 min for all three: 48 min of training together, plus tokenizers and saving.
    # Steps of 2,048 tokens: at a budget this small, more steps of fewer tokens learn more, and on 2 cores
    # they train as many tokens a second as steps of 4,096 (measured: 14.6k and 14.9k for pocket-bert)
    "cpu": Recipe(batch_tokens=2048, steps=3000, eval_every=200,
                  sources=("wordnet", "austen", "fortunes", "harvard")),
    # one H100, <= 25 min for all three: 6 layers x 384, about 17 M parameters each (34 MB in float16)
    "gpu": Recipe(preset="gpu", layers=6, heads=6, hidden=384, batch_tokens=32768, steps=4000, minutes=18.0,
                  learning_rate=1e-3, dropout=0.1, eval_every=200, checkpoint_every=500, half_on_disk=True),
}
# the smoke test's: a few steps on a few hundred rows
TINY = replace(PRESETS["cpu"], preset="tiny", sources=None, layers=2, heads=2, hidden=32, vocab=400, positions=64,
               batch_tokens=200, steps=6, minutes=None, eval_every=2, checkpoint_every=3, learning_rate=3e-3,
               tokenizer_rows=1000)


def wordpiece(texts: list[str], recipe: Recipe) -> BertTokenizerFast:
    trainer = BertWordPieceTokenizer(lowercase=True)
    trainer.train_from_iterator(texts, vocab_size=recipe.vocab, min_frequency=2, special_tokens=WORDPIECE_SPECIAL)
    # the trainer hands out ids in a hash order that changes from run to run: number them in a fixed
    # order (specials first) so the same text always gives the same ids, hence the same model
    pieces = WORDPIECE_SPECIAL + sorted(set(trainer.get_vocab()) - set(WORDPIECE_SPECIAL))
    return BertTokenizerFast(vocab={piece: i for i, piece in enumerate(pieces)}, model_max_length=recipe.positions)


def byte_bpe(texts: list[str], recipe: Recipe) -> GPT2TokenizerFast:
    trainer = ByteLevelBPETokenizer()
    trainer.train_from_iterator(texts, vocab_size=recipe.vocab, min_frequency=2, special_tokens=[GPT_SPECIAL])
    return GPT2TokenizerFast(tokenizer_object=trainer._tokenizer, bos_token=GPT_SPECIAL, eos_token=GPT_SPECIAL,
                             unk_token=GPT_SPECIAL, model_max_length=recipe.positions)


def unigram(texts: list[str], recipe: Recipe) -> T5TokenizerFast:
    trainer = SentencePieceUnigramTokenizer()
    # punctuation apart from words, as SentencePiece splits where the script changes: "▁man" is one piece
    # whether a full stop follows or not (without this, "man." was a piece of its own, and a blank
    # before the full stop asked for a word the model had seen far less often)
    trainer._tokenizer.pre_tokenizer = pre_tokenizers.Sequence([trainer._tokenizer.pre_tokenizer,
                                                               pre_tokenizers.Punctuation()])
    trainer.train_from_iterator(texts, vocab_size=recipe.vocab, special_tokens=UNIGRAM_SPECIAL, unk_token="<unk>")
    # T5's "text </s>": the encoder's input ends with the end token, as in T5's pre-training
    trainer._tokenizer.post_processor = TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                           special_tokens=[("</s>", 1)])
    return T5TokenizerFast(tokenizer_object=trainer._tokenizer, eos_token="</s>", pad_token="<pad>", unk_token="<unk>",
                           extra_ids=0, additional_special_tokens=SENTINELS, model_max_length=recipe.positions)


def masked_model(tokenizer: BertTokenizerFast, recipe: Recipe) -> BertForMaskedLM:
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=recipe.hidden, num_hidden_layers=recipe.layers,
                        num_attention_heads=recipe.heads, intermediate_size=4 * recipe.hidden,
                        max_position_embeddings=recipe.positions, pad_token_id=tokenizer.pad_token_id,
                        hidden_dropout_prob=recipe.dropout, attention_probs_dropout_prob=recipe.dropout)
    return BertForMaskedLM(config)


def causal_model(tokenizer: GPT2TokenizerFast, recipe: Recipe) -> GPT2LMHeadModel:
    config = GPT2Config(vocab_size=len(tokenizer), n_embd=recipe.hidden, n_layer=recipe.layers,
                        n_head=recipe.heads, n_inner=4 * recipe.hidden, n_positions=recipe.positions,
                        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id,
                        resid_pdrop=recipe.dropout, embd_pdrop=recipe.dropout, attn_pdrop=recipe.dropout)
    return GPT2LMHeadModel(config)


def seq2seq_model(tokenizer: T5TokenizerFast, recipe: Recipe) -> T5ForConditionalGeneration:
    encoder = recipe.layers // 2
    config = T5Config(vocab_size=len(tokenizer), d_model=recipe.hidden, d_ff=4 * recipe.hidden,
                      d_kv=recipe.hidden // recipe.heads, num_layers=encoder, num_decoder_layers=recipe.layers - encoder,
                      num_heads=recipe.heads, relative_attention_max_distance=recipe.positions,
                      dropout_rate=recipe.dropout, feed_forward_proj="relu", tie_word_embeddings=True,
                      decoder_start_token_id=tokenizer.pad_token_id, pad_token_id=tokenizer.pad_token_id,
                      eos_token_id=tokenizer.eos_token_id)
    config.n_positions = recipe.positions  # T5's positions are relative: this records the trained length
    return T5ForConditionalGeneration(config)


BUILDERS = {"pocket-bert": (wordpiece, masked_model), "pocket-gpt": (byte_bpe, causal_model),
            "pocket-t5": (unigram, seq2seq_model)}


def parameter_counts(recipe: Recipe, vocab: int | None = None) -> dict[str, int]:
    """Each model's parameters at this recipe's shapes (with a vocabulary of `vocab` pieces), built on
    the meta device: no memory, no tokenizer needed."""
    import torch

    class Shape:  # what the model builders read from a tokenizer
        def __init__(self, size):
            self.size, self.pad_token_id, self.bos_token_id, self.eos_token_id = size, 0, 1, 1

        def __len__(self):
            return self.size

    counts = {}
    with torch.device("meta"):
        for name, (_, make) in BUILDERS.items():
            counts[name] = sum(p.numel() for p in make(Shape(vocab or recipe.vocab), recipe).parameters())
    return counts
