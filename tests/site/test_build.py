"""`handbook build`: refuses a broken source, never leaves a half-built site, and is reproducible."""

from __future__ import annotations

import contextlib
import filecmp
import os
import shlex
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tree_support import tree_digest

from generator import cli
from generator.errors import BuildError
from generator.helpers import HELPERS
from generator.site.sections.base import Section

ROOT = Path(__file__).resolve().parents[2]
TRICKY = Path(__file__).parent / "fixtures" / "tricky"


@pytest.fixture
def previous_site(tmp_path: Path) -> Path:
    """A site an earlier build left (its manifest says so)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("上一次的网站", "utf-8")
    (site / "manifest.json").write_text('{"format": "handbook-manifest/1", "entries": {}}', "utf-8")
    return site


def _features(monkeypatch: pytest.MonkeyPatch, found: tuple[type[Section], ...]) -> None:
    monkeypatch.setattr("generator.site.sections.FEATURES", found)


def _build(src: Path, out: Path, *extra: str) -> int:
    return cli.main(["build", "--src", str(src), "--out", str(out), *extra])


def test_source_with_errors_keeps_previous_site(tmp_path: Path, previous_site: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "src"
    shutil.copytree(TRICKY, src)
    entries = src / "bank" / "entries.yaml"
    entries.write_text(entries.read_text("utf-8").replace("id: bank-repay", "id: long-wait"), "utf-8")
    monkeypatch.chdir(ROOT)
    assert _build(src, previous_site) == 1
    err = capsys.readouterr().err
    assert "错误" in err and "entries.yaml:2:" in err and "R002" in err
    assert {p.name for p in tmp_path.iterdir()} == {"site", "src"}  # no staging folder left behind
    assert (previous_site / "index.html").read_text("utf-8") == "上一次的网站"


def test_failure_while_building_keeps_previous_site(tmp_path: Path, previous_site: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken(Section):
        def pages(self) -> list:
            raise BuildError("打印表生成失败")

    _features(monkeypatch, (Broken,))
    monkeypatch.chdir(ROOT)
    assert _build(TRICKY, previous_site) == 1
    assert {p.name for p in tmp_path.iterdir()} == {"site"}
    assert (previous_site / "index.html").read_text("utf-8") == "上一次的网站"


def test_missing_cjk_fonts_stop_the_build_before_any_helper_starts(tmp_path: Path, previous_site: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A failed build ends at once: a helper already making the quick-phrase files would keep the
    process waiting for it after the message."""
    import typst

    system_fonts = typst.Fonts
    monkeypatch.setattr(typst, "Fonts", lambda: system_fonts(include_system_fonts=False))  # no Noto Sans CJK
    started: list[object] = []
    monkeypatch.setattr(HELPERS, "submit", lambda *args: started.append(args[0]))
    monkeypatch.chdir(ROOT)
    assert _build(TRICKY, previous_site) == 1
    assert "未找到中文字体 Noto Sans CJK SC" in capsys.readouterr().err
    assert started == []
    assert (previous_site / "index.html").read_text("utf-8") == "上一次的网站"


def test_successful_build_replaces_site(tmp_path: Path, previous_site: Path, monkeypatch: pytest.MonkeyPatch,
                                        watched: object) -> None:
    _features(monkeypatch, ())
    monkeypatch.chdir(ROOT)
    assert _build(TRICKY, previous_site, "--var", "店铺名称=小蓝鲸") == 0
    assert {p.name for p in tmp_path.iterdir()} == {"site"}
    assert "测试手册" in (previous_site / "index.html").read_text("utf-8")
    assert (previous_site / "search" / "handbook-index.js").is_file()
    page = watched.page  # --var values fill the slots until the agent types their own
    page.goto((previous_site / "service" / "index.html").as_uri())
    assert page.locator("#greeting-shop .hb-slot--filled").all_inner_texts() == ["小蓝鲸", "小蓝鲸"]


