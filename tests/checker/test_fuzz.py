"""Property: whatever a trainer's editor leaves in the files, the checker answers with findings —
never an exception — and every finding points inside the file it names."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from corpus_support import BASE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.lint.engine import check_source
from generator.lint.registry import rules

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
                assert item.line <= source.text.count("\n") + 1
                assert item.column <= len(source.line_text(item.line)) + 1
