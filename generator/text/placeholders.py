"""Placeholder slots `{名称}` in reply text: find, fill, strip; and what a bracketed word means."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping

from generator.errors import UsageError
from generator.text.suggest import closest

SLOT = re.compile(r"\{([^{}\s]+)\}")
# Bracketed words that are slots in scripts written elsewhere (【订单号】, [客服工号] …).
SLOT_WORD = re.compile(r".*(号|名|名称|时间|日期|金额|地址|电话|公司|链接|数量|天数)$")


def bracket_is_blank(name: str, ascii_square: bool, opens_text: bool, declared: Collection[str]) -> bool:
    """Whether a bracketed word in a reply is a blank to fill in: the one rule of the checker
    (R006), the importer (which makes it {名称}) and the exports (which write unfilled slots as
    【名称】). 【名称】 and ［名称］ are blanks, except a heading that opens the reply (【温馨提示】亲…);
    ASCII [名称] only when the name is declared or reads like a slot, so [微笑] emoticons stay."""
    return reads_as_slot(name, declared) or (not ascii_square and not opens_text)


def reads_as_slot(name: str, declared: Collection[str]) -> bool:
    """A declared placeholder, or a word that names a slot (订单号, 快递公司, 退款金额 …)."""
    return name in declared or SLOT_WORD.match(name) is not None


def slot_names(text: str) -> list[str]:
    """Distinct slot names in order of first appearance."""
    return list(dict.fromkeys(SLOT.findall(text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the slots that have a value; the others stay as `{名称}`."""
    return SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), text)



def assignments(pairs: Iterable[str], declared: Collection[str], per_customer: Collection[str]) -> dict[str, str]:
    """`--var 名称=值` options → values, each name a placeholder declared in handbook.yaml whose value
    is the same for every customer (a customer's own value must never be published)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().strip("{}")
        if not sep or not name:
            raise UsageError(f"--var 的写法是 名称=值，如 --var 店铺名称=小蓝鲸旗舰店（收到：{pair}）")
        if name not in declared:
            close = closest(name, sorted(declared))
            hint = f"，是不是 {close}？" if close else f"。可用的占位符：{'、'.join(declared) or '（还没有声明）'}"
            raise UsageError(f"占位符「{name}」没有在 handbook.yaml 的 placeholders 里声明{hint}")
        if name in per_customer:
            raise UsageError(f"占位符「{name}」每位顾客都不同（scope: customer），不能用 --var 写进网站或文件："
                             "客服复制或使用时再填；如果它其实是店铺固定的信息，请在 handbook.yaml 里写 scope: shop")
        values[name] = value
    return values
