"""The site of one build: every section's pages, files and stylesheets, and the navigation,
gathered once from the sections (`generator.site.sections`)."""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby
from pathlib import Path

from generator.site import sections
from generator.site.context import BuildContext
from generator.site.layout import DOWNLOADS_DIR, HOME
from generator.site.markup import nav_title
from generator.site.page import Asset, DownloadGroup, Page
from generator.site.sections.base import Section
from generator.site.sections.downloads import DownloadsSection
from generator.site.stored import FileStore, StoredFile
from generator.text.progress import Progress

# The theme's additions (overrides/assets): the stylesheet, then the scripts in load order.
OWN_STYLESHEET = "assets/handbook.css"
OWN_SCRIPTS = ("assets/handbook-slots.js", "assets/handbook-copy.js", "assets/handbook-search.js",
               "assets/handbook-results.js", "assets/handbook-pages.js")


class Site:
    def __init__(self, ctx: BuildContext, beside: Path | None = None) -> None:
        """`beside`: the folder the stored files wait in until MkDocs copies them (next to the site)."""
        self.ctx = ctx
        self.store = FileStore(beside)
        try:
            self._gather()
        except BaseException:  # a section's BuildError: what it stored goes now, not at exit
            self.store.close()
            raise

    def _gather(self) -> None:
        ctx = self.ctx
        made: list[Section] = [section(ctx, self.store) for section in (*sections.LIBRARY, *sections.FEATURES)]
        for section in made:
            section.start()
        # Assets first: the search index needs the most working memory, and before the downloads and
        # the pages exist it needs it on top of the least (100,000 entries: 0.6 GB on top of 1 GB).
        assets = [self._stored_asset(asset) for section in made for asset in section.assets()]
        self.groups = [self._stored_group(group) for section in made for group in section.downloads()]
        downloads = DownloadsSection(ctx, self.groups)
        self.sections = [*made, downloads]
        self.assets = [*assets, *(self._stored_asset(asset) for asset in downloads.assets())]
        with Progress("准备网页内容", shown=ctx.progress):
            pages = {section: section.pages() for section in self.sections}
        self.links = {section: [(page.title, page.path, page.nav_under) for page in found if page.in_nav]
                      for section, found in pages.items()}
        self.by_path = {page.path: page for found in pages.values() for page in found}

    def _stored_asset(self, asset: Asset) -> Asset:
        content = asset.content
        if self.ctx.to_variant and asset.script:  # the scripts' own messages in the site's script too
            content = self.ctx.to_variant(content.decode("utf-8")).encode("utf-8")
        return replace(asset, content=self.store.put(asset.path, content))

    def _stored_group(self, group: DownloadGroup) -> DownloadGroup:
        return replace(group, downloads=tuple(replace(d, content=self.store.put(d.filename, d.content))
                                              for d in group.downloads))

    def files(self) -> list[tuple[str, StoredFile]]:
        """Every file besides the pages: the downloads, then the assets."""
        downloads = [(f"{DOWNLOADS_DIR}/{d.filename}", d.content) for g in self.groups for d in g.downloads]
        return downloads + [(asset.path, asset.content) for asset in self.assets]

    def close(self) -> None:
        """MkDocs has copied the files: their stored copies go."""
        self.store.close()

    def stylesheets(self) -> list[str]:
        return [OWN_STYLESHEET, *(asset.path for asset in self.assets if asset.stylesheet)]

    def scripts(self) -> list[str]:
        return [*OWN_SCRIPTS, *(asset.path for asset in self.assets if asset.script)]

    def nav(self, handwritten: list[str]) -> list:
        """Home, the hand-written pages, then each section's pages (under its heading if it has one)."""
        nav: list = [{"首页": HOME}, *handwritten]
        for section in sorted(self.sections, key=lambda s: s.nav_order):
            links = _nested(self.links[section])
            if section.nav_group and links:
                nav.append({section.nav_group: links})
            else:
                nav.extend(links)
        return nav

    def notes(self) -> list[str]:
        """What the sections tell the person who ran the build (files that leave replies out …)."""
        return [note for section in self.sections for note in section.notes()]

    def page(self, path: str) -> Page | None:
        return self.by_path.get(path)

    def handed_over(self, path: str) -> None:
        """MkDocs has the page's HTML now: a one-off build lets go of its own copy (the category
        pages of 100,000 entries are several hundred MB)."""
        page = self.by_path.get(path)
        if page is not None and page.html:
            self.by_path[path] = replace(page, html="")


def _nested(links: list[tuple[str, str, str]]) -> list:
    """Nav items of (title, path, heading) links: consecutive links with a heading go under it."""
    items: list = []
    for heading, group in groupby(links, key=lambda link: link[2]):
        entries = [{nav_title(title): path} for title, path, _ in group]
        items.extend([{nav_title(heading): entries}] if heading else entries)
    return items
