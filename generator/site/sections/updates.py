"""The "最近更新" page and the build's `manifest.json`.

"The last release" is the newest `releases/<date>.json` next to the source folder (written by
`handbook release`). While the source has unreleased edits the page previews them; once the
source matches the newest release, the page shows what that release changed compared with the
one before. With no release yet it lists entries by their `updated` date.
"""

from __future__ import annotations

import datetime as dt
import html
from functools import cached_property
from typing import TYPE_CHECKING

from generator.releases.diff import KIND_LABELS, EntryChange, FieldChange, ManifestDiff, compare, sides
from generator.releases.manifest import Manifest, build_manifest, read_manifest, release_files
from generator.site.page import Asset, Page, asset_file
from generator.site.sections.base import Section

if TYPE_CHECKING:
    from generator.site.context import BuildContext
from generator.variant.convert import convert_manifest
from generator.variant.names import VARIANTS

PAGE = "updates/index.md"
MANIFEST = "manifest.json"  # every site carries one: it also marks a folder as a site we built
HISTORY_LIMIT = 5  # releases listed in the history table (each file is read: keep builds fast)
CHANGES_LIMIT = 300  # changes shown with their wording diff (a mass edit would make a huge page)
RECENT_LIMIT = 100  # entries listed by date when there is nothing to compare with


class UpdatesSection(Section):
    nav_order = 80

    @cached_property
    def _made(self) -> tuple[str, bytes]:
        """The page and the manifest file, from one manifest that is not kept (at 100,000 entries
        it holds a copy of every entry's wording)."""
        manifest = build_manifest(self.ctx.library, made=self.ctx.made)
        return updates_markdown(self.ctx, manifest), manifest.to_json().encode("utf-8")

    def pages(self) -> list[Page]:
        return [Page(PAGE, "最近更新", self._made[0])]

    def assets(self) -> list[Asset]:
        return [Asset(MANIFEST, self._made[1]),
                Asset("assets/updates.css", asset_file("updates.css"), stylesheet=True)]


def updates_markdown(ctx: BuildContext, current: Manifest | None = None) -> str:
    """The page; `current`: the library's manifest when the caller has made it already."""
    current = current or build_manifest(ctx.library)
    files = release_files(ctx.src)
    releases = [(date, _as_built(ctx, read_manifest(path))) for date, path in files[-(HISTORY_LIMIT + 1):]]
    parts = ["# 最近更新", ""]
    if not releases:
        parts += [_note("还没有发布记录。下面按更新日期列出话术（最新在前）。"
                        "发布时运行 <code>handbook release</code>，"
                        "之后这里会列出每次发布新增、修改和删除的话术。"),
                  _by_date(ctx, current)]
        return "\n".join(parts) + "\n"
    latest_date, latest = releases[-1]
    if not latest.same_content(current):
        parts.append(_note(f"以下是自上次发布（{latest_date}）以来的修改，尚未发布。"))
        parts.append(_diff_html(ctx, compare(latest, current)))
    elif len(releases) > 1:
        previous_date = releases[-2][0]
        parts.append(_note(f"{latest_date} 发布的更新（与 {previous_date} 的发布相比）。"))
        parts.append(_diff_html(ctx, compare(releases[-2][1], latest)))
    else:
        parts += [_note(f"{latest_date} 首次发布，共 {len(latest.entries)} 条话术。下面按更新日期列出（最新在前）。"),
                  _by_date(ctx, current)]
    parts += ["", "## 发布记录", "", _history(releases, complete=len(files) == len(releases))]
    return "\n".join(parts) + "\n"


def _as_built(ctx: BuildContext, release: Manifest) -> Manifest:
    """Releases record the simplified source; a Traditional build compares converted releases."""
    return convert_manifest(release, ctx.variant) if ctx.variant in VARIANTS else release


def _note(text_html: str) -> str:
    return f'<p class="hb-updates-note">{text_html}</p>\n'


def _category_title(ctx: BuildContext, category_id: str) -> str:
    category = ctx.library.category(category_id)
    return category.title if category else category_id


