"""On a Traditional Chinese site (`handbook build --variant zh-Hant`), agents find entries whether
they type Traditional or Simplified characters, or pinyin."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests/checker/base"


@pytest.fixture(scope="module")
def hant_page(browser: object, tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    out = tmp_path_factory.mktemp("hant") / "site"
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(SMALL), "--out", str(out),
                           "--variant", "zh-Hant"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert done.returncode == 0, done.stderr
    context = browser.new_context()
    page = context.new_page()
    page.goto((out / "index.html").as_uri())  # the site searches from file:// too
    yield page
    context.close()


@pytest.mark.parametrize("query", ["顧客議價", "顾客议价", "议价", "gkyj", "guke"])
def test_traditional_site_answers_both_scripts(hant_page: object, search: object, query: str) -> None:
    assert search(hant_page, query)[:1] == ["presale-bargain"]


def test_simplified_query_marks_the_traditional_title(hant_page: object, search: object) -> None:
    search(hant_page, "议价")
    assert hant_page.locator("[data-hb-results] .hb-result mark").first.inner_text() == "議價"


def test_the_interface_speaks_traditional_too(hant_page: object, search: object) -> None:
    """The scripts' own words (results line, copy button) are converted like the pages."""
    search(hant_page, "议价")
    assert hant_page.locator("[data-hb-meta]").inner_text().startswith("找到 ") and "條結果" in \
        hant_page.locator("[data-hb-meta]").inner_text()
    assert hant_page.locator(".hb-result__copy").first.inner_text() == "複製回覆"
    search(hant_page, "沒有這種話術的查詢詞")
    assert "沒有完全對應的話術，最接近的是" in hant_page.locator("[data-hb-meta]").inner_text()


def test_results_say_where_they_come_from_in_traditional(hant_page: object, search: object) -> None:
    search(hant_page, "七天无理由")
    wheres = hant_page.locator("[data-hb-results] .hb-result__where").all_inner_texts()
    assert "政策依據" in wheres and "政策依据" not in wheres
