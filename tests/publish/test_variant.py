"""Traditional Chinese variant: a converted source folder that the normal pipeline accepts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.cli import main
from generator.lint.engine import check_source
from generator.model import Library, load_library
from generator.releases.manifest import build_manifest, entry_content
from generator.site.context import BuildContext
from generator.site.sections.updates import updates_markdown
from generator.variant.convert import convert_source, converter, round_trip_canonical
from generator.variant.names import VARIANTS

HANDBOOK = """\
title: 售后话术
categories:
  - {id: aftersale, title: 售后服务, description: 退货、退款}
placeholders:
  店铺名称: {description: 店铺的名称, example: 小蓝鲸旗舰店}
  退款时效: {description: 退款到账时间, example: 1–3 个工作日}
"""
POLICIES = """\
policies:
  - id: seven-day-return
    title: 七天无理由退货
    summary: 签收七天内可以申请退货。
    url: https://example.com/规则/退货   # 链接保持原样
    updated: 2026-11-01
"""
LEXICON = """\
forbidden:
  - text: 不知道
    reason: 推卸、显得不专业
    instead: 我马上帮您核实一下
  - text: 最
    reason: 广告法禁用的绝对化用语
    level: warning
    except: [最近, 最后]
"""
ENTRIES = """\
entries:
  - id: aftersale-refund
    title: 退款进度
    scenario: 顾客问退款什么时候到账
    questions: [退款咋还没到, 钱什么时候退回来]
    approved:
      - text: 亲，{店铺名称}已经为您办理退款，款项会在{退款时效}内原路退回～
        shortcut: tk
      - 我也不知道，您再等等吧。
      - 最近退款较多，{退款时效}内一定到账哦,请放心。  # handbook-ignore: T001 旧话术保留原样
    forbidden:
      - text: 再等等吧
        reason: 没有时间点，顾客只会更焦虑
    policy: [seven-day-return]
    channels: [chat]
    owner: 售后组
    updated: 2026-11-20
    review_by: 2027-05-01
  - id: aftersale-quality
    title: 质量问题
    scenario: 顾客说收到的商品有质量问题
    approved:
      - 这是最好的面料，{未声明}，不会有问题的
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return root


@pytest.fixture
def src(tmp_path: Path) -> Path:
    return write(tmp_path / "src", {"handbook.yaml": HANDBOOK, "policies.yaml": POLICIES, "lexicon.yaml": LEXICON,
                                    "aftersale/refund.yaml": ENTRIES})


def texts(library: Library) -> list[str]:
    """Every text value of a library, in a stable order."""
    out = [library.title]
    for category in library.categories:
        out += [category.title, category.description]
    for name, placeholder in library.placeholders.items():
        out += [name, placeholder.description, placeholder.example]
    for policy in library.policies:
        out += [policy.title, policy.summary, policy.source]
    for term in library.lexicon:
        out += [term.text, term.reason, term.instead, *term.allowed]
    for entry in library.entries:
        content = entry_content(entry)
        out += [content["title"], content["scenario"], content["notes"], *content["questions"], *content["tags"]]
        out += [reply["text"] for reply in content["approved"]]
        out += [value for item in content["forbidden"] for value in item.values()]
    return [str(text) for text in out]


def codes(library: Library) -> list:
    """What must survive conversion byte for byte."""
    return [(e.id, e.category, [r.shortcut for r in e.approved], e.policy, e.channels, e.updated, e.review_by)
            for e in library.entries] + [(p.id, p.url, p.updated) for p in library.policies]


@pytest.mark.parametrize("name", ["zh-Hant", "zh-Hant-HK"])
def test_starter_round_trip_differs_only_in_documented_characters(starter_src: Path, tmp_path: Path,
                                                                  name: str) -> None:
    convert_source(starter_src, tmp_path / name, name)
    original, converted = load_library(starter_src)[0], load_library(tmp_path / name)[0]
    assert codes(converted) == codes(original)
    back = converter(VARIANTS[name].back).convert
    before, after = texts(original), texts(converted)
    assert len(before) == len(after)
    assert sum(a != b for a, b in zip(before, after, strict=True)) > len(before) // 2  # really converted
    for text, hant in zip(before, after, strict=True):
        assert round_trip_canonical(back(hant), name) == round_trip_canonical(text, name), (text, hant)


def test_converted_starter_passes_check(starter_src: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["variant", "--to", "zh-Hant", "--out", str(tmp_path / "hant"), "--src", str(starter_src)]) == 0
    assert main(["check", str(tmp_path / "hant")]) == 0
    assert "0 个错误" in capsys.readouterr().out or check_source(tmp_path / "hant").errors == 0
    assert "電商客服話術手冊" in (tmp_path / "hant" / "handbook.yaml").read_text("utf-8")


def finding_keys(root: Path) -> list[tuple[str, str, int]]:
    return sorted((f.code, f.file, f.line) for f in check_source(root).findings)


def test_same_rules_apply_to_the_converted_source(src: Path, tmp_path: Path) -> None:
    convert_source(src, tmp_path / "hant", "zh-Hant")
    found = finding_keys(src)
    assert {code for code, _, _ in found} >= {"W001", "W002", "R005"}  # lexicon, own wording, placeholder
    assert "T001" not in {code for code, _, _ in found}  # suppressed in place
    assert finding_keys(tmp_path / "hant") == found


