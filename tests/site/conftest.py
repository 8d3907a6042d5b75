"""Site fixtures: the starter library and a small tricky library, each built once per session
and served from a local HTTP server; pages record console errors, dialogs and every request."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TRICKY = Path(__file__).parent / "fixtures" / "tricky"
PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"  # created by ./dev test


def build(src: Path, out: Path, **env: str) -> Path:
    """`handbook build` in its own process (as a user runs it); `env`: more
    environment variables (TZ, LANG …)."""
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(src), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    assert done.returncode == 0, done.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def build_site_cli() -> object:
    """build_site_cli(src, out, **env): run `handbook build` in a child process; returns `out`."""
    return build


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory: pytest.TempPathFactory, starter_src: Path) -> Path:
    return build(starter_src, tmp_path_factory.mktemp("starter") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of a library whose every field carries hostile text (hostile_library.py)."""
    from hostile_library import write_hostile_library

    folder = tmp_path_factory.mktemp("hostile")
    return build(write_hostile_library(folder / "src"), folder / "site")


@pytest.fixture(scope="session")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


@pytest.fixture(scope="session")
def tricky_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(TRICKY, tmp_path_factory.mktemp("tricky") / "site")


@pytest.fixture(scope="session")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter site built from the same mkdocs.yml by ProperDocs, the maintained fork of MkDocs 1.x,
    from its own virtual environment (made by ./dev test). Missing it is a failure, never a skip."""
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS.relative_to(ROOT)} is missing: run the suite with ./dev test, which creates it")
    out = tmp_path_factory.mktemp("properdocs") / "site"
    done = subprocess.run([str(PROPERDOCS), "build", "--config-file", "mkdocs.yml", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "ProperDocs" in (out / "index.html").read_text("utf-8")  # <meta name="generator">
    return out


@pytest.fixture(scope="session", params=["mkdocs", "properdocs"])
def smoke_site(request: pytest.FixtureRequest) -> Path:
    """The starter site as `handbook build` (MkDocs) and as ProperDocs build it: the smoke tests
    that take this fixture run against both."""
    return request.getfixturevalue("starter_site" if request.param == "mkdocs" else "properdocs_site")


@pytest.fixture(scope="session")
def starter_url(starter_site: Path) -> Iterator[str]:
    with serve(starter_site) as url:
        yield url


@pytest.fixture(scope="session")
def smoke_url(smoke_site: Path) -> Iterator[str]:
    with serve(smoke_site) as url:
        yield url


@pytest.fixture(scope="session")
def tricky_url(tricky_site: Path) -> Iterator[str]:
    with serve(tricky_site) as url:
        yield url


def _search(page: object, query: str) -> list[str]:
    box = page.locator("[data-hb-query]")
    box.fill("")
    box.fill(query)
    page.wait_for_function("() => !document.querySelector('[data-hb-meta]').textContent.includes('正在加载')")
    return page.eval_on_selector_all(
        "[data-hb-results] .hb-result", "links => links.map(a => a.getAttribute('href').split('#')[1] || a.href)")


@pytest.fixture(scope="session")
def search() -> object:
    """search(page, query): type into the site's search box; the result ids (URL fragments), best first."""
    return _search
