"""The starter library covers every scenario of the catalogue and passes its own checker cleanly."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from generator.lint.engine import CheckResult, check_source
from generator.text.matching import Phrase, PhraseMatcher
from generator.text.normalize import fold, normalize
from generator.text.placeholders import slot_names

DATA = Path(__file__).parent / "data" / "SCENARIOS.md"
COVERAGE = Path(__file__).parent / "scenario_coverage.yaml"
# A fixed day keeps the test independent of the calendar; review dates are the checker's own tests.
TODAY = dt.date(2026, 11, 22)
REFERENCES = re.compile(r"\s*\[[\d, ]+\]\s*$")
PARENTHESES = re.compile(r"\([^)]*\)")
POLICY_SECTION = "Policies the seeds rely on"
FORBIDDEN_SECTION = "Forbidden wording named by the seeds"


def scenario_key(line: str) -> str:
    """`- 修改地址 / 联系方式 / 型号 — possible before shipping only [000]` → `修改地址 / 联系方式 / 型号`."""
    return REFERENCES.sub("", line[2:].strip()).split(" — ")[0].strip()


def section_title(heading: str) -> str:
    """`## 通用礼仪 (greeting and etiquette)` → `通用礼仪`."""
    return heading[3:].split(" (")[0].strip()


def parse_catalogue(text: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Scenario keys per section, and the prose paragraphs of the other sections."""
    scenarios: dict[str, list[str]] = {}
    paragraphs: dict[str, str] = {}
    section = None
    for line in text.splitlines():
        if line.startswith("## "):
            section = section_title(line)
        elif section and line.startswith("- "):
            scenarios.setdefault(section, []).append(scenario_key(line))
        elif section and line.strip():
            paragraphs[section] = f"{paragraphs.get(section, '')} {line.strip()}"
    return scenarios, paragraphs


def dotted_items(paragraph: str) -> list[str]:
    """`a · b (note) · c.` → `[a, b, c]`."""
    plain = PARENTHESES.sub("", paragraph).strip().rstrip(".")
    return [" ".join(item.split()) for item in plain.split("·") if item.strip()]


