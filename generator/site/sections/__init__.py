"""Everything the site carries besides the category, policy and lexicon pages.

A product is a module in this package defining `PRODUCT = Product(...)`. The site plugin asks
each product for its pages (turned into in-memory MkDocs files), its download groups (listed
with their import instructions on the downloads page and copied into the site) and its assets
(stylesheets, scripts). `mkdocs build`, `mkdocs serve` and `handbook build` therefore all
publish the same set; nothing is written into the source tree.

Site layout (the one place it is defined, so products can link to entries):
    <category id>/index.html  a category page; each entry anchored at #<entry id>
    policies/<id>/index.html  a policy page
    downloads/<file>          downloadable files
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import Entry, Library

DOWNLOADS_DIR = "downloads"
# Top-level folders of the site other than categories (a category may not use these ids).
RESERVED_FOLDERS = {
    "assets": "样式和脚本", "categories": "分类总览", DOWNLOADS_DIR: "下载", "forbidden": "禁用语",
    "policies": "政策依据", "quiz": "培训测验", "review": "复核清单", "search": "搜索索引",
    "sheets": "打印速查表", "tags": "标签", "updates": "最近更新",
}


def category_page(category_id: str) -> str:
    """Docs-relative path of a category page."""
    return f"{category_id}/index.md"


def policy_page(policy_id: str) -> str:
    return f"policies/{policy_id}/index.md"


def url_of(docs_path: str) -> str:
    """The site path MkDocs gives a docs path. The site is built with `use_directory_urls: false`
    so that it works opened from file:// (`a/index.md` → `a/index.html`)."""
    return docs_path.removesuffix(".md") + ".html"


def relative_href(target_docs_path: str, from_docs_path: str, anchor: str = "") -> str:
    """A relative link from one page to another (works on any web server and from file://)."""
    start = posixpath.dirname(url_of(from_docs_path)) or "."
    href = posixpath.relpath(url_of(target_docs_path), start)
    return href + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class BuildContext:
    library: Library  # already converted when a variant such as zh-Hant is built
    src: Path
    build_date: dt.date
    version: str
    variables: Mapping[str, str] = field(default_factory=dict)  # --var 名称=值
    variant: str = "zh-Hans"
    serving: bool = False  # `mkdocs serve`: products may skip slow work and say so on their page

    def entry_href(self, entry: Entry, from_docs_path: str) -> str:
        return relative_href(category_page(entry.category), from_docs_path, entry.id)


@dataclass(frozen=True)
class SitePage:
    path: str  # docs-relative, e.g. "quiz/index.md"
    title: str
    markdown: str  # Markdown (raw HTML allowed; entry text already escaped by the product)
    nav_order: int = 100  # position among the generated top-level pages
    in_nav: bool = True  # False: reachable by links only (e.g. one print page per sheet)


@dataclass(frozen=True)
class Download:
    filename: str  # inside downloads/
    label: str  # e.g. "千牛 快捷短语（CSV）"
    content: bytes


@dataclass(frozen=True)
class DownloadGroup:
    title: str  # e.g. "千牛"
    howto: str  # Chinese Markdown: step-by-step import or use instructions
    downloads: tuple[Download, ...]
    order: int = 100


@dataclass(frozen=True)
class Asset:
    path: str  # site-relative, e.g. "assets/sheets.css"
    content: bytes
    stylesheet: bool = False  # add to every page's <head>
    script: bool = False


def _none(_: BuildContext) -> list:
    return []


@dataclass(frozen=True)
class Product:
    name: str
    pages: Callable[[BuildContext], list[SitePage]] = _none
    downloads: Callable[[BuildContext], list[DownloadGroup]] = _none
    assets: Callable[[BuildContext], list[Asset]] = _none


def products() -> list[Product]:
    found = [importlib.import_module(f"{__name__}.{info.name}").PRODUCT
             for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")]
    return sorted(found, key=lambda p: p.name)
