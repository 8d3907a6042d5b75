"""The ToUnicode rewrite that gives the PDF a searchable text layer."""

from __future__ import annotations

from generator.sheets.textlayer import fix_cmap

CMAP = """/CIDInit /ProcSet findresource begin
begincmap
1 begincodespacerange
<00> <FF>
endcodespacerange
2 beginbfchar
<09> <2F3F>
<0A> <2F3E>
endbfchar
1 beginbfrange
<10> <12> <2ED9>
endbfrange
endcmap
end
"""


def _pairs(cmap: str) -> list[str]:
    """The bfchar lines (the code space range line left out)."""
    return [line for line in cmap.splitlines() if line.startswith("<") and line != "<00> <FF>"]


def test_radicals_become_the_ideographs_the_document_uses() -> None:
    fixed = fix_cmap(CMAP, set("手户页风飞"))
    # ⼿ → 手, ⼾ → 户 (the SC glyph; NFKC would say 戶); the range ⻙⻚⻛ expanded to 韦 页 风
    assert _pairs(fixed) == ["<09> <624B>", "<0A> <6237>", "<10> <97E6>", "<11> <9875>", "<12> <98CE>"]
    assert "beginbfrange" not in fixed and fixed.count("endcmap") == 1


def test_radicals_the_document_really_uses_stay() -> None:
    assert fix_cmap(CMAP, set("⼿⼾⻙⻚⻛")) == CMAP
