"""ProperDocs, the maintained fork of MkDocs 1.x, builds the same site from the same mkdocs.yml
(the browser smoke tests run on its build through the `smoke_site` fixture)."""

from __future__ import annotations

from pathlib import Path


def _files(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())


def test_properdocs_builds_the_same_files(starter_site: Path, properdocs_site: Path) -> None:
    assert _files(properdocs_site) == _files(starter_site)
