"""What every tab shares: service errors as gr.Error, ZeroGPU, and the concurrency group."""
from __future__ import annotations

import functools
import inspect
import logging

import gradio as gr

from demo.errors import DemoError
from demo.startup import spaces  # present on Hugging Face ZeroGPU Spaces only
from demo.text import say

log = logging.getLogger(__name__)

GPU_SECONDS = 30  # ZeroGPU bills and queues by the requested duration: keep it short
UNEXPECTED = "Something went wrong on the server (it was logged). Please try again."


def user_errors(fn):
    """Service errors become the message users see; anything else is logged, never leaked."""
    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(*args, **kwargs):
            try:
                yield from fn(*args, **kwargs)
            except DemoError as err:
                raise gr.Error(str(err)) from None
            except gr.Error:
                raise
            except Exception:
                log.exception("unexpected error in %s", fn.__name__)
                raise gr.Error(UNEXPECTED) from None
        return stream

    @functools.wraps(fn)
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DemoError as err:
            raise gr.Error(str(err)) from None
        except gr.Error:
            raise
        except Exception:
            log.exception("unexpected error in %s", fn.__name__)
            raise gr.Error(UNEXPECTED) from None
    return call


def handler(fn):
    """Wrap an event handler: user-facing errors, and on ZeroGPU a short GPU lease. ZeroGPU runs
    the handler in a worker process; the models it uses were loaded at start-up
    (startup.preload_for_zerogpu), so it never loads one inside the lease."""
    fn = user_errors(fn)
    return spaces.GPU(duration=GPU_SECONDS)(fn) if spaces is not None else fn


def announce_loading(service, progress, *models: tuple[str | None, str]) -> None:
    """A model's first use reads (or downloads) its weights: tell the person waiting which ones,
    and load them here, showing a first download's bytes (440 MB for bert-base-uncased)."""
    pending = service.pending(*models)
    if not pending or service.cache.sealed:  # sealed (ZeroGPU): the service refuses it, naming the loaded ones
        return
    progress(0, desc=say("loading.models", names=", ".join(pending)))

    def downloading(download) -> None:
        if download.total:
            progress(min(download.done / download.total, 1.0), desc=say(
                "loading.download", model=download.model, done=f"{download.done / 1e6:.1f}",
                total=f"{download.total / 1e6:.1f}"))

    service.prepare(*models, report=downloading)


def queue_options(service) -> dict:
    """One concurrency group per device: requests past the model lock batch together inside the
    service, and the device lock keeps a single GPU from being oversubscribed."""
    return {"concurrency_id": f"device-{service.cache.device}", "concurrency_limit": service.settings.max_batch}


def model_choices(service, family: str) -> list[str]:
    if service.cache.sealed:  # ZeroGPU: only what was loaded at start-up
        return service.cache.loaded(family)
    choices = list(service.choices(family))
    default = service.default(family)
    return choices if default in choices else [default, *choices]
