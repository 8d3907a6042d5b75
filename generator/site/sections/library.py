"""The pages of the library itself: categories with their entry cards, policies, the forbidden
wording and tags, plus the search index over them. Pages are HTML fragments (`Page.html`)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.model import Entry
from generator.site.layout import (
    PAGE_MAP,
    category_page,
    file_name,
    page_map,
    policy_page,
    relative_href,
    split,
)
from generator.site.markup import render
from generator.site.page import Asset, Page
from generator.site.search import index_scripts, search_fold
from generator.site.sections.base import Section
from generator.text.progress import Progress

if TYPE_CHECKING:
    from generator.site.context import BuildContext

CATEGORIES_PAGE = "categories/index.md"  # the overview that heads the categories in the nav
POLICIES_PAGE = "policies/index.md"
FORBIDDEN_PAGE = "forbidden/index.md"
TAGS_PAGE = "tags/index.md"
CHANNEL_NAMES = {"chat": "在线聊天", "phone": "电话"}
# A category page lists its entries in the table of contents up to this many. Material's TOC script
# works per link, faster than linearly: on a page of 3,000 entries it held the browser for seconds
# before search answered, and scrolling stuttered. A page of more entries has no per-entry links;
# each card keeps its anchor, so search results and old links land on it as before.
TOC_LIMIT = 60


class CategoriesSection(Section):
    nav_order = 10
    nav_group = "话术分类"

    def pages(self) -> list[Page]:
        library = self.ctx.library
        rows = [{"category": c, "href": relative_href(category_page(c.id), CATEGORIES_PAGE),
                 "count": len(library.entries_in(c.id))} for c in library.categories]
        overview = Page(CATEGORIES_PAGE, "话术分类", html=render("categories.html", rows=rows,
                                                                  total=len(library.entries)))
        return [overview, *(page for c in library.categories for page in self._category(c.id, c.title, c.description))]

    def assets(self) -> list[Asset]:
        """Each split category's entry → page map: an old link to page 1 finds the entry's page."""
        by_category = self.ctx.library.entries_by_category
        return [Asset(page_map(c.id), _page_map_script(self.ctx.entry_pages, by_category[c.id]))
                for c in self.ctx.library.categories if len(split(by_category.get(c.id, []))) > 1]

    def _category(self, category_id: str, title: str, description: str) -> list[Page]:
        """The pages of one category (the preview remakes only the pages an edit touched)."""
        library, anchors = self.ctx.library, self.ctx.tag_anchors
        entries = library.entries_in(category_id)
        parts = split(entries)
        pages, first = [], 1
        for number, part in enumerate(parts, 1):
            cited = {p: library.policy_map[p].title for e in part for p in e.policy if p in library.policy_map}
            tagged = {t: anchors[t] for e in part for t in e.tags}
            heading = _Heading(category_id, title, description, len(entries), number, len(parts), first)
            pages.append(self.ctx.made(f"category:{category_id}:{number}", (heading, part, cited, tagged),
                                       lambda h=heading, p=part: self._category_page(h, p)))
            first += len(part)
        return pages

    def _category_page(self, heading: _Heading, entries: Sequence[Entry]) -> Page:
        path = category_page(heading.category_id, heading.number)
        cards = "\n".join(self._card(entry, path) for entry in entries)
        hrefs = [file_name(category_page(heading.category_id, n)) for n in range(1, heading.pages + 1)]
        pager = render("pager.html", heading=heading, last=heading.first + len(entries) - 1, hrefs=hrefs,
                       page_map=PAGE_MAP)
        head = render("category.html", heading=heading, pager=Markup(pager))
        used = sorted({name for e in entries for reply in e.approved for name in reply.placeholders})
        toc = tuple((e.id, e.title) for e in entries) if len(entries) <= TOC_LIMIT else ()
        title = heading.title if heading.number == 1 else f"{heading.title}（第 {heading.number} 页）"
        return Page(path, title, html=head + cards + pager, anchors=toc, slots=tuple(used),
                    nav_under=heading.title if heading.pages > 1 else "")

    def _card(self, entry: Entry, from_path: str) -> str:
        library, anchors = self.ctx.library, self.ctx.tag_anchors
        policies = [{"title": library.policy_map[p].title, "href": relative_href(policy_page(p), from_path)}
                    for p in entry.policy if p in library.policy_map]
        tags = [{"name": t, "href": relative_href(TAGS_PAGE, from_path, anchors[t])} for t in entry.tags]
        return render("entry.html", entry=entry, policies=policies, tags=tags, channel_names=CHANNEL_NAMES)


@dataclass(frozen=True)
class _Heading:
    """What heads one page of a category: the category, and which of its pages this is."""

    category_id: str
    title: str
    description: str
    count: int  # entries in the whole category
    number: int  # this page, from 1
    pages: int
    first: int  # the number of this page's first entry in the category, from 1


def _page_map_script(pages: dict[str, str], entries: Sequence[Entry]) -> bytes:
    """`window.Handbook.entryPages`: each entry of the category → the page it is on (a file name
    beside the category's pages; ids are plain names, so JSON is a safe literal)."""
    where = {e.id: file_name(pages[e.id]) for e in entries}
    return f"window.Handbook.entryPages={json.dumps(where, separators=(',', ':'))};\n".encode()


class PoliciesSection(Section):
    nav_order = 20
    nav_group = "政策依据"

    def pages(self) -> list[Page]:
        library = self.ctx.library
        citing: dict[str, list[Entry]] = defaultdict(list)
        for entry in library.entries:
            for policy_id in entry.policy:
                citing[policy_id].append(entry)
        rows = [{"policy": p, "href": relative_href(policy_page(p.id), POLICIES_PAGE),
                 "count": len(citing[p.id])} for p in library.policies]
        pages = [Page(POLICIES_PAGE, "政策依据", html=render("policies.html", rows=rows))]
        for policy in library.policies:
            path = policy_page(policy.id)
            links = [entry_link(self.ctx, e, path) for e in citing[policy.id]]
            pages.append(self.ctx.made(f"policy:{policy.id}", (policy, links), lambda: Page(
                path, policy.title, html=render("policy.html", policy=policy, citing=links))))  # noqa: B023
        return pages


class ForbiddenSection(Section):
    nav_order = 30

    def pages(self) -> list[Page]:
        return [Page(FORBIDDEN_PAGE, "禁用语", html=render("forbidden.html", terms=self.ctx.library.lexicon))]


class TagsSection(Section):
    nav_order = 40

    def pages(self) -> list[Page]:
        tagged: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.ctx.library.entries:
            for tag in entry.tags:
                tagged[tag].append(entry)
        anchors = self.ctx.tag_anchors
        groups = [{"name": tag, "id": anchors[tag],
                   "entries": [entry_link(self.ctx, e, TAGS_PAGE) for e in tagged[tag]]} for tag in sorted(tagged)]
        toc = tuple((g["id"], f"{g['name']}（{len(g['entries'])}）") for g in groups)
        return [self.ctx.made("tags", groups, lambda: Page(TAGS_PAGE, "标签", html=render("tags.html", groups=groups),
                                                           anchors=toc))]


class SearchSection(Section):
    """The search index the header's search box loads (`generator.site.search`)."""

    def assets(self) -> list[Asset]:
        ctx = self.ctx
        with Progress("生成搜索索引", shown=ctx.progress):
            scripts = index_scripts(ctx.library, search_fold(ctx.library, ctx.variant), ctx.to_variant or str,
                                    ctx.made)
        return [Asset(path, script.encode("utf-8")) for path, script in scripts.items()]


def entry_link(ctx: BuildContext, entry: Entry, from_path: str) -> dict[str, str]:
    category = ctx.library.category(entry.category)
    return {"title": entry.title, "href": ctx.entry_href(entry, from_path),
            "category": category.title if category else entry.category, "scenario": entry.scenario}


