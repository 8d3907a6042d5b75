"""Writing outputs whole: a file goes to a temporary name beside it and is renamed over the target;
a folder is made beside its target and swapped in when complete. An interrupted run never leaves
half a file or half a site where a tool or a trainer expects one."""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path

from generator.errors import BuildError, UsageError


def write_atomically(path: Path, data: bytes) -> None:
    """`path` holds `data` whole, with the permissions it had, or those of any new file the user
    makes (a temporary file is private to its owner: a web server could not read it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_written_beside(path, data), path)


def _written_beside(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, with the mode `path` has or a new file would get."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, mode)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def write_files(out: Path, files: Iterable[tuple[str | Path, bytes]]) -> list[Path]:
    """Write (path inside `out`, content) pairs, all or none: each file is written under a temporary
    name beside its target, and only when every one is complete are they renamed into place. A
    failure (a full disk, a file where a folder should be) is a BuildError naming the file, and
    leaves every target, and the folders, as they were."""
    targets = [(out / name, data) for name, data in files]
    made: list[Path] = []
    staged: list[tuple[str, Path]] = []
    path = out
    try:
        for path, data in targets:
            made += _make_folders(path.parent)
            staged.append((_written_beside(path, data), path))
        for temporary, path in staged:
            os.replace(temporary, path)
    except OSError as err:
        for temporary, _target in staged:
            Path(temporary).unlink(missing_ok=True)
        for folder in reversed(made):
            with suppress(OSError):  # not empty: a rename had already landed in it
                folder.rmdir()
        raise BuildError(f"无法写入 {path}：{failure_reason(err)}；没有写入任何文件") from None
    return [target for target, _data in targets]


def _make_folders(folder: Path) -> list[Path]:
    """Make `folder` and any missing parents; the ones made, outermost first."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir()
    return list(reversed(missing))


REASONS = {errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出了磁盘配额", errno.EFBIG: "文件超过了系统允许的大小",
           errno.EACCES: "没有写入权限", errno.EPERM: "没有写入权限（文件或文件夹被锁定）", errno.EROFS: "磁盘是只读的",
           errno.ENOTDIR: "路径上有一个同名的文件挡住了文件夹", errno.EEXIST: "路径上有一个同名的文件挡住了文件夹",
           errno.EISDIR: "那里是一个文件夹"}


def failure_reason(err: OSError) -> str:
    """Why a write failed, in Chinese (strerror is English)."""
    return REASONS.get(err.errno or 0, err.strerror or str(err))


@cache
def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it: put it straight back
    os.umask(mask)
    return mask


@contextmanager
def replaced_folder(out: Path, kind: str, made_by_us: Callable[[Path], bool], source: Path) -> Iterator[Path]:
    """An empty folder to fill in place of `out` (a `kind` of output, e.g. 网站). When the block
    ends normally it replaces `out`; when it fails it is removed and `out` stays as it was.

    Only an empty folder or one `made_by_us` is ever replaced, never the `source` or a folder that
    holds it. One run at a time per output (a lock beside it); a run that was killed is cleaned up
    by the next: its staging folder removed, and `out` put back if the kill fell between the two
    renames of the swap. The new folder is made with `mkdir`: the permissions of any user folder."""
    out = out.resolve()
    _refuse_unsafe(out, kind, made_by_us, source.resolve())
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _recover(out)
        holder = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        staging = holder / out.name
        staging.mkdir()
        try:
            yield staging
            _swap(staging, out)
        finally:
            shutil.rmtree(holder, ignore_errors=True)


def _refuse_unsafe(out: Path, kind: str, made_by_us: Callable[[Path], bool], source: Path) -> None:
    if source.is_relative_to(out):
        raise UsageError(f"输出文件夹 {out} 是源文件夹或包含源文件夹：请换一个输出文件夹")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} 是一个文件，不是文件夹：请换一个输出文件夹")
    if out.is_dir() and any(out.iterdir()) and not made_by_us(out):
        raise UsageError(f"{out} 已存在，里面也有文件，但不像是以前生成的{kind}：为安全起见不会覆盖，"
                         "请换一个文件夹，或先清空它")


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """The folder that holds `out` is locked (flock on the folder itself: no lock file left behind)."""
    folder = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"另一个命令正在 {out.parent} 里生成输出：请等它结束后再试") from None
        yield
    finally:
        os.close(folder)


def _recover(out: Path) -> None:
    """What a killed run left: its staging folder, or (killed mid-swap) the previous output aside."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    old = _old(out)
    if old.is_dir() and not out.exists():
        old.rename(out)


def _old(out: Path) -> Path:
    return out.with_name(f".{out.name}.old")


def _swap(staging: Path, out: Path) -> None:
    old = _old(out)
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
