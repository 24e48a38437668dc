"""DEMO_MCP=1: the app also serves its verbs as MCP tools (Gradio's mcp_server), off by default."""
import httpx
import pytest

from demo.settings import Settings
from demo.ui.app import build_app, launch_options

VERBS = {"fill_mask", "next_tokens", "generate", "attention", "compare", "score_words"}


def test_mcp_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DEMO_MCP", raising=False)
    assert launch_options(Settings.from_env())["mcp_server"] is False
    monkeypatch.setenv("DEMO_MCP", "1")
    assert launch_options(Settings.from_env())["mcp_server"] is True


@pytest.fixture
def mcp_url(web_service):
    app = build_app(web_service)
    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=None, quiet=True,
                           **launch_options(Settings(mcp=True)))
    try:
        yield url.rstrip("/")
    finally:
        app.close()


def test_the_mcp_server_lists_the_service_verbs_as_tools(mcp_url):
    tools = httpx.get(f"{mcp_url}/gradio_api/mcp/schema", timeout=30).json()
    names = {tool["name"] for tool in tools}
    assert VERBS <= names, names
    score = next(tool for tool in tools if tool["name"] == "score_words")
    assert {"model", "text", "words"} <= set(score["inputSchema"]["properties"])
    assert "product of its pieces' probabilities" in score["description"]
