"""Manifest, `handbook diff`, `handbook release` and the "最近更新" page."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from publish_support import BASE_ENTRIES, entry, git, write_source

from generator.cli import main
from generator.model import load_library
from generator.releases.diff import compare
from generator.releases.manifest import build_manifest, read_manifest
from generator.site.context import BuildContext
from generator.site.sections.updates import UpdatesSection, diff_html, updates_markdown

NEW_ENTRY = entry("presale-material", "材质面料", ["亲，这款是纯棉面料，柔软透气～"], updated="2026-11-21")


def run_json(capsys: pytest.CaptureFixture, *argv: str) -> dict:
    assert main([*argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def ids(changes: list[dict]) -> list[str]:
    return [c["id"] for c in changes]


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A git repo whose commits add, edit, remove and retitle entries (HEAD~4 … HEAD)."""
    repo = tmp_path / "repo"
    entries = copy.deepcopy(BASE_ENTRIES)
    src = write_source(repo / "scripts_src", entries)
    git(repo, "init", "-q", "-b", "main")

    def commit(message: str) -> None:
        write_source(src, entries)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", message)

    commit("base")
    entries["presale"].append(NEW_ENTRY)
    commit("add")
    entries["presale"][0]["approved"] = ["亲，这款现在已经是活动价了，{店铺名称}保证品质和售后，希望您理解哦～"]
    commit("edit")
    del entries["presale"][1]
    commit("remove")
    git(repo, "tag", "v-before-title")
    entries["aftersale"][0]["title"] = "七天无理由退换"
    commit("retitle")
    return src


def test_diff_against_git_refs(history: Path, capsys: pytest.CaptureFixture) -> None:
    result = run_json(capsys, "diff", "HEAD~4", "--src", str(history))
    assert ids(result["added"]) == ["presale-material"]
    assert ids(result["removed"]) == ["presale-stock"]
    assert sorted(ids(result["changed"])) == ["aftersale-return", "presale-bargain"]
    bargain = next(c for c in result["changed"] if c["id"] == "presale-bargain")
    assert bargain["where"] == "presale/entries.yaml:2"
    (field,) = bargain["fields"]
    assert field["label"] == "标准回复" and "这款已经是活动价啦" in field["items"][0]["old"]


def test_title_change_keeps_the_id(history: Path, capsys: pytest.CaptureFixture) -> None:
    result = run_json(capsys, "diff", "v-before-title", "--src", str(history))
    assert result["summary"] == {"added": 0, "changed": 1, "removed": 0}
    (change,) = result["changed"]
    assert change["id"] == "aftersale-return"
    assert (change["old_title"], change["title"]) == ("七天无理由退货", "七天无理由退换")
    assert [f["field"] for f in change["fields"]] == ["title"]


def test_human_diff_is_chinese_with_character_markers(history: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "HEAD~3", "--src", str(history)]) == 0
    out = capsys.readouterr().out
    assert "修改 2 条、删除 1 条" in out
    lines = [line.strip() for line in out.splitlines()]
    at = lines.index("旧：七天无理由退［货］")  # the old and the new title, one above the other
    assert lines[at - 1] == "标题：" and lines[at + 1] == "新：七天无理由退［换］"
    reply = next(i for i, line in enumerate(lines) if line.startswith("~ 旧：亲，这款已经是活动价"))
    assert lines[reply] == "~ 旧：亲，这款已经是活动价［啦］，{店铺名称}保证品质和售后，希望您理解哦～"
    assert lines[reply + 1] == "新：亲，这款［现在］已经是活动价［了］，{店铺名称}保证品质和售后，希望您理解哦～"


def test_release_then_diff_against_the_release_file(small_src: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["release", "--src", str(small_src), "--date", "2026-11-21"]) == 0
    release = small_src.parent / "releases" / "2026-11-21.json"
    assert read_manifest(release).released == "2026-11-21"
    entries = copy.deepcopy(BASE_ENTRIES)
    entries["presale"][1]["title"] = "库存查询"
    entries["aftersale"].append(NEW_ENTRY)
    write_source(small_src, entries)
    capsys.readouterr()
    for argv in (("diff", "--src", str(small_src)), ("diff", str(release), "--src", str(small_src))):
        result = run_json(capsys, *argv)
        assert ids(result["added"]) == ["presale-material"] and ids(result["changed"]) == ["presale-stock"]


