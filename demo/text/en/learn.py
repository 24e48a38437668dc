"""English: the How they differ tab: the three families, training curves, lessons."""

TEXT: dict[str, str] = {
    # How they differ tab (demo/ui/learn_tab.py, demo/viz/families.py)
    "learn.text": "A word or a sentence",
    "learn.masked_model": "Masked model",
    "learn.causal_model": "Causal model",
    "learn.seq2seq_model": "Encoder-decoder model",
    "learn.split": "Split into tokens",
    "learn.try": "Try",
    "learn.three": (
        "## The three families on one sentence\n"
        "An **autoencoding** model (BERT) is trained to rebuild a corrupted input: it reads the whole sentence at "
        "once and fills each blank with one token from both sides. An **autoregressive** model (GPT) is trained to "
        "predict the next token: it reads left to right, so at the blank it knows only the words before it, and it "
        "writes text one token at a time. An **encoder-decoder** (T5, BART) joins the two: its encoder reads the "
        "whole input bidirectionally, like BERT, and its decoder writes the output autoregressively, like GPT, "
        "looking back at the encoder at every step. T5 learns this by *span corruption* (spans of the text become "
        "sentinels and the decoder writes them out), BART by *denoising* (it rewrites a damaged text whole). So an "
        "encoder-decoder sees both sides of a blank *and* can fill it with several words. Try it on one sentence:"
    ),
    "learn.three.text": "Sentence with one blank",
    "learn.three.run": "Run all three",
    "learn.three.examples": "Examples",
    "families.masked": "Autoencoding (BERT-style)",
    "families.causal": "Autoregressive (GPT-style)",
    "families.seq2seq": "Encoder-decoder (T5/BART-style)",
    "families.masked.how": "reads both sides of the blank at once and fills it with one token",
    "families.causal.how": "reads only the words before the blank and predicts the next token",
    "families.seq2seq.how": "reads the whole sentence, then writes the blank's answer token by token: it may be "
                            "several words",
    "families.reads": "reads: {text}",
    "families.none": "No encoder-decoder can run here ({model}); the other two are unaffected.",
    # training curves (demo/viz/curves.py)
    "curves.not_comparable": (
        "The losses are not directly comparable: BERT's is measured only on the 15% of tokens it must recover and "
        "it sees both sides of each; GPT's is measured on every token with the left side only; T5's on the spans "
        "its decoder writes (after their sentinels), having read the rest of the sentence; and their tokenizers cut "
        "the same text into different pieces. Compare each curve's shape, and the gap between its training and "
        "held-out loss."
    ),
    "curves.none": "No training report found (run python -m demo.pocket train).",
    "curves.title": "Training loss of the bundled models (same text, same token budget)",
    "curves.x": "tokens seen",
    "curves.y": "cross-entropy (nats per predicted token)",
    "curves.training": "{name} training",
    "curves.held_out": "{name} held-out",
    # lessons (demo/viz/lessons.py, shown by the How they differ tab)
    "lesson.variants": (
        "## Relatives and descendants\n"
        "| model | idea |\n"
        "|---|---|\n"
        "| **ELMo** (2018) | before transformers: two **bi-LSTMs** (left-to-right and right-to-left) give each word a "
        "*contextual embedding*, \"bank\" differs in \"river bank\" and \"bank account\" |\n"
        "| **RoBERTa** | BERT trained longer on more data with *dynamic masking*, **without** next-sentence prediction "
        "(it did not help), byte-level BPE |\n"
        "| **ALBERT** | *factorised embeddings* (vocabulary → 128 → hidden) and **one set of weights shared by every "
        "layer**: 12M parameters for a base model |\n"
        "| **DistilBERT** | a 6-layer student trained to copy BERT's outputs (**distillation**): 40% smaller, 60% "
        "faster, ~97% of the score |\n"
        "| **GLM** | **autoregressive blank infilling**: blank out spans, then write each span left to right while "
        "seeing the rest bidirectionally, one model for both understanding and generation |"
    ),
    "lesson.attention": (
        "## Attention, and why long texts are expensive\n"
        "Every token becomes a query *Q*, a key *K* and a value *V*. A head scores every query against every key and "
        "mixes\nthe values with the softmax of those scores: **Attention(Q, K, V) = softmax(QKᵀ / √d) · V** (√d keeps "
        "the scores\nfrom saturating the softmax). The *Attention* tab shows these weights live.\n\n"
        "For *n* tokens that is **n² scores per head per layer**: the cost is **O(n²)**, twice the text, four times "
        "the\nwork. GPT's causal mask leaves only **n(n+1)/2** useful scores (the lower triangle) but still O(n²). "
        "BERT stops at\n512 positions, GPT-2 at 1024. The other work of a layer, the projections and the "
        "feed-forward, grows only with *n*\nbut is much larger per token: the **Cost & compression** tab measures "
        "both on the model in front of you and shows\nfrom which length attention's n² part takes over."
    ),
    "lesson.compression": (
        "## Making models smaller\n"
        "| technique | what it does | example |\n"
        "|---|---|---|\n"
        "| **pruning** | remove weights, heads or layers that contribute little | many of BERT's heads can go with "
        "little loss |\n"
        "| **distillation** | train a small *student* to match a large *teacher*'s outputs | DistilBERT, DistilGPT-2 |\n"
        "| **quantization** | store and compute with fewer bits: float32 → **fp16** (half) → **int8** | 4x less "
        "memory at int8 |\n"
        "| **low-rank factorization** | replace a big matrix by the product of two thin ones | ALBERT's embedding: "
        "V×H becomes V×128 · 128×H |"
    ),
    "lesson.training": (
        "## Training curves of the bundled models\n"
        "The app ships three small models made by this project, **pocket-bert**, **pocket-gpt** and "
        "**pocket-t5**: a controlled experiment.\nAll three start from the same pretrained weights "
        "(all-MiniLM-L6-v2, a 6-layer BERT-shaped encoder) and were trained further on the same text (dictionary "
        "definitions, Jane Austen, fortune cookies, the Harvard sentences), for the same steps, with the same "
        "optimizer and seed;\nonly what separates the three families differs: the objective (masked words and "
        "next-sentence prediction, the next word, hidden spans), the attention mask and the heads (pocket-t5 is "
        "the encoder-decoder idea in one stack, GLM's: the text read both ways, a blank's words written after it "
        "left to right). They share one "
        "WordPiece tokenizer on purpose, so the tokenizer lesson above shows BPE and SentencePiece from reference "
        "tokenizers\n(their model card: `assets/pocket/README.md`)."
    ),
    "lesson.pieces_one": "{count} piece",
    "lesson.pieces_many": "{count} pieces",
    "lesson.reference_tokenizer": "a reference tokenizer of this family, trained by this project: no model behind it",
}
