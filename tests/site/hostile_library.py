"""A library in which every field the format allows carries hostile text: tag injection,
attribute breakouts with " and ', Jinja, closing tags of raw-text elements, bidi and line
separators, script URLs and a 10,000-character reply. It passes the check, so it builds."""

from __future__ import annotations

from pathlib import Path

import yaml

PAYLOADS = [
    '<img src=x onerror=alert("img")>',
    '" onmouseover="alert(\'dq\')" autofocus onfocus="alert(\'dqf\')" x="',
    "' onmouseover='alert(1)' autofocus onfocus='alert(2)' x='",
    "{{ 7*7 }}{% raw %}{{ config }}",
    "</textarea></title></script></style><svg onload=alert('close')>",
    "\u202e反转\u202c",
    "\u2028行\u2029段",
]
VISIBLE = PAYLOADS[:5]  # the ones that must read as text on the page (the others are invisible)
BAD_URLS = ["javascript:alert('url')", "data:text/html,<script>alert('data')</script>", "//evil.example/x"]
LONG_REPLY = "亲，" + "这是一段很长的说明文字，" * 833 + "谢谢。"  # 10,000 characters


def hostile(label: str, n: int) -> str:
    return f"{label}{PAYLOADS[n % len(PAYLOADS)]}"


def code(n: int, which: str) -> str:
    """The shortcut of entry n's first or second reply: letters only (xaa, xab, xba …)."""
    return f"x{'abcdefghij'[n]}{which}"


def hostile_reply(label: str, n: int) -> str:
    """As `hostile`, without the Jinja payload: braces in a reply are placeholders (R006 refuses
    stray ones), so a reply never gets that far."""
    payload = PAYLOADS[n % len(PAYLOADS)]
    return f"{label}{PAYLOADS[0] if '{' in payload else payload}"


def write_hostile_library(root: Path) -> Path:
    """The library's files under `root`; returns `root`."""
    settings = {
        "title": hostile("手册", 1),
        "categories": [{"id": "sweep", "title": hostile("分类", 0), "description": hostile("说明", 4)},
                       {"id": "more", "title": hostile("二类", 2), "description": hostile("说明", 3)}],
        "placeholders": {"店铺名称": {"description": hostile("店铺", 4), "example": hostile("示例", 0),
                                  "scope": "shop"},
                         "订单号": {"description": hostile("订单", 1), "example": hostile("例", 2)}},
    }
    policies = {"policies": [
        {"id": f"policy-{n}", "title": hostile("政策", n), "summary": hostile("摘要", n + 1),
         "source": hostile("来源", n + 2), "url": url, "updated": "2026-10-01"}
        for n, url in enumerate([*BAD_URLS, "https://example.com/rule"])]}
    lexicon = {"forbidden": [{"text": "绝不可以说的词" + PAYLOADS[0], "reason": hostile("原因", 1),
                              "instead": hostile("改说", 2)}]}
    entries = [_entry(n) for n in range(len(PAYLOADS))]
    entries.append({"id": "sweep-long", "title": "很长的回复", "scenario": "长说明", "questions": ["很长吗"],
                    "approved": [LONG_REPLY], "channels": ["chat"], "owner": "培训组", "updated": "2026-11-01"})
    (root / "sweep").mkdir(parents=True)
    (root / "more").mkdir()
    for name, data in (("handbook.yaml", settings), ("policies.yaml", policies), ("lexicon.yaml", lexicon),
                       ("sweep/entries.yaml", {"entries": entries}),
                       ("more/entries.yaml", {"entries": [_entry(len(PAYLOADS), "more")]})):
        (root / name).write_text(_double_quoted(data), "utf-8")
    return root


def _double_quoted(data: dict) -> str:
    """Every scalar double-quoted, so the invisible separators can be written as escapes (a raw
    U+2028 in a file is refused, Y002)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_style='"')
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _entry(n: int, category: str = "sweep") -> dict:
    links = " ".join(f"[链接{i}]({url})" for i, url in enumerate(BAD_URLS))
    return {
        "id": f"{category}-{n}", "title": hostile("标题", n), "scenario": hostile("场景", n + 1),
        "questions": [hostile("问法", n + 2), hostile("问法", n + 3)],
        "approved": [{"text": hostile_reply(f"回复{n}：", n + 4), "shortcut": code(n, "a")},
                     {"text": hostile_reply(f"您好{{店铺名称}}，第{n}条", n + 5), "shortcut": code(n, "b")},
                     {"text": hostile_reply(f"订单{{订单号}}第{n}条", n + 6)}],
        "forbidden": [{"text": hostile("别说", n + 1), "reason": hostile("因为", n + 2),
                       "instead": hostile("改", n + 3)}],
        "policy": [f"policy-{n % 4}"], "tags": [hostile("标签", n)],
        "notes": f"{hostile('备注', n + 4)} {links} [好链接](https://example.com/ok)",
        "owner": hostile("负责人", n + 5), "updated": "2026-11-01", "channels": ["chat", "phone"],
    }
