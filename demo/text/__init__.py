"""Every user-facing string, looked up by key: one package per language (en/, zh/), and in each one
module per part of the app (page, tabs, inside, compare, learn, cost, classroom, errors).

Each language has its own page (`/`, `/zh`), built with its language fixed: tabs call `demo.ui.i18n.t(key)`
while their page is built, views and messages call `say(key, lang)`. A key missing from a translation falls back to
English, so a new view never shows a bare key; `tests/test_i18n_coverage.py` fails on any key not in both.
"""
from __future__ import annotations

from demo.text import en, zh

LANGUAGES = {"en": en.TEXT, "zh": zh.TEXT}


def language(value: object) -> str:
    """'zh', 'zh-CN', 'zh_Hans' -> 'zh'; anything unknown -> 'en'."""
    code = str(value or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else "en"


def say(key: str, lang: str = "en", **values: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled in."""
    table = LANGUAGES.get(language(lang), en.TEXT)
    return table.get(key, en.TEXT[key]).format(**values)


class Said(str):
    """An English sentence that remembers its key and values, so a page can show it in its reader's
    language later (a start-up notice is made before any reader arrives)."""

    def __new__(cls, key: str, **values: object):
        said = super().__new__(cls, say(key, "en", **values))
        said.key, said.values = key, values
        return said

    def to(self, lang: str) -> str:
        return say(self.key, lang, **self.values)

    def __reduce__(self):  # copies and pickles (gr.State) rebuild it from its key, not from the English
        return _said, (self.key, self.values)


def _said(key: str, values: dict) -> Said:
    return Said(key, **values)


def in_language(text: str, lang: str) -> str:
    """`text` in `lang` when it remembers its key (a Said), else as it is."""
    return text.to(lang) if isinstance(text, Said) else text
