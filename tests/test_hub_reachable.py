"""Whether the hub can be reached is decided the way huggingface_hub connects: its endpoint
(HF_ENDPOINT, e.g. a mirror), its proxy settings, a short timeout. Each case runs in a fresh
process (tests/hub_scenarios.py) against the loopback stand-in (tests/fake_hub.py)."""
import http.server
import socket
import threading

import pytest

from fake_hub import serve_built
from hub_scenarios import run_scenario

WANTED = {"masked": "bert-base-uncased", "causal": "gpt2"}
POCKET = {"masked": "pocket-bert", "causal": "pocket-gpt"}
FELL_BACK = ("The model hub cannot be reached, so the bundled pocket models answer: small models this project "
             "trained from all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run "
             "`python -m demo.prepare` once while online to keep them for offline use.")
PROBES = [("HEAD", "/bert-base-uncased/resolve/main/config.json", None),
          ("HEAD", "/gpt2/resolve/main/config.json", None), ("HEAD", "/gpt2/resolve/main/config.json", None)]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    with serve_built(tmp_path_factory.mktemp("hub-models")) as served:
        yield served


@pytest.fixture(autouse=True)
def fresh_log(hub):
    hub.requests.clear()
    hub.proxied = 0


def resolves(hub) -> list:
    """The file requests (huggingface_hub also fetches /api/agent-harnesses once a day)."""
    return [r for r in hub.requests if "/resolve/" in r[1]]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_mirror_named_by_hf_endpoint_is_reachable_and_the_hub_models_are_the_defaults(hub, tmp_path):
    out = run_scenario("reachability", HF_ENDPOINT=hub.url, HF_HOME=str(tmp_path))
    assert out == {"reachable": True, "defaults": WANTED, "notice": "", "hub_ok": True}
    assert resolves(hub) == PROBES  # one HEAD per default model's config.json, as a download starts


def test_a_hub_behind_a_proxy_is_reachable_through_the_proxy(hub, tmp_path):
    # the endpoint's name resolves nowhere (.invalid): only the proxy can reach it
    out = run_scenario("reachability", HF_ENDPOINT="http://hub.invalid", HTTP_PROXY=hub.url, HTTPS_PROXY=hub.url,
                       HF_HOME=str(tmp_path))
    assert out == {"reachable": True, "defaults": WANTED, "notice": "", "hub_ok": True}
    assert resolves(hub) == PROBES and hub.proxied == len(hub.requests)  # every one through the proxy


def test_without_the_proxy_the_same_endpoint_is_not_reachable(tmp_path):
    out = run_scenario("reachability", HF_ENDPOINT="http://hub.invalid", HF_HOME=str(tmp_path))
    assert out == {"reachable": False, "defaults": POCKET, "notice": FELL_BACK, "hub_ok": False}


def test_nothing_listening_means_unreachable_and_the_pocket_models_with_one_notice(tmp_path):
    out = run_scenario("reachability", HF_ENDPOINT=f"http://127.0.0.1:{closed_port()}", HF_HOME=str(tmp_path))
    assert out == {"reachable": False, "defaults": POCKET, "notice": FELL_BACK, "hub_ok": False}


def test_a_server_that_is_not_a_hub_does_not_count(tmp_path):
    """A captive portal or a misconfigured mirror answers 200 without X-Repo-Commit."""
    class Portal(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self):
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        out = run_scenario("reachability", HF_ENDPOINT=f"http://127.0.0.1:{server.server_port}",
                           HF_HOME=str(tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    assert out == {"reachable": False, "defaults": POCKET, "notice": FELL_BACK, "hub_ok": False}


def test_offline_mode_never_asks_the_hub(hub, tmp_path):
    out = run_scenario("reachability", HF_ENDPOINT=hub.url, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path))
    assert (out["reachable"], out["defaults"], out["hub_ok"]) == (False, POCKET, False)
    assert out["notice"] == ("Offline mode is set, so the bundled pocket models answer: small models this project trained from "
                             "all-MiniLM-L6-v2 (23 M parameters each). bert-base-uncased and gpt2 answer better: run "
                             "`python -m demo.prepare` once while online to keep them for offline use.")
    assert hub.requests == []
