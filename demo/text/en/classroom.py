"""English: classroom tools: guess first, links, presenter mode, export, stop."""

TEXT: dict[str, str] = {
    # -- classroom (issue 13): guess first, links, presenter, export, stop -------------------
    "guess.switch": "Guess first: hide the answers until you have guessed",
    "guess.box": "Your guess (one word, or several separated by commas)",
    "guess.reveal": "Reveal",
    "guess.hidden": "The answers are hidden. Type your guess, then press **Reveal**.",
    "guess.head": "Your guess, as each model sees it",
    "guess.col.word": "your guess",
    "guess.col.model": "model",
    "guess.col.prob": "probability",
    "guess.col.rank": "rank",
    "guess.col.pieces": "pieces",
    "guess.where.masked": "at the blank",
    "guess.where.causal": "as the next word",
    "guess.rank": "{rank:,} of {total:,}",
    "guess.top": "{rank:,} of {total:,}: the model's top choice!",
    "guess.unknown": "not in this model's vocabulary",
    "guess.method.masked": ("A word of several pieces is scored as the product of its pieces' probabilities: the "
                            "blank becomes one mask per piece, filled in left to right. Its rank is the place it "
                            "would take among the model's single tokens."),
    "guess.method.causal": ("A word of several pieces is scored as the product of its pieces' probabilities, each "
                            "given the text and the pieces before it (the chain rule). Its rank is the place it "
                            "would take among the model's single tokens."),
    "link.copy": "🔗 Copy link",
    "link.ignored": "Ignored {count} setting(s) in the link that this page cannot use ({names}).",
    "generate.stop": "■ Stop",
    "next.stopped": "■ Stopped: the text above is as far as the model got.",
    "export.json": "⬇ Result as JSON",
    "export.bertviz": "⬇ Interactive views as one HTML file (works offline)",
    "learn.reading": (
        "## Two ways to read a sentence\n"
        "| | **BERT** (encoder) | **GPT** (decoder) |\n"
        "|---|---|---|\n"
        "| reads | the whole sentence at once: **bidirectional** | **left to right**, one word after another |\n"
        "| attention | every token attends to every token | a *causal mask* hides every later token |\n"
        "| trained to | **masked LM**: hide 15% of the tokens, guess them from both sides; plus **next-sentence "
        "prediction** (is B the sentence after A?) | **next-word LM**: predict every token from the ones before it |\n"
        "| good at | understanding: classification, named entities, extractive QA | producing text: completion, "
        "generation, chat |\n\n"
        "The *BERT vs GPT* tab puts both on one blank: BERT uses the words after it, GPT cannot."
    ),
    "learn.families": (
        "## Three families of pre-training\n"
        "| family | example | pre-training task | shape |\n"
        "|---|---|---|---|\n"
        "| **autoencoding** | BERT | corrupt the input (mask tokens), rebuild it from the whole context | encoder only |\n"
        "| **autoregressive** | GPT | predict the next token, left to right; generation comes for free | decoder only |\n"
        "| **encoder-decoder** (seq2seq) | T5, BART | T5: *span corruption*, replace spans by sentinels and write them "
        "out; BART: *denoising*, rebuild a shuffled, masked text | encoder reads, decoder writes |\n\n"
        "Encoder-decoder models read the input bidirectionally and write the output autoregressively:\n"
        "translation, summarisation and other text-to-text tasks."
    ),
    "learn.tokens": (
        "## Words become pieces\n"
        "Both models cut words they do not know whole into known pieces. **BERT's WordPiece** marks a piece that\n"
        "*continues* a word with **##**. **GPT's byte-level BPE** works on bytes and marks a piece that *starts with a\n"
        "space* with **Ġ** (drawn **␣** on this page's chips and charts), so it never meets an unknown character (an accented letter may show as two odd symbols: "
        "its bytes).\n\n"
        "**Chinese** is written without spaces. Chinese BERT (`bert-base-chinese`) gives **every Chinese character its "
        "own piece**: 今天天气很好 is six tokens. GPT-2's byte-level BPE sees each character as **three UTF-8 bytes** "
        "and merges only the byte pairs it met often in training, so a character can take one, two or three pieces, "
        "and a piece may be part of a character (shown as odd symbols). The Chinese GPT-2 in the catalog "
        "(`uer/gpt2-chinese-cluecorpussmall`) avoids this by reading BERT's character vocabulary."
    ),
    "error.empty": "Text is empty: type a sentence first.",
    "error.too_long": "Text is {count:,} characters; the limit is {limit:,}.",
    "error.control": "Text contains control characters ({names}); remove them and try again.",
    "error.no_blank": "No blank found: write [MASK], <mask> or ___ where a word is missing.",
    "error.blanks_exactly": "Write exactly {exactly} blank ([MASK] or ___); found {count}.",
    "error.blanks_limit": "Found {count} blanks; the limit is {limit}.",
    "error.only_blanks": "The text is only blanks: add some words around the blank for context.",
    "error.causal_blank": "This model predicts the next word and cannot fill a blank: remove [MASK] / ___.",
    "error.range": "{name} must be between {low} and {high}; got {value}.",
    "error.no_guess": "Type a guess first: one word, or several separated by commas.",
    "chart.blank": "blank {n}",
    "chart.fill.title": "{model}: the likeliest words for each blank",
    "chart.next.title": "{model}: next token after “{quoted}”",
    "chart.next.entropy": "entropy {entropy:.2f} nats: as unsure as a fair pick among {spread:,.0f} tokens",
}
