"""Every `handbook` command, one module each.

A command module defines `ORDER` (its place in `handbook --help`) and `register(subparsers)`, which
adds its parser and sets `func` to a handler returning the exit code. The parser is made from all
of them for every command, so a module imports only what its options need at the top and the rest
inside its handler (`handbook check` should not wait for the PDF printer's libraries).
Options several commands share live in `options`; the Chinese argparse in `parser`.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

HELPERS = ("options", "parser")  # modules of this package that are not commands


def command_modules() -> list[ModuleType]:
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)
               if not info.name.startswith("_") and info.name not in HELPERS]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.__name__))
