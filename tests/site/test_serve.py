"""`handbook serve`: the preview a trainer keeps open while editing, with our messages only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
