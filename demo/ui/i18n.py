"""The page's language, fixed when the page is built: one page per language (`/` English, `/zh` Chinese).

`build_app` builds each page inside `page_language(lang)`; a label made meanwhile with `t(key)` is the
plain text in that language, so Gradio sends it as it is and the page reads in one language from its
first paint (no switch after load, no script in the browser).
"""
from __future__ import annotations

from contextlib import contextmanager

from demo.text import language, say

_building = "en"  # the language of the page being built; English outside build_app


@contextmanager
def page_language(lang: str):
    """Labels made inside this block are in `lang` ('en' or 'zh')."""
    global _building
    before, _building = _building, language(lang)
    try:
        yield _building
    finally:
        _building = before


def building() -> str:
    """The language of the page being built (for a builder that keeps it for its events)."""
    return _building


def t(key: str, lang: str | None = None) -> str:
    """A label, button or Markdown value in `lang`, by default the language of the page being built."""
    return say(key, lang or _building)
