"""`handbook serve`: the preview a trainer keeps open while editing, with our messages only."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_serve_previews_the_starter_site_with_our_messages() -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        page = _fetch(f"http://127.0.0.1:{port}/presale/index.html", 90)
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert "presale-bargain" in page and "售前咨询" in page
    assert f"正在启动预览：http://127.0.0.1:{port}/" in out
    assert "Serving on" in err and "end of life" not in err + out


def _page_when(url: str, wanted: object, seconds: float = 60) -> str:
    """The page at `url` once `wanted(text)` holds (an error page served as 404 counts too)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            text = err.read().decode("utf-8")
        except OSError:
            text = ""
        if wanted(text):
            return text
        assert time.monotonic() < deadline, f"{url} never became what was wanted"
        time.sleep(1)


def _project(folder: Path) -> Path:
    """A project folder with the tricky library as its scripts_src and this project's pages and theme."""
    src = Path(shutil.copytree(ROOT / "tests" / "site" / "fixtures" / "tricky", folder / "scripts_src"))
    config = (ROOT / "mkdocs.yml").read_text("utf-8").replace("docs_dir: handbook", f"docs_dir: {ROOT / 'handbook'}")
    (folder / "mkdocs.yml").write_text(config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}"),
                                       "utf-8")
    return src


def _serve(project: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--addr", f"127.0.0.1:{port}"],
                            cwd=project, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_a_saved_edit_is_served_and_the_preview_says_what_it_leaves_out(tmp_path: Path) -> None:
    """Sheets and exports are not made while previewing (a big library's rebuild would wait on
    them); the downloads and sheets pages say so, and an edit reaches its page and the search index."""
    src = _project(tmp_path)
    port = _free_port()
    server = _serve(tmp_path, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        downloads = _fetch(base + "downloads/index.html", 90)
        assert "预览时不生成打印表和导出文件" in downloads and "qianniu-quick-phrases.csv" not in downloads
        assert "预览时不生成打印表" in _fetch(base + "sheets/index.html", 30)
        entries = src / "bank" / "entries.yaml"
        entries.write_text(entries.read_text("utf-8").replace("银行卡还款失败", "信用卡还款没成功"), "utf-8")
        page = _page_when(base + "bank/index.html", lambda text: "信用卡还款没成功" in text)
        assert "银行卡还款失败" not in page
        assert "信用卡还款没成功" in _fetch(base + "search/handbook-index.js", 30)
        assert "信用卡还款没成功" not in _fetch(base + "service/index.html", 30)
        assert server.poll() is None
    finally:
        server.terminate()
        server.communicate(timeout=30)


def test_a_broken_source_is_shown_in_the_preview_until_it_is_fixed(tmp_path: Path) -> None:
    """Saving a broken file shows the findings in the browser (every page), not a hanging reload;
    saving the fix brings the handbook back."""
    src = _project(tmp_path)
    entries = src / "bank" / "entries.yaml"
    good = entries.read_text("utf-8")
    entries.write_text(good.replace("  - id:", "\t- id:", 1), "utf-8")  # a tab: Y005
    port = _free_port()
    server = _serve(tmp_path, port)
    try:
        home = _fetch(f"http://127.0.0.1:{port}/index.html", 90)
        assert "话术源文件有错误" in home and "bank/entries.yaml:2:1: Y005" in home
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bank/index.html", timeout=5)
        assert "bank/entries.yaml:2:1: Y005" in missing.value.read().decode("utf-8")
        entries.write_text(good, "utf-8")
        deadline = time.monotonic() + 60
        while "话术源文件有错误" in (page := _fetch(f"http://127.0.0.1:{port}/bank/index.html", 30)):
            assert time.monotonic() < deadline, "the preview did not recover"
            time.sleep(1)
        assert "bank-repay" in page
        home = f"http://127.0.0.1:{port}/index.html"
        entries.write_bytes(good.encode("gbk"))  # saved by an editor set to GBK
        shown = _page_when(home, lambda text: "Y001" in text)
        assert re.search(r"bank/entries\.yaml:\d+:\d+: Y001", shown), shown[-2000:]
        entries.write_text(good, "utf-8")
        _page_when(home, lambda text: "话术源文件有错误" not in text and "</html>" in text)
        shutil.move(src / "bank", tmp_path / "bank-away")  # a category folder deleted while serving
        bank = _page_when(f"http://127.0.0.1:{port}/bank/index.html", lambda text: "bank-repay" not in text)
        assert "话术源文件有错误" not in bank
        shutil.move(tmp_path / "bank-away", src / "bank")
        _page_when(f"http://127.0.0.1:{port}/bank/index.html", lambda text: "bank-repay" in text)
        assert server.poll() is None  # the preview survived all of it
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert "not included in the" not in err  # the print pages are reached by links: no list on each rebuild
