"""Nothing a person types becomes live HTML, in any view of any tab, in a real browser.

Each payload would set window.__pwned, open a dialog or inject an <img>/<svg> element if it were
rendered as markup; each must instead show up as the literal text that was typed.
"""
import pytest
from playwright.sync_api import expect

from conftest import spelled

MODEL_RUN = 30_000  # ms
PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "</iframe><script>window.__pwned=2</script>",
    "<svg onload=window.__pwned=3>",
]
# tab name, text box, what to type around the payload, button, where the typed text comes back
TABS = [
    ("Fill the blank (BERT)", "#fill-mask-text", "{p} the [MASK] .", "Fill the blanks", "#fill-mask-sentence"),
    ("Next word (GPT)", "#generate-text", "{p} the cat", "Generate", "#generate-output"),
    ("BERT vs GPT", "#compare-text", "the ___ {p}", "Compare", "#compare-strip"),
    ("Attention", "#attention-text", "the cat {p}", "Show attention", "#attention-causal"),
    ("How they differ", "#learn-token-text", "{p}", "Split into tokens", "#learn-tokens-causal"),
]
TOKEN_VIEWS = ("Attention", "How they differ")  # these show the causal model's tokens, not the typed text


def injected(page) -> list[str]:
    """Anything the payloads would have done, in the page and in every frame (bertviz's iframes)."""
    found = []
    for frame in page.frames:
        state = frame.evaluate("""() => ({
            pwned: window.__pwned === undefined ? null : window.__pwned,
            img: document.querySelectorAll('img[src="x"]').length,
            svg: document.querySelectorAll('svg[onload]').length,
            script: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
        })""")
        found += [f"{frame.url[:40]} {key}={value}" for key, value in state.items() if value]
    return found


@pytest.mark.browser
@pytest.mark.parametrize("tab, box, template, button, view", TABS, ids=[t[0] for t in TABS])
def test_typed_markup_stays_text(page, gpt_dir, tab, box, template, button, view):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("tab", name=tab).click()
    if tab == "Next word (GPT)":  # the tiny test model has 64 positions: leave room for the payload
        page.get_by_label("number input for Max new tokens").fill("3")
    for payload in PAYLOADS:
        page.locator(f"{box} textarea").fill(template.format(p=payload))
        page.get_by_role("button", name=button, exact=True).click()
        # the view shows what was typed (or its tokens) as text
        word = "svg" if "svg" in payload else "img" if "img" in payload else "script"
        if tab in TOKEN_VIEWS:  # as the causal model's pieces
            word = spelled(gpt_dir, word)
        expect(page.locator(view)).to_contain_text(word, timeout=MODEL_RUN)
        expect(page.get_by_test_id("toast-body")).to_have_count(0)
        assert injected(page) == [] and dialogs == []
    if tab == "Attention":  # bertviz's views draw the same tokens inside their sandboxed iframes
        expect(page.frame_locator("#bertviz-causal iframe").locator("#bertviz-head")).to_contain_text(
            spelled(gpt_dir, "svg"))
        assert injected(page) == []
