"""The starter library that comes with the project (its `scripts_src/`): what `handbook init`
copies, and where a library started by `handbook import` takes its lexicon and policies from."""

from __future__ import annotations

from pathlib import Path

from generator.errors import UsageError

STARTER = Path(__file__).resolve().parents[1] / "scripts_src"


def starter_folder() -> Path:
    if not (STARTER / "handbook.yaml").is_file():
        raise UsageError(f"找不到入门话术库 {STARTER}：请从项目文件夹重新安装（./dev build 会安装）")
    return STARTER


def starter_text(name: str) -> str:
    return (starter_folder() / name).read_text("utf-8")
