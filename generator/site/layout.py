"""Where every page and file lives in the built site (the one place the URL layout is defined).

    index.html                 the home page (handbook/index.md)
    <category id>/index.html   a category page; each entry anchored at #<entry id>
    policies/<id>/index.html   a policy page
    downloads/<file>           downloadable files
    <section>/…                the other sections' pages (quiz/, review/, sheets/, updates/ …)

The site is built with `use_directory_urls: false`, so it works opened from file:// too
(`a/index.md` → `a/index.html`). Category ids may not take the site's own folders
(`generator.source.schema.RESERVED_CATEGORY_IDS`, rule R009).
"""

from __future__ import annotations

import posixpath
from functools import lru_cache

HOME = "index.md"
DOWNLOADS_DIR = "downloads"


def category_page(category_id: str) -> str:
    """Docs-relative path of a category page."""
    return f"{category_id}/index.md"


def policy_page(policy_id: str) -> str:
    return f"policies/{policy_id}/index.md"


def url_of(docs_path: str) -> str:
    """The site path MkDocs gives a docs path."""
    return docs_path.removesuffix(".md") + ".html"


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


def entry_href(category_id: str, entry_id: str, from_docs_path: str) -> str:
    return relative_href(category_page(category_id), from_docs_path, entry_id)
