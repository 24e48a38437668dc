"""Random-weight models at the real shapes of bert-base-uncased and gpt2, saved locally.

Timing needs the real shapes (layers, hidden size, vocabulary), not trained weights, and the
hub is out of reach; the tokenizers are synthetic but produce the same kind of ids.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import BertConfig, BertForMaskedLM, BertTokenizerFast, GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast

ROOT = Path(tempfile.gettempdir()) / "bert-vs-gpt-bench"


def bert_base(vocab_size: int = 30522) -> str:
    """bert-base-uncased's shape: 12 layers, 12 heads, hidden 768, 30,522 WordPiece ids."""
    path = ROOT / "bert-base-shape"
    if not (path / "config.json").exists():
        words = [f"w{i}" for i in range(vocab_size - 5)]
        tokenizer = BertTokenizerFast(vocab={t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *words])})
        torch.manual_seed(0)
        BertForMaskedLM(BertConfig(vocab_size=vocab_size)).save_pretrained(path)
        tokenizer.save_pretrained(path)
    return str(path)


def gpt2_small() -> str:
    """gpt2's shape: 12 layers, 12 heads, hidden 768, 50,257 ids, 1,024 positions."""
    path = ROOT / "gpt2-shape"
    if not (path / "config.json").exists():
        bpe = ByteLevelBPETokenizer()
        bpe.train_from_iterator([f"sentence number {i} about cats and dogs" for i in range(2000)],
                                vocab_size=1000, special_tokens=["<|endoftext|>"])
        tokenizer = GPT2TokenizerFast(tokenizer_object=bpe._tokenizer, bos_token="<|endoftext|>",
                                      eos_token="<|endoftext|>", unk_token="<|endoftext|>")
        torch.manual_seed(0)
        config = GPT2Config(eos_token_id=tokenizer.eos_token_id, bos_token_id=tokenizer.bos_token_id)
        GPT2LMHeadModel(config).save_pretrained(path)
        tokenizer.save_pretrained(path)
    return str(path)


def sentence(n_tokens: int, masks: int = 1) -> str:
    """Text that BERT's synthetic WordPiece encodes as exactly n_tokens ids ([CLS] and [SEP] included)."""
    words = [f"w{i % 1000}" for i in range(n_tokens - 2 - masks)]
    for m in range(masks):
        words.insert((m + 1) * len(words) // (masks + 1), "[MASK]")
    return " ".join(words)
