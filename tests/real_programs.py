"""The real programs the tests hand our files to, where this machine can run them: librime's
`rime_dict_manager` for Rime phrase files and AutoHotkey v2 (the `ahk-binary` wheel's
AutoHotkeyV2.exe) under wine on a virtual screen. ./dev test installs both."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

AUTOHOTKEY = Path(sys.prefix) / "Scripts" / "AutoHotkeyV2.exe"  # where pip puts the wheel's program


def rime_read_back(phrases: Path, work: Path) -> list[tuple[str, str]]:
    """(code, phrase) as librime understood `phrases`: its own TSV reader imports the file into a
    user dictionary, which is exported again."""
    tool = shutil.which("rime_dict_manager")
    assert tool, "rime_dict_manager is missing: ./dev test installs librime-bin"
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run([tool, "-i", "custom_phrase", str(phrases)], cwd=work, capture_output=True, text=True, check=True)
    subprocess.run([tool, "-e", "custom_phrase", "back.txt"], cwd=work, capture_output=True, check=True)
    back = [line.split("\t") for line in (work / "back.txt").read_text("utf-8").split("\n")
            if line and not line.startswith("#")]
    return sorted((code, text) for text, code, _weight in back)


def run_autohotkey(folder: Path, script: str, *options: str) -> subprocess.CompletedProcess[str]:
    """AutoHotkey v2 running `script` in `folder` (a wine prefix of its own there)."""
    for tool in ("wine", "xvfb-run"):
        assert shutil.which(tool), f"{tool} is missing: ./dev test installs wine and xvfb"
    assert AUTOHOTKEY.is_file(), "AutoHotkeyV2.exe is missing: ./dev test installs the ahk-binary wheel"
    env = {**os.environ, "WINEPREFIX": str(folder / "wine"), "WINEDEBUG": "-all"}
    return subprocess.run(["xvfb-run", "-a", "wine", str(AUTOHOTKEY), "/ErrorStdOut", *options, script],
                          cwd=folder, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)
