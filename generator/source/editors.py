"""The editor schemas in a source folder's `.schema/`: installed when missing or stale.

VS Code's YAML extension (yaml-language-server) checks each file against the schema its first
line names (`# yaml-language-server: $schema=…/.schema/….json`). A folder whose handbook.yaml
names one gets the current schemas whenever it is checked, built or imported into, so the
editor flags what `handbook check` flags.
"""

from __future__ import annotations

from pathlib import Path

from generator.files import write_files
from generator.source.schema import SCHEMA_FILES, schema_text

FOLDER = ".schema"
EDITOR_LINE = "# yaml-language-server: $schema="


def wants_editor_schemas(root: Path) -> bool:
    try:
        with (root / "handbook.yaml").open(encoding="utf-8-sig", errors="replace") as settings:
            first = settings.readline()
    except OSError:
        return False
    return first.startswith(EDITOR_LINE) and f"{FOLDER}/" in first


def refresh_editor_schemas(root: Path) -> list[str]:
    """Write the schemas that are missing or differ; the names written (none when all are current)."""
    stale = []
    for name, shape in SCHEMA_FILES.items():
        content = schema_text(shape).encode("utf-8")
        path = root / FOLDER / name
        if not path.is_file() or path.read_bytes() != content:
            stale.append((name, content))
    write_files(root / FOLDER, stale)
    return [name for name, _content in stale]
