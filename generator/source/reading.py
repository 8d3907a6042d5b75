"""Reading source files: bytes → text, with a clear verdict on encodings we cannot read.

Trainers save YAML from all kinds of editors; Windows Notepad and WPS still produce GBK
or UTF-16 files. Those get one clear Chinese line, never a UnicodeDecodeError.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field
from pathlib import Path

from generator.text.encoding import GBK, UTF8, UTF8_BOM, UTF16, sniff

LINE_BREAK = re.compile(r"\r\n?|\n")


def is_yaml(path: Path) -> bool:
    """A source file by its name: .yaml or .yml, in any case (Windows editors save .YAML too)."""
    return path.suffix.lower() in (".yaml", ".yml")


@dataclass(eq=False)
class SourceFile:
    """One decoded source file; positions are computed from `text` on demand."""

    rel: str  # path relative to the source folder, POSIX separators (what findings show)
    text: str
    _line_starts: array = field(default_factory=lambda: array("i"), repr=False)

    def position(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of a character index; columns count characters."""
        if not self._line_starts:
            self._line_starts = _line_starts(self.text)
        line = bisect.bisect_right(self._line_starts, index) - 1
        return line + 1, index - self._line_starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        self.position(0)
        start = self._line_starts[line - 1]
        end = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        return self.text[start:end].rstrip("\r")


def _line_starts(text: str) -> array:
    """Where each line starts (4 bytes a line, not a Python int each: a big library has millions of
    lines). A lone CR ends a line too, as it does for YAML (old Mac files)."""
    if "\r" in text:
        return array("i", [0, *(m.end() for m in LINE_BREAK.finditer(text))])
    # All of a file's line breaks at once, by character index (a loop of str.find took 0.4 s for
    # the 1,000 files of 100,000 entries; this takes 0.05 s). Imported here, at the first position
    # asked for: reading a source does not need numpy.
    import numpy as np

    breaks = np.flatnonzero(np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32) == ord("\n"))
    starts = np.empty(len(breaks) + 1, np.intc)  # the C int of array("i")
    starts[0] = 0
    starts[1:] = breaks + 1
    return array("i", starts.tobytes())


@dataclass(frozen=True)
class DecodeProblem:
    """Why a file could not be read as UTF-8, and where (1-based line and column)."""

    kind: str  # "gbk" | "utf-16" | "binary"
    line: int
    column: int


def decode(raw: bytes) -> str | DecodeProblem:
    """UTF-8 (BOM optional) → text; anything else → a DecodeProblem naming the likely encoding."""
    codec = sniff(raw)
    if codec in UTF8:
        return raw.decode(codec)
    if codec in UTF16:
        return DecodeProblem("utf-16", 1, 1)
    if b"\x00" in raw:
        return DecodeProblem("binary", 1, 1)
    body = raw.removeprefix(UTF8_BOM)
    line, column = _byte_position(body, _first_bad_byte(body))
    return DecodeProblem("gbk" if codec == GBK else "binary", line, column)


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return 0


def read_source(path: Path, rel: str) -> SourceFile | DecodeProblem:
    text = decode(path.read_bytes())
    if isinstance(text, DecodeProblem):
        return text
    return SourceFile(rel=rel, text=text)


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, column
