"""The site's files besides its pages (downloads, search index, sheet PDFs …), written to a folder of
their own as soon as a section has made them and read from there when MkDocs copies them into the
site. Held in memory instead, they would sit through the whole page build: about 500 MB at
100,000 entries, on top of every page's HTML."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StoredFile:
    path: Path  # where the bytes wait for MkDocs
    size: int

    def read(self) -> bytes:
        return self.path.read_bytes()


class FileStore:
    """One build's stored files; `close` removes them (MkDocs has copied them by then)."""

    def __init__(self, beside: Path | None = None) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix=".handbook-files-", dir=beside)
        self._count = 0

    def put(self, name: str, content: bytes | StoredFile) -> StoredFile:
        if isinstance(content, StoredFile):  # stored by its section already
            return content
        self._count += 1
        path = Path(self._folder.name) / f"{self._count:05d}-{Path(name).name}"
        path.write_bytes(content)
        return StoredFile(path, len(content))

    def close(self) -> None:
        self._folder.cleanup()
