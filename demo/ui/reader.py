"""Which language an event answers in: the language of the page it came from.

Each language has its own page (demo/ui/pages.py: `/` English, `/zh` Chinese), so the page decides,
not the browser. A builder that knows its page's language passes it on; for the events that do not,
the page is the request's Referer (the browser sends the page's address with each event it posts),
and a `?lang=` in the page's link still wins. An API client without a page gets English.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from demo.text import language
from demo.ui.pages import language_of_path


def reader_language(request) -> str:
    """'zh' or 'en' for this event: the link's ?lang= if it names a known language, else the page's."""
    if request is None:
        return "en"
    try:
        asked = dict(request.query_params).get("lang")
        if asked and language(asked) == str(asked).lower().split("-")[0]:
            return language(asked)
        referer = dict(request.headers).get("referer", "")
    except AttributeError:  # an API call without a page
        return "en"
    return language_of_path(urlsplit(referer).path) if referer else "en"
