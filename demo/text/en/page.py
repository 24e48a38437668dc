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
    "page.switch": "🌐 Also in {link}",
    "page.other_language": "中文 (Chinese)",
    # -- loading and downloading models (hub branch) --------------------------------------
    "loading.models": "Loading {names} (first use only; then it is reused by everyone)",
    "loading.download": "Downloading {model}: {done} of {total} MB (first use only)",

    # -- start-up and fallback notices (demo/startup.py, demo/service.py) --
    "notice.pocket_offline": "Offline mode is set, so the bundled pocket models answer: small models this project trained from all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run `python -m demo.prepare` once while online to keep them for offline use.",
    "notice.pocket_unreachable": "The model hub cannot be reached, so the bundled pocket models answer: small models this project trained from all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run `python -m demo.prepare` once while online to keep them for offline use.",
    "notice.fallback": "Could not load {model}; using the bundled {fallback} instead.",
}
