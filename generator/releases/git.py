"""The old side of a comparison from git: the source folder as it was at a commit, tag or branch
(its files read with `git archive` into a temporary folder)."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from generator.errors import UsageError
from generator.model import load_library
from generator.releases.manifest import Manifest, build_manifest


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise UsageError("找不到 git 命令：按版本对比需要安装 git") from None


def git_toplevel(src: Path) -> Path | None:
    """The root of the git work tree holding the source folder, if there is one."""
    top = _git(src, "rev-parse", "--show-toplevel")
    return Path(top.stdout.decode().strip()).resolve() if top.returncode == 0 else None


def is_git_ref(src: Path, ref: str) -> bool:
    return _git(src, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode == 0


def manifest_at_ref(src: Path, ref: str) -> Manifest:
    """Build the manifest of the source folder as it was at a git commit, tag or branch."""
    root = git_toplevel(src)
    if root is None:
        raise UsageError(f"{src} 不在 git 仓库里，无法按版本 {ref} 对比；请改用清单文件（releases/*.json）")
    rel = src.resolve().relative_to(root).as_posix()
    archive = _git(root, "archive", "--format=tar", ref, "--", rel)
    if archive.returncode != 0:
        raise UsageError(f"在版本 {ref} 中找不到源文件夹 {rel}：{archive.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="handbook-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        library, _ = load_library(Path(tmp) / rel)
        return build_manifest(library, label=f"{ref}:{rel}")
