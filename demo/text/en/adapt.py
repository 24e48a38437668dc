"""English: the Fine-tune tab (probe, fine-tune, next sentence), the sampling picture, its errors and lesson."""

TEXT: dict[str, str] = {
    # -- the Fine-tune tab (demo/ui/finetune_tab.py) -----------------------------------------
    "tab.tune": "Fine-tune",
    "tune.intro": (
        "## Pre-train, then fine-tune\n"
        "BERT and GPT are pre-trained once, on raw text, then put to work. Two ways: keep the model **frozen** and "
        "train a small classifier on its hidden states (*feature-based*, as ELMo was used), or **fine-tune** the "
        "whole model with a small head on top (as BERT and GPT were). Both are live here, on the loaded models, "
        "with a set of everyday sentences written for this app: each pair starts with the same words and ends "
        "well or badly, so only a token that has read to the end can tell which."
    ),
    "tune.task": "Sentences",
    "tune.own": "Your own sentences",
    "tune.own_label": "One per line: the label, a tab, the sentence (at least 4 per label; they replace the set above)",
    "tune.own_placeholder": "positive\tWhat a lovely morning.\nnegative\tWhat an awful morning.",
    "tune.probe": "Probe both",
    "tune.probe_lesson": (
        "### 1 · What does each token know? (frozen probe)\n"
        "A logistic regression learns the label from one vector per sentence: the **first** token's, the **last** "
        "token's, or the **mean** of all tokens, and is scored on sentences it never saw. In BERT every token "
        "attends to the whole sentence, so even its first token ([CLS]) knows how the sentence ends. In GPT token "
        "*t* sees only tokens 0..*t*: its first token has read one word, so its probe is at chance, and only its "
        "last token has read it all."
    ),
    "tune.tune_lesson": (
        "### 2 · Fine-tune the whole model\n"
        "A copy of the model and a new head (one layer) train on the same sentences for a few seconds; BERT's "
        "head reads [CLS], GPT's the last token. The bars compare held-out accuracy before (untrained head), with "
        "the frozen features' probe, and after fine-tuning. One fine-tune runs at a time on this server (others "
        "wait their turn); your copy is yours alone and is forgotten 10 minutes after its last use."
    ),
    "tune.model": "Model to fine-tune",
    "tune.seconds": "Seconds of training",
    "tune.run": "Fine-tune",
    "tune.stop": "Stop",
    "tune.try_text": "A new sentence for your fine-tuned copy",
    "tune.try_placeholder": "The new cafe downstairs is wonderful.",
    "tune.classify": "Classify",
    "tune.label": "Your fine-tuned copy says",
    "tune.nsp_lesson": (
        "### 3 · Does B follow A? (BERT's second pre-training task)\n"
        "BERT was also pre-trained on next-sentence prediction (NSP): is B the sentence after A, or a random one? "
        "ALBERT replaced it with sentence-order prediction (SOP): are A and B in their order or swapped? GPT has no "
        "such head, so it is asked its own way: how much likelier B is after A than alone (nats). NSP needs a "
        "checkpoint with that head (bert-base-uncased has one); a masked model saved without it is refused."
    ),
    "tune.nsp_model": "Model",
    "tune.first": "Sentence A",
    "tune.second": "Sentence B",
    "tune.swap": "Swap A and B",
    "tune.judge": "Does B follow A?",
    # -- views (demo/viz/adapt.py) --------------------------------------------------------------
    "adapt.class.positive": "positive",
    "adapt.class.negative": "negative",
    "adapt.pool.first": "first token",
    "adapt.pool.last": "last token",
    "adapt.pool.mean": "mean of tokens",
    "adapt.chance": "chance {value}",
    "adapt.probe_title": "{model}: frozen probe, held-out accuracy",
    "adapt.layers_title": "By layer (0 = embeddings)",
    "adapt.layer": "layer",
    "adapt.points_title": "The sentences in 2-D (PCA of the last layer), coloured by label",
    "adapt.probe_summary": (
        "**{model}**: first token “{first}” {first_acc}, last token “{last}” {last_acc}, mean {mean_acc} "
        "(chance {chance}; {held} of {count} sentences held out)."
    ),
    "adapt.loss_title": "{model}: training loss",
    "adapt.step": "step",
    "adapt.loss": "cross-entropy (nats)",
    "adapt.before": "before (untrained head)",
    "adapt.frozen": "frozen features + probe",
    "adapt.after": "fine-tuned",
    "adapt.tune_title": "Held-out accuracy",
    "adapt.tune_summary": (
        "**{model}** fine-tuned for {seconds} s: {steps} steps of {batch} sentences ({train} to learn from, "
        "{test} held out), head on the {pool}. Held-out accuracy {before} → **{after}**; the frozen probe on the "
        "same token: {probe}."
    ),
    "adapt.tune_stopped": (
        "**{model}**: stopped after {seconds} s ({steps} steps of {batch}). Held-out accuracy {before} → "
        "**{after}**; the frozen probe on the {pool}: {probe}."
    ),
    "adapt.waited": "(It waited {seconds} s for another page's fine-tune to finish.)",
    "adapt.nsp": "**{model}** (next-sentence head): B follows A with probability **{prob}**.\n\nA: {first}\n\nB: {second}",
    "adapt.sop": ("**{model}** (sentence-order head): A then B is the right order with probability **{prob}**."
                  "\n\nA: {first}\n\nB: {second}"),
    "adapt.causal_helps": (
        "**{model}**: B is **{diff} nats** likelier after A than alone (×{ratio}): log p(B | A) = {with_first}, "
        "log p(B) = {alone}. A prepares B.\n\nA: {first}\n\nB: {second}"
    ),
    "adapt.causal_not": (
        "**{model}**: B is **{diff} nats** after A against alone (×{ratio}): log p(B | A) = {with_first}, "
        "log p(B) = {alone}. A does not make B likelier.\n\nA: {first}\n\nB: {second}"
    ),
    "adapt.sampling_title": "{model}: what each knob does before a token is drawn",
    "adapt.step.model": "the model's own distribution",
    "adapt.step.temperature": "after temperature {setting} (all {kept} tokens still possible)",
    "adapt.step.top_k": "after top-k {setting}: {kept} tokens left, {mass} of the model's probability, renormalised",
    "adapt.step.top_p": "after top-p {setting}: {kept} tokens left, {mass} of the model's probability, renormalised",
    # -- the Next word tab's sampling picture, Fill the blank's click-to-mask --------------------
    "next.warpers": "Show what the knobs do",
    "next.warpers_note": ("Before a token is drawn, transformers applies temperature, then top-k, then top-p to the "
                          "distribution and renormalises it. The picture follows the sliders."),
    "fill.click_words": "Or click a word of your sentence to hide it:",
    # -- How they differ: the use-cases lesson ------------------------------------------------
    "lesson.use_cases": (
        "## Which family for which job\n"
        "| job | usually | why |\n|---|---|---|\n"
        "| classification (sentiment, topic, spam) | BERT-style | every token, [CLS] included, has read the whole "
        "text in both directions |\n"
        "| question answering on a passage (find the span) | BERT-style | a start and an end are picked among tokens "
        "that each see the question and the passage |\n"
        "| writing, chat, code completion | GPT-style | trained to write the next token; each new token is read back |\n"
        "| translation, summaries | encoder-decoder (T5, BART) or a large GPT | one side reads the whole source, the "
        "other writes |\n\n"
        "Press **Measure** to see it on the loaded models: a probe on the frozen first token and last token "
        "(see the Fine-tune tab)."
    ),
    "lesson.use_cases_measure": "Measure",
    # -- errors and progress (demo/adapt) ----------------------------------------------------
    "error.labelled_line": "Line {line} is not 'label<TAB>text': write the label, a tab, then the sentence.",
    "error.labelled_lists": "texts and labels must be two lists of the same length (or texts: 'label<TAB>text' lines).",
    "error.labelled_many": "At most {limit} labelled sentences; got {count}.",
    "error.labelled_classes": "Give 2 to {most} labels with at least {least} sentences each; found {found}.",
    "error.family_adapt": "'{model}' is a {family} model; probes, fine-tuning and next sentence need a masked or a causal model.",
    "error.tune_too_big": (
        "'{model}' has {count} M parameters: too big to fine-tune on this server ({device}) within {seconds} seconds; "
        "the limit is {limit} M parameters. Choose a smaller model, such as a pocket model or distilbert-base-uncased."
    ),
    "error.not_tuned": ("No fine-tuned copy of '{model}' on this page: press Fine-tune first (a copy is forgotten "
                        "{minutes} minutes after its last use)."),
    "error.tune_stopped_waiting": "Stopped while waiting for another page's fine-tune to finish.",
    "error.no_pair_head": ("'{model}' has no next-sentence (NSP) or sentence-order (SOP) head in its checkpoint; "
                           "choose bert-base-uncased, albert-base-v2 or a causal model."),
    "error.no_start_token": "'{model}' has no start token to read the second sentence after; choose another model.",
    "progress.tune_queued": "Another page is fine-tuning: yours starts when it ends…",
    "progress.tuning": "Fine-tuning {model} for {seconds} s…",
}
