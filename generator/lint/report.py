"""Findings → text: human (grouped, with the source line), `line`, or JSON."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from itertools import groupby

from generator.lint.registry import Finding
from generator.source.reading import SourceFile
from generator.text.terminal import path_shown, shown

LEVEL_NAMES = {"error": "错误", "warning": "警告"}
COLOURS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "bold": "\033[1m"}
RESET = "\033[0m"
FORMATS = ("human", "line", "json")


def render(findings: Sequence[Finding], fmt: str, *, sources: dict[str, SourceFile],
           colour: bool, entries: int) -> str:
    if fmt == "json":
        return json.dumps({"findings": [f.as_dict() for f in findings],
                           "summary": _summary_counts(findings, entries)},
                          ensure_ascii=False, indent=2)
    if fmt == "line":
        return "\n".join(f"{path_shown(f.file)}:{f.line}:{f.column}: {f.code} {shown(f.message)}" for f in findings)
    return _human(findings, sources, colour, entries)


def _summary_counts(findings: Sequence[Finding], entries: int) -> dict[str, int]:
    return {"entries": entries, "errors": sum(f.level == "error" for f in findings),
            "warnings": sum(f.level == "warning" for f in findings)}


def summary_line(findings: Sequence[Finding], entries: int) -> str:
    counts = _summary_counts(findings, entries)
    if not findings:
        return f"检查通过：{entries} 条话术，没有发现问题。"
    verdict = "检查未通过" if counts["errors"] else "检查通过（有警告）"
    return f"{verdict}：{counts['errors']} 个错误，{counts['warnings']} 个警告（共 {entries} 条话术）。"


def warnings_note(findings: Sequence[Finding], shown: int = 5) -> str:
    """For the commands that build from a checked source: the warnings it still has, the first few
    of them, and how to see them all ('' when there are none)."""
    warnings = [f for f in findings if f.level == "warning"]
    if not warnings:
        return ""
    lines = [f"检查通过，但有 {len(warnings)} 个警告{'，前 ' + str(shown) + ' 个' if len(warnings) > shown else ''}："]
    lines += [f"  {render([f], 'line', sources={}, colour=False, entries=0)}" for f in warnings[:shown]]
    lines.append("运行 handbook check 查看全部警告和修改建议。")
    return "\n".join(lines)


def _human(findings: Sequence[Finding], sources: dict[str, SourceFile], colour: bool,
           entries: int) -> str:
    paint = _painter(colour)
    out: list[str] = []
    for file, group in groupby(findings, key=lambda f: f.file):
        out.append(paint("bold", path_shown(file)))
        for item in group:
            level = paint(item.level, LEVEL_NAMES[item.level])
            out.append(f"  {item.line}:{item.column}  {level} {paint('dim', item.code)}  "
                       f"{shown(item.message)}")
            source = sources.get(file)
            if source is not None:
                out.extend(_excerpt(source, item, paint))
        out.append("")
    out.append(summary_line(findings, entries))
    return "\n".join(out)


def _excerpt(source: SourceFile, item: Finding, paint) -> list[str]:
    try:
        text = source.line_text(item.line)
    except IndexError:
        return []
    if len(text) > 160 or shown(text) != text:  # a line the terminal would take as commands is not shown
        return []
    gutter = f"{item.line:>6} | "
    caret = " " * _width(text[: item.column - 1]) + "^"
    return [paint("dim", gutter) + text, paint("dim", " " * 7 + "| ") + paint(item.level, caret)]


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _painter(colour: bool):
    def paint(style: str, text: str) -> str:
        return f"{COLOURS[style]}{text}{RESET}" if colour else text

    return paint
