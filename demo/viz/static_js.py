"""Where the bertviz views get their JavaScript when the app is offline: installed packages.

bertviz's own HTML loads require.js, d3 v5 and jQuery from cdnjs, which a classroom without
internet (or a strict browser) cannot reach. The same files ship inside Python packages:
d3 5.7.0 (the version bertviz pins) in mpld3, jQuery in xstatic-jquery, and bertviz's view
templates in bertviz itself. Pure path lookups: nothing here imports those packages' code
(importing bertviz would import torch).
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


def _package_dir(name: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(name)  # finds, does not run, the package
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _existing(path: Path | None) -> Path | None:
    return path.resolve() if path is not None and path.is_file() else None


def d3_v5() -> Path | None:
    folder = _package_dir("mpld3")
    return _existing(folder / "js" / "d3.v5.min.js" if folder else None)


def jquery() -> Path | None:
    folder = _package_dir("xstatic.pkg.jquery")  # the package's BASE_DIR is its data/ folder
    return _existing(folder / "data" / "jquery.min.js" if folder else None)


def scripts() -> dict[str, Path] | None:
    """{"jquery": path, "d3": path}, in load order; None when either is missing."""
    found = {"jquery": jquery(), "d3": d3_v5()}
    return found if all(found.values()) else None  # type: ignore[return-value]


@lru_cache(maxsize=None)
def bertviz_template(view: str) -> str | None:
    """The source of bertviz's head_view.js or model_view.js, or None if bertviz is missing."""
    if view not in {"head_view", "model_view"}:
        raise ValueError(f"unknown bertviz view {view!r}")
    folder = _package_dir("bertviz")
    path = _existing(folder / f"{view}.js" if folder else None)
    return path.read_text(encoding="utf-8") if path else None
