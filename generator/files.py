"""Writing outputs whole: a file goes to a temporary name beside it and is renamed over the target;
a folder is made beside its target and swapped in when complete. An interrupted run never leaves
half a file or half a site where a tool or a trainer expects one."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from generator.errors import BuildError


def write_atomically(path: Path, data: bytes) -> None:
    """`path` holds `data` whole, with the permissions it had, or those of any new file the user
    makes (a temporary file is private to its owner: a web server could not read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def write_files(out: Path, files: Iterable[tuple[str | Path, bytes]]) -> list[Path]:
    """Write (path inside `out`, content) pairs; a failure is a BuildError naming the file."""
    written = []
    try:
        for name, data in files:
            write_atomically(out / name, data)
            written.append(out / name)
    except OSError as err:
        raise BuildError(f"无法写入 {err.filename or out}：{err.strerror or err}") from None
    return written


@cache
def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


@contextmanager
def replaced_folder(out: Path) -> Iterator[Path]:
    """An empty folder to fill in place of `out`. When the block ends normally it replaces `out`
    (two renames); when it fails it is removed and `out` stays as it was. The folder is made
    with `mkdir`, so it gets the permissions of any folder the user makes."""
    out.parent.mkdir(parents=True, exist_ok=True)
    holder = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    staging = holder / out.name
    staging.mkdir()
    try:
        yield staging
        _swap(staging, out)
    finally:
        shutil.rmtree(holder, ignore_errors=True)


def _swap(staging: Path, out: Path) -> None:
    old = out.with_name(f".{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
