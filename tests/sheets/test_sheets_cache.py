"""The sheet cache: a build after a one-entry edit typesets, and lays out as print-page HTML, only
the sheets that hold the entry; another Typst template or font set typesets everything again; a
cache folder that cannot be written, or a damaged file in it, only means typesetting again."""

from __future__ import annotations

import json
import multiprocessing
import time
from pathlib import Path

import pytest
from sheetlib import canon, context, printed, read_pdf, write_library

import generator.sheets.cache as cache_module
import generator.sheets.render as render
import generator.sheets.typeset as typeset
from generator.helpers import HELPERS
from generator.sheets.render import RenderedSheet, SheetRenderer, render_sheets
from generator.sheets.typeset import Typesetter
from generator.usercache import cache_folder


@pytest.fixture
def src(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return write_library(tmp_path / "src", presale_count=4)


@pytest.fixture
def typeset_titles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The title of every sheet Typst is asked to set (the real Typst still sets it)."""
    titles: list[str] = []
    original = Typesetter.pdf

    def recorded(self: Typesetter, data: str, *args: object) -> bytes:
        titles.append(json.loads(data)["title"])
        return original(self, data, *args)

    monkeypatch.setattr(Typesetter, "pdf", recorded)
    return titles


def _render(src: Path) -> dict[str, RenderedSheet]:
    ctx = context(src)
    return {r.sheet.id: r for r in render_sheets(ctx.library, ctx.stamp, ctx.variables)}


def test_a_second_build_typesets_nothing_and_gives_the_same_sheets(src: Path, typeset_titles: list[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first = _render(src)
    assert typeset_titles
    typeset_titles.clear()
    monkeypatch.setattr(render, "page_count", lambda pdf: pytest.fail("a cached PDF was parsed to count its pages"))
    again = _render(src)
    assert typeset_titles == []
    assert again == first  # same PDFs, page counts, and one-page sheets trimmed alike
    assert first["chat-top"].pages == 1


def test_a_build_with_every_sheet_in_the_cache_starts_no_helper_process(src: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    first = _render(src)
    monkeypatch.setattr(HELPERS, "submit", lambda *args: pytest.fail("a helper was asked to typeset"))
    assert _render(src) == first


def test_an_edit_typesets_only_the_sheets_holding_the_entry(src: Path, typeset_titles: list[str],
                                                            tmp_path: Path) -> None:
    _render(src)
    path = src / "phone" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace("请问能听到我说话吗", "请问您能听到我的声音吗"), "utf-8")
    typeset_titles.clear()
    sheets = _render(src)
    assert sorted(typeset_titles) == sorted(["电话服务 速查表", "电话客服速查表"])  # not a top entry
    for sheet_id in ("category-phone", "phone"):
        pdf = tmp_path / f"{sheet_id}.pdf"
        pdf.write_bytes(sheets[sheet_id].pdf)
        assert canon(printed("您好，请问您能听到我的声音吗？")) in "".join(canon(p.text) for p in read_pdf(pdf))


@pytest.fixture
def laid_out(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The id of every sheet laid out as a print page's HTML (really laid out still)."""
    ids: list[str] = []
    original = render.sheet_fragment

    def recorded(sheet, *args: object) -> str:
        ids.append(sheet.id)
        return original(sheet, *args)

    monkeypatch.setattr(render, "sheet_fragment", recorded)
    return ids


def test_print_pages_come_from_the_cache_unless_their_sheet_changed(src: Path, laid_out: list[str]) -> None:
    first = _render(src)
    assert sorted(laid_out) == sorted(first)
    laid_out.clear()
    assert _render(src) == first and laid_out == []
    path = src / "phone" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace("请问能听到我说话吗", "请问您能听到我的声音吗"), "utf-8")
    edited = _render(src)
    assert sorted(laid_out) == ["category-phone", "phone"]
    assert "请问您能听到我的声音吗" in edited["phone"].fragment and edited["chat"] == first["chat"]


def test_a_renamed_entry_gets_its_new_id_on_the_print_page_though_its_pdf_is_unchanged(
        src: Path, typeset_titles: list[str]) -> None:
    _render(src)
    path = src / "phone" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace("phone-silent", "phone-quiet"), "utf-8")
    typeset_titles.clear()
    sheets = _render(src)
    assert typeset_titles == []  # the PDF shows no ids
    assert 'data-entry="phone-quiet"' in sheets["phone"].fragment and "phone-silent" not in sheets["phone"].fragment


def test_a_damaged_print_page_in_the_cache_is_laid_out_again(src: Path, laid_out: list[str]) -> None:
    first = _render(src)
    for path in cache_folder("sheets").glob("*.html"):
        path.write_text(path.read_text("utf-8")[:300], "utf-8")  # cut short
    laid_out.clear()
    assert _render(src) == first
    assert sorted(laid_out) == sorted(first)


TOP_SHEET = "在线常用话术（一页）"


