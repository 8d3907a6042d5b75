"""HTML for a sheet: one fragment used inside the site's print page (laid out by the browser)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from generator.sheets import wording
from generator.sheets.plan import Sheet
from generator.stamp import Stamp
from generator.text.placeholders import SLOT

HERE = Path(__file__).parent
CSS_FILE = HERE / "sheet.css"
TEMPLATE = "sheet.html.j2"
FONT_STACK = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif'


@cache
def stylesheet() -> str:
    return CSS_FILE.read_text("utf-8")


@cache
def html_fingerprint() -> str:
    """What decides a fragment's HTML besides the sheet's data: its template and this module."""
    return hashlib.sha256((HERE / TEMPLATE).read_bytes() + Path(__file__).read_bytes()).hexdigest()


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env.get_template(TEMPLATE)


def slot_markup(text: str, values: Mapping[str, str]) -> Markup:
    """Reply text as HTML: filled slots become their value, the others an underlined blank."""
    parts: list[str] = []
    last = 0
    for match in SLOT.finditer(text):
        parts.append(escape(text[last:match.start()]))
        name = match.group(1)
        if name in values:
            parts.append(escape(values[name]))
        else:
            parts.append(Markup(f'<span class="hbs-blank">{escape(name)}</span>'))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def css_string(text: str) -> str:
    """A CSS string literal that cannot end the string or the <style> element early."""
    safe = "".join(ch if ch.isalnum() or ch in " ·-_.:/（）()" else f"\\{ord(ch):x} " for ch in text)
    return f'"{safe}"'


def page_boxes(sheet: Sheet, stamp: Stamp) -> str:
    """The running header and footer as @page margin boxes (Chromium-based browsers print them)."""
    box = f"font-family: {FONT_STACK}; font-size: 7.5pt; color: #555;"
    first, middle, last = (css_string(part) for part in wording.PAGE_OF)
    return (
        "@page {"
        f" @top-left {{ content: {css_string(stamp.library_title)}; {box} }}"
        f" @top-right {{ content: {css_string(sheet.title)}; {box} }}"
        f" @bottom-left {{ content: {css_string(wording.stamp_line(stamp))}; {box} }}"
        f" @bottom-right {{ content: {first} counter(page) {middle} counter(pages) {last}; {box} }}"
        " }"
    )


def sheet_fragment(sheet: Sheet, stamp: Stamp, values: Mapping[str, str]) -> str:
    """The sheet as an HTML fragment without blank lines (so Markdown keeps it as one raw HTML block)."""
    html = _template().render(
        sheet=sheet, stamp=stamp, page_boxes=Markup(page_boxes(sheet, stamp)), wording=wording,
        slots=lambda text: slot_markup(text, values), slot_lines=wording.slot_lines(sheet, values),
        show_section_titles=len(sheet.sections) > 1,
        dont_groups=wording.dont_groups(sheet),
    )
    return "\n".join(line for line in html.splitlines() if line.strip()) + "\n"
