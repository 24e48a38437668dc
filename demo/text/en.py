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
    "guess.rank": "{rank} of {total:,}",
    "guess.top": "{rank} of {total:,}: the model's top choice!",
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
}
