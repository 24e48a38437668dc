"""Which models to offer by default: the hub models when they can be had, else the bundled ones."""
from __future__ import annotations

from demo.catalog import CATALOG, POCKET
from demo.loading import hub_reachable
from demo.settings import Settings


def cached(model_id: str) -> bool:
    """True when the hub model's files are already in the local cache (usable with no network)."""
    from huggingface_hub import try_to_load_from_cache

    return isinstance(try_to_load_from_cache(CATALOG[model_id].source, "config.json"), str)


def choose_defaults(settings: Settings) -> tuple[dict[str, str], str, bool]:
    """(family -> default id, a one-line notice or "", whether the hub can be reached)."""
    wanted = {"masked": settings.default_masked, "causal": settings.default_causal}
    if all(CATALOG.get(m) is not None and CATALOG[m].bundled for m in wanted.values()):
        return wanted, "", False
    hub_ok = not settings.offline and hub_reachable()
    if hub_ok:
        return wanted, "", True
    defaults = {}
    for family, model_id in wanted.items():
        spec = CATALOG.get(model_id)
        usable = spec is not None and (spec.bundled or cached(model_id))
        defaults[family] = model_id if usable else POCKET[family]
    notice = ""
    if defaults != wanted:
        why = "offline mode is set" if settings.offline else "the model hub cannot be reached"
        notice = f"Using the bundled pocket models because {why}; other models load only if already downloaded."
    return defaults, notice, False


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
