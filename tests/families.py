"""Tiny random models of every catalog family, built here with tokenizers built here (no download).

`build(family, path)` saves a model and its tokenizer with save_pretrained, so the service loads
it exactly as it loads a hub model. WordPiece for BERT, DistilBERT and ELECTRA (as the real ones),
byte-level BPE for RoBERTa and GPT-2, a Unigram (SentencePiece-style) model for ALBERT.
"""
from __future__ import annotations

import json
import tempfile

import torch
from tokenizers import ByteLevelBPETokenizer, SentencePieceUnigramTokenizer, Tokenizer
from tokenizers.processors import TemplateProcessing
from transformers import (AlbertConfig, AutoTokenizer, BartConfig, BartForConditionalGeneration, BartTokenizerFast,
                          T5Config, T5ForConditionalGeneration, T5TokenizerFast, AlbertForMaskedLM, AlbertTokenizerFast, BertConfig, BertForMaskedLM,
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
SEQ2SEQ_FAMILIES = ("t5", "bart", "glm")  # glm: a BERT stack with GLM's mask (demo.glm), as pocket-t5
SENTINELS = [f"<extra_id_{i}>" for i in range(10)]


def wordpiece():
    vocab = {tok: i for i, tok in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS])}
    return BertTokenizerFast(vocab=vocab)


def byte_bpe(specials: list[str]):
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(CORPUS, vocab_size=300, min_frequency=1, special_tokens=specials)
    return bpe._tokenizer


def trained_unigram(size: int, specials: list[str]) -> SentencePieceUnigramTokenizer:
    """A SentencePiece-style Unigram model of the corpus with its pieces numbered in a fixed order (the
    specials first, then by piece): the trainer finds the same pieces every run but numbers them in a
    hash order, and a model trained on other ids learns other things."""
    unigram = SentencePieceUnigramTokenizer()
    unigram.train_from_iterator(CORPUS, vocab_size=size, special_tokens=specials, unk_token="<unk>")
    spec = json.loads(unigram._tokenizer.to_str())
    pieces = spec["model"]["vocab"]  # [[piece, score], ...], the specials first
    spec["model"]["vocab"] = pieces[:len(specials)] + sorted(pieces[len(specials):])
    unigram._tokenizer = Tokenizer.from_str(json.dumps(spec))
    return unigram


def build(family: str, path, train: bool = True) -> str:
    """Save a tiny `family` model and its tokenizer in `path`; encoder-decoders are briefly trained
    unless train=False (minutes on a busy CPU; position-limit tests need no skill)."""
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
        unigram = trained_unigram(120, ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"])
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
    elif family == "glm":
        model, tokenizer = _glm(train)
    elif family in SEQ2SEQ_FAMILIES:
        model, tokenizer = _seq2seq(family, train)
    else:
        raise ValueError(f"no tiny model for family {family!r}")
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)


def _seq2seq(family: str, train: bool = True):
    """A tiny T5 or BART, trained for a few seconds to fill one hidden word of the corpus, so that
    its outputs keep the format (T5's sentinels, BART's copy of the context) and tests have
    spans to rank. T5: span corruption with sentinels; BART: rebuild the sentence."""
    if family == "t5":
        unigram = trained_unigram(150, ["<pad>", "</s>", "<unk>", *SENTINELS])
        unigram._tokenizer.post_processor = TemplateProcessing(single="$A </s>", pair="$A </s> $B </s>",
                                                               special_tokens=[("</s>", 1)])
        tokenizer = T5TokenizerFast(tokenizer_object=unigram._tokenizer, eos_token="</s>", pad_token="<pad>",
                                    unk_token="<unk>", extra_ids=0, additional_special_tokens=SENTINELS)
        model = T5ForConditionalGeneration(T5Config(
            vocab_size=len(tokenizer), d_model=64, d_ff=128, d_kv=32, num_layers=2, num_heads=2, dropout_rate=0.0,
            decoder_start_token_id=tokenizer.pad_token_id, pad_token_id=tokenizer.pad_token_id,
            eos_token_id=tokenizer.eos_token_id))
        blank = "<extra_id_0>"
        pairs = [(s.replace(w, blank, 1), f"{blank} {w}<extra_id_1>") for s, w in _hidden_words()]
    else:
        tokenizer = BartTokenizerFast(tokenizer_object=byte_bpe(["<s>", "<pad>", "</s>", "<unk>", "<mask>"]),
                                      bos_token="<s>", eos_token="</s>", sep_token="</s>", cls_token="<s>",
                                      pad_token="<pad>", unk_token="<unk>", mask_token="<mask>")
        model = BartForConditionalGeneration(BartConfig(
            vocab_size=len(tokenizer), d_model=64, encoder_layers=2, decoder_layers=2, encoder_attention_heads=2,
            decoder_attention_heads=2, encoder_ffn_dim=128, decoder_ffn_dim=128, max_position_embeddings=POSITIONS,
            dropout=0.0, attention_dropout=0.0, pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
            eos_token_id=tokenizer.eos_token_id, decoder_start_token_id=tokenizer.eos_token_id,
            forced_bos_token_id=None, forced_eos_token_id=None))
        pairs = [(s.replace(w, "<mask>", 1), s) for s, w in _hidden_words()]
    tokenizer = as_loaded(tokenizer)
    if train:
        _fit(model, tokenizer, pairs)
    return model, tokenizer


