"""`handbook build --variant zh-Hant`: the whole site in Traditional Chinese, checked by the same rules."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests/checker/base"


def build(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", "build", *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)


def test_traditional_build_converts_entries_and_interface(tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = build("--src", str(SMALL), "--out", str(out), "--variant", "zh-Hant")
    assert done.returncode == 0, done.stderr
    page = (out / "presale/index.html").read_text("utf-8")
    assert '<html lang="zh-TW"' in page
    assert "顧客議價" in page and "顾客议价" not in page
    assert "{店鋪名稱}" in (out / "greeting/index.html").read_text("utf-8")
    quiz = (out / "assets/quiz.js").read_text("utf-8")
    assert "得分" in quiz and "題未作答" in quiz and "题未作答" not in quiz  # the scripts' words too
    printed = "".join(page.extract_text() for page in PdfReader(out / "downloads/sheet-chat-top.pdf").pages)
    assert "線上常用話術" in printed and "頁" in printed  # the sheet's title and page footer
    assert not [word for word in ("在线常用话术", "第 1 / 1 页", "下划线空白处请填写") if word in printed]


def test_traditional_build_is_checked_by_the_same_rules(tmp_path: Path) -> None:
    src = tmp_path / "src"
    subprocess.run(["cp", "-r", str(SMALL), str(src)], check=True)
    price = src / "presale/price.yaml"
    price.write_text(price.read_text("utf-8").replace("实在不能再优惠了", "这个我也不知道"), "utf-8")
    done = build("--src", str(src), "--out", str(tmp_path / "site"), "--variant", "zh-Hant")
    assert done.returncode == 1
    assert "presale/price.yaml:7:" in done.stderr and "W001" in done.stderr and "不知道" in done.stderr
    assert not (tmp_path / "site").exists()


def test_unknown_variant_is_refused(tmp_path: Path) -> None:
    done = build("--src", str(SMALL), "--out", str(tmp_path / "site"), "--variant", "zh-Klingon")
    assert done.returncode == 2 and "不支持的文字版本" in done.stderr
