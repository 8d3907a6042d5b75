"""The review queue: entries a team lead should look at again.

Three reasons: the `review_by` date has passed, nobody `owner`s the entry, or a policy the
entry cites was updated after the entry was (the wording may no longer match the rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Entry, Library

OVERDUE = "overdue"
NO_OWNER = "no-owner"
POLICY_UPDATED = "policy-updated"
REASON_TITLES = {OVERDUE: "已过复核日期", NO_OWNER: "没有负责人", POLICY_UPDATED: "政策已更新"}


@dataclass(frozen=True)
class ReviewReason:
    kind: str
    message: str


@dataclass(frozen=True)
class ReviewItem:
    entry: Entry
    reasons: tuple[ReviewReason, ...]

    @property
    def where(self) -> str:
        """`file:line` of the entry in the source folder."""
        if self.entry.loc is None:
            return ""
        return f"{self.entry.loc.file}:{self.entry.loc.position()[0]}"


def review_items(library: Library, today: dt.date) -> list[ReviewItem]:
    """Entries needing review, in category order (as in the site), each with all its reasons."""
    order = {c.id: index for index, c in enumerate(library.categories)}
    items = []
    for entry in library.entries:
        reasons = tuple(_reasons(library, entry, today))
        if reasons:
            items.append(ReviewItem(entry, reasons))
    return sorted(items, key=lambda item: order.get(item.entry.category, len(order)))


def _reasons(library: Library, entry: Entry, today: dt.date):
    if entry.review_by and entry.review_by < today:
        days = (today - entry.review_by).days
        yield ReviewReason(OVERDUE, f"已过复核日期 {entry.review_by.isoformat()}（过期 {days} 天）")
    if not entry.owner:
        yield ReviewReason(NO_OWNER, "没有负责人：请填写 owner（负责维护的人或小组）")
    for policy_id in entry.policy:
        policy = library.policy_map.get(policy_id)
        if policy is None or policy.updated is None:
            continue
        changed = f"政策已更新，请复核：{policy.title}（{policy.updated.isoformat()} 更新）"
        if entry.updated is None:
            yield ReviewReason(POLICY_UPDATED, f"{changed}，话术没有填写更新日期 updated")
        elif policy.updated > entry.updated:
            yield ReviewReason(POLICY_UPDATED, f"{changed}晚于话术的更新日期 {entry.updated.isoformat()}")


def reason_counts(items: list[ReviewItem]) -> dict[str, int]:
    counts = dict.fromkeys(REASON_TITLES, 0)
    for item in items:
        for kind in {reason.kind for reason in item.reasons}:
            counts[kind] += 1
    return counts


def counts_line(items: list[ReviewItem]) -> str:
    if not items:
        return "没有需要复核的话术。"
    parts = "，".join(f"{REASON_TITLES[kind]} {n} 条" for kind, n in reason_counts(items).items() if n)
    return f"{len(items)} 条话术需要复核（{parts}）。"
