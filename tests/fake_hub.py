"""A loopback stand-in for the Hugging Face hub, serving models built here (tests only).

It answers the requests huggingface_hub 1.x/2.x makes for `hf_hub_download` / `from_pretrained`
(see huggingface_hub/file_download.py: `get_hf_file_metadata` and `http_get`):

- HEAD/GET `/{repo}/resolve/{revision}/{filename}` with `X-Repo-Commit` (the commit, 40 hex),
  `ETag` (the file's sha256, quoted, as the hub gives for weights), `Content-Length` and
  `Accept-Ranges`; GET honours `Range: bytes=N-` with a 206 and `Content-Range`, which is how
  `http_get` resumes after a dropped connection.
- Missing files: 404 with `X-Error-Code: EntryNotFound` (cached as "does not exist"); unknown
  repos: 404 with `X-Error-Code: RepoNotFound`.
- Forward-proxy requests (`GET http://host/path`, the absolute form a client sends to an HTTP
  proxy) are answered too, and counted in `proxied`: tests point HTTP(S)_PROXY here.

Faults: `drop("repo/filename", *cuts)`: the next GETs of that file close the connection after
cuts[0], cuts[1], ... body bytes (then whole answers again), so a download breaks off mid-file.
Bound to 127.0.0.1 on a free port; `python tests/fake_hub.py DIR` serves DIR's models until killed.
"""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import re
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMMIT = "0123456789abcdef0123456789abcdef01234567"  # the one revision every repo has
RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


class FakeHub:
    def __init__(self, repos: dict[str, str | Path]):
        """repos: repo id (e.g. "bert-base-uncased") -> a local folder written by save_pretrained."""
        self.repos = {repo: Path(folder) for repo, folder in repos.items()}
        self.requests: list[tuple[str, str, str | None]] = []  # (method, path, Range header)
        self.proxied = 0  # requests that came in absolute form, through us as a proxy
        self._drops: dict[str, list[int]] = {}  # repo/filename -> body bytes sent before the next GETs drop
        self._lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}"

    def drop(self, path: str, *cuts: int) -> None:
        """path: "repo/filename"."""
        self._drops[path] = list(cuts)

    def start(self) -> "FakeHub":
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakeHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def file(self, repo: str, filename: str) -> Path | None:
        folder = self.repos.get(repo)
        path = folder / filename if folder else None
        if path is None or not path.is_file() or folder.resolve() not in path.resolve().parents:
            return None
        return path

    def downloads(self, repo: str, filename: str) -> list[tuple[str, str, str | None]]:
        """The GETs of one file: (method, path, Range header)."""
        return [r for r in self.requests if r[0] == "GET" and r[1].startswith(f"/{repo}/resolve/")
                and r[1].endswith("/" + filename)]

    def _take_drop(self, path: str) -> int | None:
        with self._lock:
            cuts = self._drops.get(path)
            return cuts.pop(0) if cuts else None


def _etag(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _handler(hub: FakeHub):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # quiet: tests read hub.requests instead
            pass

        def do_HEAD(self) -> None:
            self._answer(body=False)

        def do_GET(self) -> None:
            self._answer(body=True)

        def _answer(self, body: bool) -> None:
            path = self.path
            if path.startswith(("http://", "https://")):  # absolute form: we are the proxy
                hub.proxied += 1
                path = urlsplit(path).path
            hub.requests.append((self.command, path, self.headers.get("Range")))
            parts = [unquote(p) for p in path.split("?")[0].split("/")]
            if parts[1:3] == ["api", "models"] and len(parts) > 3:
                return self._api(parts[3], parts[4:])
            # /{repo}/resolve/{revision}/{filename...}; repo ids here have no namespace
            if len(parts) < 5 or parts[2] != "resolve":
                return self._error(404, "RepoNotFound")
            repo, revision, filename = parts[1], parts[3], "/".join(parts[4:])
            if repo not in hub.repos:
                return self._error(404, "RepoNotFound")
            if revision not in ("main", COMMIT):
                return self._error(404, "RevisionNotFound")
            file = hub.file(repo, filename)
            if file is None:
                return self._error(404, "EntryNotFound")
            data = file.read_bytes()
            start = 0
            wanted = RANGE.match(self.headers.get("Range") or "")
            if body and wanted:
                start = int(wanted.group(1))
            self.send_response(206 if start else 200)
            self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("ETag", f'"{_etag(file)}"')
            self.send_header("Accept-Ranges", "bytes")
            self.send_header("Content-Length", str(len(data) - start))
            if start:
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            self.end_headers()
            if not body:
                return
            cut = hub._take_drop(f"{repo}/{filename}")
            if cut is None:
                self.wfile.write(data[start:])
                return
            self.wfile.write(data[start:start + cut])  # then the connection drops mid-file
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)

        def _api(self, repo: str, rest: list[str]) -> None:
            """`/api/models/{repo}` (model_info) and `/api/models/{repo}/tree/{revision}/{path}`
            (list_repo_tree: transformers looks for chat templates there)."""
            folder = hub.repos.get(repo)
            if folder is None:
                return self._error(404, "RepoNotFound")
            files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
            if not rest:
                return self._json({"id": repo, "modelId": repo, "sha": COMMIT, "private": False, "gated": False,
                                   "disabled": False, "tags": [], "library_name": "transformers",
                                   "siblings": [{"rfilename": f} for f in files]})
            if rest[0] == "tree" and len(rest) >= 2:
                under = "/".join(rest[2:]).strip("/")
                entries = [{"type": "file", "path": f, "size": (folder / f).stat().st_size, "oid": COMMIT}
                           for f in files if not under or f.startswith(under + "/")]
                if under and not entries:
                    return self._error(404, "EntryNotFound")
                return self._json(entries)
            return self._error(404, "EntryNotFound")

        def _json(self, value) -> None:
            data = json.dumps(value).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        def _error(self, status: int, code: str) -> None:
            message = f"{code}: {self.path}".encode()
            self.send_response(status)
            self.send_header("X-Error-Code", code)
            if code == "EntryNotFound":  # the repo exists: huggingface_hub caches that the file does not
                self.send_header("X-Repo-Commit", COMMIT)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(message)

    return Handler


def serve_built(folder: str | Path) -> FakeHub:
    """Build tiny BERT and GPT-2 models (tests/families.py) under `folder` and serve them as
    `bert-base-uncased` and `gpt2`."""
    from families import build

    folder = Path(folder)
    repos = {}
    for repo, family in (("bert-base-uncased", "bert"), ("gpt2", "gpt2")):
        if not (folder / repo / "config.json").is_file():
            build(family, folder / repo)
        repos[repo] = folder / repo
    return FakeHub(repos)


if __name__ == "__main__":  # python tests/fake_hub.py DIR: serve, print the url, wait for a kill
    sys.path.insert(0, os.path.dirname(__file__))
    with serve_built(sys.argv[1]) as served:
        print(served.url, flush=True)
        threading.Event().wait()
