"""A section of the site: the pages, downloadable files and assets one part of it contributes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.site.context import BuildContext
    from generator.site.page import Asset, DownloadGroup, Page
    from generator.site.stored import FileStore, StoredFile


class Section:
    """Made once per build; each of `pages`, `downloads`, `assets` and `notes` is asked once."""

    nav_order = 100  # place in the navigation, after the home page and the hand-written pages
    nav_group: str | None = None  # the pages in the nav under one heading, led by the first page

    def __init__(self, ctx: BuildContext, store: FileStore | None = None) -> None:
        self.ctx = ctx
        self.store = store  # where the site keeps the files made (None: a section made on its own)

    def start(self) -> None:
        """Begin what runs beside the build (helper processes), once every section was made: a
        section that cannot be made (no CJK fonts for the sheets …) stops the build before any starts."""

    def kept(self, name: str, content: bytes) -> bytes | StoredFile:
        """A file's bytes as the section keeps them: stored at once when the site gave a store."""
        return self.store.put(name, content) if self.store else content

    def pages(self) -> list[Page]:
        return []

    def downloads(self) -> list[DownloadGroup]:
        return []

    def assets(self) -> list[Asset]:
        return []

    def notes(self) -> list[str]:
        """What the build tells the person who ran it about this section (Chinese), after the pages are made."""
        return []
