"""demo/'s modules import one another without a circle: read from the source with ast (every import,
also those inside functions, which only put a circle off until first use), so a circle fails here, not
as a half-initialised module at start-up. Left out: demo/pocket/sources, a package whose all_sources() lists its
own submodules, which import the package's Source type (a registry's circle, put off until the call)."""
import ast
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "demo"
LEFT_OUT = DEMO / "pocket" / "sources"


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(source: str, name: str, package: str, known: set[str]) -> set[str]:
    """The demo modules one module's source imports. `from pkg import sub` names the module pkg.sub
    (pkg itself, a parent package, is initialised first by any import and is no edge of its own)."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..y import z
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            subs = {f"{base}.{alias.name}" for alias in node.names} & known
            found |= subs if subs else {base}
    return {m for m in found if m in known and m != name}


def import_graph(root: Path = DEMO, left_out: Path | None = LEFT_OUT) -> dict[str, set[str]]:
    paths = {module_name(p, root): p for p in root.rglob("*.py") if left_out is None or not p.is_relative_to(left_out)}
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = imports(path.read_text(), name, package, set(paths))
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that reach one another (Tarjan's strongly connected components, size > 1)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_demo_imports_form_no_circle():
    graph = import_graph()
    assert len(graph) > 60 and graph["demo.service"]  # the scan sees the package and its imports
    assert circles(graph) == []


def test_the_scan_finds_a_circle_made_by_an_import_inside_a_function(tmp_path):
    pkg = tmp_path / "demo"
    (pkg / "viz").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "viz" / "__init__.py").write_text("")
    (pkg / "viz" / "frame.py").write_text("def cap():\n    from demo.viz.heatmaps import MAX\n    return MAX\n")
    (pkg / "viz" / "heatmaps.py").write_text("from demo.viz.frame import cap\nMAX = 1\n")
    (pkg / "viz" / "pieces.py").write_text("from . import frame\n")
    graph = import_graph(pkg, None)
    assert graph["demo.viz.pieces"] == {"demo.viz.frame"}
    assert circles(graph) == [["demo.viz.frame", "demo.viz.heatmaps"]]
