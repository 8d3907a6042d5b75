"""Where every page and file lives in the built site (the one place the URL layout is defined).

    index.html                 the home page (handbook/index.md)
    <category id>/index.html   a category page; each entry anchored at #<entry id>
    <category id>/<n>.html     page n (from 2) of a category of more than ENTRIES_PER_PAGE entries
    <category id>/pages.js     a split category's entry → page map (old links to page 1 land right)
    policies/<id>/index.html   a policy page
    downloads/<file>           downloadable files
    <section>/…                the other sections' pages (quiz/, review/, sheets/, updates/ …)

The site is built with `use_directory_urls: false`, so it works opened from file:// too
(`a/index.md` → `a/index.html`). Category ids may not take the site's own folders
(`generator.source.schema.RESERVED_CATEGORY_IDS`, rule R009).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from generator.model import Library

HOME = "index.md"
DOWNLOADS_DIR = "downloads"
# A bigger category is split into pages of this many entries, the first at the category's own
# address: the browser parsed a page of 3,000 cards (7 MB of HTML) for over a second before its
# search box answered.
ENTRIES_PER_PAGE = 500
PAGE_MAP = "pages.js"  # in a split category's folder, beside its pages

T = TypeVar("T")


def category_page(category_id: str, number: int = 1) -> str:
    """Docs-relative path of a category page (page `number` of a split category)."""
    return f"{category_id}/index.md" if number == 1 else f"{category_id}/{number}.md"


def split(entries: Sequence[T]) -> list[Sequence[T]]:
    """A category's entries page by page, in order (one page, maybe empty, for a small category)."""
    size = ENTRIES_PER_PAGE
    return [entries[start:start + size] for start in range(0, len(entries), size)] or [entries]


def page_map(category_id: str) -> str:
    """Site path of a split category's entry → page map."""
    return f"{category_id}/{PAGE_MAP}"


def policy_page(policy_id: str) -> str:
    return f"policies/{policy_id}/index.md"


def url_of(docs_path: str) -> str:
    """The site path MkDocs gives a docs path."""
    return docs_path.removesuffix(".md") + ".html"


def file_name(docs_path: str) -> str:
    """A page's file name in its folder: how the pages of a split category link each other."""
    return posixpath.basename(url_of(docs_path))


def relative_href(target_docs_path: str, from_docs_path: str, anchor: str = "") -> str:
    """A relative link from one page to another (works on any web server and from file://)."""
    href = _relative_url(target_docs_path, from_docs_path)
    return href + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative_url(target_docs_path: str, from_docs_path: str) -> str:
    """A site has few pairs of pages linked and links between them many times over (each entry
    card links its policies and tags): `relpath` took a second per build of 10,000 entries."""
    start = posixpath.dirname(url_of(from_docs_path)) or "."
    return posixpath.relpath(url_of(target_docs_path), start)


def file_href(site_path: str, from_docs_path: str) -> str:
    """A relative link from a page to a file of the site (a download, a stylesheet)."""
    return posixpath.relpath(site_path, posixpath.dirname(from_docs_path))


def entry_pages(library: Library) -> dict[str, str]:
    """entry id → docs path of the category page its card is on."""
    return {entry.id: category_page(category, number)
            for category, entries in library.entries_by_category.items()
            for number, part in enumerate(split(entries), 1) for entry in part}
