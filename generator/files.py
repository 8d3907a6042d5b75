"""Writing outputs whole: each file goes to a temporary name beside it and is renamed over the
target, so an interrupted run never leaves half a file where a tool or a trainer expects one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from generator.errors import BuildError


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
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
