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
    start = posixpath.dirname(url_of(from_docs_path)) or "."
    href = posixpath.relpath(url_of(target_docs_path), start)
    return href + (f"#{anchor}" if anchor else "")


def file_href(site_path: str, from_docs_path: str) -> str:
    """A relative link from a page to a file of the site (a download, a stylesheet)."""
    return posixpath.relpath(site_path, posixpath.dirname(from_docs_path))


def entry_href(category_id: str, entry_id: str, from_docs_path: str) -> str:
    return relative_href(category_page(category_id), from_docs_path, entry_id)
