"""`handbook sheets`: files written, byte-identical reruns, clear Chinese errors and nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from sheetlib import canon, write_library

from generator.cli import main


@pytest.fixture(scope="module")
def small_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_library(tmp_path_factory.mktemp("cli") / "src", presale_count=2)


def _run(src: Path, out: Path, *extra: str) -> int:
    return main(["sheets", "--src", str(src), "--out", str(out), "--date", "2026-01-02", *extra])


def test_writes_pdfs_byte_identical_on_rerun(small_src: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    args = ("--sheet", "category-phone", "--sheet", "chat-top", "--var", "店铺名称=小蓝鲸旗舰店")
    assert _run(small_src, tmp_path / "a", *args) == 0
    output = capsys.readouterr().out
    assert "sheet-category-phone.pdf  电话服务 速查表  1 页" in output and "已生成 2 份速查表" in output
    assert _run(small_src, tmp_path / "b", *args) == 0
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["sheet-category-phone.pdf", "sheet-chat-top.pdf"]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    reader = PdfReader(tmp_path / "a" / "sheet-category-phone.pdf")
    assert "小蓝鲸旗舰店客服中心" in canon(reader.pages[0].extract_text())
    assert reader.metadata.creation_date.date().isoformat() == "2026-01-02"


@pytest.mark.parametrize(("args", "message"), [
    (("--var", "没有这个=1"), "占位符「没有这个」没有在 handbook.yaml 的 placeholders 里声明"),
    (("--var", "店铺名称"), "名称=值"),
    (("--sheet", "nope"), "没有编号为“nope”的速查表"),
])
def test_bad_options_exit_2_before_writing(small_src: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
                                           args: tuple[str, ...], message: str) -> None:
    assert _run(small_src, tmp_path / "out", *args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_source_errors_stop_the_command(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = write_library(tmp_path / "src", presale_count=1)
    path = src / "greeting" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace("approved:", "aproved:", 1), "utf-8")
    assert _run(src, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "没有生成速查表" in err and "greeting/entries.yaml:" in err
    assert not (tmp_path / "out").exists()


def test_missing_cjk_fonts_say_what_to_install(small_src: Path, tmp_path: Path, capsys: pytest.CaptureFixture,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import typst

    system_fonts = typst.Fonts
    monkeypatch.setattr(typst, "Fonts", lambda: system_fonts(include_system_fonts=False))  # no Noto Sans CJK
    assert _run(small_src, tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "未找到中文字体 Noto Sans CJK SC" in err and "fonts-noto-cjk" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