def test_bad_var_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert _build(TRICKY, tmp_path / "site", "--var", "店铺名称") == 2
    assert "名称=值" in capsys.readouterr().err


def test_two_builds_are_byte_identical(tmp_path: Path, build_site_cli: object) -> None:
    """Same source, same bytes: whatever the time zone and language of the machine, and after every
    source file was touched (the site, its PDFs and its XLSX files included)."""
    src = Path(shutil.copytree(TRICKY, tmp_path / "src"))
    later = time.time() + 86_400
    for path in src.rglob("*"):
        os.utime(path, (later, later))
    same_day = {"SOURCE_DATE_EPOCH": "1795045000"}  # 23:36 in UTC, the next afternoon in Kiritimati (UTC+14)
    one = build_site_cli(TRICKY, tmp_path / "one", TZ="UTC", LANG="C.UTF-8", LC_ALL="C.UTF-8", **same_day)
    two = build_site_cli(src, tmp_path / "two", TZ="Pacific/Kiritimati", LANG="zh_CN.UTF-8", LC_ALL="", **same_day)
    assert any(p.suffix == ".pdf" for p in one.rglob("*")) and any(p.suffix == ".xlsx" for p in one.rglob("*"))
    first = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    second = sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(one, two, [str(p) for p in first], shallow=False)
    assert mismatch == [] and errors == []


def test_serve_watches_the_source_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    from generator.site.context import load_context

    _features(monkeypatch, ())
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.watch.clear()  # a mkdocs.yml without `watch:`: the plugin alone must add the source folder
    config.plugins["handbook"].preset = load_context(TRICKY)
    config = config.plugins.on_config(config)
    assert [str(Path(p)) for p in config.watch] == [str(ROOT / "scripts_src")]  # live reload on YAML changes


def _umask_run(mask: str, *args: str) -> None:
    command = " ".join(shlex.quote(a) for a in [sys.executable, "-m", "generator.cli", *args])
    done = subprocess.run(["sh", "-c", f"umask {mask} && {command}"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_outputs_get_the_permissions_of_the_users_umask(tmp_path: Path) -> None:
    """A web server running as another user must be able to read the site and the exported files."""
    _umask_run("022", "build", "--src", str(TRICKY), "--out", str(tmp_path / "site"))
    site = tmp_path / "site"
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [site, *site.rglob("*")]}
    assert {path: mode for path, mode in modes.items() if mode not in (0o644, 0o755)} == {}
    _umask_run("027", "export", "--src", str(TRICKY), "--target", "json", "--target", "espanso",
               "--out", str(tmp_path / "dist"))
    exported = sorted((tmp_path / "dist").iterdir())
    assert exported and {p.name: stat.S_IMODE(p.stat().st_mode) for p in exported} == {p.name: 0o640 for p in exported}


@pytest.mark.parametrize("target", ["source", "project", "file", "unrelated"])
def test_build_never_replaces_what_it_did_not_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str], target: str) -> None:
    project = tmp_path / "project"
    src = shutil.copytree(TRICKY, project / "scripts_src")
    (project / "notes.txt").write_text("团队笔记", "utf-8")
    (project / "papers").mkdir()
    (project / "papers" / "合同.docx").write_bytes(b"PK")
    out, reason = {"source": (src, "是源文件夹或包含源文件夹"), "project": (project, "是源文件夹或包含源文件夹"),
                   "file": (project / "notes.txt", "是一个文件"), "unrelated": (project / "papers", "不会覆盖")}[target]
    before = {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()}
    monkeypatch.chdir(ROOT)
    assert _build(src, out) == 2
    assert reason in capsys.readouterr().err
    assert {p.relative_to(project): p.read_bytes() for p in project.rglob("*") if p.is_file()} == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".")] == []


