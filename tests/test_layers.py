"""Imports point one way: interfaces -> record -> store/nlp -> ingest -> models.

Every module under ``src/dragoman`` is parsed with :mod:`ast` (nothing is imported), and
each ``import``/``from ... import`` naming a dragoman module, at the top of a module or
inside a function alike, is an edge of the graph checked here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import dragoman

SRC = Path(dragoman.__file__).parent

# The layer of each top-level module or subpackage of dragoman: a module may import
# from its own unit, from lower layers, and sideways only where SIDEWAYS says so.
# ``evaluation`` (and ``evaluate``, which re-exports it) sits beside the interfaces:
# it may use nlp/ingest/models, and api may call it, but it never imports api or above.
LAYERS: dict[str, int] = {
    "dragoman": 0,  # the package itself: __version__ and the records' names
    "models": 0,
    "errors": 0,
    "vocabulary": 0,
    "ingest": 1,
    "nlp": 2,
    "store": 2,
    "record": 3,
    "batch": 4,
    "charts": 4,  # SVG charts of the record: models, vocabulary and record only
    "distributed": 4,  # a batch on a Dask cluster, beside batch (whose budget it uses)
    "watch": 4,
    "evaluation": 4,
    "evaluate": 4,
    "api": 5,
    "cli": 6,
    "web": 6,
    "__main__": 7,
}
SIDEWAYS = {
    ("models", "errors"),
    ("models", "vocabulary"),
    ("vocabulary", "errors"),
    ("dragoman", "models"),
    ("evaluate", "evaluation"),
    ("distributed", "batch"),
    ("cli", "web"),  # dragoman serve builds the web app
}
WEB_MAY_IMPORT_FROM_STORE = {("dragoman.store", "Store"), ("dragoman.store.engine", "display_name")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(module: str) -> Iterator[tuple[str, str | None, int]]:
    """``(imported module, name or None, line)`` for each dragoman import of ``module``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in MODULES:  # from dragoman import api: the module dragoman.api
                    yield sub, None, node.lineno
                else:
                    yield base, alias.name, node.lineno


def _edges() -> list[tuple[str, str, str | None, int]]:
    return [
        (module, target, name, line)
        for module in MODULES
        for target, name, line in _imports(module)
        if target == "dragoman" or target.startswith("dragoman.")
    ]


def test_every_unit_has_a_layer() -> None:
    assert {_unit(m) for m in MODULES} <= set(LAYERS)


def test_no_module_imports_from_a_higher_layer() -> None:
    wrong = []
    for module, target, name, line in _edges():
        here, there = _unit(module), _unit(target)
        if here == there or (here, there) in SIDEWAYS:
            continue
        if LAYERS.get(there, 99) >= LAYERS.get(here, -1):
            shown = target + (f" ({name})" if name else "")
            wrong.append(f"{module}:{line} imports {shown}")
    assert not wrong, "\n".join(wrong)


def test_the_units_import_one_another_without_a_cycle() -> None:
    graph: dict[str, set[str]] = {}
    for module, target, _name, _line in _edges():
        if _unit(module) != _unit(target):
            graph.setdefault(_unit(module), set()).add(_unit(target))
    done: set[str] = set()

    def visit(unit: str, path: list[str]) -> None:
        assert unit not in path, "import cycle: " + " -> ".join([*path, unit])
        if unit in done:
            return
        for nxt in sorted(graph.get(unit, ())):
            visit(nxt, [*path, unit])
        done.add(unit)

    for unit in sorted(graph):
        visit(unit, [])


def test_nothing_below_the_interfaces_imports_them() -> None:
    wrong = [
        f"{module}:{line} imports {target}"
        for module, target, _name, line in _edges()
        if _unit(target) in {"api", "cli"} and _unit(module) not in {"api", "cli", "__main__"}
    ]
    assert not wrong, wrong


def test_web_reads_the_store_only_through_its_facade() -> None:
    beyond: dict[tuple[str, int, str], list[str]] = {}
    for module, target, name, line in _edges():
        if _unit(module) != "web" or _unit(target) != "store":
            continue
        if (target, name) not in WEB_MAY_IMPORT_FROM_STORE:
            beyond.setdefault((module, line, target), []).extend([name] if name else [])
    wrong = [
        f"{module}:{line}: "
        + (f"from {target} import {', '.join(names)}" if names else f"import {target}")
        for (module, line, target), names in sorted(beyond.items())
    ]
    print("web imports from dragoman.store beyond the facade:\n" + "\n".join(wrong))
    assert not wrong, "\n".join(wrong)


def test_api_and_cli_speak_no_sql() -> None:
    wrong = []
    for module, path in MODULES.items():
        if _unit(module) not in {"api", "cli"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            wrong += [
                f"{module}:{node.lineno} imports {n}" for n in names if n.startswith("sqlalchemy")
            ]
    assert not wrong, "\n".join(wrong)
