"""The app assembles, launches and answers; every tab is reachable in a real browser."""
import pytest
from playwright.sync_api import expect


def test_app_serves_config(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert "named_endpoints" in api


@pytest.mark.browser
def test_every_tab_opens(page):
    for name in ["Fill the blank (BERT)", "Next word (GPT)", "Attention", "BERT vs GPT", "How they differ"]:
        page.get_by_role("tab", name=name).click()
        expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
