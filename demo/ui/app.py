"""Assemble the tabs into one Blocks app, and the options to launch it with."""
from __future__ import annotations

from pathlib import Path

import gradio as gr

from demo.ui import links
from demo.ui.attention_tab import build_attention_tab
from demo.ui.compare_tab import build_compare_tab
from demo.ui.cost_tab import build_cost_tab
from demo.ui.fill_mask_tab import build_fill_mask_tab
from demo.ui.generate_tab import build_generate_tab
from demo.ui.guess import score_words_api
from demo.ui.i18n import I18N, t
from demo.ui.inside_tab import build_inside_tab
from demo.ui.presenter import PRESENTER
from demo.ui.reader import FORCE_LANGUAGE, reader_language
from demo.ui.learn_tab import build_learn_tab

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
    links.collect()
    with gr.Blocks(title="BERT vs GPT", delete_cache=CACHE_KEPT) as app:
        gr.Markdown(t("app.intro"))
        link_notice = gr.Markdown(visible=False, elem_id="link-notice")
        notice = service.notice if service.default("masked") else ""  # default() finds the notice
        if notice:
            shown = gr.Markdown(f"ℹ️ {notice}", elem_id="offline-notice")
            if hasattr(notice, "to"):  # made at start-up, in English: each page gets it in its reader's language
                def translated(request: gr.Request) -> str:
                    return f"ℹ️ {notice.to(reader_language(request))}"

                app.load(translated, None, shown, api_visibility="private", queue=False)
        head_choice = gr.State({})  # the Attention tab's {family: [layer, head]}; the Inside tab follows it
        with gr.Tabs() as tabs:
            with gr.Tab(t("tab.fill"), id="fill_mask"):
                build_fill_mask_tab(service)
            with gr.Tab(t("tab.next"), id="generate"):
                build_generate_tab(service)
            with gr.Tab(t("tab.attention"), id="attention"):
                build_attention_tab(service, head_choice)
            with gr.Tab(t("tab.compare"), id="compare"):
                build_compare_tab(service)
            with gr.Tab(t("tab.inside"), id="inside"):
                build_inside_tab(service, head_choice)
            with gr.Tab(t("tab.learn"), id="learn"):
                build_learn_tab(service)
            with gr.Tab(t("tab.cost"), id="cost"):
                build_cost_tab(service)
        score_words_api(service)
        links.restore(app, tabs, link_notice)
    app.queue(max_size=QUEUE_SIZE, default_concurrency_limit=service.settings.max_batch)
    return app


def launch_options(settings=None) -> dict:
    """`settings.mcp` (DEMO_MCP=1) also serves every public endpoint as an MCP tool."""
    theme = gr.themes.Soft(primary_hue="indigo", secondary_hue="amber", text_size="lg")
    return {"theme": theme, "css_paths": [ASSETS / "style.css"], "i18n": I18N, "head": FORCE_LANGUAGE + PRESENTER,
            "mcp_server": bool(settings is not None and settings.mcp), "state_session_capacity": SESSIONS_KEPT}
