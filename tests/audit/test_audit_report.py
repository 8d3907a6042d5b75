"""What the audit writes: masked everywhere, the same bytes for the same input, never into the
site, and a report that opens offline in Chromium with hostile chat text inert."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from records_support import STARTER, at, run_audit, write_pdd

from generator.cli import main

PHONE, ID_CARD, BANK_CARD = "13812345678", "110101199003071234", "6222021234567890123"
ADDRESS = "浙江省杭州市西湖区文三路100号"
ACCOUNT = "buyer_secret_wang"
HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
UNCOVERED = "有没有会员积分可以换礼品"
COVERED = "什么时候发货呀"


def _records(tmp_path: Path) -> Path:
    rows = [
        (at(3, "10:00:00"), ACCOUNT, "客服A", "buyer",
         f"我电话 {PHONE}，身份证 {ID_CARD}，卡号 {BANK_CARD}，地址{ADDRESS}"),
        (at(3, "10:00:20"), ACCOUNT, "客服A", "agent", f"好的，我也不知道，您打我手机 {PHONE} 吧"),
        (at(3, "11:00:00"), "buyer_hostile", "客服B", "buyer", HOSTILE + UNCOVERED),
        (at(3, "11:00:30"), "buyer_hostile", "客服B", "agent", HOSTILE + "这个不知道"),
        (at(3, "12:00:00"), "buyer_points", "客服B", "buyer", UNCOVERED),
        (at(3, "12:00:30"), "buyer_points", "客服B", "agent", "亲，我帮您问一下"),
        (at(3, "12:30:00"), "buyer_points2", "客服B", "buyer", "请问有没有会员积分能换礼品吗"),
        (at(3, "12:30:30"), "buyer_points2", "客服B", "agent", "亲，我帮您问一下"),
        (at(3, "13:00:00"), "buyer_ship", "客服A", "buyer", COVERED),
        (at(3, "13:00:30"), "buyer_ship", "客服A", "agent", "亲，付款后 48 小时内发出～"),
    ]
    return write_pdd(tmp_path / "pdd.xlsx", rows)


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    folder = tmp_path_factory.mktemp("audit")
    code, summary = run_audit([_records(folder)], folder / "out", gaps=True)
    assert code == 0
    return folder / "out", summary


def _texts(out: Path) -> dict[str, str]:
    texts = {p.name: p.read_text("utf-8-sig") for p in out.iterdir() if p.suffix != ".xlsx"}
    with zipfile.ZipFile(out / "findings.xlsx") as book:
        texts |= {f"findings.xlsx/{n}": book.read(n).decode("utf-8") for n in book.namelist()}
    return texts


def test_no_buyer_account_phone_id_bank_card_or_address_is_in_any_output(audited: tuple[Path, dict]) -> None:
    out, summary = audited
    assert sorted(p.name for p in out.iterdir()) == ["findings.csv", "findings.xlsx", "report.html", "summary.json"]
    assert "C002" in {f["code"] for f in summary["findings"]}  # the agent's own number is a finding, masked too
    for name, text in _texts(out).items():
        for secret in (PHONE, ID_CARD, BANK_CARD, ADDRESS, "文三路100号", ACCOUNT):
            assert secret not in text, (name, secret)
    assert "138****5678" in (out / "findings.csv").read_text("utf-8-sig")


def test_the_gaps_list_has_the_uncovered_question_and_not_the_covered_one(audited: tuple[Path, dict]) -> None:
    gaps = audited[1]["gaps"]["questions"]
    points = [g for g in gaps if g["question"] == UNCOVERED]
    assert points and points[0]["count"] == 2 and points[0]["examples"] == ["请问有没有会员积分能换礼品吗"]
    assert not [g for g in gaps if COVERED in g["question"] or COVERED in " ".join(g["examples"])]


def test_the_report_opens_offline_with_hostile_text_inert(audited: tuple[Path, dict], watched) -> None:
    out = audited[0]
    page = watched.page
    page.goto((out / "report.html").as_uri())
    assert watched.errors == [] and watched.dialogs == []
    assert [u for u in watched.requests if not u.startswith("file://")] == []
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    finding = page.locator(".finding", has_text="这个不知道").first
    assert HOSTILE in finding.inner_text()
    assert finding.locator("mark").inner_text() == "不知道"
    assert page.locator("#gaps ~ table").first.inner_text().count(UNCOVERED) >= 1
    assert "C002" in page.locator("#findings ~ h3").all_inner_texts().__str__()


def test_the_same_records_give_the_same_bytes(tmp_path: Path, audited: tuple[Path, dict]) -> None:
    first = audited[0]
    assert run_audit([first.parent / "pdd.xlsx"], tmp_path / "again", gaps=True)[0] == 0
    for name in ("report.html", "summary.json", "findings.csv", "findings.xlsx"):
        assert (tmp_path / "again" / name).read_bytes() == (first / name).read_bytes(), name


def test_the_report_is_never_written_into_the_site(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "handbook-index.js").write_text("window.__handbookIndex={};", "utf-8")
    code = main(["audit", str(_records(tmp_path)), "--src", str(STARTER), "--out", str(site / "audit"), "--no-gaps"])
    assert code == 2 and "不能放进网站" in capsys.readouterr().err
    assert not (site / "audit").exists()