def test_a_build_killed_mid_swap_is_mended_by_the_next(tmp_path: Path, previous_site: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A kill between the swap's two renames leaves the old site aside and a staging folder."""
    previous_site.rename(tmp_path / ".site.old")
    (tmp_path / ".site.tmp-killed" / "site").mkdir(parents=True)
    _features(monkeypatch, ())
    monkeypatch.chdir(ROOT)
    assert _build(TRICKY, previous_site) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert "测试手册" in (previous_site / "index.html").read_text("utf-8")


def test_a_second_build_at_the_same_time_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import fcntl
    import os

    holder = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # what a running build holds
    try:
        monkeypatch.chdir(ROOT)
        assert _build(TRICKY, tmp_path / "site") == 2
    finally:
        os.close(holder)
    assert "另一个命令正在" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_one_clear_line_and_the_previous_site_stays(tmp_path: Path, previous_site: Path) -> None:
    """The kernel refuses writes past a size (RLIMIT_FSIZE), as a full disk would: no traceback,
    the previous site as it was, no staging folder left."""
    import resource
    import signal

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a refused write fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(TRICKY), "--out",
                           str(previous_site)], cwd=ROOT, capture_output=True, text=True, preexec_fn=small_files)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("handbook: 生成网站失败，原有网站保持不变：") and len(done.stderr.splitlines()) == 1
    assert (previous_site / "index.html").read_text("utf-8") == "上一次的网站"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_build_says_how_many_warnings_the_source_still_has(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    src = Path(shutil.copytree(TRICKY, tmp_path / "src"))
    entries = src / "service" / "entries.yaml"
    entries.write_text(entries.read_text("utf-8").replace("updated:", "review_by: 2020-01-01\n    updated:"), "utf-8")
    _features(monkeypatch, ())
    monkeypatch.chdir(ROOT)
    assert _build(src, tmp_path / "site") == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if " M001 " in line]
    assert "检查通过，但有" in out and "运行 handbook check 查看全部警告" in out and "已生成手册网站" in out
    assert warnings and all(line.strip().startswith("service/entries.yaml:") for line in warnings)


def test_a_build_killed_at_any_moment_leaves_the_previous_site_whole(tmp_path: Path, build_site_cli: object) -> None:
    """SIGKILL at 15 moments spread over a build (Chromium and all): each time the previous site is
    byte-identical, and the next build succeeds and leaves no staging folder behind."""
    site = tmp_path / "out" / "site"
    started = time.monotonic()
    build_site_cli(TRICKY, site)
    duration = time.monotonic() - started
    before = tree_digest(site)
    command = [sys.executable, "-m", "generator.cli", "build", "--src", str(TRICKY), "--out", str(site)]
    digests = []
    for moment in range(1, 16):
        run = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # its own process group: the build and its Chromium
        time.sleep(duration * moment / 16)
        with contextlib.suppress(ProcessLookupError):  # it may have finished: the same site again
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        digests.append(tree_digest(site))
    print("15 kills, site checksums:", " ".join(digests))
    assert digests == [before] * 15
    build_site_cli(TRICKY, site)
    assert tree_digest(site) == before
    assert sorted(p.name for p in site.parent.iterdir()) == ["site"]  # no .site.tmp-*, no .site.old


@pytest.mark.parametrize("locked", ["parent", "site"])
def test_a_locked_site_or_parent_is_one_clear_line_and_the_site_stays(tmp_path: Path, previous_site: Path,
                                                                      locked: str) -> None:
    """`chattr +i` (immutable) stands in for a read-only folder: the tests run as root, for whom
    permissions do not apply."""
    folder = previous_site.parent if locked == "parent" else previous_site
    subprocess.run(["chattr", "+i", str(folder)], check=True)
    try:
        done = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--src", str(TRICKY), "--out",
                               str(previous_site)], cwd=ROOT, capture_output=True, text=True)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert done.stderr.startswith("handbook: 生成网站失败，原有网站保持不变：无法写入 ")
    assert done.stderr.rstrip().endswith("没有写入权限（文件或文件夹被锁定）")
    assert (previous_site / "index.html").read_text("utf-8") == "上一次的网站"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging folder left