def _diff_html(ctx: BuildContext, diff: ManifestDiff) -> str:
    if diff.empty:
        return _note("没有变化。")
    counts = f'<p class="hb-updates-summary">{diff.summary()}。</p>'
    shown = diff.all()[:CHANGES_LIMIT]
    links = _links(ctx, {change.id: change.current.title for change in shown})
    rest = len(diff.all()) - len(shown)
    tail = [_note(f"另有 {rest} 条变化未列出：运行 <code>handbook diff</code> 查看全部。")] if rest > 0 else []
    return "\n".join([counts, *(_change_html(ctx, change, links) for change in shown), *tail])


def _links(ctx: BuildContext, wanted: dict[str, str]) -> dict[str, str]:
    """entry id → link HTML (or struck-through title for a removed entry), in one pass."""
    entries = {e.id: e for e in ctx.library.entries if e.id in wanted}
    return {key: (f'<a href="{html.escape(ctx.entry_href(entries[key], PAGE))}">{html.escape(title)}</a>'
                  if key in entries else f'<span class="hb-removed">{html.escape(title)}</span>')
            for key, title in wanted.items()}


def _change_html(ctx: BuildContext, change: EntryChange, links: dict[str, str]) -> str:
    item = change.current
    meta = " · ".join(part for part in (_category_title(ctx, item.category),
                                        item.updated and f"{item.updated} 更新") if part)
    head = (f'<p class="hb-update__head"><span class="hb-update__kind">{KIND_LABELS[change.kind]}</span> '
            f'{links[change.id]} <span class="hb-update__meta">{html.escape(meta)}</span></p>')
    fields = "".join(_field_html(field) for field in change.fields)
    body = f"<dl>{fields}</dl>" if fields else ""
    return f'<div class="hb-update hb-update--{change.kind}" id="update-{html.escape(change.id)}">{head}{body}</div>'


def _field_html(field: FieldChange) -> str:
    rows = [f'<span class="hb-diff">{diff_html(i.old, i.new)}</span>' for i in field.items]
    value = rows[0] if len(rows) == 1 else "<ul>" + "".join(f"<li>{row}</li>" for row in rows) + "</ul>"
    return f"<dt>{html.escape(field.label)}</dt><dd>{value}</dd>"


def _by_date(ctx: BuildContext, current: Manifest) -> str:
    items = sorted(current.entries.values(), key=lambda e: e.id)
    items = sorted(items, key=lambda e: e.updated or "", reverse=True)[:RECENT_LIMIT]
    links = _links(ctx, {e.id: e.title for e in items})
    rows = [f"<tr><td>{html.escape(e.updated or '')}</td><td>{links[e.id]}</td>"
            f"<td>{html.escape(_category_title(ctx, e.category))}</td></tr>" for e in items]
    more = len(current.entries) - len(items)
    tail = _note(f"另有 {more} 条更早的话术未列出。") if more > 0 else ""
    return ("<table><thead><tr><th>更新日期</th><th>话术</th><th>分类</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>\n" + tail)


def _history(releases: list[tuple[dt.date, Manifest]], complete: bool) -> str:
    """Newest first; the oldest loaded release only serves as a base unless it is the first one."""
    rows = []
    for index in range(len(releases) - 1, -1, -1):
        if index == 0 and not complete:
            break
        date, manifest = releases[index]
        change = compare(releases[index - 1][1], manifest).summary() if index else "首次发布"
        rows.append(f"<tr><td>{date}</td><td>{len(manifest.entries)}</td><td>{html.escape(change)}</td></tr>")
    return ("<table><thead><tr><th>发布日期</th><th>话术数</th><th>变化</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>\n")


def diff_html(old: str | None, new: str | None) -> str:
    """Escaped HTML: the old text above the new one, removed characters in `<del>`, added ones in `<ins>`
    (an item that only one side has shows that side alone)."""
    before, after = sides(old, new)
    lines = []
    if old is not None:
        lines.append(_diff_line("old", "旧", before, "del"))
    if new is not None:
        lines.append(_diff_line("new", "新", after, "ins"))
    return "".join(lines)


def _diff_line(side: str, label: str, runs: list[tuple[bool, str]], tag: str) -> str:
    text = "".join(f"<{tag}>{html.escape(part)}</{tag}>" if changed else html.escape(part) for changed, part in runs)
    return f'<span class="hb-diff__line hb-diff__{side}"><span class="hb-diff__label">{label}</span>{text}</span>'
