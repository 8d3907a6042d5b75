"""The preview's rebuilds: parts an edit did not touch are taken over from the last rebuild, the
result is the page a fresh build makes, and nothing of an older library is kept."""

from __future__ import annotations

import gc
import shutil
import weakref
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.reuse import Reuse
from generator.site.assembly import Site
from generator.site.context import load_context
from generator.site.layout import category_page

TRICKY = Path(__file__).parent / "fixtures" / "tricky"


def _rename_first_entry(src: Path, category: str, title: str) -> None:
    path = src / category / "entries.yaml"
    text = path.read_text("utf-8")
    start = text.index("    title: ") + len("    title: ")
    path.write_text(text[:start] + title + text[text.index("\n", start):], "utf-8")


def _break(src: Path, category: str) -> str:
    """Gives the first entry of a category an unknown key; returns the file's original text."""
    path = src / category / "entries.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("    title: ", "    titel: ", 1), "utf-8")
    return text


def test_an_error_in_a_file_the_save_did_not_touch_still_stops_the_preview(tmp_path: Path) -> None:
    src = Path(shutil.copytree(TRICKY, tmp_path / "scripts_src"))
    reuse = Reuse()
    good = _break(src, "bank")
    with pytest.raises(BuildError, match=r"bank/entries\.yaml"):
        load_context(src, serving=True, reuse=reuse.next_round())
    _rename_first_entry(src, "service", "另一个文件里的改动")  # the bank file's parse is taken over
    with pytest.raises(BuildError, match=r"bank/entries\.yaml"):
        load_context(src, serving=True, reuse=reuse.next_round())
    (src / "bank" / "entries.yaml").write_text(good, "utf-8")
    titles = {e.title for e in load_context(src, serving=True, reuse=reuse.next_round()).library.entries}
    assert "另一个文件里的改动" in titles


def test_an_edit_remakes_its_category_only_and_the_old_library_is_let_go(tmp_path: Path) -> None:
    src = Path(shutil.copytree(TRICKY, tmp_path / "scripts_src"))
    reuse = Reuse()
    first = Site(load_context(src, serving=True, reuse=reuse.next_round()))
    bank, service = first.page(category_page("bank")), first.page(category_page("service"))
    old_service_entry = weakref.ref(next(e for e in first.ctx.library.entries if e.category == "service"))
    _rename_first_entry(src, "bank", "改过的还款标题")
    second = Site(load_context(src, serving=True, reuse=reuse.next_round()))
    fresh = Site(load_context(src, serving=True))
    assert second.page(category_page("service")) is service  # untouched: taken over
    edited = second.page(category_page("bank"))
    assert edited is not bank and "改过的还款标题" in edited.html
    assert {p: page.html for p, page in second.by_path.items()} == {p: page.html for p, page in fresh.by_path.items()}
    # the unchanged documents' search keys are taken over: the same index
    assert [(path, f.read()) for path, f in second.files()] == [(path, f.read()) for path, f in fresh.files()]
    del first, bank, service, fresh, edited
    gc.collect()
    assert old_service_entry() is None  # the unchanged category's page does not hold the old entries
