"""Property: whatever a trainer's editor leaves in the files, the checker answers with findings —
never an exception — and every finding points inside the file it names."""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from corpus_support import BASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.lint.engine import check_source
from generator.lint.registry import rules
from generator.source.reading import LINE_BREAK

FILES = sorted(p.relative_to(BASE).as_posix() for p in BASE.rglob("*.yaml"))
NASTY = [*":-[]{}&*!|>'\"#%@?,\t\n ", "\r\n", "\r", "\u200b", "\u2028", "\ufeff", "😊", "不知道", "加 微 信",
         "{店铺名称", "【订单号】", "no", "0755", "2026-01-01", "<<: ", "*a", "&a ", "...", "！！"]
text_piece = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=6).map("".join)


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, int, int, bytes]:
    rel = draw(st.sampled_from(FILES))
    size = len((BASE / rel).read_bytes())
    start = draw(st.integers(0, size))
    end = draw(st.integers(start, min(size, start + 40)))
    raw = draw(st.one_of(text_piece.map(lambda t: t.encode("utf-8")), st.binary(max_size=8),
                         text_piece.map(lambda t: t.encode("gb18030", errors="replace"))))
    return rel, start, end, raw


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation(), min_size=1, max_size=4))
def test_checker_only_ever_returns_findings(mutations: list[tuple[str, int, int, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "lib"
        shutil.copytree(BASE, src)
        for rel, start, end, raw in mutations:
            path = src / rel
            data = path.read_bytes()
            path.write_bytes(data[:start] + raw + data[end:])
        result = check_source(src, dt.date(2026, 11, 22))
        for item in result.findings:
            assert item.code in rules()
            assert item.line >= 1 and item.column >= 1
            source = result.sources.get(item.file)
            if source is not None:
                assert item.line <= len(LINE_BREAK.findall(source.text)) + 1  # a lone CR ends a line too
                assert item.column <= len(source.line_text(item.line)) + 1


STARTER = Path(__file__).resolve().parents[2] / "scripts_src"
UNTRANSLATED = re.compile(r"[a-z]{3,} [a-z]{3,}")  # libyaml's English (did not find expected …)


def _mutated(text: str, rng: random.Random) -> str:
    """One edit an editor or a hurried trainer makes: a stray character, a deleted line, or a line
    indented by two spaces more or less."""
    lines, at = text.split("\n"), rng.randrange(len(text))
    kind = rng.randrange(3)
    if kind == 0:
        return text[:at] + rng.choice([*NASTY, "---", "? ", "`", "\\", "!!str ", "%YAML"]) + text[at:]
    line = rng.randrange(len(lines))
    if kind == 1:
        del lines[line]
    else:
        lines[line] = "  " + lines[line] if rng.random() < 0.5 else lines[line].lstrip()
    return "\n".join(lines)


def test_mutated_starter_files_get_chinese_findings_and_exit_0_or_1(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """300 seeded mutations of the starter's own files, checked the way a trainer runs the check:
    exit 0 or 1, never an exception, and every syntax message in Chinese."""
    from generator.cli import main

    rng = random.Random(20261201)
    files = sorted(p.relative_to(STARTER) for p in STARTER.rglob("*.yaml"))
    src = tmp_path / "src"
    shutil.copytree(STARTER, src)
    english = []
    for _case in range(300):
        rel = rng.choice(files)
        original = (STARTER / rel).read_text("utf-8")
        (src / rel).write_text(_mutated(original, rng), "utf-8")
        assert main(["check", str(src), "--format", "line", "--today", "2026-11-22"]) in (0, 1)
        report = capsys.readouterr()
        assert "Traceback" not in report.err
        english += [line for line in report.out.splitlines() if ": Y" in line and UNTRANSLATED.search(line)]
        (src / rel).write_text(original, "utf-8")
    assert english == []
