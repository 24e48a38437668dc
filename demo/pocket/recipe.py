"""One recipe for both pocket models: same sizes, corpus, token budget, optimizer and seed.

What differs is exactly what separates BERT from GPT: the objective (masked LM with 15 %
masking, 80/10/10 replacement, vs next-token prediction), the attention mask (bidirectional vs
causal) and the tokenizer family (WordPiece, lower-cased, vs byte-level BPE, cased).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from tokenizers import BertWordPieceTokenizer, ByteLevelBPETokenizer
from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

GPT_SPECIAL = "<|endoftext|>"
WORDPIECE_SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


@dataclass(frozen=True)
class Recipe:
    layers: int = 4
    heads: int = 4
    hidden: int = 192
    vocab: int = 4096
    positions: int = 64  # longest training row; 99.9 % of WordNet lines fit in 56 tokens
    batch_tokens: int = 2048  # real (unpadded) tokens per step, in rows of similar length
    steps: int = 5500
    learning_rate: float = 1e-3
    warmup: float = 0.05  # fraction of steps
    weight_decay: float = 0.01
    mask_probability: float = 0.15
    seed: int = 0
    dropout: float = 0.0  # the models underfit this budget (training loss ~ held-out loss): dropout only slows them
    bf16: bool = True  # bf16 autocast where the hardware computes it natively (see train.precision)
    eval_every: int = 250  # steps between held-out losses on the curve

    @property
    def tokens(self) -> int:
        """The token budget each model is trained on (each step overshoots it by part of a row)."""
        return self.steps * self.batch_tokens

    def as_dict(self) -> dict:
        return {**asdict(self), "tokens": self.tokens}


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
