"""In-place suppression: `# handbook-ignore: W001 原因` silences a rule where it is written.

A comment at the end of a line covers that line and the lines nested under it (so a comment
after `approved:` covers every reply). A comment alone on its line covers the value that starts
on the next line, including its nested or block-scalar lines. A reason is required:
the comment stays in the file as the audit trail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator.lint.registry import Finding, finding_at, rules
from generator.source.reading import SourceFile

MARKER = "handbook-ignore"
COMMENT = re.compile(r"(?:^|\s)#\s*handbook-ignore\s*[:：]?\s*(?P<codes>[A-Za-z0-9,， ]*?)"
                     r"(?:\s+(?P<reason>\S.*))?\s*$")
CODE = re.compile(r"^[A-Z]\d{3}$")


@dataclass(frozen=True)
class Suppression:
    codes: frozenset[str]
    first_line: int
    last_line: int


def apply_suppressions(findings: list[Finding], sources: dict[str, SourceFile]) -> list[Finding]:
    by_file: dict[str, list[Suppression]] = {}
    problems: list[Finding] = []
    for rel, source in sources.items():
        if MARKER in source.text:
            by_file[rel] = list(_parse(source, problems))
    kept = [f for f in findings if not _suppressed(f, by_file.get(f.file, ()))]
    return kept + problems


def _suppressed(item: Finding, suppressions: Iterable[Suppression]) -> bool:
    return any(item.code in s.codes and s.first_line <= item.line <= s.last_line
               for s in suppressions)


def _parse(source: SourceFile, problems: list[Finding]) -> Iterable[Suppression]:
    lines = source.text.splitlines()
    for number, line in enumerate(lines, start=1):
        if MARKER not in line:
            continue
        match = COMMENT.search(line)
        column = line.find("#") + 1
        if match is None:
            continue
        codes = [c for c in re.split(r"[,，\s]+", match.group("codes")) if c]
        problem = _problem(codes, match.group("reason"))
        if problem:
            problems.append(finding_at("M002", source.rel, number, column, problem=problem))
            continue
        own_line = line[: match.start()].strip() == ""
        first, last = _block_lines(lines, number if own_line else number - 1)
        yield Suppression(frozenset(codes), first, last)


def _problem(codes: list[str], reason: str | None) -> str | None:
    if not codes:
        return "没有写规则编号，应写成 # handbook-ignore: W001 原因"
    unknown = [c for c in codes if not CODE.match(c) or c not in rules()]
    if unknown:
        return f"没有这个规则编号：{'、'.join(unknown)}（运行 handbook rules 查看全部规则）"
    if not reason:
        return f"忽略 {'、'.join(codes)} 必须写明原因，如 # handbook-ignore: {codes[0]} 这里引用顾客原话"
    return None


def _block_lines(lines: list[str], from_index: int) -> tuple[int, int]:
    """1-based first and last line of the first significant line at or after `from_index`
    together with the lines nested under it."""
    start = next((i for i in range(from_index, len(lines)) if _significant(lines[i])), None)
    if start is None:
        return from_index + 1, from_index + 1
    indent = _indent(lines[start])
    end = start
    for i in range(start + 1, len(lines)):
        if _significant(lines[i]) and _indent(lines[i]) <= indent:
            break
        end = i
    return start + 1, end + 1


def _significant(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
