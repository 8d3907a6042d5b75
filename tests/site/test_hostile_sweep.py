"""The standing sweep: a library with hostile text in every field (hostile_library.py), built and
used as an agent would in Chromium, then every file it publishes read by its own parser. Nothing
runs, nothing is fetched from another host, and every payload reads as text."""

from __future__ import annotations

import csv
import io
import json
import plistlib
import re
import shutil
from pathlib import Path

import jsonschema
import yaml
from hostile_library import BAD_URLS, LONG_REPLY, PAYLOADS, VISIBLE, code
from openpyxl import load_workbook
from pypdf import PdfReader
from real_programs import rime_read_back, run_autohotkey

ATTRIBUTES = "[onmouseover], [onfocus], [onerror], [onload], [autofocus]:not(input), script:not([src])"


def _source_replies(site: Path) -> list[str]:
    library = json.loads((site / "downloads" / "huashu-library.json").read_text("utf-8"))
    return [r["text"] for e in library["entries"] for r in e["approved"]]


def test_every_page_shows_the_payloads_as_text_and_runs_nothing(watched: object, hostile_site: Path,
                                                               hostile_url: str) -> None:
    page, shown = watched.page, []
    for path in sorted(hostile_site.rglob("*.html")):
        page.goto(hostile_url + path.relative_to(hostile_site).as_posix())
        page.mouse.move(200, 30)  # over the header and logo, where the title goes
        page.mouse.move(300, 300)
        injected = page.eval_on_selector_all(ATTRIBUTES, "nodes => nodes.filter(n => !n.src && "
                                             "/alert|onerror|onload/.test(n.outerHTML)).length")
        assert injected == 0, path
        links = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert not [href for href in links if href.startswith(("javascript:", "data:", "//"))], path
        shown.append(page.inner_text("body"))
    text = "\n".join(shown)
    for payload in VISIBLE:
        assert payload in text, payload
    assert LONG_REPLY in text
    assert all(url in text for url in BAD_URLS)  # shown as text, never as a link
    assert watched.dialogs == [] and watched.errors == [] and watched.external_requests() == []


def test_search_copy_and_the_placeholder_panel_stay_inert(watched: object, hostile_url: str, search: object) -> None:
    page = watched.page
    page.goto(hostile_url + "sweep/index.html")
    for n, payload in enumerate(PAYLOADS):  # each hostile entry by its code; its title shows as text
        assert search(page, code(n, "a"))[0] == f"sweep-{n}"
        if payload in VISIBLE:
            assert f"标题{payload}" in page.locator("[data-hb-results]").inner_text()
    page.keyboard.press("Escape")
    page.locator("#hb-slots summary").click()
    page.fill("[data-slot-input='店铺名称']", PAYLOADS[1] + PAYLOADS[0])
    replies = page.locator("#sweep-0 .hb-reply")
    replies.nth(1).locator(".hb-copy").click()
    page.locator(".hb-toast--visible").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("您好" + PAYLOADS[1] + PAYLOADS[0] + "，第0条")
    replies.nth(2).locator(".hb-copy").click()  # a customer's value, typed into the copy form
    page.locator(".hb-ask input").fill(PAYLOADS[4])
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('.hb-ask')")
    assert page.evaluate("navigator.clipboard.readText()").startswith("订单" + PAYLOADS[4])
    assert page.locator("#sweep-0").inner_text().count(PAYLOADS[1]) >= 1
    assert watched.dialogs == [] and watched.errors == [] and watched.external_requests() == []


def test_every_copy_button_copies_the_reply_as_written(watched: object, hostile_site: Path, hostile_url: str) -> None:
    page = watched.page
    for category in ("sweep", "more"):
        page.goto(hostile_url + f"{category}/index.html")
        for reply in page.locator(".hb-reply").all():
            reply.locator(".hb-copy").click()
            if page.locator(".hb-ask").count():  # a customer's value is asked for: leave it empty
                page.keyboard.press("Enter")
            page.locator(".hb-toast--visible").wait_for()
            shown = reply.locator(".hb-reply__text").inner_text()
            assert page.evaluate("navigator.clipboard.readText()").replace("\n", "") == shown.replace("\n", "")
            page.evaluate("() => document.querySelector('.hb-toast').classList.remove('hb-toast--visible')")
    assert watched.dialogs == [] and watched.errors == [] and watched.external_requests() == []


def test_every_published_file_keeps_the_text_and_runs_nothing(hostile_site: Path, vendor_file: object,
                                                             tmp_path: Path) -> None:
    downloads = hostile_site / "downloads"
    replies = _source_replies(hostile_site)
    assert PAYLOADS[1] in "".join(replies)
    # (千牛 takes group names of 10 characters at most: its file lists these replies as left out)
    sheet = list(csv.reader(io.StringIO((downloads / "quick-phrases.csv").read_text("utf-8-sig"))))
    texts = {row[2] for row in sheet[1:]}
    assert {r for r in replies if "{" not in r} <= texts  # (placeholders become values or 【】 blanks)
    assert any(PAYLOADS[2] in t for t in texts) and any(PAYLOADS[4] in t for t in texts)
    book = load_workbook(downloads / "quick-phrases.xlsx").worksheets[0]
    assert all(cell.data_type == "s" for row in book.iter_rows(min_row=2) for cell in row)
    espanso = yaml.safe_load((downloads / "huashu.yml").read_text("utf-8"))
    jsonschema.validate(espanso, json.loads(vendor_file("espanso/match.schema.json").read_text("utf-8")))
    bodies = [m.get("replace") or m.get("form") for m in espanso["matches"]]
    assert any(PAYLOADS[1] in b for b in bodies) and not any("{{" in b or "$|$" in b for b in bodies)
    ahk = (downloads / "huashu.ahk").read_bytes().decode("utf-8-sig").split("\r\n")  # AutoHotkey's line ends
    live = [line for line in ahk if line and not line.startswith((";", "#"))]
    assert live and all(re.match(r":OT:`;[a-z0-9]+::", line) for line in live)
    plist = plistlib.loads((downloads / "text-substitutions.plist").read_bytes())
    assert any(PAYLOADS[1] in item["phrase"] for item in plist)
    rime = (downloads / "custom_phrase.txt").read_bytes().decode("utf-8").split("\n")
    assert all(line.startswith("#") or line.count("\t") == 2 for line in rime if line)
    written = sorted((code, text) for text, code, _w in (line.split("\t") for line in rime if line and line[0] != "#"))
    assert rime_read_back(downloads / "custom_phrase.txt", tmp_path / "rime") == written
    shutil.copy(downloads / "huashu.ahk", tmp_path / "huashu.ahk")
    validated = run_autohotkey(tmp_path, "huashu.ahk", "/Validate")
    assert validated.returncode == 0, validated.stdout + validated.stderr
    sogou = (downloads / "PhraseEdit.txt").read_bytes().decode("utf-16").split("\r\n")
    # every reply here is one line, so every line but the comment is one whole phrase of ours
    assert all(re.match(r"[a-z]+,1=(回复|您好|订单|亲，)", line) for line in sogou[1:] if line)
    pdf_text = "".join(page.extract_text() for page in PdfReader(downloads / "sheet-chat.pdf").pages)
    assert "<img src=x onerror=alert(" in pdf_text
