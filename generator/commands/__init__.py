"""Sub-commands beyond the core ones in `generator.cli`.

Each module in this package defines `ORDER` (its place in `handbook --help`) and
`register(subparsers)`, which adds its parser and sets `func` to a handler returning the exit code.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def command_modules() -> list[ModuleType]:
    modules = [importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
