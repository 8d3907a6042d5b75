"""The text-expander files do what an agent types: every code expands to its own reply and
nothing else, and ordinary typing expands nothing. Espanso by its own matching rule; AutoHotkey
v2 for real (AutoHotkeyV2.exe from the `ahk-binary` wheel, under wine on a virtual screen)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from real_programs import run_autohotkey

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "scripts_src"
RECORD = "\x1e"  # separates the harness's results


@pytest.fixture(scope="module")
def starter_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from generator.cli import main

    out = tmp_path_factory.mktemp("expanders")
    assert main(["export", "--target", "espanso", "--target", "autohotkey", "--src", str(STARTER), "--out",
                 str(out), "--blanks"]) == 0
    return out


def espanso_fires(triggers: list[str], typed: str) -> list[tuple[int, str]]:
    """Espanso's rule for a match without `word: true`: it expands as soon as the characters typed
    since the last expansion end with its trigger. Returns (position, trigger) of each expansion."""
    fired, buffer = [], ""
    for at, char in enumerate(typed):
        buffer += char
        hit = next((t for t in triggers if buffer.endswith(t)), None)
        if hit:
            fired.append((at, hit))
            buffer = ""
    return fired


def test_every_espanso_trigger_expands_only_as_itself(starter_exports: Path) -> None:
    matches = yaml.safe_load((starter_exports / "huashu.yml").read_text("utf-8"))["matches"]
    triggers = [m["trigger"] for m in matches]
    assert len(triggers) > 150 and len(set(triggers)) == len(triggers)
    swallowed = [t for t in triggers if espanso_fires(triggers, t) != [(len(t) - 1, t)]]
    assert swallowed == []
    # Without the closing ; the same codes swallow each other (the defect this prevents).
    bare = [t.rstrip(";") for t in triggers]
    assert sum(espanso_fires(bare, t) != [(len(t) - 1, t)] for t in bare) > 20


def test_an_espanso_profile_without_an_ending_is_refused(tmp_path: Path, cli) -> None:
    profile = tmp_path / "team-espanso.yaml"
    profile.write_text("id: team-espanso\ntool: Espanso\nlabel: 团队 Espanso\nfile: team.yml\nformat: espanso\n"
                       "code: {prefix: \":\"}\n", "utf-8")
    code, _out, err = cli("export", "--profile", profile, "--src", STARTER, "--out", tmp_path / "out")
    assert code == 2 and "code.ending 要写一个编码里不会出现的结尾字符" in err


HARNESS = """#Requires AutoHotkey v2.0
#SingleInstance Force
#Include huashu.ahk
; Types each line of typed.txt into an Edit as keystrokes, as an agent would, and writes back
; what the Edit then holds.
window := Gui()
box := window.Add("Edit", "w900 h600 Multi")
window.Show()
box.Focus()
Sleep 300
SendLevel 1  ; hotstrings react to this script's own keystrokes
SetKeyDelay 0, 0
results := ""
Loop Read, "typed.txt", "UTF-8" {
    box.Value := ""
    SendEvent "{Text}" A_LoopReadLine
    shown := "", settled := 0
    while settled < 2 {  ; the replacement is sent from the hook: wait until the text stops changing
        Sleep 30
        settled := box.Value == shown ? settled + 1 : 0
        shown := box.Value
    }
    results .= shown Chr(30)
}
FileAppend results, "shown.txt", "UTF-8-RAW"
ExitApp
"""


def hotstrings(script: Path) -> list[tuple[str, str]]:
    """(abbreviation, reply) of each `:OT:…::…` line, unescaped by AutoHotkey's ` rules."""
    table = {"n": "\n", "r": "\r", "t": "\t", "s": " "}
    found = []
    for line in script.read_text("utf-8-sig").splitlines():
        if line.startswith(":OT:"):
            parts = re.split(r"(?<!`)::", line[4:], maxsplit=1)
            found.append(tuple(re.sub(r"`(.)", lambda m: table.get(m[1], m[1]), p) for p in parts))
    return found


def test_autohotkey_expands_every_code_and_no_ordinary_word(starter_exports: Path, tmp_path: Path) -> None:
    shutil.copy(starter_exports / "huashu.ahk", tmp_path / "huashu.ahk")
    validated = run_autohotkey(tmp_path, "huashu.ahk", "/Validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    pairs = hotstrings(tmp_path / "huashu.ahk")
    assert len(pairs) > 150 and all(code.startswith(";") for code, _reply in pairs)
    # Each code followed by a space; then, in one go, the same codes and some pinyin typed as words.
    words = " ".join([code[1:] for code, _reply in pairs] + ["by the way gb ni hao wo xiang tui huo "])
    typed = [code + " " for code, _reply in pairs] + [words]
    (tmp_path / "harness.ahk").write_text(HARNESS, "utf-8-sig")
    (tmp_path / "typed.txt").write_text("\n".join(typed) + "\n", "utf-8")
    ran = run_autohotkey(tmp_path, "harness.ahk")
    assert ran.returncode == 0, ran.stdout + ran.stderr
    shown = (tmp_path / "shown.txt").read_text("utf-8").split(RECORD)[:-1]
    assert len(shown) == len(typed)
    expanded = [text.replace("\r\n", "\n") for text in shown[: len(pairs)]]
    assert expanded == [reply for _code, reply in pairs]  # the space that expanded it is left out (O)
    assert shown[len(pairs):] == [words]  # without the ; nothing expands
