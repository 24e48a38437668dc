"""A child process for tests/test_mcp.py: the web app on the test models with DEMO_MCP's setting on, so the
official MCP client talks to a real server over streamable HTTP, as an agent would.

Usage: python tests/mcp_server.py BERT_DIR GPT_DIR; prints "URL <url>" when it serves.
"""
import logging
import sys
import time

from conftest import make_web_service
from demo.ui.app import build_app, launch_options

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    service = make_web_service(sys.argv[1], sys.argv[2], mcp=True)
    app = build_app(service)
    _, url, _ = app.launch(prevent_thread_lock=True, server_name="127.0.0.1", quiet=True,
                           **launch_options(service.settings))
    print("URL", url, flush=True)
    deadline = time.monotonic() + 900  # the parent ends it sooner; never outlive a stuck test
    while time.monotonic() < deadline:
        time.sleep(0.5)