def _glm(train: bool = True):
    """A tiny BERT that fills a blank with GLM's layout (demo.glm), trained until it writes every hidden
    word of the corpus and then [SEP] (each taught token the argmax given the ones before it)."""
    from demo import glm

    tokenizer = wordpiece()
    model = BertForMaskedLM(BertConfig(vocab_size=len(tokenizer), max_position_embeddings=POSITIONS,
                                       **SMALL, **{glm.MARK: glm.GLM}))
    if not train:
        return model, tokenizer
    mask, end = tokenizer.mask_token_id, tokenizer.sep_token_id
    texts = [tokenizer(s.replace(w, "[MASK]", 1))["input_ids"] for s, w in _hidden_words()]
    spans = [[tokenizer(w.lower(), add_special_tokens=False)["input_ids"]] for _, w in _hidden_words()]
    inputs = glm.batch([glm.layout(a, sp, mask, end) for a, sp in zip(texts, spans)], [len(a) for a in texts],
                       tokenizer.pad_token_id)
    labels = inputs.pop("labels")
    taught = labels != -100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(3000):
        logits = model(**inputs).logits  # (B, T, V)
        loss = torch.nn.functional.cross_entropy(logits[taught], labels[taught])
        if loss.item() < 0.01 and bool((logits.argmax(-1) == labels)[taught].all()):
            break
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    else:
        raise RuntimeError("a tiny GLM did not learn its hidden words in 3000 steps")
    return model.eval(), tokenizer


def as_loaded(tokenizer):
    """The tokenizer as the service will load it: saved and read back (T5's, freshly built, puts a "▁"
    piece before a sentinel that the loaded one does not, and a model trained on the one input misreads the other)."""
    with tempfile.TemporaryDirectory() as folder:
        tokenizer.save_pretrained(folder)
        return AutoTokenizer.from_pretrained(folder)


def _hidden_words() -> list[tuple[str, str]]:
    """(sentence, one of its words) for every word of every distinct corpus sentence."""
    return [(s, w) for s in dict.fromkeys(CORPUS) for w in s.rstrip(".").split()]


def _fit(model, tokenizer, pairs, most_steps: int = 3000) -> None:
    """Train on `pairs` until greedy decoding writes every target (each taught token is the argmax given
    the ones before it) and the mean loss is under 0.01. A fixed step count left some pairs on the edge."""
    source = tokenizer([p[0] for p in pairs], return_tensors="pt", padding=True)
    labels = tokenizer(text_target=[p[1] for p in pairs], return_tensors="pt", padding=True)["input_ids"]
    labels[labels == tokenizer.pad_token_id] = -100
    taught = labels != -100
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(most_steps):
        out = model(**source, labels=labels)
        if out.loss.item() < 0.01 and bool((out.logits.argmax(-1) == labels)[taught].all()):
            break
        out.loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    else:
        raise RuntimeError(f"a tiny {model.config.model_type} did not learn its {len(pairs)} pairs in {most_steps} steps")
    model.eval()


def build_spans_t5(path) -> str:
    """A tiny T5 trained to write every one- and two-word span of the corpus ("The cat <extra_id_0> the
    mat." -> "<extra_id_0> sat on<extra_id_1>"): the encoder-decoder column's blank of several words."""
    torch.manual_seed(0)
    model, tokenizer = _seq2seq("t5", train=False)
    pairs = []
    for sentence in dict.fromkeys(CORPUS):
        words = sentence.rstrip(".").split()
        for n in (1, 2):
            for i in range(len(words) - n + 1):
                span = " ".join(words[i:i + n])
                pairs.append((sentence.replace(span, "<extra_id_0>", 1), f"<extra_id_0> {span}<extra_id_1>"))
    _fit(model, tokenizer, pairs)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return str(path)
