"""English: the Cost & compression tab, its variants and progress lines."""

TEXT: dict[str, str] = {
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
    "cost.fit_no_n2": ("The fit's n² term is negative at these lengths (noise, not cheaper attention): its curve is "
                       "held at 0 ms. Measure longer lengths to see it."),
    "cost.fit_clipped": "Below 0 ms the fit is clipped: no run takes less than nothing.",
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
    "cost.skipped_point": "batch {batch} × {length} tokens (about {predicted} s; {left} s of the {budget} s budget left)",
    "cost.measure_cuda": "the CUDA allocator's peak during the forward, above what was allocated before (the weights)",
    "cost.measure_tensors": ("the peak of live tensor bytes allocated during the forward (every aten op's outputs, "
                             "followed until freed; kernel scratch space not included), above the weights"),
    # Plotly hover templates: %{{x}} is Plotly's, written with doubled braces for str.format
    "cost.hover_latency": "n = %{{x}}: %{{y:.1f}} ms",
    "cost.hover_share": "n = %{{x:.0f}}: %{{y:.1f}}%",
    "cost.hover_variant": "%{{text}}: %{{x:.0f}}% size, %{{y:.0f}}% fidelity",
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

    # -- what each compressed variant is (demo/measure/variants.py, compress.py) --
    "variant.int8": "int8 dynamic quantization of the {count} layer matrices; embeddings and LM head stay float",
    "variant.int8_conv1d": "int8 dynamic quantization of the {count} layer matrices (GPT-2's Conv1D converted to Linear first); embeddings and LM head stay float",
    "variant.cast": "every weight cast to {dtype}",
    "variant.prune": "global L1 magnitude pruning: {share} of the weights of {count} layer matrices set to 0",
    "variant.heads": "{gone} of {total} heads removed, the lowest by ‖W_V slice‖·‖W_O slice‖ (one head kept in every layer)",
    "variant.low_rank": "{count} feed-forward matrices replaced by rank-{kept} factors from their truncated SVD (of rank {full})",
    "variant.distilled": "the catalog's distilled twin {model}",
    # -- progress lines of the Cost tab (demo/measure/cost.py, verbs.py) --
    "progress.measuring": "Measuring {model}: batch {batch} × {length} tokens",
    "progress.measured": "Measured {model}",
    "progress.compressing": "Compressing {model}: {method}",
}
