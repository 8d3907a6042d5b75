"""Where a value came from: the node's span in its file, and the character inside it.

Findings point at the offending character of a string, not at the entry. A YAML scalar's
value differs from its source text (quotes, escapes, block indentation, folded lines), so
`Loc.char_position` re-reads the source span lazily, only for values that have a finding.
"""

from __future__ import annotations

from operator import itemgetter

from generator.source.reading import SourceFile

_SIMPLE_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029",
}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}


STYLES = ("", "|", ">", '"', "'")  # YAML scalar styles ("": plain, or not a scalar)
STYLE_CODES = {style: code for code, style in enumerate(STYLES)}
SPAN_BITS = 27  # enough for any index of a source file (at most 64 MiB: loader.MAX_FILE_BYTES)
_INDEX = (1 << SPAN_BITS) - 1


def span(start: int, end: int, style: str = "") -> int:
    """A node's start, end and style packed into one int: a library holds millions of positions,
    and one small int costs a fifth of a tuple with two ints."""
    return start | end << SPAN_BITS | STYLE_CODES[style] << 2 * SPAN_BITS


class Loc(tuple):
    """A node's span [start, end) in a source file; `style` is the YAML scalar style.
    Made as `Loc((source, span(start, end, style)))`: a plain pair underneath."""

    __slots__ = ()

    source: SourceFile = property(itemgetter(0))  # type: ignore[assignment]

    @property
    def start(self) -> int:
        return self[1] & _INDEX

    @property
    def end(self) -> int:
        return self[1] >> SPAN_BITS & _INDEX

    @property
    def style(self) -> str:
        return STYLES[self[1] >> 2 * SPAN_BITS]

    @property
    def file(self) -> str:
        return self.source.rel

    def position(self) -> tuple[int, int]:
        return self.source.position(self.start)

    def char_position(self, value: str, offset: int) -> tuple[int, int]:
        """(line, column) in the file of `value[offset]`, the scalar parsed from this span."""
        return self.source.position(self._char_index(value, offset))

    def _char_index(self, value: str, offset: int) -> int:
        stream = _source_stream(self.source.text, self.start, self.end, self.style)
        mapped = _align(value, stream) if stream else [self.start]
        return mapped[max(0, min(offset, len(mapped) - 1))]


def _source_stream(text: str, start: int, end: int, style: str) -> list[tuple[str, int]]:
    """The span as (character, file index) pairs that can appear in the parsed value."""
    if style in ("|", ">"):
        return _block_stream(text, start, end)
    if style == '"':
        return _double_quoted_stream(text, start, end)
    if style == "'":
        return _single_quoted_stream(text, start, end)
    return [(text[i], i) for i in range(start, end)]


def _block_stream(text: str, start: int, end: int) -> list[tuple[str, int]]:
    # Skip the header line (| or > with indicators), then each line's indentation.
    body = text.find("\n", start, end)
    if body == -1:
        return []
    lines_start = body + 1
    indent = _block_indent(text, lines_start, end)
    stream: list[tuple[str, int]] = []
    i = lines_start
    while i < end:
        line_end = text.find("\n", i, end)
        line_end = end if line_end == -1 else line_end
        content = min(i + indent, line_end)
        stream.extend((text[k], k) for k in range(content, line_end))
        if line_end < end:
            stream.append(("\n", line_end))
        i = line_end + 1
    return stream


def _block_indent(text: str, begin: int, end: int) -> int:
    i = begin
    while i < end:
        line_end = text.find("\n", i, end)
        line_end = end if line_end == -1 else line_end
        line = text[i:line_end].rstrip("\r")
        if line.strip():
            return len(line) - len(line.lstrip(" "))
        i = line_end + 1
    return 0


def _double_quoted_stream(text: str, start: int, end: int) -> list[tuple[str, int]]:
    stream: list[tuple[str, int]] = []
    i = start + 1
    stop = end - 1
    while i < stop:
        ch = text[i]
        if ch != "\\" or i + 1 >= stop:
            stream.append((ch, i))
            i += 1
            continue
        code = text[i + 1]
        if code in _HEX_ESCAPES:
            width = _HEX_ESCAPES[code]
            try:
                stream.append((chr(int(text[i + 2 : i + 2 + width], 16)), i))
            except ValueError:
                stream.append((ch, i))
            i += 2 + width
        else:
            stream.append((_SIMPLE_ESCAPES.get(code, code), i))
            i += 2
    return stream


def _single_quoted_stream(text: str, start: int, end: int) -> list[tuple[str, int]]:
    stream: list[tuple[str, int]] = []
    i = start + 1
    stop = end - 1
    while i < stop:
        stream.append((text[i], i))
        i += 2 if text[i] == "'" and text[i + 1 : i + 2] == "'" else 1
    return stream


def _align(value: str, stream: list[tuple[str, int]]) -> list[int]:
    """Map each character of `value` to a file index by in-order matching against `stream`.

    Characters of the source that the parser dropped (quotes, indentation, line folding)
    are skipped; a folded line break matches the space it became.
    """
    mapped: list[int] = []
    j = 0
    last = stream[0][1]
    for ch in value:
        k = j
        while k < len(stream) and not _same(ch, stream[k][0]):
            k += 1
        if k < len(stream):
            last = stream[k][1]
            j = k + 1
        mapped.append(last)
    return mapped or [last]


def _same(value_char: str, source_char: str) -> bool:
    return value_char == source_char or (value_char == " " and source_char in "\n\r")


class Text(str):
    """A string from the source that remembers where it was written: its file and its packed span
    (see `span`). Slotted, and no `Loc` object is kept: a library has a few million of them at
    100,000 entries."""

    __slots__ = ("source", "span")
    source: SourceFile
    span: int

    def __new__(cls, value: str, source: SourceFile, span: int) -> Text:
        text = super().__new__(cls, value)
        text.source, text.span = source, span
        return text

    @property
    def loc(self) -> Loc:
        return Loc((self.source, self.span))


class Record(dict):
    """A validated mapping: field name → value, with the position of each value that does not carry
    its own (a date, a number, a flag; a Text or a Record knows where it was written)."""

    __slots__ = ("loc", "value_locs")

    def __init__(self, loc: Loc) -> None:
        super().__init__()
        self.loc = loc
        self.value_locs: dict[str, Loc] = {}
