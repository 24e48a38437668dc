"""The app assembles, launches and answers; every tab is reachable in a real browser."""
import pytest
from playwright.sync_api import expect


def test_app_serves_config(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert "named_endpoints" in api


@pytest.mark.browser
def test_every_tab_opens(page):
    for name in ["Fill the blank (BERT)", "Next word (GPT)", "Attention", "BERT vs GPT", "Inside", "How they differ", "Cost & compression"]:
        page.get_by_role("tab", name=name).click()
        expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")


VERBS = {"fill_mask", "next_tokens", "generate", "attention", "compare", "lens", "attribution", "attention_steps",
         "cost", "compress", "score_words"}


def test_every_service_verb_is_a_queued_endpoint_in_one_device_group(app, app_url):
    from demo.ui.app import QUEUE_SIZE

    public = {fn.api_name: fn for fn in app.fns.values() if fn.api_name in VERBS}
    assert set(public) == VERBS
    for fn in public.values():
        assert fn.queue is not False and fn.concurrency_id == "device-cpu"
    assert app._queue.max_size == QUEUE_SIZE  # bounded: past it, people get "the queue is full" at once


def test_the_malloc_arena_cap_applies_on_glibc_and_is_a_no_op_elsewhere():
    import platform

    from demo.startup import limit_malloc_arenas

    assert limit_malloc_arenas() is (platform.libc_ver()[0] == "glibc")
