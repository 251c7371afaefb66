"""The shape of the code: apps import only the layers below them and never in a cycle; modules and
functions stay short. Migrations and tests are left out; every import counts, at any depth, relative too.
"""

import ast
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHASQUI = ROOT / "chasqui"
LEFT_OUT_DIRS = {"migrations", "tests"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

BASE = {"core", "images", "users"}
ALLOWED = {
    "core": set(),
    "images": {"core"},
    "users": {"core"},
    "news": BASE,
    "pages": BASE,
    "publications": BASE,
    "search": BASE,
    "subscribers": BASE,
    "newsletter": BASE | {"news", "subscribers"},
    "observatory": BASE | {"news", "pages", "publications", "newsletter", "search"},
    "membership": BASE | {"subscribers"},
    "importer": BASE | {"news", "pages", "search"},
    "contact": BASE,
    "operations": {"core"},
    "pagecache": {"core"},
}
ANYTHING = "demo"  # loads the demo content of every app; nothing imports it


def app_of(path):
    """The Chasqui app a module belongs to, or None for the project package itself (settings, urls)."""
    parts = path.relative_to(CHASQUI).parts
    return parts[0] if len(parts) > 1 and (CHASQUI / parts[0]).is_dir() else None


def modules():
    for path in sorted(CHASQUI.rglob("*.py")):
        if not LEFT_OUT_DIRS & set(path.relative_to(CHASQUI).parts[:-1]):
            yield path


def absolute_name(path, node):
    """The dotted module an `import` or `from ... import` names, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    package = list(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imported_modules(path, tree):
    """(dotted name, line) for every import in the module, however deep it is nested."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            name = absolute_name(path, node)
            yield name, node.lineno
            if name == "chasqui":  # `from chasqui import news`
                for alias in node.names:
                    yield f"chasqui.{alias.name}", node.lineno


def app_imports():
    """[(importing app, imported app, "file:line")] for imports from one Chasqui app into another."""
    arrows = []
    for path in modules():
        source = app_of(path)
        if source is None:
            continue
        for name, line in imported_modules(path, ast.parse(path.read_text(encoding="utf-8"))):
            parts = name.split(".")
            if (
                parts[0] == "chasqui"
                and len(parts) > 1
                and parts[1] != source
                and (CHASQUI / parts[1]).is_dir()
            ):
                arrows.append((source, parts[1], f"{path.relative_to(ROOT)}:{line}"))
    return arrows


def test_apps_import_only_the_layers_below_them():
    upward = []
    for source, target, where in app_imports():
        if target == ANYTHING:
            upward.append(f"{where}: {source} imports {ANYTHING}, which nothing may import")
        elif source != ANYTHING and target not in ALLOWED.get(source, set()):
            allowed = ", ".join(sorted(ALLOWED.get(source, set()))) or "no other app"
            upward.append(f"{where}: {source} imports {target} (it may import {allowed})")
    assert not upward, "Imports against the layers:\n" + "\n".join(upward)


def test_apps_import_each_other_in_no_cycle():
    graph = defaultdict(dict)
    for source, target, where in app_imports():
        graph[source].setdefault(target, where)

    def cycle_from(start):
        """The shortest way back to `start`, as [(app, where its import of the next one is)], or None."""
        paths, seen = [[start]], {start}
        while paths:
            longer = []
            for way in paths:
                for target in sorted(graph[way[-1]]):
                    if target == start:
                        return [*way, start]
                    if target not in seen:
                        seen.add(target)
                        longer.append([*way, target])
            paths = longer
        return None

    cycles = {}
    for app in sorted(graph):
        cycle = cycle_from(app)
        if cycle and frozenset(cycle) not in cycles:
            steps = [f"{a} -> {b} ({graph[a][b]})" for a, b in pairwise(cycle)]
            cycles[frozenset(cycle)] = " ; ".join(steps)
    assert not cycles, "Import cycles between apps:\n" + "\n".join(cycles.values())


def test_no_module_is_over_400_lines():
    long = []
    for path in modules():
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(ROOT)}:1: {count} lines")
    assert not long, f"Modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(long)


def test_no_function_is_over_60_lines():
    long = []
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                count = node.end_lineno - node.lineno + 1
                if count > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} has {count} lines")
    assert not long, f"Functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(long)
