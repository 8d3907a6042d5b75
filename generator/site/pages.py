"""The pages generated from the library: categories (entry cards), policies, the forbidden
wording table, tags and downloads. Pages are HTML fragments; MkDocs only sees a marker."""

from __future__ import annotations

import html
from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import Entry, Library
from generator.site.markup import render
from generator.site.sections import (
    DOWNLOADS_DIR,
    BuildContext,
    DownloadGroup,
    category_page,
    policy_page,
    relative_href,
)
from generator.text.pinyin import slug

MARKER = "<!-- handbook:page -->"
CATEGORIES_PAGE = "categories/index.md"  # the overview that heads the categories in the nav
POLICIES_PAGE = "policies/index.md"
FORBIDDEN_PAGE = "forbidden/index.md"
TAGS_PAGE = "tags/index.md"
DOWNLOADS_PAGE = f"{DOWNLOADS_DIR}/index.md"
CHANNEL_NAMES = {"chat": "在线聊天", "phone": "电话"}


@dataclass
class GeneratedPage:
    path: str
    title: str
    html: str  # replaces MARKER after MarkDown conversion (already escaped)
    anchors: list[tuple[str, str]] = field(default_factory=list)  # (id, title) for the page TOC
    slots: list[str] | None = None  # placeholders for the panel above the content (None: no panel)


class SiteContent:
    """Everything derived from the library once per build and shared by the page renderers."""

    def __init__(self, ctx: BuildContext) -> None:
        self.ctx = ctx
        self.library: Library = ctx.library
        self.citing: dict[str, list[Entry]] = defaultdict(list)
        self.tagged: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.library.entries:
            for policy_id in entry.policy:
                self.citing[policy_id].append(entry)
            for tag in entry.tags:
                self.tagged[tag].append(entry)
        self.tag_ids = _tag_anchors(sorted(self.tagged))

    def category_pages(self) -> list[GeneratedPage]:
        rows = [{"category": c, "href": relative_href(category_page(c.id), CATEGORIES_PAGE),
                 "count": len(self.library.entries_in(c.id))} for c in self.library.categories]
        overview = GeneratedPage(CATEGORIES_PAGE, "话术分类", render("categories.html", rows=rows,
                                                                     total=len(self.library.entries)))
        return [overview, *(self._category(c.id, c.title, c.description) for c in self.library.categories)]

    def _category(self, category_id: str, title: str, description: str) -> GeneratedPage:
        path = category_page(category_id)
        entries = self.library.entries_in(category_id)
        cards = "\n".join(self.card(entry, path) for entry in entries)
        head = render("category.html", title=title, description=description, count=len(entries))
        used = sorted({name for e in entries for reply in e.approved for name in reply.placeholders})
        return GeneratedPage(path, title, head + cards, [(e.id, e.title) for e in entries], slots=used)

    def card(self, entry: Entry, from_path: str) -> str:
        policies = [{"title": self.library.policy_map[p].title,
                     "href": relative_href(policy_page(p), from_path)}
                    for p in entry.policy if p in self.library.policy_map]
        tags = [{"name": t, "href": relative_href(TAGS_PAGE, from_path, self.tag_ids[t])} for t in entry.tags]
        return render("entry.html", entry=entry, policies=policies, tags=tags, channel_names=CHANNEL_NAMES)

    def policy_pages(self) -> list[GeneratedPage]:
        rows = [{"policy": p, "href": relative_href(policy_page(p.id), POLICIES_PAGE),
                 "count": len(self.citing[p.id])} for p in self.library.policies]
        pages = [GeneratedPage(POLICIES_PAGE, "政策依据", render("policies.html", rows=rows))]
        for policy in self.library.policies:
            path = policy_page(policy.id)
            citing = [self._entry_link(e, path) for e in self.citing[policy.id]]
            pages.append(GeneratedPage(path, policy.title, render("policy.html", policy=policy, citing=citing)))
        return pages

    def forbidden_page(self) -> GeneratedPage:
        return GeneratedPage(FORBIDDEN_PAGE, "禁用语", render("forbidden.html", terms=self.library.lexicon))

    def tags_page(self) -> GeneratedPage:
        groups = [{"name": tag, "id": self.tag_ids[tag],
                   "entries": [self._entry_link(e, TAGS_PAGE) for e in self.tagged[tag]]}
                  for tag in sorted(self.tagged)]
        anchors = [(g["id"], f"{g['name']}（{len(g['entries'])}）") for g in groups]
        return GeneratedPage(TAGS_PAGE, "标签", render("tags.html", groups=groups), anchors)

    def downloads_page(self, groups: list[DownloadGroup]) -> GeneratedPage:
        ordered = sorted(groups, key=lambda g: (g.order, g.title))
        items = [{"group": g, "files": [{"label": d.label, "href": d.filename, "size": _size(len(d.content))}
                                        for d in g.downloads]} for g in ordered]
        return GeneratedPage(DOWNLOADS_PAGE, "下载", render("downloads.html", groups=items))

    def _entry_link(self, entry: Entry, from_path: str) -> dict[str, str]:
        category = self.library.category(entry.category)
        return {"title": entry.title, "href": self.ctx.entry_href(entry, from_path),
                "category": category.title if category else entry.category, "scenario": entry.scenario}


def nav_title(title: str) -> str:
    """Nav and page titles are printed raw by the theme: escape them here."""
    return html.escape(title, quote=False)


def _tag_anchors(tags: list[str]) -> dict[str, str]:
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for index, tag in enumerate(tags):
        anchor = f"tag-{slug(tag) or index}"
        if anchor in used:
            anchor = f"{anchor}-{index}"
        used.add(anchor)
        anchors[tag] = anchor
    return anchors


def _size(n: int) -> str:
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"
