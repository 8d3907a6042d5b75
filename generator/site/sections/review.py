"""The "复核清单" page: the review queue as of the build date, for team leads."""

from __future__ import annotations

import html
import os
from typing import TYPE_CHECKING

from generator.review import ReviewItem, counts_line, review_items
from generator.site.page import Asset, Page, asset_file
from generator.site.sections.base import Section

if TYPE_CHECKING:
    from generator.site.context import BuildContext

PAGE = "review/index.md"
SOURCE_URL_VARIABLE = "HANDBOOK_SOURCE_URL"


class ReviewSection(Section):
    nav_order = 85

    def pages(self) -> list[Page]:
        return [Page(PAGE, "复核清单", review_markdown(self.ctx))]

    def assets(self) -> list[Asset]:
        return [Asset("assets/review.css", asset_file("review.css"), stylesheet=True)]


def review_markdown(ctx: BuildContext) -> str:
    items = review_items(ctx.library, ctx.build_date)
    intro = (f"按 {ctx.build_date.isoformat()} 计算：{counts_line(items)}"
             "列出已过复核日期、没有负责人、或引用的政策在话术之后又更新过的话术；"
             "修改源文件后更新 <code>updated</code> / <code>review_by</code> 即可移出清单。"
             "命令行：<code>handbook review</code>。")
    parts = ["# 复核清单", "", f'<p class="hb-review-note">{intro}</p>', ""]
    if items:
        parts.append(_table(ctx, items))
    return "\n".join(parts) + "\n"


def _table(ctx: BuildContext, items: list[ReviewItem]) -> str:
    rows = "".join(_row(ctx, item) for item in items)
    # the class sits on a wrapper: Material styles tables that have none of their own
    return ('<div class="hb-review"><table><thead><tr><th>话术</th><th>分类</th><th>负责人</th><th>原因</th>'
            f"<th>源文件位置</th></tr></thead><tbody>{rows}</tbody></table></div>\n")


def _row(ctx: BuildContext, item: ReviewItem) -> str:
    entry = item.entry
    category = ctx.library.category(entry.category)
    link = f'<a href="{html.escape(ctx.entry_href(entry, PAGE))}">{html.escape(entry.title)}</a>'
    reasons = "".join(f'<li class="hb-reason--{r.kind}">{html.escape(r.message)}</li>' for r in item.reasons)
    return (f'<tr data-reasons="{" ".join(sorted({r.kind for r in item.reasons}))}"><td>{link}</td>'
            f"<td>{html.escape(category.title if category else entry.category)}</td>"
            f"<td>{html.escape(entry.owner) or '—'}</td><td><ul>{reasons}</ul></td>"
            f"<td>{_source_link(item)}</td></tr>")


def _source_link(item: ReviewItem) -> str:
    """`file:line` (VS Code's Ctrl+P accepts it as is); a link when HANDBOOK_SOURCE_URL is set,
    e.g. https://git.example.com/shop/handbook/blob/main/scripts_src/{file}#L{line}."""
    code = f"<code>{html.escape(item.where)}</code>"
    template = os.environ.get(SOURCE_URL_VARIABLE, "")
    if not template or item.entry.loc is None:
        return code
    url = template.replace("{file}", item.entry.loc.file).replace("{line}", str(item.entry.loc.position()[0]))
    return f'<a href="{html.escape(url)}">{code}</a>'

