"""What every tab shares: service errors as gr.Error, ZeroGPU, and the concurrency group."""
from __future__ import annotations

import functools
import html
import inspect
import logging

import gradio as gr

from demo.catalog import CAUSAL, MASKED, SEQ2SEQ
from demo.errors import DemoError
from demo.startup import spaces  # present on Hugging Face ZeroGPU Spaces only
from demo.text import in_language, say
from demo.ui.reader import reader_language
from demo.ui.zerogpu import on_gpu

log = logging.getLogger(__name__)

FAMILIES = (MASKED, CAUSAL, SEQ2SEQ)
GPU_SECONDS = 30  # ZeroGPU bills and queues by the requested duration: keep it short
UNEXPECTED = say("error.unexpected")  # English, for tests and logs; the page gets the reader's language


def from_page(request) -> bool:
    """True when a browser page sent the event; gradio_client marks its calls `x-gradio-user: api`."""
    try:
        return dict(request.headers).get("x-gradio-user") != "api"
    except AttributeError:  # no request (a direct call): no page
        return False


def toast(message: str, page: bool) -> str:
    """A page's toast renders its message as HTML ("write [MASK], <mask> or ___" lost everything from
    <mask> on): escaped there; an API client gets the message as written."""
    return html.escape(message, quote=False) if page else message


def render(outputs: dict, values: dict) -> dict:
    """A view's {output name: value} as Gradio's {component: value}; `outputs` names the tab's components."""
    return {outputs[name]: value for name, value in values.items()}


def shown(err: DemoError, lang: str) -> str:
    """The error in the reader's language when it carries a text key, else its English message."""
    if lang != "en" and err.key:
        try:
            values = {name: say(f"families.{value}", lang) if name == "family" and value in FAMILIES else value
                      for name, value in err.values.items()}  # "causal" reads as the family's name there
            return say(err.key, lang, **values)
        except (KeyError, IndexError, ValueError):
            log.warning("untranslatable message %s", err.key)
    return str(err)


def _reading(fn, call):
    """Give `call` the signature of `fn` plus a last positional gr.Request that Gradio fills in
    (never part of the API), so errors are shown in the language of the page that sent the event.
    Gradio fills only positional parameters: functions with *args or keyword-only ones are left
    as they are (their errors stay English)."""
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    plain = all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params)
    if plain and READER not in sig.parameters:
        extra = inspect.Parameter(READER, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
                                  annotation=gr.Request)
        call.__signature__ = sig.replace(parameters=[*params, extra])
        call.__annotations__ = {**getattr(fn, "__annotations__", {}), READER: gr.Request}
    return call


READER = "_reader"  # the request, for the reader's language


def user_errors(fn):
    """Service errors become the message users see (in their language); anything else is logged,
    never leaked."""
    params = inspect.signature(fn).parameters.values()
    # where Gradio puts the request; None where it cannot (see _reading)
    at = len(params) if all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params) else None

    def split(args, kwargs):
        """(the reader's language, fn's own arguments, whether a page (not an API client) asked)"""
        request = kwargs.pop(READER, None)
        if at is not None and len(args) > at:
            request, args = args[at], args[:at]
        return reader_language(request), args, from_page(request)

    if inspect.isgeneratorfunction(fn):
        @functools.wraps(fn)
        def stream(*args, **kwargs):
            lang, args, page = split(args, kwargs)
            try:
                yield from fn(*args, **kwargs)
            except DemoError as err:
                raise gr.Error(toast(shown(err, lang), page)) from None
            except gr.Error:
                raise
            except Exception:
                log.exception("unexpected error in %s", fn.__name__)
                raise gr.Error(say("error.unexpected", lang)) from None
        return _reading(fn, stream)

    @functools.wraps(fn)
    def call(*args, **kwargs):
        lang, args, page = split(args, kwargs)
        try:
            return fn(*args, **kwargs)
        except DemoError as err:
            raise gr.Error(toast(shown(err, lang), page)) from None
        except gr.Error:
            raise
        except Exception:
            log.exception("unexpected error in %s", fn.__name__)
            raise gr.Error(say("error.unexpected", lang)) from None
    return _reading(fn, call)


def handler(fn):
    """Wrap an event handler: user-facing errors, and on ZeroGPU a short GPU lease. ZeroGPU runs
    the handler in a worker process; the models it uses were loaded at start-up
    (startup.preload_for_zerogpu), so it never loads one inside the lease."""
    fn = user_errors(fn)
    return on_gpu(spaces.GPU(duration=GPU_SECONDS), fn) if spaces is not None else fn


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


def progress_in(progress, lang: str):
    """The service's progress callback `(fraction, desc)`, its English description said in the reader's language."""
    return lambda fraction, desc="": progress(fraction, desc=in_language(desc, lang))


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
