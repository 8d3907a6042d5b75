"""The tree keeps the pipeline's shape: no import cycles, the domain knows nothing of the site or
the command line, and every package says in one line what it is for."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator"
UPPER_LAYERS = ("generator.site", "generator.commands", "generator.cli")


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _imports(path: Path) -> set[str]:
    """The generator modules a module imports at its top level (TYPE_CHECKING blocks included)."""
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.If):
                visit(node.body)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                found.update(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                             for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("generator"))

    visit(ast.parse(path.read_text("utf-8")).body)
    return found & MODULES.keys()


GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def test_no_module_imports_itself_round_a_cycle() -> None:
    try:
        tuple(TopologicalSorter(GRAPH).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {' → '.join(err.args[1])}")


@pytest.mark.parametrize("module", sorted(m for m in MODULES if not m.startswith(UPPER_LAYERS)))
def test_domain_modules_know_nothing_of_the_site_or_the_commands(module: str) -> None:
    assert not [m for m in GRAPH[module] if m.startswith(UPPER_LAYERS)]


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")))
def test_every_package_says_what_it_is_for(package: Path) -> None:
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text("utf-8")))
    assert docstring and len(docstring.splitlines()[0]) > 20, package
