"""The site's own search, run outside the site: the index the build writes and the engine the
pages load (`overrides/assets/handbook-search.js`), in headless Chromium, for a batch of queries.
The audit asks it which buyer questions the handbook answers, so a lead sees exactly what an
agent searching the site would see."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.browser import CHROMIUM_ARGS, chromium_path
from generator.errors import BuildError
from generator.model import Library
from generator.site.search import index_script, page_config, search_fold

ENGINE = Path(__file__).resolve().parents[2] / "overrides" / "assets" / "handbook-search.js"
BATCH = 200
_QUERY = """([queries, max]) => {
  const prepared = window.__prepared || (window.__prepared = Handbook.search.prepare(window.__handbookIndex));
  return queries.map((q) => {
    const result = Handbook.search.query(prepared, q, { max });
    return { matched: result.close, hits: result.hits.map((h) => ({ title: h.doc.title, url: h.doc.url })) };
  });
}"""


@dataclass(frozen=True)
class Answer:
    matched: bool  # the best hit covers the question well (not only "the closest entries")
    titles: tuple[str, ...]


def search_site(library: Library, queries: Sequence[str], best: int = 3) -> list[Answer]:
    """The site search's answer to each query, in order."""
    from playwright.sync_api import Error, sync_playwright

    if not ENGINE.is_file():
        raise BuildError(f"找不到网站的搜索脚本 {ENGINE}：请在话术手册的项目文件夹里运行")
    if not queries:
        return []
    with tempfile.TemporaryDirectory(prefix="handbook-search-") as folder:
        page_file = _search_page(Path(folder), library)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=str(chromium_path()), args=CHROMIUM_ARGS)
                page = browser.new_page()
                page.goto(page_file.as_uri())
                answers = [answer for start in range(0, len(queries), BATCH)
                           for answer in page.evaluate(_QUERY, [list(queries[start:start + BATCH]), best])]
                browser.close()
        except Error as err:
            raise BuildError(f"用浏览器运行网站搜索时出错：{str(err).splitlines()[0]}") from None
    return [Answer(a["matched"], tuple(h["title"] for h in a["hits"])) for a in answers]


def _search_page(folder: Path, library: Library) -> Path:
    (folder / "index.js").write_text(index_script(library, search_fold(library)), "utf-8")
    config = json.dumps(page_config(library.per_customer), ensure_ascii=False).replace("<", "\\u003c")
    page = folder / "search.html"
    page.write_text(f'<!doctype html><meta charset="utf-8"><script>window.Handbook = {{config: {config}}};</script>'
                    f'<script src="index.js"></script><script src="{ENGINE.as_uri()}"></script>', "utf-8")
    return page
