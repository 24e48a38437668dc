"""English: every user-facing string of the app, by key ("area.what")."""

TEXT: dict[str, str] = {
    # -- the page -------------------------------------------------------------------------
    "app.title": "BERT vs GPT, side by side",
    "app.intro": (
        "# BERT vs GPT\n"
        "**BERT** reads the whole sentence at once (a bidirectional encoder trained to fill in masked words).\n"
        "**GPT** reads left to right (a decoder trained to predict the next word). Try both on the same text."
    ),
    "tab.fill": "Fill the blank (BERT)",
    "tab.next": "Next word (GPT)",
    "tab.attention": "Attention",
    "tab.compare": "BERT vs GPT",
    "tab.learn": "How they differ",
    # -- loading and downloading models (hub branch) --------------------------------------
    "loading.models": "Loading {names} (first use only; then it is reused by everyone)",
    "loading.download": "Downloading {model}: {done} of {total} MB (first use only)",

    # -- Inside tab and Attention-tab additions (issue 10: lens, attribution, Q·K·V steps) -------------
    "tab.inside": "Inside",
    "inside.intro": (
        "**Why each model answers as it does.** Put one sentence with one blank (`___` or `[MASK]`) through a "
        "BERT-style and a GPT-style model and look inside both: at which layer each finds its answer, which words "
        "pushed it there, and the arithmetic of one attention head."
    ),
    "inside.text": "Sentence with one blank",
    "inside.examples": "Examples",
    "inside.masked_model": "Masked model (BERT-style)",
    "inside.causal_model": "Causal model (GPT-style)",
    "inside.run": "Look inside both models",
    "inside.lens.explain": (
        "### 1. The logit lens: at which layer does the answer appear?\n"
        "After every layer, the hidden state at the blank (GPT: at the word before it) is pushed through the "
        "model's own output head, as if the model stopped there. Each row is one layer (the embeddings on top, "
        "the model's real answer at the bottom); each cell the word that layer would answer, coloured by its "
        "probability. The final word is **bold**."
    ),
    "inside.lens.top_k": "Words per layer (top-k)",
    "inside.lens.button": "Show the lens",
    "inside.lens.lines_label": "The final word's probability, layer by layer",
    "inside.masked.lens_label": "Masked model: layer by layer",
    "inside.causal.lens_label": "Causal model: layer by layer",
    "inside.lens.embeddings": "embeddings",
    "inside.lens.layer": "layer {n}",
    "inside.lens.prob": "probability",
    "inside.lens.rank": "rank",
    "inside.lens.title": "{model}: what each layer would answer (final: “{word}”)",
    "inside.lens.hover_rank": "rank {rank}",
    "inside.lens.depth": "layer (0 = embeddings)",
    "inside.lens.final_prob": "probability of the final word",
    "inside.lens.lines_title": "When does each model settle on its answer? (★ = first at rank 1)",
    "inside.lens.at_embeddings": "already in the embeddings, before any layer",
    "inside.lens.at_layer": "at layer {n} of {of}",
    "inside.lens.knows": "<b>{model}</b> first ranks its answer “{word}” top {where}.",
    "inside.attr.explain": (
        "### 2. Attribution: which words pushed the answer?\n"
        "Each token is shaded by how much it raised (blue) or lowered (orange) the log-probability of the model's "
        "word at the blank. **BERT** explains its word from both sides of the blank. **GPT** is given the same "
        "sentence, its own word in the blank, but it predicted the blank before reading what follows: the "
        "gradients of those tokens are exactly 0, the causal mask shown a second time."
    ),
    "inside.attr.method_label": "Method",
    "inside.attr.method_integrated_gradients": "integrated gradients",
    "inside.attr.method_gradient_x_input": "gradient × input",
    "inside.attr.steps_label": "Steps (integrated gradients)",
    "inside.attr.target_label": "Word to explain",
    "inside.attr.target_hint": "empty: each model's own top word",
    "inside.attr.by_word": "Whole words (pieces of a word summed)",
    "inside.attr.button": "Explain the blank",
    "inside.attr.zero_hint": "exactly 0: the model had predicted the blank before reading this token",
    "inside.attr.head_masked": "<b>BERT</b> · {model} · log p(“{word}”) = {logprob} at the blank, read from both sides",
    "inside.attr.head_causal": "<b>GPT</b> · {model} · log p(“{word}”) = {logprob} at the blank, read from the left",
    "inside.attr.sums_integrated_gradients": (
        "The scores add up to {total}; log p(word) − log p(word | baseline) = {target} − ({baseline}) = {diff}. "
        "For {method} ({steps} steps) the two should match."
    ),
    "inside.attr.sums_gradient_x_input": (
        "The scores add up to {total} ({method}, a one-step estimate: it need not match "
        "log p(word) − log p(word | baseline) = {diff})."
    ),
    "inside.attr.baseline": "Baseline: {baseline}.",
    "inside.attr.causal_zero": (
        "The last {count} tokens, from the blank on (“{tokens}”), score exactly 0: GPT predicted the blank "
        "before reading them."
    ),
    "inside.attr.masked_right": "The words right of the blank carry {share} of BERT's attribution: it reads both sides.",
    "inside.attr.legend_up": "raised p(word)",
    "inside.attr.legend_down": "lowered p(word)",
    "inside.attr.legend_zero": "exactly 0",
    "inside.attr.legend_blank": "the blank",
    "inside.steps.explain": (
        "### 3. One head's arithmetic: Q·K·V, step by step\n"
        "Pick a layer, a head and a query token. The head scores the query against every key (k·q), divides by "
        "√d, hides the future from a causal model (−∞ becomes weight 0), turns the scores into weights with a "
        "softmax, and mixes the value vectors with them. The weights are the same row the Attention tab draws. "
        "Layer and head follow your choice in the Attention tab."
    ),
    "inside.steps.button": "Show the arithmetic",
    "inside.masked.steps_head": "#### Masked model",
    "inside.causal.steps_head": "#### Causal model (its own word in the blank)",
    "inside.steps.layer": "Layer",
    "inside.steps.head": "Head",
    "inside.steps.query": "Query token (position)",
    "inside.masked.steps_label": "Masked model: one head, one query",
    "inside.causal.steps_label": "Causal model: one head, one query",
    "inside.steps.table_label": "Each step, per key token",
    "inside.steps.col_pos": "pos",
    "inside.steps.col_token": "key",
    "inside.steps.col_scores": "k·q",
    "inside.steps.col_scaled": "÷√{d}",
    "inside.steps.col_masked": "masked",
    "inside.steps.col_weights": "softmax",
    "inside.steps.p_scores": "1. scores: k·q for every key",
    "inside.steps.p_scaled": "2. scaled: ÷ {root} (√{d})",
    "inside.steps.p_masked_masked": "3. masked: nothing hidden (BERT sees both sides)",
    "inside.steps.p_masked_causal": "3. masked: −∞ on every later token (GPT may not look ahead)",
    "inside.steps.p_weights": "4. softmax: the attention weights (sum 1)",
    "inside.steps.p_output": "5. weighted sum: output = Σ weight × v ({d} numbers)",
    "inside.steps.dims": "dimension of the head's output",
    "inside.steps.title": "{model}: layer {layer}, head {head}, query “{query}” (position {pos})",
    "attention.hide": "Hide [CLS] / [SEP] / start token and renormalise",
    "attention.hide_info": "Drops the special tokens from both axes; each row's remaining weights are rescaled to sum to 1.",
    "attention.hidden_note": "special tokens hidden, rows renormalised",
    "attention.grid_head": "head {head} · sink {sink}",
    "attention.sink_note": "sink: each head's average share of attention on the first token “{token}”",
    "attention.bertviz_cap": (
        "The interactive views show the first {shown} of {total} tokens: they draw every weight as a line, "
        "so they stop at {cap} tokens for this model ({layers} layers × {heads} heads). The heatmaps show up to "
        "{heatmap} tokens."
    ),
    # -- cost & compression tab (demo/ui/cost_tab.py, demo/viz/cost.py) ---------------------
    "tab.cost": "Cost & compression",
    "cost.intro": (
        "## What attention costs, measured on this server\n"
        "Press **Measure** to time a forward pass of each model at about eight lengths up to its limit, and at "
        "batches of 1, 2, 4 and 8 texts, on the device the app runs on. The first measurement takes up to "
        "20 seconds per model (your classmates' requests still go through in between); after that it is "
        "remembered. Next to it: how a layer's arithmetic splits into the part that grows with the length *n* "
        "and the part that grows with *n²*, and from which length attention's *n²* takes over."
    ),
    "cost.masked_model": "Masked model (BERT-style)",
    "cost.causal_model": "Causal model (GPT-style)",
    "cost.options": "Lengths and batch sizes",
    "cost.lengths": "Lengths (tokens, e.g. 8, 64, 256; empty = about 8 up to the limit)",
    "cost.batch_sizes": "Batch sizes (e.g. 1, 2, 4, 8; empty = 1, 2, 4, 8)",
    "cost.measure": "Measure",
    "cost.lab": (
        "## Compression lab\n"
        "Make each model smaller one way and see what survives: **size**, **speed** against the full model on the "
        "same sentences, and **fidelity**, the share of the full model's top-5 words the smaller one still "
        "ranks in its top 5, on 16 fixed sentences. Each variant is built from a copy, measured and thrown away; "
        "the model everyone uses is never changed. *amount* is the sparsity for **prune**, the share of heads "
        "removed for **heads** and the share of the rank kept for **low_rank**; the other methods ignore it."
    ),
    "cost.method": "Method",
    "cost.amount": "Amount (prune, heads, low_rank)",
    "cost.compress": "Compress both",
    "cost.measured": "measured",
    "cost.fit": "fit a + b·n + c·n²",
    "cost.fit_n2": "the fit's c·n² part",
    "cost.latency_title": "{model}: time of one forward pass against length",
    "cost.length_axis": "length n (tokens)",
    "cost.ms_axis": "milliseconds",
    "cost.split_title": "{model}: where a layer's arithmetic goes (counted, not measured)",
    "cost.part.projections": "Q, K, V, output projections (∝ n)",
    "cost.part.feed_forward": "feed-forward (∝ n)",
    "cost.part.scores": "scores Q·Kᵀ (∝ n²)",
    "cost.part.weighted_sum": "weights · V (∝ n²)",
    "cost.share_axis": "share of the layer's FLOPs",
    "cost.limit": "this model's limit: {n}",
    "cost.crossover_mark": "n² part > n part from {n}",
    "cost.memory_title": "{model}: peak memory of a forward pass",
    "cost.memory_length": "against length (one text)",
    "cost.memory_batch": "against batch size",
    "cost.at_batch_one": "one text",
    "cost.at_length": "{n} tokens per text",
    "cost.batch_axis": "texts in the batch",
    "cost.summary": (
        "**{model}** on {device}, {dtype}: one forward pass of {short} tokens took **{short_ms} ms**, of {long} "
        "tokens **{long_ms} ms** (measured in {seconds} s). Least-squares fit: time ≈ {a} ms + {b} µs·n + {c} ns·n².\n\n"
        "Per layer, the Q, K, V and output projections and the feed-forward grow with *n*: {linear} FLOPs per "
        "token (8d² + 4df, d = {d}, f = {f}). Attention's scores and weighted sum grow with *n²*: {quad} FLOPs per "
        "pair of tokens (4d). **The n² part outweighs the n part from n = 2d + f = {cross} tokens.** At this "
        "model's limit of {limit} tokens it is {share} of a layer's arithmetic."
    ),
    "cost.beyond": ("That is beyond the model's {limit} positions: on this model the projections and the "
                    "feed-forward always cost more than attention's n² part; it would take over only on longer texts."),
    "cost.within": "That is within the model's {limit} positions: on its longest texts attention's n² part dominates.",
    "cost.fit_says": "The measured fit agrees in kind: its n² term overtakes its n term from about {n} tokens.",
    "cost.fit_silent": ("The fit's n² term is too small or too noisy here to say where it overtakes: at these "
                        "sizes fixed costs and the n part dominate the measured time."),
    "cost.memory_says": ("Peak memory grows from {m1} at {short} tokens to {m2} at {long} tokens, and at "
                         "{n} tokens from {b1} for one text to {b2} for a batch of {batch}."),
    "cost.memory_how": "How memory was measured: {how}.",
    "cost.skipped": "Left out to keep within the time budget: {points}.",
    "cost.card.size": "size",
    "cost.card.parameters": "weights stored",
    "cost.card.speed": "time against the full model",
    "cost.card.fidelity": "fidelity (top-5 kept)",
    "cost.card.accuracy": "hidden word in top 5",
    "cost.card.perplexity": "perplexity (lower is better)",
    "cost.card.full": "full model",
    "cost.card.zeros": "weights that are zero",
    "cost.variants_title": "Fidelity against size: every variant measured so far",
    "cost.size_axis": "size (share of the full model)",
    "cost.fidelity_axis": "fidelity (share of the top 5 kept)",
    "cost.no_variants": "No variant measured yet: choose a method and press Compress both.",

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
        "space* with **Ġ**, so it never meets an unknown character (an accented letter may show as two odd symbols: "
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

    # --- encdec helper: compare, learn, comparison/curves figures ---
    # BERT vs GPT tab (demo/ui/compare_tab.py)
    "compare.intro": (
        "**Same sentence, one blank, three models.** BERT reads the words on *both* sides of the blank. GPT reads "
        "left to right, so for the blank it only has the words *before* it. An encoder-decoder (T5, BART) reads the "
        "whole sentence like BERT, then *writes* the answer left to right like GPT, so its answer may be several "
        "words. Write the blank as `___` or `[MASK]`."
    ),
    "compare.text": "Sentence with one blank",
    "compare.examples": "Examples (sentence, other words after the blank)",
    "compare.masked_model": "Masked model (BERT-style)",
    "compare.causal_model": "Causal model (GPT-style)",
    "compare.seq2seq_model": "Encoder-decoder model (T5/BART-style)",
    "compare.top_k": "Candidates per model (top-k)",
    "compare.run": "Compare",
    "compare.see_head": "### What each model can see when it predicts the blank",
    "compare.strip_label": "What each model sees",
    "compare.masked_plot": "BERT: fills the blank from both sides",
    "compare.causal_plot": "GPT: next word after the left side",
    "compare.seq2seq_plot": "Encoder-decoder: reads both sides, writes the answer",
    "compare.seq2seq_note_label": "The encoder-decoder's answer",
    "compare.seq2seq.explain": (
        "**Encoder-decoder (T5, BART).** Its encoder reads the whole sentence, both sides of the blank, like BERT; "
        "its decoder then writes what belongs in the blank one token after another, like GPT. Because it writes, "
        "its answer is not limited to one token: it can fill a blank of several words (try *I ___ to the store "
        "yesterday.*). A bar is the probability of the whole written answer."
    ),
    "compare.ranking": (
        "### GPT judges BERT's words\n"
        "GPT cannot look ahead while predicting, but it can read a *finished* sentence. Each of BERT's candidates is "
        "put in the blank and GPT adds up the log-probability of every token of the sentence: the "
        "**log-likelihood**. Closer to 0 means GPT finds the sentence more natural."
    ),
    "compare.ranking_note_label": "GPT's choice",
    "compare.ranking_label": "BERT's candidates, ranked by GPT",
    "compare.causality": (
        "### Change the words after the blank\n"
        "Keep everything up to the blank, replace what follows, and run BERT and GPT again. BERT's answer should "
        "move; GPT's next-word candidates cannot, because the new words are to the right of where it predicts."
    ),
    "compare.new_right": "New words after the blank",
    "compare.rerun": "Run again with these words",
    "compare.verdict_label": "Verdict",
    "compare.masked_shift": "BERT before and after",
    "compare.causal_shift": "GPT before and after",
    "compare.facts_head": "### How they are built, and the models loaded now",
    "compare.facts_label": "Design, then measured on this server",
    # BERT vs GPT views (demo/viz/comparison.py)
    "compare.col.gpt_rank": "GPT rank",
    "compare.col.bert_rank": "BERT rank",
    "compare.col.candidate": "BERT's candidate",
    "compare.col.bert_prob": "BERT probability",
    "compare.col.gpt_ll": "GPT log-likelihood (nats)",
    "compare.col.sentence": "completed sentence",
    "compare.col.rank": "rank",
    "compare.col.before": "before",
    "compare.col.p_before": "p before",
    "compare.col.after": "after",
    "compare.col.p_after": "p after",
    "compare.col.masked": "BERT-style (masked)",
    "compare.col.causal": "GPT-style (causal)",
    "compare.col.seq2seq": "T5-style (encoder-decoder)",
    "compare.design.architecture": "Architecture",
    "compare.design.architecture.masked": "Transformer encoder, bidirectional",
    "compare.design.architecture.causal": "Transformer decoder, left to right",
    "compare.design.architecture.seq2seq": "encoder (bidirectional) + decoder (left to right)",
    "compare.design.attends": "Each token attends to",
    "compare.design.attends.masked": "every token, both sides",
    "compare.design.attends.causal": "itself and the tokens before it",
    "compare.design.attends.seq2seq": "encoder: every input token; decoder: what it wrote so far and every input token",
    "compare.design.task": "Pre-training task",
    "compare.design.task.masked": "masked LM (+ next-sentence prediction)",
    "compare.design.task.causal": "next-word prediction",
    "compare.design.task.seq2seq": "T5: span corruption (write the hidden spans); BART: denoising (rewrite the text)",
    "compare.design.uses": "Typical uses",
    "compare.design.uses.masked": "classification, named entities, extractive QA",
    "compare.design.uses.causal": "generation, completion, chat",
    "compare.design.uses.seq2seq": "translation, summarisation, other text-to-text tasks",
    "compare.fact.model": "Model",
    "compare.fact.parameters": "Parameters",
    "compare.fact.layers": "Layers",
    "compare.fact.heads": "Attention heads",
    "compare.fact.hidden": "Hidden size",
    "compare.fact.vocab": "Vocabulary",
    "compare.fact.positions": "Max positions",
    "compare.fact.tokenizer": "Tokenizer",
    "compare.fact.device": "Device, dtype",
    "compare.fact.request": "This request",
    "compare.note": "GPT finds the sentence with <b>{word}</b> most likely, {verdict}",
    "compare.note.same": "the same word BERT ranks first: the two models agree.",
    "compare.note.other": "BERT ranks it #{place}; BERT's own favourite is <b>{best}</b>.",
    "compare.strip.masked": "BERT ({model}) sees",
    "compare.strip.causal": "GPT ({model}) sees",
    "compare.strip.seq2seq": "Encoder-decoder ({model}) reads",
    "compare.strip.writes": "→ writes",
    "compare.strip.blank_masked": "the blank BERT fills",
    "compare.strip.blank_causal": "the next word GPT predicts",
    "compare.strip.blank_seq2seq": "the blank its decoder writes, token by token",
    "compare.strip.hidden_title": "GPT cannot see this yet",
    "compare.strip.written_title": "written by the decoder after reading the whole sentence",
    "compare.legend.seen": "seen",
    "compare.legend.seen_text": "what the model reads",
    "compare.legend.blank_text": "the blank it predicts",
    "compare.legend.hidden": "hidden",
    "compare.legend.hidden_text": "not visible",
    "compare.legend.written": "written",
    "compare.legend.written_text": "what the decoder writes, left to right",
    "compare.spans.title": "{model}: answers written for the blank",
    "compare.spans.axis": "probability of the whole written answer",
    "compare.seq2seq.none": ("The encoder-decoder ({model}) cannot run here, so this column is empty; the BERT and "
                             "GPT columns are unaffected."),
    "compare.seq2seq.empty": "{model} wrote no answer in the expected form for this blank.",
    "compare.seq2seq.best": ("Its best answer, “{span}”, is {words} word(s) long: written token by token after "
                             "reading the whole sentence."),
    "compare.verdict.identical": "{name}: identical (same candidates, same order, max difference {diff})",
    "compare.verdict.moved": "{name}: moved ({top}; max difference {diff})",
    "compare.verdict.top": "top candidate {before} → {after}",
    "compare.verdict.changed": "the candidates changed",
    "compare.verdict.reweighted": "same candidates, new probabilities",
    "compare.verdict.blind": ("GPT predicted the blank from the words on its left only, so the new words could not "
                              "reach it."),
    "compare.verdict.left_changed": "GPT's candidates changed: the words left of the blank must have changed too.",
    "compare.verdict.same_tokens": "BERT read exactly the same tokens both times, so it could not move either.",
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
    # --- i18n helper: tabs fill/next/attention, lessons, figures, service errors ---
    # shared by the tabs
    "tabs.masked_model": "Masked model (BERT-style)",
    "tabs.causal_model": "Causal model (GPT-style)",
    "tabs.examples": "Examples",
    # Fill the blank (demo/ui/fill_mask_tab.py, demo/viz/token_html.py)
    "fill.explanation": (
        "**BERT reads the words on both sides of a blank at once** and scores every word it knows\n"
        "for each blank. Write a blank as `[MASK]`, `<mask>` or `___`; a sentence may have several."
    ),
    "fill.text": "Text with blanks",
    "fill.placeholder": "Type a sentence with [MASK] or ___ where a word is missing.",
    "fill.top_k": "Candidates per blank (top-k)",
    "fill.run": "Fill the blanks",
    "fill.sentence": "The sentence with the top candidates",
    "fill.bars": "Probability of each candidate",
    "fill.hint": "blank {n}: {prob}",
    "fill.hint_then": "blank {n}: {prob} (then {others})",
    # Next word (demo/ui/generate_tab.py)
    "next.explanation": (
        "**GPT reads left to right and predicts only the next token**, from the words before it.\n"
        "Writing text is that one step repeated: pick a token, append it, predict again. Try it by hand with\n"
        "the choices under the chart, or let the model generate a continuation below."
    ),
    "next.sampling": (
        "**Greedy** always takes the likeliest token (the same text every time). Otherwise the next token\n"
        "is drawn at random: **temperature** below 1 sharpens the distribution, above 1 flattens it; **top-k** keeps "
        "only\nthe k likeliest tokens (0 = all); **top-p** keeps the smallest set of tokens holding that much "
        "probability.\nA **seed** makes a draw repeatable. Each new token is shaded by how likely the model found it "
        "(hover for the value)."
    ),
    "next.prompt": "Prompt",
    "next.placeholder": "Type the start of a sentence, or pick an example below.",
    "next.top_k": "Candidates shown (top-k)",
    "next.predict": "Predict the next token",
    "next.bars": "Next-token probabilities",
    "next.step": "Step by step: click a token to append it to the prompt and predict again",
    "next.continuation": "Generate a continuation",
    "next.greedy": "Greedy (always the likeliest token)",
    "next.max_new_tokens": "Max new tokens",
    "next.seed": "Seed (empty = random)",
    "next.seed_placeholder": "random",
    "next.temperature": "Temperature",
    "next.sample_top_k": "top-k (0 = off)",
    "next.top_p": "top-p",
    "next.generate": "Generate",
    "next.plain": "Generated text (to copy)",
    # Attention (demo/ui/attention_tab.py, demo/viz/heatmaps.py)
    "attention.explanation": (
        "**How a head attends.** Every token becomes three vectors: a query *Q* (what am I looking for?),\n"
        "a key *K* (what do I offer?) and a value *V* (what do I pass on?). A head scores every query against every "
        "key,\ndivides by √d (the vectors' size, so the softmax does not saturate) and mixes the values with the "
        "resulting\nweights: **Attention(Q, K, V) = softmax(QKᵀ / √d) · V**. Row *i* of a heatmap is that softmax for "
        "token *i*:\nhow much it reads from each token. **BERT** may look both ways, so its map is full. **GPT** must "
        "predict the next\nword without seeing it, so a mask removes every score above the diagonal before the "
        "softmax: its map is a\ntriangle. Every pair of tokens gets a score in every head of every layer, so the cost "
        "grows as **O(n²)** with\nthe length n: twice the text, four times the work."
    ),
    "attention.text": "Text",
    "attention.placeholder": "Type a sentence, or pick an example below.",
    "attention.run": "Show attention",
    "attention.masked_head": "### Masked model: every token sees the whole sentence",
    "attention.causal_head": "### Causal model: every token sees only the past",
    "attention.layer": "Layer",
    "attention.head": "Head",
    "attention.masked_plot": "Masked model, one head",
    "attention.causal_plot": "Causal model, one head",
    "attention.all_heads": "All heads of the chosen layer",
    "attention.masked_grid": "Masked model, all heads",
    "attention.causal_grid": "Causal model, all heads",
    "attention.bertviz": "Interactive views (bertviz): hover a token, click a head",
    "attention.kind_causal": "causal: each token sees only itself and the past",
    "attention.kind_masked": "bidirectional: every token sees all",
    "attention.first_tokens": " (first {shown} of {total} tokens)",
    "attention.head_title": "{model}: layer {layer}, head {head}",
    "attention.weight": "weight",
    "attention.key_axis": "attends to (key)",
    "attention.query_axis": "token (query)",
    "attention.grid_hover": "head {head}: token {query} → {attended}",
    "attention.grid_part": ", first {shown} of {total} tokens",
    "attention.grid_title": "{model}: all {heads} heads of layer {layer}{part}",
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
        "The app ships three tiny models trained by this project, **pocket-bert**, **pocket-gpt** and "
        "**pocket-t5**: a controlled experiment.\nSame size (about 5 M parameters), same text (dictionary "
        "definitions, Jane Austen, the King James Bible, fortune cookies), same number of tokens, same optimizer "
        "and seed;\nonly what separates the three families differs: the objective (masked words, the next word, "
        "hidden spans), the attention mask and the tokenizer\n(their model card: `assets/pocket/README.md`)."
    ),
    "lesson.pieces_one": "{count} piece",
    "lesson.pieces_many": "{count} pieces",
    # service errors (demo/inputs.py, catalog.py, loading.py, faults.py, hub.py, service.py, guess.py, inside/)
    "error.not_string": "Text must be a string, not {kind}.",
    "error.whole_number": "{name} must be a whole number between {low} and {high}.",
    "error.whole_number_got": "{name} must be a whole number between {low} and {high}; got {value}.",
    "error.number": "{name} must be a number between {low} and {high}.",
    "error.number_above": "{name} must be above {low} and at most {high}; got {value:g}.",
    "error.number_at_least": "{name} must be at least {low} and at most {high}; got {value:g}.",
    "error.choice": "Unknown {name}. Choose one of: {choices}.",
    "error.fraction": "{name} must be a fraction above 0 and below 1.",
    "error.fraction_got": "{name} must be a fraction above 0 and below 1; got {value:g}.",
    "error.number_list": "{name} must be a list of whole numbers between {low} and {high}.",
    "error.number_list_count": "{name} may have at most {limit} values; got {count}.",
    "error.words_type": "words must be a list of strings, or one string with commas between the words.",
    "error.guess_count": "At most {limit} guesses at once; got {count}.",
    "error.guess_chars": "A guess must be at most {limit} characters, with no control characters.",
    "error.guess_pieces": "A guess may be at most {limit} pieces long; one is {count}.",
    "error.guess_too_long": "Text and guess are {count} tokens; {model} can handle at most {limit} positions.",
    "error.no_model": "No model given. Choose one of: {choices}.",
    "error.unknown_model": "Unknown model. Choose one of: {choices}.",
    "error.unknown_model_local": ("Unknown model (local model directories are not enabled on this server). "
                                  "Choose one of: {choices}."),
    "error.no_config": "Model directory '{path}' has no config.json: save it with save_pretrained().",
    "error.not_an_lm": "Model in '{path}' is neither a masked nor a causal LM (architectures: {architectures}).",
    "error.not_loaded": ("Model '{model}' is not loaded on this server, which loads its models at start-up. "
                         "Choose one of: {choices}."),
    "error.unserved_family": ("Model '{model}' is a {family} model; this app serves masked, causal and "
                              "encoder-decoder LMs."),
    "error.load_failed_hub": ("Could not load model '{model}': {why}. To fix: choose a bundled pocket model, or run "
                              "once with network access so the weights are cached."),
    "error.load_failed_bundled": ("Could not load model '{model}': {why}. To fix: reinstall the app: the bundled "
                                  "model files are missing or damaged."),
    "error.download_broke": ("Could not load model '{model}': the download of its weights from {endpoint} broke off "
                             "at {done} of {total} MB and did not resume. To fix: try again later, or choose a "
                             "bundled pocket model."),
    "error.out_of_memory": ("The model ran out of memory on this request; try a shorter text. Other requests are "
                            "not affected."),
    "error.device_failed": "The GPU failed on this request (the details were logged); please try again.",
    "error.device_restarting": ("The GPU failed on this request and the server is restarting to recover "
                                "(the details were logged); please try again in a minute."),
    "error.family_fill": "'{model}' is a {family} model and cannot fill blanks; choose one of: {choices}.",
    "error.family_next": "'{model}' is a {family} model and cannot predict the next word; choose one of: {choices}.",
    "error.family_span": "'{model}' is a {family} model and cannot write a blank's span; choose one of: {choices}.",
    "error.family_guess": "'{model}' is a {family} model; guesses are scored by a masked or a causal model.",
    "error.family_inside": "'{model}' is a {family} model; choose a masked or a causal model.",
    "error.family_measure": ("'{model}' is a {family} model; cost and compression are measured for masked and "
                             "causal models."),
    "error.family_param": "family must be '{masked}' or '{causal}'.",
    "error.too_many_tokens": "Text is {count} tokens; {model} can handle at most {limit} positions.",
    "error.too_many_tokens_room": ("Text is {count} tokens plus {room} new tokens; {model} can handle at most "
                                   "{limit} positions."),
    "error.too_many_tokens_filled": ("Text is {count} tokens with the blank filled in; {model} can handle at most "
                                     "{limit} positions."),
    "error.no_embedding": ("Text contains pieces {model} has no embedding for (its tokenizer and weights disagree); "
                           "remove unusual words or characters and try again."),
    "error.method": "method must be one of: {choices}.",
    "error.target_word": "target must be one word (no spaces), at most {limit} characters.",
    "error.target_unknown": ("The target word is not in {model}'s vocabulary; pick another word, or leave the target "
                             "empty for the model's own top word."),
    "error.target_special": "The target must be a word, not a special token.",
    "error.target_pieces": ("The target must be a single piece of {model}'s vocabulary (one blank, one piece); this "
                            "word splits into {count} pieces. Pick a more common word, or leave the target empty for "
                            "the model's own top word."),
    "error.heads_unsupported": ("Removing heads works on BERT, RoBERTa and GPT-2 models; this model's attention is "
                                "built differently. Try another method."),
    "error.no_feed_forward": "No feed-forward matrices found to factorise in this model; try another method.",
    "error.no_twin": "{model} has no distilled twin in the catalog ({pairs}); try another method.",
    "error.int8_cpu": ("int8 dynamic quantization runs on the CPU only; this server's models are on {device}. "
                       "Try fp16 or bf16."),
    "error.fp16_cpu": ("fp16 has no fast arithmetic on a CPU: at {model}'s size one measurement would hold the device "
                       "for minutes. Try bf16 (the same size), or run the app on a GPU."),
    # --- integrator: the message for an unexpected server error (demo/ui/common.py) ---
    "error.unexpected": "Something went wrong on the server (it was logged). Please try again.",
    # --- integrator: start-up and fallback notices (demo/startup.py, demo/service.py) ---
    "notice.pocket_offline": "Using the bundled pocket models because offline mode is set; other models load only if already downloaded.",
    "notice.pocket_unreachable": "Using the bundled pocket models because the model hub cannot be reached; other models load only if already downloaded.",
    "notice.fallback": "Could not load {model}; using the bundled {fallback} instead.",
    # --- integrator: what each compressed variant is (demo/measure/variants.py, compress.py) ---
    "variant.int8": "int8 dynamic quantization of the {count} layer matrices; embeddings and LM head stay float",
    "variant.int8_conv1d": "int8 dynamic quantization of the {count} layer matrices (GPT-2's Conv1D converted to Linear first); embeddings and LM head stay float",
    "variant.cast": "every weight cast to {dtype}",
    "variant.prune": "global L1 magnitude pruning: {share} of the weights of {count} layer matrices set to 0",
    "variant.heads": "{gone} of {total} heads removed, the lowest by ‖W_V slice‖·‖W_O slice‖ (one head kept in every layer)",
    "variant.low_rank": "{count} feed-forward matrices replaced by rank-{kept} factors from their truncated SVD (of rank {full})",
    "variant.distilled": "the catalog's distilled twin {model}",
    # --- integrator: progress lines of the Cost tab (demo/measure/cost.py, verbs.py) ---
    "progress.measuring": "Measuring {model}: batch {batch} × {length} tokens",
    "progress.measured": "Measured {model}",
    "progress.compressing": "Compressing {model}: {method}",
}
