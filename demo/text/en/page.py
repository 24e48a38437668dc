"""English: the page, its tabs, loading notices and start-up notices."""

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

    # -- start-up and fallback notices (demo/startup.py, demo/service.py) --
    "notice.pocket_offline": "Using the bundled pocket models because offline mode is set; other models load only if already downloaded.",
    "notice.pocket_unreachable": "Using the bundled pocket models because the model hub cannot be reached; other models load only if already downloaded.",
    "notice.fallback": "Could not load {model}; using the bundled {fallback} instead.",
}