@pytest.fixture(scope="module")
def catalogue() -> tuple[dict[str, list[str]], dict[str, str]]:
    return parse_catalogue(DATA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def coverage() -> dict:
    return yaml.safe_load(COVERAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def checked(starter_src: Path) -> CheckResult:
    return check_source(starter_src, TODAY)


def test_catalogue_is_parsed(catalogue):
    scenarios, paragraphs = catalogue
    assert len(scenarios) >= 8
    assert sum(map(len, scenarios.values())) >= 45
    assert {POLICY_SECTION, FORBIDDEN_SECTION} <= paragraphs.keys()


def test_every_scenario_line_is_mapped(catalogue, coverage):
    scenarios, _ = catalogue
    mapped = coverage["scenarios"]
    unmapped = [f"{s}: {k}" for s, keys in scenarios.items() for k in keys if not mapped.get(s, {}).get(k)]
    stale = [f"{s}: {k}" for s, keys in mapped.items() for k in keys if k not in scenarios.get(s, ())]
    assert not unmapped, "scenario lines without entries:\n" + "\n".join(unmapped)
    assert not stale, "coverage keys that are not scenario lines:\n" + "\n".join(stale)


def test_mapped_entries_exist(coverage, checked):
    ids = {e.id for e in checked.library.entries}
    missing = sorted({i for section in coverage["scenarios"].values() for entries in section.values()
                      for i in entries if i not in ids})
    assert not missing, f"coverage names entries that do not exist: {missing}"


def test_every_named_policy_exists(catalogue, coverage, checked):
    _, paragraphs = catalogue
    policies = {p.id for p in checked.library.policies}
    named = dotted_items(paragraphs[POLICY_SECTION])
    assert len(named) == 12
    unmapped = [n for n in named if n not in coverage["policies"]]
    assert not unmapped, f"policies named in the catalogue but not mapped: {unmapped}"
    missing = [coverage["policies"][n] for n in named if coverage["policies"][n] not in policies]
    assert not missing, f"policies missing from policies.yaml: {missing}"


def test_every_named_forbidden_wording_is_in_the_lexicon(catalogue, coverage, checked):
    _, paragraphs = catalogue
    terms = {t.text for t in checked.library.lexicon}
    named = dotted_items(paragraphs[FORBIDDEN_SECTION])
    unmapped = [n for n in named if not coverage["forbidden"].get(n)]
    assert not unmapped, f"forbidden wording named in the catalogue but not mapped: {unmapped}"
    missing = [t for n in named for t in coverage["forbidden"][n] if t not in terms]
    assert not missing, f"terms missing from lexicon.yaml: {missing}"


def test_bare_interjections_only_match_whole_replies(checked):
    whole = {t.text for t in checked.library.lexicon if t.whole}
    assert {"嗯", "啊", "哦"} <= whole


def test_advertising_terms_are_warnings_with_allowances(checked):
    terms = {t.text: t for t in checked.library.lexicon}
    assert terms["最"].level == "warning" and "最近" in terms["最"].allowed
    assert terms["第一"].level == "warning" and "第一时间" in terms["第一"].allowed


def test_starter_library_checks_clean(checked):
    problems = [f"{f.file}:{f.line}:{f.column} {f.code}" for f in checked.findings]
    assert checked.errors == 0 and checked.warnings == 0, "\n".join(problems)


def test_size_and_categories(checked):
    library = checked.library
    assert len(library.entries) >= 80
    assert len(library.categories) >= 8
    per_category = Counter(e.category for e in library.entries)
    empty = [c.id for c in library.categories if not per_category[c.id]]
    assert not empty, f"categories without entries: {empty}"


def test_every_category_has_a_few_top_entries(checked):
    library = checked.library
    top = Counter(e.category for e in library.entries if e.top)
    wrong = {c.id: top[c.id] for c in library.categories if not 1 <= top[c.id] <= 4}
    assert not wrong, f"categories should mark 1–4 most-used entries: {wrong}"


def test_chat_entries_have_replies_and_phrasings(checked):
    thin = [e.id for e in checked.library.entries
            if "chat" in e.channels and (len(e.approved) < 2 or len(e.questions) < 3)]
    assert not thin, f"chat entries with < 2 replies or < 3 customer phrasings: {thin}"


def test_every_entry_is_complete_for_review(checked):
    incomplete = [e.id for e in checked.library.entries
                  if not (e.notes and e.owner and e.updated and e.review_by and e.tags)]
    assert not incomplete, f"entries without notes, owner, dates or tags: {incomplete}"


def test_shortcuts_are_unique(checked):
    codes = Counter(r.shortcut for e in checked.library.entries for r in e.approved if r.shortcut)
    assert len(codes) >= 80
    assert [c for c, n in codes.items() if n > 1] == []
    # Letters only: input-method targets (Rime, 搜狗) accept nothing else as a code.
    assert [c for c in codes if not re.fullmatch(r"[a-z]{1,8}", c)] == []


def test_source_files_point_editors_at_the_schema(starter_src: Path):
    for path in sorted(starter_src.glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=./.schema/{path.stem}.schema.json", path
    for path in sorted(starter_src.glob("*/*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../.schema/entries.schema.json", path
    assert {"entries.schema.json", "handbook.schema.json", "lexicon.schema.json", "policies.schema.json"} <= {
        p.name for p in (starter_src / ".schema").glob("*.json")}


def test_search_targets_carry_their_query(coverage, checked):
    entries = {e.id: e for e in checked.library.entries}
    for query, entry_id in coverage["search_targets"].items():
        entry = entries[entry_id]
        haystack = fold(" ".join([entry.title, *entry.questions, *entry.tags]))
        assert fold(query) in haystack, f"{query} → {entry_id}"


def test_suggested_wording_is_itself_clean(checked):
    """What the handbook tells agents to say instead must not contain global forbidden wording."""
    library = checked.library
    lexicon = PhraseMatcher(Phrase(t.text, t.text, t.allowed) for t in library.lexicon if not t.whole)
    suggestions = [(e.id, f.instead) for e in library.entries for f in e.forbidden if f.instead]
    suggestions += [(f"lexicon:{t.text}", t.instead) for t in library.lexicon if t.instead]
    dirty = [(where, text, term) for where, text in suggestions for _, term in lexicon.find(normalize(text))]
    assert not dirty, dirty


def test_every_declared_placeholder_is_used(checked):
    """The site's placeholder panel lists the declarations: none of them may be a dead field."""
    library = checked.library
    used = {name for e in library.entries for r in e.approved for name in slot_names(r.text)}
    assert sorted(set(library.placeholders) - used) == []
