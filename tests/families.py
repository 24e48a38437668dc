"""Tiny random models of every catalog family, built here with tokenizers built here (no download).

`build(family, path)` saves a model and its tokenizer with save_pretrained, so the service loads
it exactly as it loads a hub model. WordPiece for BERT, DistilBERT and ELECTRA (as the real ones),
byte-level BPE for RoBERTa and GPT-2, a Unigram (SentencePiece-style) model for ALBERT.
"""
from __future__ import annotations

import torch
from tokenizers import ByteLevelBPETokenizer, SentencePieceUnigramTokenizer
from tokenizers.processors import TemplateProcessing
from transformers import (AlbertConfig, AlbertForMaskedLM, AlbertTokenizerFast, BertConfig, BertForMaskedLM,
                          BertTokenizerFast, DistilBertConfig, DistilBertForMaskedLM, ElectraConfig,
                          ElectraForMaskedLM, GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast, RobertaConfig,
                          RobertaForMaskedLM, RobertaTokenizerFast)

WORDS = ("the a cat dog sat on mat ran to park is was big small red blue house tree bird sang "
         "in of and it he she they we play ##ing ##s ##ed . , ! ?").split()
CORPUS = [
    "The cat sat on the mat.", "The dog ran to the park.", "A bird sang in the tree.",
    "She is playing with a red ball.", "They walked to the big house.", "He was reading a small book.",
    "We like the blue sky and the green grass.", "The children played in the garden all day.",
] * 20
POSITIONS = 64  # usable positions of every tiny model (RoBERTa's table holds two more)
SMALL = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)

MASKED_FAMILIES = ("bert", "roberta", "albert", "distilbert", "electra")
CAUSAL_FAMILIES = ("gpt2",)


def wordpiece():
    vocab = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS])}
    return BertTokenizerFast(vocab=vocab)


def byte_bpe(specials: list[str]):
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(CORPUS, vocab_size=300, min_frequency=1, special_tokens=specials)
    return bpe._tokenizer


def build(family: str, path) -> str:
    torch.manual_seed(0)
    if family in ("bert", "electra", "distilbert"):
        tokenizer = wordpiece()
        V = len(tokenizer)
        if family == "bert":
            model = BertForMaskedLM(BertConfig(vocab_size=V, max_position_embeddings=POSITIONS, **SMALL))
        elif family == "electra":
            model = ElectraForMaskedLM(ElectraConfig(vocab_size=V, embedding_size=16,
                                                     max_position_embeddings=POSITIONS, **SMALL))
        else:
            model = DistilBertForMaskedLM(DistilBertConfig(vocab_size=V, dim=32, n_layers=2, n_heads=2,
                                                           hidden_dim=64, max_position_embeddings=POSITIONS))
    elif family == "roberta":
        tokenizer = RobertaTokenizerFast(tokenizer_object=byte_bpe(["<s>", "<pad>", "</s>", "<unk>", "<mask>"]),
                                         bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
                                         pad_token="<pad>", unk_token="<unk>", mask_token="<mask>")
        model = RobertaForMaskedLM(RobertaConfig(vocab_size=len(tokenizer), max_position_embeddings=POSITIONS + 2,
                                                 pad_token_id=tokenizer.pad_token_id, **SMALL))
    elif family == "albert":
        unigram = SentencePieceUnigramTokenizer()
        unigram.train_from_iterator(CORPUS, vocab_size=120, special_tokens=["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"],
                                    unk_token="<unk>")
        unigram._tokenizer.post_processor = TemplateProcessing(  # ALBERT's "[CLS] text [SEP]"
            single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
        tokenizer = AlbertTokenizerFast(tokenizer_object=unigram._tokenizer, pad_token="<pad>", unk_token="<unk>",
                                        cls_token="[CLS]", sep_token="[SEP]", mask_token="[MASK]")
        model = AlbertForMaskedLM(AlbertConfig(vocab_size=len(tokenizer), embedding_size=16,
                                               max_position_embeddings=POSITIONS, **SMALL))
    elif family == "gpt2":
        tokenizer = GPT2TokenizerFast(tokenizer_object=byte_bpe(["<|endoftext|>"]), bos_token="<|endoftext|>",
                                      eos_token="<|endoftext|>", unk_token="<|endoftext|>")
        model = GPT2LMHeadModel(GPT2Config(vocab_size=len(tokenizer), n_embd=32, n_layer=2, n_head=2,
                                           n_positions=POSITIONS, bos_token_id=tokenizer.bos_token_id,
                                           eos_token_id=tokenizer.eos_token_id))
    else:
        raise ValueError(f"no tiny model for family {family!r}")
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)
