"""The model hub, reached the way huggingface_hub itself reaches it.

Reachability asks huggingface_hub for a model's file metadata (one HEAD request on
`{HF_ENDPOINT}/{repo}/resolve/main/config.json` through its own HTTP client), so a mirror
(`HF_ENDPOINT=https://hf-mirror.com`), a proxy (`HTTPS_PROXY`, honoured by that client) and a
token all count exactly as they will for the download. A fixed-host socket probe would call a
mirror's users offline and let a proxy's users wait.

The first use of a hub model downloads its weights (440 MB for bert-base-uncased) before
transformers loads them; `fetch_weights` reports the bytes to a plain callable, so the UI can
show a progress bar without this module knowing about it.
"""
from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from typing import Callable

from demo.errors import ModelLoadError

log = logging.getLogger(__name__)

PROBE_FILE = "config.json"  # every model repo has one, and it is small
WEIGHTS = "model.safetensors"  # the big file of every catalog model (transformers' first choice too)


def endpoint() -> str:
    from huggingface_hub import constants

    return constants.ENDPOINT


def hub_reachable(repo_id: str = "gpt2", timeout: float = 2.0) -> bool:
    """True when the hub (or the mirror HF_ENDPOINT names, through any proxy set) answers for
    `repo_id` within `timeout` seconds, as a download of it would be answered."""
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    try:
        meta = get_hf_file_metadata(hf_hub_url(repo_id, PROBE_FILE), timeout=timeout)
    except Exception as err:  # noqa: BLE001 - any failure (DNS, refused, timeout, proxy, 4xx/5xx) means "no"
        log.info("model hub at %s not reachable for %s: %r", endpoint(), repo_id, err)
        return False
    return meta.commit_hash is not None  # a hub answers with X-Repo-Commit; a captive portal does not


@dataclass(frozen=True)
class Download:
    """How far a model's first download has come."""

    model: str
    file: str
    done: int  # bytes on disk so far
    total: int | None  # bytes in all; None when the server did not say


Report = Callable[[Download], None]


def _reporting_bar(model: str, file: str, report: Report, seen: list):
    """A tqdm stand-in for huggingface_hub's download loop: it calls `update(n)` per chunk
    (negative when a server ignored a resume and the bytes start over) and enters/exits it as
    a context manager. `update_transfer` is defined so Xet downloads route their network bytes
    here as well, where they are ignored: `update` already counts the file's bytes."""

    class Bar:
        def __init__(self, *args, total: int | None = None, initial: int = 0, **kwargs):
            self.total, self.n = total, initial

        def update(self, n: int = 1) -> None:
            self.n += n
            seen[:] = [self.n, self.total]
            report(Download(model, file, self.n, self.total))

        def update_transfer(self, n: int = 1) -> None:
            pass

        def __getattr__(self, name):  # set_postfix_str, refresh, close, ...: nothing to draw
            return lambda *args, **kwargs: None

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            pass

    return Bar


def fetch_weights(model: str, repo_id: str, report: Report | None = None) -> None:
    """Download the weights into the hub cache with progress; from_pretrained then finds them.

    huggingface_hub resumes a dropped connection itself (Range requests, 5 tries with no new
    bytes); if it still fails, the message says how far it got. A repo without `model.safetensors`
    is left to from_pretrained, which knows the other weight formats."""
    from huggingface_hub import hf_hub_download
    from huggingface_hub.errors import EntryNotFoundError

    seen: list = [0, None]  # bytes arrived, bytes in all
    bar = _reporting_bar(model, WEIGHTS, report or (lambda download: None), seen)
    # hf_hub_download takes tqdm_class only in recent releases; older ones download with no progress
    progress = {"tqdm_class": bar} if "tqdm_class" in inspect.signature(hf_hub_download).parameters else {}
    try:
        hf_hub_download(repo_id, WEIGHTS, **progress)
    except EntryNotFoundError:
        return
    except Exception as err:  # noqa: BLE001 - the transport's errors, whichever HTTP library huggingface_hub uses
        if seen[0] == 0:
            raise  # nothing arrived (refused, not found, no network): ModelCache says why, in general terms
        log.warning("download of %s/%s failed after %d bytes: %r", repo_id, WEIGHTS, seen[0], err)
        done, total = f"{seen[0] / 1e6:.1f}", f"{(seen[1] or 0) / 1e6:.1f}"
        raise ModelLoadError("error.download_broke", model=model, endpoint=endpoint(), done=done,
                             total=total) from err
