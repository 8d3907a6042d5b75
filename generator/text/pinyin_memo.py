"""What jieba cut and pypinyin read for each text, kept in the user's cache folder from one build to
the next: after a one-entry edit a build reads again only the texts that changed, and when none did
it loads neither dictionary (loading them is 1.4 s of a 10,000-entry build).

The answers depend only on the text and on what the file name says: the jieba and pypinyin
versions, the project's reading table and the Python version (marshal's format). A command keeps
what it read, then older texts up to LIMIT per kind, most recently used first, so the builds of two
libraries of ordinary size (or of both scripts of one) on the same machine do not push each other out.
"""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Callable
from contextlib import suppress
from importlib import metadata, resources
from itertools import islice
from pathlib import Path

from generator.files import write_atomically
from generator.usercache import cache_folder

KINDS = ("cut", "read")  # jieba's words of a text; pypinyin's syllables of a word
# Texts kept per kind. The 10,000 generated entries of bench/ read 6,500 texts and 4,400 words; a
# full memo of 12-character texts is an 11 MB file, read in 0.13 s into 76 MB, which a build of a
# huge library (or a small one after it) carries on top of its peak.
LIMIT = 100_000

Answer = tuple[str, ...]
Table = dict[str, Answer]


def memo_file() -> Path:
    table = (resources.files("generator.text") / "pinyin_phrases.yaml").read_bytes()
    parts = [metadata.version("jieba"), metadata.version("pypinyin"), hashlib.sha256(table).hexdigest(),
             f"{sys.version_info.major}.{sys.version_info.minor}"]
    return cache_folder("pinyin") / f"{hashlib.sha256(' '.join(parts).encode()).hexdigest()[:24]}.marshal"


class PinyinMemo:
    """The answers of the last builds (read from the file at the first question) and of this one."""

    def __init__(self, path: Callable[[], Path] = memo_file) -> None:
        self._path = path
        self._known: dict[str, Table] | None = None
        self._used: dict[str, Table] = {kind: {} for kind in KINDS}
        self._new = False  # an answer worked out, not taken over: worth saving

    def get(self, kind: str, text: str, work_out: Callable[[str], Answer]) -> Answer:
        used = self._used[kind]
        found = used.get(text)
        if found is None:
            found = self.known()[kind].get(text)
            if found is None:
                found, self._new = work_out(text), True
            used[str(text)] = found  # a plain str: a source text carries its position
        return found

    def known(self) -> dict[str, Table]:
        if self._known is None:
            self._known = _read(self._path())
        return self._known

    def keep(self) -> None:
        """Save this build's answers for the next build (if it worked any out), which starts here:
        what it asks for is counted afresh, so a preview's memory holds one build's worth."""
        if self._new:
            kept = {kind: _most_recent(self._used[kind], self.known()[kind]) for kind in KINDS}
            with suppress(OSError):  # only a shortcut
                write_atomically(self._path(), marshal.dumps(kept))
            self._known = kept
        self._used = {kind: {} for kind in KINDS}
        self._new = False


def _most_recent(used: Table, known: Table) -> Table:
    kept = dict(islice(used.items(), LIMIT))  # a library with more texts keeps the first it read
    for text, answer in known.items():
        if len(kept) >= LIMIT:
            break
        kept.setdefault(text, answer)
    return kept


def _read(path: Path) -> dict[str, Table]:
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {kind: {} for kind in KINDS}
    if not isinstance(found, dict) or any(not isinstance(found.get(kind), dict) for kind in KINDS):
        return {kind: {} for kind in KINDS}
    return found
