"""Entry text is data: everything from the source is escaped before it reaches a page.

One Jinja environment (autoescape on) renders every generated fragment; `notes` are the only
Markdown fields: raw HTML in them shows as text, images are not loaded, links are web links only
(any other address is shown as text).
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache

import markdown
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from generator.text.placeholders import SLOT

# A web address or a page of this site; never `//host` or `/\\host` (browsers read both as a host).
LINKABLE = re.compile(r"^(https?://|mailto:|#|\.{0,2}/(?![/\\])|(?![/\\])[\w\-./]+(\.html|/)(#[\w\-]*)?$)", re.I)
LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("generator.site", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    env.filters["slots"] = slotted
    env.tests["linkable"] = linkable
    env.filters["notes"] = notes_html
    return env


def render(template: str, **values: object) -> str:
    return environment().get_template(template).render(**values)


def slotted(text: str) -> Markup:
    """Reply text with every `{名称}` wrapped as a fill-in slot (the script fills them in)."""
    parts: list[str] = []
    last = 0
    for match in SLOT.finditer(text):
        parts.append(escape(text[last:match.start()]))
        name = escape(match.group(1))
        parts.append(Markup('<span class="hb-slot" data-slot="{0}">{{{0}}}</span>').format(name))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("".join(parts))


def linkable(url: str) -> bool:
    """Whether an address from the source may be a link: web links and the site's own pages only;
    `javascript:`, `data:`, `//host` and the like are shown as text."""
    return LINKABLE.match(url.strip()) is not None


@lru_cache(maxsize=4096)
def notes_html(text: str) -> Markup:
    """Notes are Markdown; raw HTML in them shows as text and links are limited to web URLs."""
    rendered = _markdown().reset().convert(text)
    return Markup(LINK.sub(lambda m: m.group(0) if linkable(html.unescape(m.group(1))) else m.group(2), rendered))


@cache
def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Raw HTML is not markup here: without these two steps Markdown escapes it like any text
    # (escaping beforehand would escape code spans twice).
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in ("image_link", "image_reference", "short_image_ref"):  # no images: the site fetches nothing
        md.inlinePatterns.deregister(name)
    return md


def nav_title(title: str) -> str:
    """Nav, page and site titles are printed raw by the theme, in text and in attributes alike
    (the logo's `aria-label`): escaped here for both, quotes included."""
    return html.escape(title)
