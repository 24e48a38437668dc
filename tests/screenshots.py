"""Retake the README's screenshots: the app on the bundled pocket models, each tab after a run.

Run: python tests/screenshots.py   (needs Debian's chromium; writes assets/screenshots/*.png)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from demo.service import InferenceService  # noqa: E402
from demo.settings import Settings  # noqa: E402
from demo.ui.app import build_app, launch_options  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "assets" / "screenshots"
WAIT = 60_000
# tab, text box, text, button, what appears when the run is done
RUNS = [
    ("fill_mask", "Fill the blank (BERT)", "#fill-mask-text", "she drank a glass of [MASK] before going to [MASK] .",
     "Fill the blanks", "#fill-mask-bars .bars path"),
    ("generate", "Next word (GPT)", "#generate-text", "the children went to the", "Generate", "#generate-output span"),
    ("attention", "Attention", "#attention-text", "the dog ran to the park because it was happy .", "Show attention",
     "#attention-causal .hm image, #attention-causal .heatmaplayer image"),
    ("compare", "BERT vs GPT", "#compare-text", "the doctor told the ___ to rest because she was sick .", "Compare",
     "#compare-causal-plot .bars path"),
    ("inside", "Inside", "#inside-text", "the children played in the ___ all day .", "Look inside both models",
     "#inside-steps-causal .barlayer .point"),
    ("learn", "How they differ", "#learn-token-text", "unbelievably playful", "Split into tokens",
     "#learn-tokens-causal .learn-chip"),
]


def cost_tab(page) -> None:
    """The Cost & compression tab: both models measured, then pruned at 50%, then int8 on top."""
    page.get_by_role("tab", name="Cost & compression").click()
    page.get_by_role("button", name="Measure", exact=True).click()
    expect(page.locator("#cost-causal-memory .scatterlayer .trace").first).to_be_attached(timeout=WAIT)
    for method in ("prune", "int8"):
        page.locator("#cost-method input").click()
        page.get_by_role("option", name=method, exact=True).click()
        page.get_by_role("button", name="Compress both").click()
        expect(page.locator("#cost-causal-card")).to_contain_text(method, timeout=WAIT)
    # both models × both methods on the chart, and nothing still pending (Gradio fades pending outputs)
    expect(page.locator("#cost-variants .scatterlayer .point")).to_have_count(4, timeout=WAIT)
    expect(page.locator(".pending")).to_have_count(0, timeout=WAIT)
    page.wait_for_timeout(1500)
    page.screenshot(path=OUT / "cost.png", full_page=True)
    print("wrote", OUT / "cost.png")


def main() -> None:
    service = InferenceService(Settings(offline=True)).web_only()
    app = build_app(service)
    _, url, _ = app.launch(prevent_thread_lock=True, quiet=True, **launch_options())
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            only = set(sys.argv[1:])  # e.g. `python tests/screenshots.py inside`: retake just these
            for name, tab, box, text, button, done in RUNS:
                if only and name not in only:
                    continue
                page.get_by_role("tab", name=tab).click()
                page.locator(f"{box} textarea").fill(text)
                if name == "generate":  # the next-token chart first, then a generation below it
                    page.get_by_role("button", name="Predict the next token").click()
                    expect(page.locator("#generate-bars .bars path").first).to_be_attached(timeout=WAIT)
                page.get_by_role("button", name=button, exact=True).click()
                expect(page.locator(done).first).to_be_attached(timeout=WAIT)
                page.wait_for_timeout(1500)  # a screenshot script, not a test: let the charts settle
                page.screenshot(path=OUT / f"{name}.png", full_page=True)
                print("wrote", OUT / f"{name}.png")
            cost_tab(page)
            browser.close()
    finally:
        app.close()


if __name__ == "__main__":
    main()
