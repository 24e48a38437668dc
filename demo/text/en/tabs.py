"""English: the Fill the blank, Next word and Attention tabs."""

TEXT: dict[str, str] = {
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
}
