"""English: the BERT vs GPT tab and its views."""

TEXT: dict[str, str] = {
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
        "yesterday.*). A bar is the probability of the whole written answer.\n\n"
        "Offline, the bundled **pocket-t5** does this in *one* stack, as GLM does: the sentence with its blank is read "
        "both ways, and the blank's words are written after it, left to right; an attention mask, not a second "
        "stack, keeps the two parts apart."
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
    "compare.design.architecture.seq2seq_glm": "one stack doing an encoder-decoder's work (GLM): the text read "
                                               "both ways, the blank's words written after it, left to right",
    "compare.design.attends.seq2seq_glm": "the text: all of the text; a written word: the text and the words "
                                          "written before it",
    "compare.design.task.seq2seq_glm": "blank infilling (GLM): hidden spans of whole words, each written after its blank",
    "compare.design.uses.seq2seq_glm": "filling blanks of any length; GLM: also generation and understanding in one model",
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
}