def test_release_without_changes_writes_nothing(small_src: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["release", "--src", str(small_src), "--date", "2026-11-21"]) == 0
    assert main(["release", "--src", str(small_src), "--date", "2026-11-22"]) == 0
    assert "没有变化" in capsys.readouterr().out
    assert [p.name for p in (small_src.parent / "releases").iterdir()] == ["2026-11-21.json"]


def test_release_refuses_a_failing_source(small_src: Path, capsys: pytest.CaptureFixture) -> None:
    entries = copy.deepcopy(BASE_ENTRIES)
    entries["presale"][0]["policy"] = ["no-such-policy"]
    write_source(small_src, entries)
    assert main(["release", "--src", str(small_src)]) == 1
    assert "不能发布" in capsys.readouterr().err
    assert not (small_src.parent / "releases").exists()


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "不是有效的 JSON"),
    ('{"entries": {}}', "不是话术清单文件"),
])
def test_bad_old_side_is_a_clear_usage_error(small_src: Path, capsys: pytest.CaptureFixture,
                                             content: str, message: str) -> None:
    bad = small_src.parent / "old.json"
    bad.write_text(content, "utf-8")
    assert main(["diff", str(bad), "--src", str(small_src)]) == 2
    assert message in capsys.readouterr().err
    assert main(["diff", "HEAD", "--src", str(small_src)]) == 2
    assert "不在 git 仓库里" in capsys.readouterr().err


def test_unknown_git_ref(history: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["diff", "no-such-ref", "--src", str(history)]) == 2
    assert "既不是清单文件，也不是 git 版本" in capsys.readouterr().err


def test_manifest_is_deterministic_and_order_independent(small_src: Path, tmp_path: Path) -> None:
    first = build_manifest(load_library(small_src)[0]).to_json()
    reordered = {key: list(reversed(value)) for key, value in reversed(BASE_ENTRIES.items())}
    other = build_manifest(load_library(write_source(tmp_path / "other", reordered))[0]).to_json()
    assert first == other
    data = json.loads(first)
    assert list(data["entries"]) == sorted(data["entries"])
    assert set(data["entries"]["presale-bargain"]) == {"hash", "title", "category", "policy", "updated"}


def test_wording_diff_is_escaped() -> None:
    old = '<span class="hb-diff__line hb-diff__old"><span class="hb-diff__label">旧</span>'
    new = '<span class="hb-diff__line hb-diff__new"><span class="hb-diff__label">新</span>'
    assert diff_html("回复<b>", "回复<script>") == (
        f"{old}回复&lt;<del>b</del>&gt;</span>{new}回复&lt;<ins>script</ins>&gt;</span>")


def context(src: Path) -> BuildContext:
    return BuildContext(load_library(src)[0], src, dt.date(2026, 11, 22), "test")


def test_updates_page_follows_the_release_cycle(small_src: Path) -> None:
    page = updates_markdown(context(small_src))
    assert "还没有发布记录" in page and page.index("七天无理由退货") < page.index("询问库存")
    assert main(["release", "--src", str(small_src), "--date", "2026-11-21"]) == 0
    assert "首次发布" in updates_markdown(context(small_src))
    entries = copy.deepcopy(BASE_ENTRIES)
    entries["presale"][1]["approved"] = ["亲，这款目前有货，<b>今天</b>下单明天发出～"]
    write_source(small_src, entries)
    page = updates_markdown(context(small_src))
    assert "尚未发布" in page and "&lt;b&gt;今天&lt;/b&gt;" in page and "<b>" not in page
    assert 'href="../presale/index.html#presale-stock"' in page
    assert main(["release", "--src", str(small_src), "--date", "2026-11-22"]) == 0
    page = updates_markdown(context(small_src))
    assert "2026-11-22 发布的更新（与 2026-11-21 的发布相比）" in page and "<ins>" in page and "<del>" in page


def test_site_manifest_asset_matches_the_library(small_src: Path) -> None:
    ctx = context(small_src)
    manifest = next(a for a in UpdatesSection(ctx).assets() if a.path == "manifest.json")
    assert manifest.content.decode() == build_manifest(ctx.library).to_json()
    assert compare(read_manifest_bytes(manifest.content, small_src.parent), build_manifest(ctx.library)).empty


def read_manifest_bytes(content: bytes, folder: Path):
    path = folder / "site-manifest.json"
    path.write_bytes(content)
    return read_manifest(path)
