"""What every tab shares: service errors as gr.Error, ZeroGPU, and the concurrency group."""
from __future__ import annotations

import functools
import inspect
import logging

import gradio as gr

from demo.errors import DemoError

log = logging.getLogger(__name__)

try:  # present on Hugging Face ZeroGPU Spaces only
    import spaces
except ImportError:
    spaces = None

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
    """Wrap an event handler: user-facing errors, and on ZeroGPU a short GPU lease."""
    fn = user_errors(fn)
    return spaces.GPU(duration=GPU_SECONDS)(fn) if spaces is not None else fn


def announce_loading(service, progress, *models: tuple[str | None, str]) -> None:
    """A model's first use reads (or downloads) its weights: tell the person waiting which ones."""
    pending = service.pending(*models)
    if pending:
        progress(0, desc=f"Loading {', '.join(pending)} (first use only; then it is reused by everyone)")


def queue_options(service) -> dict:
    """One concurrency group per device: requests past the model lock batch together inside the
    service, and the device lock keeps a single GPU from being oversubscribed."""
    return {"concurrency_id": f"device-{service.cache.device}", "concurrency_limit": service.settings.max_batch}


def model_choices(service, family: str) -> list[str]:
    choices = list(service.choices(family))
    default = service.default(family)
    return choices if default in choices else [default, *choices]
