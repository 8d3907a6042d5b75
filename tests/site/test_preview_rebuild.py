"""The preview's rebuilds: parts an edit did not touch are taken over from the last rebuild, the
result is the page a fresh build makes, and nothing of an older library is kept."""

from __future__ import annotations

import gc
import json
import shutil
import weakref
from pathlib import Path

import pytest
from index_support import postings_by_key

from generator.errors import BuildError
from generator.reuse import Reuse
from generator.site import search
from generator.site.assembly import Site
from generator.site.context import load_context
from generator.site.layout import category_page
from generator.site.search import INDEX_PATH, build_index, search_fold

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
    # the unchanged documents' search keys are taken over: the same index (its keys may be numbered
    # in another order: the browser looks them up by name)
    assert [_comparable(path, f.read()) for path, f in second.files()] == \
        [_comparable(path, f.read()) for path, f in fresh.files()]
    del first, bank, service, fresh, edited
    gc.collect()
    assert old_service_entry() is None  # the unchanged category's page does not hold the old entries


def _comparable(path: str, content: bytes) -> object:
    if path != INDEX_PATH:
        return path, content
    index = json.loads(content.decode("utf-8").split("=", 1)[1].rstrip(";\n"))
    rest = {name: value for name, value in index.items() if name not in ("keys", "postings")}
    return path, postings_by_key(index), rest


def test_an_edit_with_characters_new_to_the_library_reworks_only_its_own_search_keys(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New characters change the Traditional/Simplified fold; the other documents' keys are still
    taken over (at 10,000 entries, working them all out again made that save take 10 s)."""
    src = Path(shutil.copytree(TRICKY, tmp_path / "scripts_src"))
    reuse = Reuse()
    first = load_context(src, serving=True, reuse=reuse.next_round())
    build_index(first.library, search_fold(first.library), made=first.made)
    _rename_first_entry(src, "bank", "鳄鱼皮钱包的还款")  # 鳄 鱷, 鱼 魚, 钱 錢: not in the library yet
    second = load_context(src, serving=True, reuse=reuse.next_round())
    fold = search_fold(second.library)
    assert fold != search_fold(first.library)
    worked_out: list[str] = []
    original = search._doc_keys

    def counted(keys: object, fields: dict[str, str]) -> object:
        worked_out.append(fields["title"])
        return original(keys, fields)

    monkeypatch.setattr(search, "_doc_keys", counted)
    index = build_index(second.library, fold, made=second.made)
    assert worked_out == ["鳄鱼皮钱包的还款"]
    assert postings_by_key(index) == postings_by_key(build_index(second.library, fold))


def test_a_document_whose_character_now_folds_differently_gets_new_search_keys(tmp_path: Path) -> None:
    """A reply already holds 魚; an edit brings 鱼 into the library, so 魚 now folds to 鱼: the
    reply's keys are worked out again, and the index matches a fresh one."""
    src = Path(shutil.copytree(TRICKY, tmp_path / "scripts_src"))
    entries = src / "service" / "entries.yaml"
    text = entries.read_text("utf-8").replace("这条回复只是文字。", "这条回复只是文字，鱷魚皮。", 1)
    entries.write_text(text, "utf-8")
    reuse = Reuse()
    first = load_context(src, serving=True, reuse=reuse.next_round())
    build_index(first.library, search_fold(first.library), made=first.made)
    _rename_first_entry(src, "bank", "鳄鱼皮钱包的还款")
    second = load_context(src, serving=True, reuse=reuse.next_round())
    fold = search_fold(second.library)
    assert "魚鱼" in fold and "魚鱼" not in search_fold(first.library)
    index = build_index(second.library, fold, made=second.made)
    assert postings_by_key(index) == postings_by_key(build_index(second.library, fold))
