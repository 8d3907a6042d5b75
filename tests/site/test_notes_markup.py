"""Notes are Markdown for trainers, never markup from the source: raw HTML shows as text,
code spans keep their characters, images are not fetched, links are web links only."""

from __future__ import annotations

import pytest

from generator.site.markup import notes_html


@pytest.mark.parametrize(("notes", "html"), [
    ("先说“您好”，再**核实**订单", "<p>先说“您好”，再<strong>核实</strong>订单</p>"),
    ('回复 `亲，"稍等" & <马上>`', '<p>回复 <code>亲，"稍等" &amp; &lt;马上&gt;</code></p>'),
    ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
    ("![跟踪](https://example.com/t.png)", "<p>![跟踪](https://example.com/t.png)</p>"),
    ("[平台规则](javascript:alert(1)) [帮助](https://example.com/help)",
     '<p>平台规则 <a href="https://example.com/help">帮助</a></p>'),  # only web links are links
    ("[别处](//evil.example/x) [也是别处](/\\evil.example) [本站](../policies/index.html)",
     '<p>别处 也是别处 <a href="../policies/index.html">本站</a></p>'),
    ("1. 查明原因\n2. 道歉", "<ol>\n<li>查明原因</li>\n<li>道歉</li>\n</ol>"),
])
def test_notes_render_safely(notes: str, html: str) -> None:
    assert str(notes_html(notes)) == html
