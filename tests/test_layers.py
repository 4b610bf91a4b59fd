"""The import layers: ``opcc.core`` imports nothing of ours; ``ingest`` imports only ``opcc.core``;
above them the store and the git history of data/, the gate, the checks, then ingest batches and the site side by side, and the
command line on top, each importing only what lies below it.

Every import counts, including those inside functions and under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

LAYERS = [
    ("opcc.core",),
    ("ingest",),
    ("opcc.store", "opcc.spend_data", "opcc.schema", "opcc.history"),
    ("opcc.gate",),
    ("opcc.scrutiny",),
    ("opcc.checks",),
    ("opcc.batch", "opcc.site"),
    ("opcc.cli",),
]
"""Lowest first. A module may import its own package and anything in a lower layer; modules of one
layer (the site and batch ingest, say) do not import each other."""


def _package(module: str) -> str | None:
    """The layer entry a module belongs to: its longest matching prefix."""
    found = [p for layer in LAYERS for p in layer if module == p or module.startswith(p + ".")]
    return max(found, key=len) if found else None


def _rank(package: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def _modules() -> list[tuple[str, Path]]:
    found = []
    for top in ("opcc", "ingest"):
        for path in sorted((REPO / top).rglob("*.py")):
            parts = list(path.relative_to(REPO).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found.append((".".join(parts), path))
    return found


def _imports(module: str, path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            elif node.module:
                names.append(node.module)
                names += [f"{node.module}.{alias.name}" for alias in node.names]
    return names


def test_every_module_of_ours_has_a_layer():
    assert [module for module, _ in _modules() if module not in ("opcc",) and _package(module) is None] == []


@pytest.mark.parametrize(("module", "path"), _modules(), ids=lambda value: value if isinstance(value, str) else "")
def test_a_module_imports_only_its_own_package_and_the_layers_below(module: str, path: Path):
    own = _package(module)
    if own is None:
        return  # the empty top-level package
    wrong = sorted({
        imported for imported in _imports(module, path)
        if (target := _package(imported)) is not None and target != own and _rank(target) >= _rank(own)
    })
    assert wrong == [], f"{module} ({own}) imports from its own layer or above"
