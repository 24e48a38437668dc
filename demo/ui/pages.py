"""One page per language: English at `/`, Chinese at `/zh` (Gradio's `Blocks.route`).

A link's `?lang=zh` on `/`, or a browser whose first language is Chinese, is sent to `/zh` by the server
(an HTTP redirect, before any page is drawn), with the rest of the link's query kept: `?tab=compare&...`
opens the same tab there. `?lang=en` keeps a Chinese browser on `/`, and on `/zh` leads back to `/`.
"""
from __future__ import annotations

import html
from urllib.parse import parse_qsl, urlencode

from demo.text import language, say

PAGES = {"en": "", "zh": "zh"}  # language -> the page's path under the app's root
NAMES = {"en": "English", "zh": "中文"}  # each language by its own name (the switch between pages)


def language_of_path(path: str) -> str:
    """The language of the page at `path` ('/zh', '/zh/', '/some/prefix/zh' -> 'zh'; else 'en')."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return next((lang for lang, page in PAGES.items() if page and page == last), "en")


def wanted(page_lang: str, query: str, accept_language: str) -> tuple[str, str] | None:
    """(the language whose page the reader should see, the query to take there), or None to stay.

    `?lang=` decides when it names a known language; without it, a browser's first language moves a
    reader from the English page (the default page) to its own, never back."""
    pairs = parse_qsl(query, keep_blank_values=True)
    asked = next((value for key, value in pairs if key == "lang"), None)
    if asked is not None and language(asked) == str(asked).strip().lower().replace("_", "-").split("-")[0]:
        target = language(asked)
    elif asked is None and page_lang == "en":
        target = language(accept_language.split(",")[0].split(";")[0])
    else:
        return None
    if target == page_lang:
        return None
    # lang=zh is what /zh is; lang=en stays, so a Chinese browser is not sent back to /zh from /
    kept = [(key, value) for key, value in pairs if not (key == "lang" and target != "en")]
    return target, urlencode(kept)


class LanguageRedirect:
    """ASGI middleware: a GET of a language's page that asks for another language is answered with a
    302 to that language's page (a relative address, so it holds behind a proxy's path prefix)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"]
            root = scope.get("root_path", "")
            here = path[len(root):] if root and path.startswith(root) else path
            page = here.strip("/")
            if page in PAGES.values():
                headers = dict(scope.get("headers") or [])
                move = wanted(language_of_path("/" + page), scope.get("query_string", b"").decode("latin-1"),
                              headers.get(b"accept-language", b"").decode("latin-1"))
                if move is not None:
                    await _redirect(send, _address(page, move, path.endswith("/")))
                    return
        await self.app(scope, receive, send)


def _address(page: str, move: tuple[str, str], slash: bool) -> str:
    """Relative to the address asked for: from "/" to "zh", from "/zh" back to "./" (from "/zh/": "../")."""
    target, query = move
    up = "" if page == "" else ("../" if slash else "./")
    where = (up + PAGES[target]) or "./"
    return where + ("?" + query if query else "")


async def _redirect(send, location: str) -> None:
    await send({"type": "http.response.start", "status": 302,
                "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0"),
                            (b"cache-control", b"no-store"), (b"vary", b"accept-language")]})
    await send({"type": "http.response.body", "body": b""})


def page_switch(lang: str) -> str:
    """HTML linking this language's page to the other's, in the same browser tab (a Markdown link would
    open a new one); relative, as the redirect."""
    other = next(code for code in PAGES if code != lang)
    # from "/" to "zh"; from "/zh" to "./?lang=en" (the lang keeps a Chinese browser on the English page)
    href = PAGES[other] if lang == "en" else "./?lang=" + other
    link = f'<a href="{html.escape(href)}" hreflang="{other}">{html.escape(say("page.other_language", lang))}</a>'
    return say("page.switch", lang, link=link)
