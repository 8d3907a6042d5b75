"""Make the PDF's text layer say what the sheet says, so agents can search and copy from it.

Chromium (Skia) embeds CJK fonts as glyph subsets and writes, for each glyph, the *lowest* code
point the font maps to it. Noto Sans CJK draws many ideographs with the same glyph as a Kangxi or
supplement radical, so 手 would be copied out as ⼿ (U+2F3F), 页 as ⻚ (U+2EDA), and ～ as 〜:
searching the PDF for 手册 finds nothing. The fix rewrites each font's ToUnicode map, replacing
such a radical by the ideograph the document actually uses.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from collections.abc import Iterator

from pypdf import PdfReader
from pypdf.generic import StreamObject

from generator.errors import BuildError

# Radical code points (U+2E80–U+2FDF) that Noto Sans CJK SC and Noto Sans Mono CJK SC draw with an
# ideograph's glyph, as (radical, ideograph) pairs read from the fonts' cmap tables. NFKC is not
# enough: it folds ⼾ to 戶 where the SC font means 户.
_SHARED_GLYPHS = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭"
    "⺩𤣩⺭礻⺮𥫗⺯糹⺰纟⺱罓⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻂衤⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门"
    "⻕𨸏⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜"
    "⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕"
    "⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山"
    "⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日"
    "⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜"
    "⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网"
    "⽺羊⽻羽⽼老⽽而⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾔言"
    "⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑"
    "⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾼高⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻"
    "⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿑齊⿒齒⿓龍⿕龠"
)
SAME_GLYPH: dict[str, str] = {
    **dict(zip(_SHARED_GLYPHS[::2], _SHARED_GLYPHS[1::2], strict=True)),
    "〜": "～",  # WAVE DASH shares its glyph with the FULLWIDTH TILDE Chinese text uses
}
_BFCHAR = re.compile(r"(\d+\s+)?beginbfchar(.*?)endbfchar\s*", re.S)
_BFRANGE = re.compile(r"(\d+\s+)?beginbfrange(.*?)endbfrange\s*", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")
_ENDCMAP = "endcmap"
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R\b")
_PDF_DATE = re.compile(rb"(/(?:CreationDate|ModDate) \(D:)(\d{14})")


def fix_pdf(pdf: bytes, document_text: str, date: dt.date) -> bytes:
    """The PDF with a true text layer and the build date (not the time of printing) as its dates.

    Written as an incremental update (PDF 7.5.6): the changed objects and a new cross-reference
    section are appended to Chromium's bytes. Re-writing the whole file would mean parsing every
    glyph of every Type 3 font, which takes longer than printing."""
    reader = PdfReader(io.BytesIO(pdf))
    used = set(document_text)
    changed: dict[int, bytes] = {}
    for number, stream in _to_unicode_streams(pdf, reader):
        cmap = stream.get_data().decode("latin-1")
        fixed = fix_cmap(cmap, used)
        if fixed != cmap:
            data = zlib.compress(fixed.encode("latin-1"), 9)
            changed[number] = b"<< /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (len(data), data)
    return _append_update(_dated(pdf, date), reader, changed) if changed else _dated(pdf, date)


def _to_unicode_streams(pdf: bytes, reader: PdfReader) -> Iterator[tuple[int, StreamObject]]:
    """Found by their references in the (uncompressed) font dictionaries: walking the fonts with
    pypdf would parse every Type 3 glyph table."""
    for number in sorted({int(n) for n in _TO_UNICODE.findall(pdf)}):
        stream = reader.get_object(number)
        if isinstance(stream, StreamObject):
            yield number, stream


def _dated(pdf: bytes, date: dt.date) -> bytes:
    """Chromium stamps the time of printing; write the build date over it (same length, so every
    offset in the file stays valid; Chromium runs with TZ=UTC, so the zone is always +00'00')."""
    stamp = date.strftime("%Y%m%d000000").encode()
    return _PDF_DATE.sub(lambda m: m.group(1) + stamp, pdf)


def _append_update(pdf: bytes, reader: PdfReader, objects: dict[int, bytes]) -> bytes:
    previous = re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", pdf)
    if previous is None:
        raise BuildError("Chromium 生成的 PDF 结尾没有 startxref，无法处理：请检查 chromium 是否完整安装")
    out = bytearray(pdf if pdf.endswith(b"\n") else pdf + b"\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    entries = b"".join(b"%d 1\n%010d 00000 n \n" % (n, offsets[n]) for n in sorted(offsets))
    out += b"xref\n0 1\n0000000000 65535 f \n" + entries
    root = reader.trailer.raw_get("/Root").idnum
    info = reader.trailer.raw_get("/Info").idnum
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %s >>\nstartxref\n%d\n%%%%EOF\n"
            % (reader.trailer["/Size"], root, info, previous.group(1), xref))
    return bytes(out)


def fix_cmap(cmap: str, used: set[str]) -> str:
    """Rewrite a ToUnicode CMap's mappings as `bfchar` lines, radicals replaced where the
    document uses the ideograph sharing their glyph rather than the radical itself."""
    if any("[" in block.group(2) for block in _BFRANGE.finditer(cmap)):
        return cmap  # ranges onto arrays: not written by Chromium, left alone
    mappings = _mappings(cmap)
    if not any(_better(text, used) != text for _, text in mappings):
        return cmap
    body = _BFRANGE.sub("", _BFCHAR.sub("", cmap))
    blocks = []
    for start in range(0, len(mappings), 100):  # a CMap block holds at most 100 entries
        chunk = mappings[start:start + 100]
        lines = "".join(f"<{code}> <{_hex(_better(text, used))}>\n" for code, text in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}endbfchar\n")
    return body.replace(_ENDCMAP, "".join(blocks) + _ENDCMAP, 1)


def _better(text: str, used: set[str]) -> str:
    if text in used or text not in SAME_GLYPH:
        return text
    return SAME_GLYPH[text]


def _mappings(cmap: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for block in _BFCHAR.finditer(cmap):
        codes = _HEX.findall(block.group(2))
        pairs += [(codes[i], _text(codes[i + 1])) for i in range(0, len(codes) - 1, 2)]
    for block in _BFRANGE.finditer(cmap):
        for line in block.group(2).strip().splitlines():
            low, high, first = _HEX.findall(line)[:3]
            width = len(low)
            pairs += [(f"{code:0{width}X}", _text(f"{int(first, 16) + code - int(low, 16):04X}"))
                      for code in range(int(low, 16), int(high, 16) + 1)]
    return pairs


def _text(hex_utf16: str) -> str:
    return bytes.fromhex(hex_utf16).decode("utf-16-be", errors="replace")


def _hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()
