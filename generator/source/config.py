"""Small YAML configuration files a team writes beside the source (export profiles, chat record
profiles): read and parsed into a mapping, or a Chinese UsageError naming file:line:column."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.errors import UsageError


def read_config(path: Path, kind: str) -> str:
    """The text of a `kind` (导出配置, 记录配置 …) file, UTF-8 with or without a BOM."""
    try:
        return path.read_text("utf-8-sig")
    except OSError as err:
        raise UsageError(f"读不到{kind} {path}：{err.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{kind} {path} 不是 UTF-8 编码：请用 UTF-8 另存") from None


def parse_config(text: str, origin: str, kind: str) -> dict:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}:{mark.column + 1}" if mark else origin
        raise UsageError(f"{where}: {kind}不是有效的 YAML：{getattr(err, 'problem', err)}") from None
    if not isinstance(data, dict):
        raise UsageError(f"{origin}: {kind}应是「键: 值」的映射")
    return data
