"""PDFs of sheets already typeset, by the hash of what decides their bytes (the sheet's data, Typst,
the template and the fonts): a build after a one-entry edit typesets only the sheets it changed.
Beside them, the print pages' HTML of those sheets, by the same data and the HTML's own template
and code (laid out again, the 24 fragments of 10,000 entries took 0.6 s of the build's main
process), and how many items of each one-page sheet fitted last time, where its next fitting starts.

Kept in the user's cache folder (`generator.usercache`, then sheets/).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import NamedTuple

from generator.usercache import cache_folder

KEEP = 96  # files of each kind kept (the most recently used): four builds of 24 sheets
FRAGMENT_END = "</div>\n"  # how every sheet's HTML ends (a file without it is damaged)


class CachedPdf(NamedTuple):
    pdf: bytes
    kept: int  # items of a one-page sheet that fit; every item for the others
    pages: int


def cache_key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class SheetCache:
    """`<key>-<kept>-<pages>.pdf`: the PDF, how many items of a one-page sheet it holds, and its
    page count (so a sheet taken from the cache is not parsed again to count its pages)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_folder("sheets")

    def has(self, key: str) -> bool:
        """Whether a PDF is kept under `key` (`get` still checks that it is whole)."""
        return next(self.folder.glob(f"{key}-*-*.pdf"), None) is not None

    def get(self, key: str) -> CachedPdf | None:
        try:
            path = next(self.folder.glob(f"{key}-*-*.pdf"))
            pdf = path.read_bytes()
            os.utime(path)  # recently used: kept by the pruning
        except (OSError, StopIteration):
            return None
        kept, pages = path.stem.split("-")[1:3]
        whole = pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")  # not cut short
        return CachedPdf(pdf, int(kept), int(pages)) if kept.isdigit() and pages.isdigit() and whole else None

    def put(self, key: str, found: CachedPdf) -> None:
        self._write(f"{key}-{found.kept}-{found.pages}.pdf", found.pdf)

    def fragment(self, key: str) -> str | None:
        path = self.folder / f"{key}.html"
        try:
            html = path.read_text("utf-8")
            os.utime(path)
        except (OSError, UnicodeDecodeError):
            return None
        return html if html.endswith(FRAGMENT_END) else None

    def keep_fragment(self, key: str, html: str) -> None:
        self._write(f"{key}.html", html.encode("utf-8"))

    def fitted(self, sheet_id: str) -> int:
        """How many items of a one-page sheet fitted when it was last typeset (0: unknown)."""
        try:
            text = (self.folder / f"fitted-{sheet_id}.txt").read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return 0
        return int(text) if text.isdigit() else 0

    def keep_fitted(self, sheet_id: str, kept: int) -> None:
        self._write(f"fitted-{sheet_id}.txt", str(kept).encode("ascii"))

    def _write(self, name: str, content: bytes) -> None:
        """Whole or not at all (a build beside this one may read it); a cache that cannot be written is no error."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = self.folder / f".{name}.{os.getpid()}.part"
            partial.write_bytes(content)
            os.replace(partial, self.folder / name)
        except OSError:
            return

    def prune(self) -> None:
        try:
            for kind in ("*.pdf", "*.html"):
                files = sorted(self.folder.glob(kind), key=lambda p: p.stat().st_mtime_ns, reverse=True)
                for path in files[KEEP:]:
                    path.unlink(missing_ok=True)
        except OSError:
            return
