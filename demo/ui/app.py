"""Assemble the tabs into one Blocks app, and the options to launch it with."""
from __future__ import annotations

import inspect
from pathlib import Path

import gradio as gr
from starlette.middleware import Middleware

from demo.text import in_language

from demo.ui import links
from demo.ui.attention_tab import build_attention_tab
from demo.ui.compare_tab import build_compare_tab
from demo.ui.cost_tab import build_cost_tab
from demo.ui.fill_mask_tab import build_fill_mask_tab
from demo.ui.finetune_tab import build_finetune_tab
from demo.ui.generate_tab import build_generate_tab
from demo.ui.guess import score_words_api
from demo.ui.i18n import page_language, t
from demo.ui.inside_tab import build_inside_tab
from demo.ui.presenter import PRESENTER
from demo.ui.pages import NAMES, PAGES, LanguageRedirect, page_switch
from demo.ui.learn_tab import build_learn_tab
from demo.ui.mcp_tools import register as mcp_tools

ASSETS = Path(__file__).resolve().parents[2] / "assets"
QUEUE_SIZE = 64  # a classroom of 40 fits; beyond it users get Gradio's "queue is full" message at once
# Gradio keeps every session (page load or API client) with a copy of each component's last output
# (figures, bertviz pages) until it holds this many (its default: 10,000); then the least recently
# used goes. A class of 40 reloading its pages six times fits.
SESSIONS_KEPT = 256
# Files a page was sent (downloads) leave Gradio's cache an hour after they were made, checked every
# 10 minutes: a classroom makes one per run, and on a Space /tmp may be memory.
CACHE_KEPT = (600, 3600)


def build_app(service) -> gr.Blocks:
    """English at `/`, Chinese at `/zh`: the same builders, each page's language fixed as it is built.
    The web API (and MCP) is the English page's; the Chinese page's events serve that page only."""
    with gr.Blocks(title="BERT vs GPT", delete_cache=CACHE_KEPT) as app:
        gr.Navbar(visible=False)  # each page links to the other in its own words (page_switch)
        _page(app, service, "en")
        score_words_api(service)
        mcp_tools(app, service)  # DEMO_MCP=1: each verb as a tool answering JSON (data_fill_mask, ...)
    for lang, path in PAGES.items():
        if path:
            with app.route(NAMES[lang], path, show_in_navbar=False):
                _page(app, service, lang)
            _private(app, path)
    app.queue(max_size=QUEUE_SIZE, default_concurrency_limit=service.settings.max_batch)
    return app


def _page(app: gr.Blocks, service, lang: str) -> None:
    links.collect()
    with page_language(lang):
        gr.Markdown(t("app.intro"), elem_id="app-intro")
        gr.HTML(page_switch(lang), elem_id="page-switch", js_on_load=None)
        link_notice = gr.Markdown(visible=False, elem_id="link-notice")
        notice = service.notice if service.default("masked") else ""  # default() finds the notice
        if notice:  # made at start-up in English; a Said knows its key, so each page shows it in its language
            gr.Markdown(f"ℹ️ {in_language(notice, lang)}", elem_id="offline-notice")
        head_choice = gr.State({})  # the Attention tab's {family: [layer, head]}; the Inside tab follows it
        # Gradio moves tabs that do not fit into a "…" menu: assets/style.css sizes them so all fit at 1280 px
        # ("wrap" would, but Gradio 6.31 then leaves aria-selected on the first tab when a link selects another)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(t("tab.fill"), id="fill_mask"):
                _tab(build_fill_mask_tab, service, lang=lang)
            with gr.Tab(t("tab.next"), id="generate"):
                _tab(build_generate_tab, service, lang=lang)
            with gr.Tab(t("tab.attention"), id="attention"):
                _tab(build_attention_tab, service, head_choice, lang=lang)
            with gr.Tab(t("tab.compare"), id="compare"):
                _tab(build_compare_tab, service, lang=lang)
            with gr.Tab(t("tab.inside"), id="inside"):
                _tab(build_inside_tab, service, head_choice, lang=lang)
            with gr.Tab(t("tab.learn"), id="learn"):
                _tab(build_learn_tab, service, lang=lang)
            with gr.Tab(t("tab.tune"), id="tune"):
                _tab(build_finetune_tab, service, lang=lang)
            with gr.Tab(t("tab.cost"), id="cost"):
                _tab(build_cost_tab, service, lang=lang)
        links.restore(app, tabs, link_notice, lang)


def _tab(builder, *args, lang: str) -> None:
    """A builder that takes the page's language gets it; one that does not reads it from `t` and the
    page's events (demo/ui/reader.py)."""
    if "lang" in inspect.signature(builder).parameters:
        builder(*args, lang=lang)
    else:
        builder(*args)


def _private(app: gr.Blocks, path: str) -> None:
    """The page at `path` repeats the English page's events under suffixed names (fill_mask_1, ...):
    they stay callable from that page but out of the API docs, the clients and MCP, so every API name
    is the English page's, as it was."""
    for fn in app.fns.values():
        if fn.page == path:
            fn.api_visibility = "private"


def launch_options(settings=None) -> dict:
    """`settings.mcp` (DEMO_MCP=1) also serves every public endpoint as an MCP tool."""
    theme = gr.themes.Soft(primary_hue="indigo", secondary_hue="amber", text_size="lg")
    # no i18n table and no locale script: each page's text is in its language already (demo/ui/pages.py)
    return {"theme": theme, "css_paths": [ASSETS / "style.css"], "head": PRESENTER,
            "app_kwargs": {"middleware": [Middleware(LanguageRedirect)]},
            "mcp_server": bool(settings is not None and settings.mcp), "state_session_capacity": SESSIONS_KEPT}
