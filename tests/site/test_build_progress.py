"""`handbook build` shows a progress bar for each long step on a terminal, and nothing of it in a
log: a build piped into a file (as in CI) prints no bar, no carriage return, no escape sequence."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STEPS = ("检查源文件", "生成搜索索引", "生成快捷短语文件", "排版速查表 PDF", "准备网页内容", "生成网页")


def _env() -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TERM": "xterm"}
    env.pop("CI", None)
    return env


def _build_on_a_terminal(src: Path, out: Path) -> str:
    """The build with stdout and stderr on a pseudo-terminal, as a trainer runs it."""
    leader, follower = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "generator.cli", "build", "--src", str(src), "--out", str(out)],
                             cwd=ROOT, env=_env(), stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the build ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=600) == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8")


def test_each_long_step_shows_a_bar_and_its_time_on_a_terminal(starter_src: Path, tmp_path: Path) -> None:
    screen = _build_on_a_terminal(starter_src, tmp_path / "site")
    finished = [line.rsplit("\r\x1b[K", 1)[-1] for line in screen.replace("\r\n", "\n").split("\n")]
    for step in STEPS:
        line = next((text for text in finished if text.startswith(step)), None)
        assert line is not None, (step, finished)
        assert line.endswith(" 秒"), line  # each step ends as one line with its time
    shown = [next(i for i, text in enumerate(finished) if text.startswith(step)) for step in STEPS]
    assert shown == sorted(shown), finished  # in the order the build does them
    sheets = next(text for text in finished if text.startswith("排版速查表 PDF"))
    assert "█" * 24 in sheets and "░" not in sheets  # full at the end
    pages = next(text for text in finished if text.startswith("生成网页"))
    done, total = pages.split()[2].split("/")
    assert done == total and int(total) > 20
    assert "░" in screen  # a bar was drawn while the pages were still being made
    assert "已生成手册网站" in screen


def test_a_piped_build_prints_no_bar(starter_src: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(starter_src),
                           "--out", str(tmp_path / "site")], cwd=ROOT, env=_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    log = done.stdout + done.stderr
    assert "已生成手册网站" in log
    assert not any(step in log for step in STEPS)
    assert "\r" not in log and "\x1b" not in log and "█" not in log
