"""The checker tests' data: a small valid library (base/) and broken variants of it (corpus/)."""

from __future__ import annotations

import shutil
from pathlib import Path

HERE = Path(__file__).parent
BASE = HERE / "base"
CORPUS = HERE / "corpus"
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
TODAY = "2026-11-22"


def copy_base(dest: Path) -> Path:
    shutil.copytree(BASE, dest)
    return dest


def overlay(case: str, dest: Path) -> Path:
    """The base library with a corpus case's files laid over it (a case's releases/ beside it;
    `name.yaml.sparse` holding a number stands for a `name.yaml` of that many bytes)."""
    copy_base(dest)
    folder = CORPUS / case
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        # releases/ sits beside the source folder, as `handbook release` writes it
        target = dest.parent / rel if rel.parts[0] == "releases" else dest / rel
        if path.suffix == ".sparse":  # a file of that many bytes, made sparse (a case about size)
            target.parent.mkdir(parents=True, exist_ok=True)
            with (target.with_suffix("")).open("wb") as handle:
                handle.truncate(int(path.read_text("utf-8")))
        elif path.is_symlink():  # a case about links keeps them links
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            target.symlink_to(path.readlink())
        elif path.is_file() and path.name != "expect.yaml":
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return dest