@pytest.fixture
def many_tops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """33 top entries: more than one page holds, so the one-page sheet is fitted by trying."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return write_library(tmp_path / "src")


def test_an_edit_of_a_top_entry_fits_its_one_page_sheet_again_in_two_typesettings(
        many_tops: Path, typeset_titles: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _render(many_tops)["chat-top"]
    assert first.sheet.omitted and typeset_titles.count(TOP_SHEET) > 2
    path = many_tops / "greeting" / "entries.yaml"
    path.write_text(path.read_text("utf-8").replace("欢迎光临", "欢迎来到"), "utf-8")
    typeset_titles.clear()
    again = _render(many_tops)["chat-top"]
    assert typeset_titles.count(TOP_SHEET) == 2  # as many as last time fit, then one more
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "empty"))
    assert again == _render(many_tops)["chat-top"]  # what fitting from nothing finds


@pytest.mark.parametrize("hint", ["1", "999", "damaged"])
def test_a_wrong_fit_hint_still_finds_what_fits(many_tops: Path, hint: str) -> None:
    fresh = _render(many_tops)["chat-top"]
    folder = cache_folder("sheets")
    for path in folder.glob("*.pdf"):
        path.unlink()  # typeset again, starting from the hint
    (folder / "fitted-chat-top.txt").write_text(hint, "ascii")
    assert _render(many_tops)["chat-top"] == fresh


def test_another_template_typesets_everything_again(src: Path, typeset_titles: list[str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    first = _render(src)
    changed = tmp_path / "sheet.typ"
    changed.write_text(typeset.TEMPLATE.read_text("utf-8") + "\n// another version of the template\n", "utf-8")
    monkeypatch.setattr(typeset, "TEMPLATE", changed)
    typeset_titles.clear()
    _render(src)
    assert sorted(set(typeset_titles)) == sorted({r.sheet.title for r in first.values()})


def test_other_fonts_are_another_cache_key() -> None:
    import typst

    everything = typst.Fonts().fonts()
    fewer = typst.Fonts(include_system_fonts=False).fonts()
    assert typeset._fingerprint(typst.__version__, everything) != typeset._fingerprint(typst.__version__, fewer)
    assert typeset._fingerprint("0.15.2", everything) != typeset._fingerprint("0.15.3", everything)


def test_a_cache_that_cannot_be_written_only_means_typesetting(src: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               typeset_titles: list[str]) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    sheets = _render(src)
    assert all(r.pdf.startswith(b"%PDF") for r in sheets.values())
    typeset_titles.clear()
    _render(src)
    assert typeset_titles  # nothing was kept, so everything is set again


def test_a_damaged_cache_file_is_set_again(src: Path, typeset_titles: list[str]) -> None:
    first = _render(src)
    for path in cache_folder("sheets").glob("*.pdf"):
        path.write_bytes(path.read_bytes()[:500])  # cut short, as by a full disk
    typeset_titles.clear()
    assert _render(src) == first
    assert typeset_titles


def test_the_cache_keeps_only_the_most_recent_files(src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "KEEP", 3)
    _render(src)
    assert len(list(cache_folder("sheets").glob("*.pdf"))) == 3
    assert len(list(cache_folder("sheets").glob("*.html"))) == 3


def test_typst_workers_exit_as_soon_as_the_last_sheet_is_printed(src: Path) -> None:
    """The two Typst processes (about 160 MB each) are not kept for the rest of the build."""
    ctx = context(src)
    pending = SheetRenderer(ctx.library, ctx.stamp, ctx.variables).start_pdfs()
    seen, gone_since, deadline = False, None, time.monotonic() + 120
    while time.monotonic() < deadline:
        if multiprocessing.active_children():
            seen, gone_since = True, None
        elif seen:
            gone_since = gone_since or time.monotonic()
            if time.monotonic() - gone_since > 1:  # not a worker being replaced by a fresh one
                break
        time.sleep(0.05)
    assert seen and gone_since is not None, "the Typst workers were still running, waiting for the build"
    sheets = pending.result()
    assert sheets and all(r.pdf.startswith(b"%PDF") for r in sheets)


def test_the_bar_counts_every_sheet_even_when_the_last_one_finishes_slowly(
        src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bar of `handbook build` ends full: the last sheet counted before the step's line is written."""
    counted: list[int] = []

    class Recorded(render.Progress):
        def finish(self, failed: bool = False) -> None:
            counted.append(self.done)
            super().finish(failed)

    original_close = Typesetter.close

    def slow_close(self: Typesetter) -> None:  # runs in the worker thread right after the last sheet
        time.sleep(0.5)
        original_close(self)

    monkeypatch.setattr(render, "Progress", Recorded)
    monkeypatch.setattr(Typesetter, "close", slow_close)
    ctx = context(src)
    sheets = SheetRenderer(ctx.library, ctx.stamp, ctx.variables).with_pdfs()
    assert counted == [len(sheets)]
