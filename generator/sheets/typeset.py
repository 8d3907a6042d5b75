"""Typst lays out a sheet as a PDF: sheet.typ, fed with the sheet as JSON.

Typst rather than printing the print page with Chromium: at 10,000 entries Chromium needed 70 s
and 2.3 GB to print the 24 sheets (about 800 pages) one after another, while Typst sets a
500-entry sheet in about a second, two at a time, and embeds the fonts as real CID fonts with true
Unicode maps, so the PDF's text can be searched and copied as it is. Both the print page and the
PDF come from the same sheet plan and wording (plan.py, wording.py), so they show the same head,
sections, entries, replies and notes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pypdf import PdfReader

from generator.errors import BuildError
from generator.helpers import HELPERS
from generator.sheets import wording
from generator.sheets.plan import Sheet
from generator.stamp import Stamp
from generator.text.placeholders import SLOT

TEMPLATE = Path(__file__).parent / "sheet.typ"
CJK_FAMILY = "Noto Sans CJK SC"  # sheet.typ sets the sheets in it; without it Chinese would be missing


def reply_runs(text: str, values: Mapping[str, str]) -> list[dict[str, str]]:
    """A reply as text runs and blanks: a filled slot becomes its value, the others a blank."""
    runs: list[dict[str, str]] = []
    last = 0
    for match in SLOT.finditer(text):
        name = match.group(1)
        runs.append({"text": text[last:match.start()] + values.get(name, "")})
        if name not in values:
            runs.append({"blank": name})
        last = match.end()
    runs.append({"text": text[last:]})
    return [run for run in runs if run.get("text") != ""]


def sheet_json(sheet: Sheet, stamp: Stamp, values: Mapping[str, str], title: str) -> str:
    """Everything the PDF prints, as the JSON sheet.typ reads (its strings are never Typst markup)."""
    def runs(text: str) -> list[dict[str, str]]:
        return reply_runs(text, values)

    donts = [{"label": label, "lines": [{"texts": [runs(t) for t in d.texts],
                                         "instead": runs(d.instead) if d.instead else None} for d in group]}
             for label, group in wording.dont_groups(sheet)]
    sections = [{"title": section.title,
                 "items": [{"title": item.title, "mark": item.mark,
                            "lines": [{"shortcut": line.shortcut, "parts": runs(line.text)} for line in item.lines]}
                           for item in section.items]}
                for section in sheet.sections]
    data = {
        "document_title": title, "date": [stamp.build_date.year, stamp.build_date.month, stamp.build_date.day],
        "library": stamp.library_title, "title": sheet.title, "subtitle": sheet.subtitle,
        "stamp": wording.stamp_line(stamp), "slot_lines": wording.slot_lines(sheet, values),
        "section_titles": len(sheet.sections) > 1, "sections": sections,
        "donts": donts, "donts_more": wording.donts_more(sheet), "omitted": wording.omitted_note(sheet),
        "words": {"page": list(wording.PAGE_OF), "donts": wording.DONTS_TITLE},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class Typesetter:
    """Typst in the build's helper processes (`generator.helpers`), started afresh every few
    sheets: Typst keeps what it memoised of every document for as long as its process lives
    (about 30 MB per 500-entry sheet), which would add up to 700 MB over a build's 24 sheets."""

    def __init__(self, fonts: list | None = None) -> None:
        """`fonts`: what `cjk_fonts()` found, when it was asked already."""
        import typst

        self.fingerprint = _fingerprint(typst.__version__, fonts or cjk_fonts())
        self._template = str(TEMPLATE)
        self._held = True
        self._lock = threading.Lock()
        HELPERS.hold()

    def pdf(self, data: str, date: dt.date) -> bytes:
        return HELPERS.submit(_typeset, self._template, data, date).result()

    def close(self) -> None:
        """Idempotent: the helpers are let go once."""
        with self._lock:
            held, self._held = self._held, False
        if held:
            HELPERS.release()


def cjk_fonts() -> list:
    """The fonts Typst finds, which must include the one the sheets are set in."""
    import typst

    found = typst.Fonts().fonts()
    if not any(font.family == CJK_FAMILY for font in found):
        raise BuildError(f"未找到中文字体 {CJK_FAMILY}，PDF 里的中文会印不出来。"
                         "请安装 fonts-noto-cjk（Debian/Ubuntu：sudo apt install fonts-noto-cjk）后重试。")
    return found


@cache
def _compiler(template: str) -> object:
    """A helper process's Typst (one font scan per process)."""
    import typst

    return typst.Compiler(template, root=str(Path(template).parent), font_paths=typst.Fonts())


def _typeset(template: str, data: str, date: dt.date) -> bytes:
    """In a helper process: the PDF of one sheet's data."""
    import typst

    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    try:
        return _compiler(template).compile(sys_inputs={"sheet": data}, timestamp=stamp)
    except typst.TypstError as err:
        raise BuildError(f"Typst 没能排出 PDF 速查表：{err.message}") from None


def _fingerprint(version: str, fonts: list) -> str:
    """What else decides the PDF's bytes besides its JSON: Typst, the template and the fonts."""
    digest = hashlib.sha256(f"typst {version}\n".encode())
    digest.update(TEMPLATE.read_bytes())
    for font in sorted(fonts, key=lambda f: (f.path or "", f.index)):
        try:
            stat = os.stat(font.path) if font.path else None
        except OSError:
            stat = None
        digest.update(f"{font.family}|{font.path}|{font.index}|{stat and stat.st_size}|{stat and stat.st_mtime_ns}\n"
                      .encode())
    return digest.hexdigest()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
