"""Identity and reference rules: ids, categories, policies, placeholders, shortcut codes."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from generator.lint.registry import Finding, finding, finding_at
from generator.source.positions import Text
from generator.source.schema import PLACEHOLDER_NAME_PATTERN, RESERVED_CATEGORY_IDS, SITE_ID_PREFIX
from generator.text.placeholders import bracket_is_blank, reads_as_slot
from generator.text.suggest import closest

if TYPE_CHECKING:
    from generator.lint.checks.context import Context
    from generator.model import Library

# One scan finds valid {名称} slots and the usual malformed variants, in text order.
SLOT_TOKEN = re.compile(
    r"\{(?P<name>[^{}\s]+)\}"
    r"|(?P<spaced>\{[^{}]*\})"
    r"|(?P<bracket>【(?P<bname>[^【】\n]{1,12})】|［(?P<wname>[^［］\n]{1,12})］|\[(?P<sname>[^\[\]\n]{1,12})\])"
    r"|(?P<xx>(?<![A-Za-z])(?:[Xx]{2,}|×{2,})(?![A-Za-z]))"
    r"|(?P<brace>[{}])"
)


def where(text: Text) -> str:
    line, column = text.loc.position()
    return f"{text.loc.file}:{line}:{column}"


def _first_seen(texts: Iterable[Text], rule: str, field: str) -> Iterator[Finding]:
    seen: dict[str, Text] = {}
    for text in texts:
        if text in seen:
            yield finding(rule, text.loc, **{field: text, "first": where(seen[text])})
        else:
            seen[text] = text


def check_ids(library: Library, context: Context) -> Iterator[Finding]:
    yield from _first_seen((e.id for e in library.entries), "R002", "id")
    yield from _first_seen((c.id for c in library.categories), "R002", "id")
    yield from _first_seen((p.id for p in library.policies), "R002", "id")


def check_reserved_categories(library: Library, context: Context) -> Iterator[Finding]:
    for category in library.categories:
        if category.id in RESERVED_CATEGORY_IDS:
            yield finding("R009", category.id.loc, category=category.id, page=RESERVED_CATEGORY_IDS[category.id])


def check_reserved_entry_ids(library: Library, context: Context) -> Iterator[Finding]:
    for entry in library.entries:
        if entry.id.startswith(SITE_ID_PREFIX):
            yield finding("R010", entry.id.loc, id=entry.id,
                          suggestion=f"{entry.category}-{entry.id.removeprefix(SITE_ID_PREFIX)}")


def check_categories(library: Library, context: Context) -> Iterator[Finding]:
    if not context.readable("handbook.yaml"):
        return
    declared = {c.id for c in library.categories}
    reported: set[str] = set()
    for entry in library.entries:
        file = entry.loc.file
        if entry.category not in declared and file not in reported:
            reported.add(file)
            known = f"，或把文件移到已有分类的文件夹（{'、'.join(sorted(declared))}）" if declared else ""
            yield finding_at("R003", file, 1, 1, category=entry.category,
                             hint=f"请在 categories 里加上它{known}")


def _suggestion(name: str, known: Iterable[str]) -> str:
    close = closest(name, known, cutoff=0.5)
    return f"：是不是想写「{close}」？" if close else ""


def check_policies(library: Library, context: Context) -> Iterator[Finding]:
    if not context.readable("policies.yaml"):
        return
    for entry in library.entries:
        for policy in entry.policy:
            if policy not in library.policy_map:
                yield finding("R004", policy.loc, policy=policy,
                              suggestion=_suggestion(policy, library.policy_map))


def check_placeholder_names(library: Library, context: Context) -> Iterator[Finding]:
    if not context.readable("handbook.yaml"):
        return
    for name in library.placeholders:
        if isinstance(name, Text) and not re.fullmatch(PLACEHOLDER_NAME_PATTERN, name):
            yield finding("R006", name.loc, text=name, hint="占位符名称只能用汉字、字母、数字和下划线")


def check_reply_placeholders(library: Library, context: Context) -> Iterator[Finding]:
    if not context.readable("handbook.yaml"):
        return
    for entry in library.entries:
        for reply in entry.approved:
            yield from _slot_findings(reply.text, library.placeholders)


def _slot_findings(text: Text, declared: dict) -> Iterator[Finding]:
    for match in SLOT_TOKEN.finditer(text):
        kind = match.lastgroup
        if kind == "name" and match.group("name") in declared:
            continue  # a declared placeholder: the usual case
        at = {"scalar": text, "offset": match.start()}
        if match.group("name") is not None:
            if match.group("name") not in declared:
                yield finding("R005", text.loc, **at, name=match.group("name"),
                              suggestion=_suggestion(match.group("name"), declared))
        elif match.group("bracket") is not None:
            name = match.group("bname") or match.group("wname") or match.group("sname")
            opens_text = match.start() == 0 and match.end() < len(text)
            if bracket_is_blank(name, match.group("sname") is not None, opens_text, declared):
                yield finding("R006", text.loc, **at, text=match.group(), hint=_bracket_hint(name, declared))
        elif kind == "spaced":
            yield finding("R006", text.loc, **at, text=match.group(),
                          hint="花括号里要写占位符名称，且不能有空格，如 {店铺名称}")
        elif kind == "xx":
            yield finding("R006", text.loc, **at, text=match.group(),
                          hint="XX 会原样发给顾客：请换成占位符，如 {订单号}")
        elif kind == "brace":
            yield finding("R006", text.loc, **at, text=match.group(),
                          hint="花括号不成对：占位符写成 {名称}")


def _bracket_hint(name: str, declared: Collection[str]) -> str:
    if reads_as_slot(name, declared):
        return f"占位符请写成 {{{name.strip()}}}"
    return (f"导出文件用【名称】表示要填写的空：要填写就写成 {{{name.strip()}}}；"
            f"要顾客照着回复的字，请改用「{name.strip()}」")


def check_shortcuts(library: Library, context: Context) -> Iterator[Finding]:
    codes = (r.shortcut for e in library.entries for r in e.approved if r.shortcut)
    yield from _first_seen(codes, "R008", "code")
