"""The packages sit in layers: a lower one never imports a higher one, even lazily.

The treaty format is read and checked below the rights engine, which compiles it; the
HTTP API sits below the web explorer, which reads its jobs and errors; the served
application (`confed.server`) assembles both. A circle between them would make each
layer impossible to load, test or reason about without the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import confed

SRC = Path(confed.__file__).parent

ABOVE = {
    "places": {"treaty", "rights", "simulate", "compare", "web", "api", "server", "cli"},
    "treaty": {"rights", "simulate", "compare", "sensitivity", "institutions", "web", "api"}
    | {"server", "cli"},
    "rights": {"simulate", "compare", "sensitivity", "institutions", "web", "api", "server"}
    | {"cli"},
    "api": {"web", "server"},
    "web": {"server"},
}
"""For each layer, the packages above it that it must not import."""


def imports_of(package: str) -> list[tuple[str, int, str]]:
    """Every confed package a module of `package` imports: (file, line, imported package)."""
    found = []
    for path in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                parts = name.split(".")
                if parts[0] == "confed" and len(parts) > 1:
                    found.append((str(path.relative_to(SRC)), node.lineno, parts[1]))
    return found


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_a_layer_never_imports_one_above_it(layer):
    wrong = [
        f"{file}:{line} imports confed.{imported}"
        for file, line, imported in imports_of(layer)
        if imported in ABOVE[layer]
    ]
    assert wrong == []


def test_the_check_sees_imports_inside_functions():
    # treaty/gates.py reads the population's groups only when a gate names one
    assert ("treaty/gates.py", "people") in {
        (f, imported) for f, _, imported in imports_of("treaty")
    }
