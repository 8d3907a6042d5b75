"""Which encoding a file's bytes are in. Trainers and phrase tools save files from every kind of
editor: UTF-8 with or without a BOM, UTF-16 (Windows Notepad's "Unicode"), GBK (Notepad, WPS,
千牛 exports; read as GB18030, its superset), and now and then something that is not text."""

from __future__ import annotations

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8 = ("utf-8", "utf-8-sig")
UTF16 = ("utf-16", "utf-16-le", "utf-16-be")
GBK = "gb18030"
BINARY = "binary"


def sniff(raw: bytes) -> str:
    """A codec name for `raw.decode` (one of UTF8, UTF16 or GBK), or BINARY."""
    if raw.startswith(UTF16_BOMS):
        return _first_that_reads(raw, ("utf-16",))
    if _looks_like_utf16(raw):  # ASCII-heavy text without a BOM: a NUL byte beside every character
        return _first_that_reads(raw, ("utf-16-be" if raw[0] == 0 else "utf-16-le",))
    if b"\x00" in raw:  # no text encoding but UTF-16 puts NUL bytes in a file
        return BINARY
    if raw.startswith(UTF8_BOM):
        return _first_that_reads(raw, ("utf-8-sig",))
    return _first_that_reads(raw, ("utf-8", GBK))


def _first_that_reads(raw: bytes, codecs: tuple[str, ...]) -> str:
    for codec in codecs:
        try:
            raw.decode(codec)
        except UnicodeDecodeError:
            continue
        return codec
    return BINARY


def _looks_like_utf16(raw: bytes) -> bool:
    sample = raw[:200]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)