def test_keys_codes_urls_and_placeholders(src: Path, tmp_path: Path) -> None:
    convert_source(src, tmp_path / "hant", "zh-Hant")
    handbook = (tmp_path / "hant" / "handbook.yaml").read_text("utf-8")
    entries = (tmp_path / "hant" / "aftersale" / "refund.yaml").read_text("utf-8")
    policies = (tmp_path / "hant" / "policies.yaml").read_text("utf-8")
    assert "  店鋪名稱: {description: 店鋪的名稱" in handbook
    assert "{店鋪名稱}已經為您辦理退款" in entries and "{退款時效}" in entries
    assert "shortcut: tk" in entries and "channels: [chat]" in entries and "updated: 2026-11-20" in entries
    assert "url: https://example.com/规则/退货   # 連結保持原樣" in policies
    assert "# handbook-ignore: T001 舊話術保留原樣" in entries
    converted = load_library(tmp_path / "hant")[0]
    assert set(converted.placeholders) == {"店鋪名稱", "退款時效"}
    assert converted.lexicon[1].allowed == ("最近", "最後")


def test_broken_and_foreign_files_keep_their_findings(src: Path, tmp_path: Path) -> None:
    write(src, {"aftersale/broken.yaml": "entries:\n  - id: 坏的\n    title: [未闭合\n",
                "aftersale/gbk.yaml": "entries: []\n# 备注\n".encode("gbk"), "说明.md": "# 说明\n"})
    convert_source(src, tmp_path / "hant", "zh-Hant")
    assert (tmp_path / "hant" / "说明.md").read_text("utf-8") == "# 说明\n"
    assert (tmp_path / "hant" / "aftersale" / "gbk.yaml").read_bytes() == (src / "aftersale" / "gbk.yaml").read_bytes()
    assert finding_keys(tmp_path / "hant") == finding_keys(src)


def test_variant_command_refuses_unsafe_outputs(src: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    unrelated = write(tmp_path / "docs", {"readme.txt": "keep me"})
    assert main(["variant", "--out", str(unrelated), "--src", str(src)]) == 2
    assert main(["variant", "--out", str(src), "--src", str(src)]) == 2
    assert main(["variant", "--to", "zh-Hant-SG", "--out", str(tmp_path / "x"), "--src", str(src)]) == 2
    assert (unrelated / "readme.txt").read_text() == "keep me" and (src / "handbook.yaml").is_file()
    out = tmp_path / "hant"
    assert main(["variant", "--out", str(out), "--src", str(src)]) == 0
    assert main(["variant", "--to", "zh-Hant-HK", "--out", str(out), "--src", str(src)]) == 0  # replaces its own
    assert "售後服務" in (out / "handbook.yaml").read_text("utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".hant")]



def test_traditional_build_compares_converted_releases(src: Path, tmp_path: Path) -> None:
    """Releases record the simplified source; a zh-Hant build must not see every entry as changed."""
    released = build_manifest(load_library(src)[0], released=dt.date(2026, 11, 20))
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "2026-11-20.json").write_text(released.to_json(with_content=True), "utf-8")
    convert_source(src, tmp_path / "hant", "zh-Hant")
    library = load_library(tmp_path / "hant")[0]
    page = updates_markdown(BuildContext(library, src, dt.date(2026, 11, 22), "test", variant="zh-Hant"))
    assert "2026-11-20 首次发布" in page and "尚未发布" not in page
    library.entries[0].title = "退款進度查詢"
    page = updates_markdown(BuildContext(library, src, dt.date(2026, 11, 22), "test", variant="zh-Hant"))
    assert "修改 1 条" in page and "退款進度<ins>查詢</ins>" in page


def test_a_link_out_of_the_source_is_not_copied_into_the_variant(src: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("entries: [机密内容]\n", "utf-8")
    (src / "aftersale" / "leak.yaml").symlink_to(secret)
    convert_source(src, tmp_path / "hant", "zh-Hant")
    copied = tmp_path / "hant" / "aftersale" / "leak.yaml"
    assert copied.is_symlink() and copied.resolve() == secret.resolve()  # still only a link
    assert [f.code for f in check_source(tmp_path / "hant").findings if f.file == "aftersale/leak.yaml"] == ["Y006"]


@pytest.mark.parametrize(("simplified", "taiwan"), [
    ("感谢您对店铺的支持", "感謝您對店鋪的支持"),  # not 支援: support as in backing, not technical support
    ("感谢您的理解与支持", "感謝您的理解與支持"),
    ("参加活动项目", "參加活動項目"),  # not 專案
    ("请提供相关文件", "請提供相關文件"),  # not 檔案
    ("默认地址", "預設地址"),  # Taiwan phrasing everywhere else
    ("打印快递单", "列印快遞單"),
    ("请留意短信通知", "請留意簡訊通知"),
    ("物流信息", "物流資訊"),
    ("您的订单已发货，请您稍等", "您的訂單已發貨，請您稍等"),
])
def test_common_service_phrases_in_taiwan_wording(simplified: str, taiwan: str) -> None:
    assert converter(VARIANTS["zh-Hant"].config).convert(simplified) == taiwan
