"""Which models to offer by default: the hub models when they can be had, else the bundled ones;
and on ZeroGPU, loading them at start-up."""
from __future__ import annotations

import logging
import os

try:  # Hugging Face Spaces (ZeroGPU): imported before torch touches CUDA, as the Spaces docs ask
    import spaces
except ImportError:
    spaces = None

from demo.catalog import CATALOG, POCKET, SEQ2SEQ
from demo.errors import ModelLoadError
from demo.hub import PROBE_FILE, WEIGHTS, hub_reachable
from demo.text import Said
from demo.settings import Settings

log = logging.getLogger(__name__)


def cached(model_id: str) -> bool:
    """True when the hub model's config and weights are in the local cache (usable with no network);
    a download that broke off leaves the config without the weights, which does not count."""
    from huggingface_hub import try_to_load_from_cache

    return all(isinstance(try_to_load_from_cache(CATALOG[model_id].source, name), str) for name in (PROBE_FILE, WEIGHTS))


def choose_defaults(settings: Settings) -> tuple[dict[str, str], str, bool]:
    """(family -> default id, a one-line notice or "", whether the hub can be reached)."""
    wanted = {"masked": settings.default_masked, "causal": settings.default_causal}
    if all(CATALOG.get(m) is not None and CATALOG[m].bundled for m in wanted.values()):
        return wanted, "", False
    # asked the way the download will be: HF_ENDPOINT (a mirror), proxies and token included
    from_hub = [CATALOG[m].source for m in wanted.values() if m in CATALOG and not CATALOG[m].bundled]
    hub_ok = not settings.offline and bool(from_hub) and all(hub_reachable(repo) for repo in from_hub)
    if hub_ok:
        return wanted, "", True
    defaults = {}
    for family, model_id in wanted.items():
        spec = CATALOG.get(model_id)
        usable = spec is not None and (spec.bundled or cached(model_id))
        defaults[family] = model_id if usable else POCKET[family]
    notice = ""
    if defaults != wanted:
        notice = Said("notice.pocket_offline" if settings.offline else "notice.pocket_unreachable")
    return defaults, notice, False


def seq2seq_default(settings: Settings, hub_ok: bool) -> str:
    """The encoder-decoder to offer first, decided as choose_defaults decides the other two (after
    it, with what it learnt of the hub): the configured one when the hub can be reached, or when it
    is bundled or already cached; else the bundled pocket-t5, where it was trained and shipped."""
    wanted = settings.default_seq2seq
    fallback = POCKET.get(SEQ2SEQ)
    spec = CATALOG.get(wanted)
    if fallback is None or spec is None or spec.bundled or (hub_ok and not settings.offline) or cached(wanted):
        return wanted
    return fallback


def keep_native_memory_bounded() -> dict[str, bool]:
    """Call before torch is imported and before the server's worker threads exist (app.py does).

    oneMKL's fast memory manager keeps the buffers of each thread that called it (every matrix
    product on the CPU) and frees them only if that thread says so. Gradio runs requests on a
    pool whose idle threads retire after 10 s (anyio), so under a classroom's load threads come
    and go and their buffers stay: with 40 students glibc's bytes in use grew from 225 MB to
    580 MB in 2.5 minutes, and stayed near 210 MB with the manager off (bench/memory_probe.py,
    MKL_DISABLE_FAST_MM=1, Intel's documented switch; torch links MKL privately, so there is no
    mkl_free_buffers to call). An operator's own MKL_DISABLE_FAST_MM wins. MKL reads the
    setting when torch loads it: {"mkl_fast_mm_off": False} says it came too late."""
    import sys

    os.environ.setdefault("MKL_DISABLE_FAST_MM", "1")
    in_time = "torch" not in sys.modules
    return {"mkl_fast_mm_off": in_time and os.environ["MKL_DISABLE_FAST_MM"] == "1",
            "malloc_arenas_capped": limit_malloc_arenas()}


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas. Gradio serves each request on one of up to 40 worker threads and
    glibc gives busy threads arenas of their own, which keep freed memory: under a classroom's load
    that showed as hundreds of MB of resident memory. Same as MALLOC_ARENA_MAX; a no-op off glibc."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        return bool(libc and libc.mallopt(-8, arenas))  # -8: M_ARENA_MAX in malloc.h
    except (OSError, AttributeError):
        return False


def preload_for_zerogpu(service) -> list[str]:
    """On ZeroGPU (the `spaces` package present), load the default models now and seal the cache.

    ZeroGPU runs every `@spaces.GPU` handler in a worker process made from this one: what is
    loaded here, at start-up and moved to the device outside the GPU functions (as the Spaces
    docs show), every request finds in memory; a model loaded inside a handler would be read from
    disk again per worker, inside the short GPU lease. So requests never load: the dropdowns offer
    the loaded models (demo/ui/common.model_choices) and any other is refused with their names."""
    if spaces is None:
        return []
    for family in ("masked", "causal"):
        service.load(None, family)  # a default that cannot load falls back to its pocket model here
    try:  # the encoder-decoder too; without one (offline, no pocket-t5) its column says so, the rest works
        service.load(None, SEQ2SEQ)
    except ModelLoadError as err:
        log.warning("no encoder-decoder preloaded: %s", err)
    service.cache.sealed = True
    return service.cache.loaded()
