"""The review queue: `handbook review` and the 复核清单 page."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from publish_support import entry, write_source

from generator.cli import main
from generator.model import load_library
from generator.review import NO_OWNER, OVERDUE, POLICY_UPDATED, review_items
from generator.site.context import BuildContext
from generator.site.sections.review import review_markdown

TODAY = dt.date(2026, 12, 1)
REPLY = ["亲，我马上帮您查询一下～"]
ENTRIES = {
    "presale": [
        entry("clean", "没问题的话术", REPLY, owner="售前组", policy=["price-guarantee"],
              updated="2026-11-01", review_by="2027-05-01"),
        entry("stale", "过期话术", REPLY, owner="售前组", updated="2026-01-01", review_by="2026-06-01"),
        entry("orphan", "<script>无人负责</script>", REPLY, updated="2026-11-01"),
    ],
    "aftersale": [
        entry("policy-moved", "政策变了", REPLY, owner="售后组", policy=["seven-day-return"],
              updated="2026-11-01", review_by="2027-05-01"),
        entry("undated", "没写日期", REPLY, owner="售后组", policy=["seven-day-return"]),
    ],
}


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return write_source(tmp_path / "scripts_src", ENTRIES)


def test_each_reason_and_clean_entries_are_left_out(src: Path) -> None:
    library, _ = load_library(src)
    reasons = {item.entry.id: [r.kind for r in item.reasons] for item in review_items(library, TODAY)}
    assert reasons == {"stale": [OVERDUE], "orphan": [NO_OWNER], "policy-moved": [POLICY_UPDATED],
                       "undated": [POLICY_UPDATED]}
    assert list(reasons)[:2] == ["stale", "orphan"]  # category order of handbook.yaml
    moved = next(i for i in review_items(library, TODAY) if i.entry.id == "policy-moved")
    assert moved.reasons[0].message.startswith("政策已更新，请复核：七天无理由退换货（2026-11-15 更新）")
    assert moved.where == "aftersale/entries.yaml:2"


def test_review_command(src: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["review", "--src", str(src), "--today", TODAY.isoformat(), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {i["id"]: i["where"] for i in data["items"]}["stale"] == "presale/entries.yaml:12"
    assert main(["review", "--src", str(src), "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "4 条话术需要复核" in out and "presale/entries.yaml:12  stale  过期话术（售前组）" in out
    assert "已过复核日期 2026-06-01（过期 183 天）" in out


def test_review_page_links_entries_and_escapes_text(src: Path) -> None:
    ctx = BuildContext(load_library(src)[0], src, TODAY, "test")
    page = review_markdown(ctx)
    assert '<a href="../presale/index.html#stale">过期话术</a>' in page
    assert "<code>presale/entries.yaml:12</code>" in page
    assert "&lt;script&gt;无人负责&lt;/script&gt;" in page and "<script>" not in page
    assert "没问题的话术" not in page


def test_source_locations_link_to_a_configured_repository(src: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDBOOK_SOURCE_URL", "https://git.example.com/blob/main/scripts_src/{file}#L{line}")
    page = review_markdown(BuildContext(load_library(src)[0], src, TODAY, "test"))
    assert ('<a href="https://git.example.com/blob/main/scripts_src/presale/entries.yaml#L12">'
            "<code>presale/entries.yaml:12</code></a>") in page
