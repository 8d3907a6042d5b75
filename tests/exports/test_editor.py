"""The editor agrees with the checker: yaml-language-server (what VS Code's YAML extension runs),
driven over LSP on stdio, reads the schemas `handbook import` and `handbook check` install and
flags what `handbook check` flags."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / ".node-tools" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
SETTINGS = {"validate": True, "schemaStore": {"enable": False}}  # the schemas come from each file's first line


class LanguageServer:
    """A minimal LSP client: requests and notifications out, diagnostics in."""

    def __init__(self, root: Path) -> None:
        node = shutil.which("node")
        assert node and SERVER.is_file(), "yaml-language-server is missing: ./dev test installs it with npm"
        self.process = subprocess.Popen([node, str(SERVER), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL)
        self.next_id = 0
        self.diagnostics: dict[str, list[dict]] = {}
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {},
                                    "workspaceFolders": [{"uri": root.as_uri(), "name": "src"}]})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": SETTINGS}})

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def receive(self) -> dict:
        length = 0
        while (line := self.process.stdout.readline().strip()):
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        assert length, "the language server stopped"
        message = json.loads(self.process.stdout.read(length))
        if message.get("method") == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif "id" in message and "method" in message:  # the server asks for its settings, registers …
            items = message.get("params", {}).get("items", []) if message["method"] == "workspace/configuration" else []
            result = [SETTINGS if item.get("section") == "yaml" else None for item in items] if items else None
            self.send({"id": message["id"], "result": result})
        return message

    def request(self, method: str, params: dict) -> dict:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while (message := self.receive()).get("id") != self.next_id or "method" in message:
            pass
        return message

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def problems(self, path: Path) -> list[tuple[int, str]]:
        """(1-based line, message) of each diagnostic the server publishes for the opened file."""
        uri = path.as_uri()
        self.diagnostics.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1,
                                                             "text": path.read_text("utf-8")}})
        while uri not in self.diagnostics:
            self.receive()
        return [(d["range"]["start"]["line"] + 1, d["message"]) for d in self.diagnostics[uri]]

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def imported(tmp_path: Path, cli) -> Path:
    sheet = tmp_path / "old.csv"
    sheet.write_text("快捷编码,快捷短语,快捷短语分组\nhy,亲，您好，有什么可以帮您？,通用\n", "utf-8")
    out = tmp_path / "src"
    cli("import", sheet, "--out", out)
    return out


def test_the_editor_flags_a_misspelt_key_in_an_imported_file(imported: Path) -> None:
    entry_file = next(imported.glob("*/old.yaml"))
    text = entry_file.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../.schema/entries.schema.json")
    entry_file.write_text(text.replace("    approved:", "    aproved:"), "utf-8")
    misspelt = next(n for n, line in enumerate(entry_file.read_text("utf-8").splitlines(), 1) if "aproved" in line)
    server = LanguageServer(imported)
    try:
        problems = server.problems(entry_file)
    finally:
        server.close()
    assert any(line == misspelt and "aproved" in message for line, message in problems), problems


def test_editor_and_checker_agree_on_booleans(imported: Path, cli) -> None:
    entry_file = next(imported.glob("*/old.yaml"))
    text = entry_file.read_text("utf-8").replace("待填写：什么时候用这条话术", "顾客进线问好")
    text = text.replace("    title: ", "    top: yes\n    title: ", 1)
    entry_file.write_text(text, "utf-8")
    top = next(n for n, line in enumerate(text.splitlines(), 1) if "top: yes" in line)
    settings = imported / "handbook.yaml"
    settings.write_text(settings.read_text("utf-8").replace("title: 导入的话术", "title: no"), "utf-8")
    server = LanguageServer(imported)
    try:
        entry_problems, settings_problems = server.problems(entry_file), server.problems(settings)
    finally:
        server.close()
    assert [line for line, _message in entry_problems] == [top]  # yes is not a boolean
    assert settings_problems == []  # a title of "no" is text
    _code, stdout, _err = cli("check", imported, "--format", "line")
    checker = [line.split(":")[:2] for line in stdout.splitlines() if " S0" in line]
    assert checker == [[entry_file.relative_to(imported).as_posix(), str(top)]]
