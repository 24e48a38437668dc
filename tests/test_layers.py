"""The layers stay apart: tabs and views never load torch or transformers (they call the service, which
does), and the service never loads Gradio. Each import runs in a fresh interpreter, so nothing imported
by another test hides a breach."""
import pkgutil
import subprocess
import sys

import demo.ui
import demo.viz

TABS_AND_VIEWS = sorted(f"{package.__name__}.{m.name}" for package in (demo.ui, demo.viz)
                        for m in pkgutil.iter_modules(package.__path__))


def loaded_after(modules: list[str], watched: list[str]) -> list[str]:
    """Which of `watched` are in sys.modules after importing `modules` in a fresh interpreter."""
    code = (f"import sys\nfor m in {modules!r}: __import__(m)\n"
            f"print(','.join(w for w in {watched!r} if w in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return [w for w in out.stdout.strip().split(",") if w]


def test_tabs_and_views_never_load_torch_or_transformers():
    assert "demo.ui.compare_tab" in TABS_AND_VIEWS and "demo.viz.cost" in TABS_AND_VIEWS  # the list is real
    assert loaded_after(TABS_AND_VIEWS, ["torch", "transformers"]) == []


def test_the_service_never_loads_gradio():
    assert loaded_after(["demo.service", "demo.pocket.train", "demo.measure.compress"], ["gradio", "torch"]) == ["torch"]
