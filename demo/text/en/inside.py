"""English: the Inside tab and what it adds to Attention: logit lens, attribution, Q·K·V steps."""

TEXT: dict[str, str] = {
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
    "inside.steps.hover_dim": "dim %{{x}}: %{{y:.4f}}",
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
    # the bertviz views (demo/viz/bertviz_frame.py) and their download (demo/viz/export.py)
    "bertviz.head_view": "{model}: head view",
    "bertviz.model_view": "{model}: model view (click a cell)",
    "bertviz.layer": "Layer:",
    "bertviz.frame_title": "bertviz attention views for {model}",
    "bertviz.unavailable": ("The interactive bertviz views are unavailable on this server (their JavaScript files are "
                            "not installed); the heatmaps show the same weights."),
    "bertviz.page_title": "Attention (bertviz)",
}
