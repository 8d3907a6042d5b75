"""Training quiz: determinism, exactly one correct answer, scoring and printing in Chromium."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from publish_support import BASE_ENTRIES, entry, write_source
from pypdf import PdfReader

from generator.cli import main
from generator.model import Category, CheckSettings, Entry, Forbidden, LexiconTerm, Library, Reply, load_library
from generator.quiz.html import standalone_html
from generator.quiz.questions import REPLY, WORDING, Quiz, build_quiz
from generator.site.context import BuildContext
from generator.site.sections.quiz import QuizSection, quiz_markdown
from generator.text.normalize import fold
from generator.text.placeholders import fill


def assert_one_correct_answer(library: Library, quiz: Quiz) -> None:
    entries = {e.id: e for e in library.entries}
    examples = {name: p.example for name, p in library.placeholders.items() if p.example}
    wordings = [(f.text, f.reason) for e in library.entries for f in e.forbidden if f.reason]
    wordings += [(t.text, t.reason) for t in library.lexicon if t.reason]
    for question in quiz.questions:
        keys = [fold(option) for option in question.options]
        assert len(set(keys)) == len(keys) >= 2, question
        if question.kind == REPLY:
            right = {fold(fill(r.text, examples)) for r in entries[question.entry_id].approved}
        else:
            right = {fold(reason) for text, reason in wordings if fold(text) == fold(question.stem)}
        assert [key in right for key in keys].count(True) == 1, question
        assert keys[question.answer] in right


@pytest.fixture(scope="module")
def starter(starter_src: Path) -> Library:
    return load_library(starter_src)[0]


def test_same_seed_same_quiz_other_seed_other_order(starter: Library) -> None:
    first, again, other = (build_quiz(starter, seed, 12) for seed in (1, 1, 2))
    assert first == again and len(first.questions) == 12
    assert standalone_html(first, "测验") == standalone_html(again, "测验")
    assert [q.stem for q in first.questions] != [q.stem for q in other.questions]
    assert {q.kind for q in first.questions} == {REPLY, WORDING}


@pytest.mark.parametrize("seed", range(8))
def test_starter_quiz_has_one_correct_answer_per_question(starter: Library, seed: int) -> None:
    assert_one_correct_answer(starter, build_quiz(starter, seed, 40))


def test_starter_distractors_are_clearly_wrong(starter: Library) -> None:
    """A reply distractor is the entry's own forbidden wording or answers an unrelated scenario."""
    entries = {e.id: e for e in starter.entries}
    examples = {name: p.example for name, p in starter.placeholders.items() if p.example}
    owner = {fold(fill(r.text, examples)): e for e in starter.entries for r in e.approved}
    quizzes = [build_quiz(starter, seed, 200) for seed in range(4)]
    replies = [q for quiz in quizzes for q in quiz.questions if q.kind == REPLY]
    assert len(replies) > 200
    for question in replies:
        entry = entries[question.entry_id]
        forbidden = {fold(f.text) for f in entry.forbidden}
        for index, option in enumerate(question.options):
            other = owner.get(fold(option))
            if index == question.answer or fold(option) in forbidden:
                continue
            assert other.category != entry.category, question
            assert not set(other.tags) & set(entry.tags) and not set(other.policy) & set(entry.policy), question


def test_starter_wording_distractors_do_not_fit_the_wording(starter: Library) -> None:
    """Asked about 销量冠军, an agent must not find a second defensible reason among the options."""
    family = ("广告法", "绝对化", "排名", "无法证明")
    asked = [q for seed in range(4) for q in build_quiz(starter, seed, 400).questions
             if q.kind == WORDING and any(w in q.options[q.answer] for w in family)]
    assert len(asked) > 20 and "销量冠军" in {q.stem for q in asked}
    for question in asked:
        said = [w for w in family if w in question.options[question.answer]]
        wrong = [o for i, o in enumerate(question.options) if i != question.answer]
        assert not [o for o in wrong if any(w in o for w in said)], question


def test_the_lost_parcel_reply_promises_no_return(starter: Library) -> None:
    """There is nothing to send back when the courier lost the parcel: the reply shown must not say so."""
    examples = {name: p.example for name, p in starter.placeholders.items() if p.example}
    lost = next(e for e in starter.entries if e.id == "shipping-lost")
    assert not [r for r in lost.approved if any(w in fill(r.text, examples) for w in ("退件", "寄回"))]


# Tiny alphabet: texts collide often, including after normalisation (width, case, punctuation).
PIECES = st.sampled_from(["好的", "好的！", "ＯＫ", "ok", "亲", "您稍等", "不知道", " ", "～", "马上", "退款"])
TEXT = st.lists(PIECES, min_size=1, max_size=3).map("".join)


@st.composite
def libraries(draw: st.DrawFn) -> Library:
    entries = []
    for index in range(draw(st.integers(1, 6))):
        entries.append(Entry(
            id=f"e{index}", title=f"话术{index}", scenario=draw(TEXT), category=draw(st.sampled_from("ab")),
            approved=[Reply(t) for t in draw(st.lists(TEXT, min_size=1, max_size=3))],
            questions=draw(st.lists(TEXT, max_size=2)),
            forbidden=[Forbidden(t, r) for t, r in draw(st.lists(st.tuples(TEXT, TEXT), max_size=3))],
        ))
    lexicon = [LexiconTerm(t, r) for t, r in draw(st.lists(st.tuples(TEXT, TEXT), max_size=3))]
    return Library("测试", [Category("a", "甲"), Category("b", "乙")], {}, [], lexicon, entries,
                   CheckSettings(), Path("."))


@settings(max_examples=150, deadline=None)
@given(library=libraries(), seed=st.integers(0, 10_000))
def test_generated_libraries_have_one_correct_answer(library: Library, seed: int) -> None:
    assert_one_correct_answer(library, build_quiz(library, seed, 10))


def test_quiz_command_writes_html_and_json(starter_src: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "测验.json"
    assert main(["quiz", "--src", str(starter_src), "--seed", "5", "--count", "3", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text("utf-8"))["questions"]) == 3
    assert main(["quiz", "--src", str(starter_src), "--out", str(tmp_path / "x.txt")]) == 2
    assert "请用 .html 或 .json" in capsys.readouterr().err


def test_site_page_escapes_text_and_links_entries(tmp_path: Path) -> None:
    entries = {**BASE_ENTRIES, "presale": [*BASE_ENTRIES["presale"], entry(
        "presale-html", "<b>标签</b>", ["<script>alert(1)</script>您好～"],
        forbidden=[{"text": "<i>不行</i>", "reason": "<u>生硬</u>"}])]}
    src = write_source(tmp_path / "src", entries)
    ctx = BuildContext(load_library(src)[0], src, dt.date(2026, 11, 22), "test")
    page = quiz_markdown(ctx)
    # the library holds fewer questions than the site asks for: every entry and wording is drawn
    assert "<script>" not in page and "<i>" not in page and "<u>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;您好～" in page  # the hostile entry's reply, as text
    assert "&lt;i&gt;不行&lt;/i&gt;" in page and "&lt;u&gt;生硬&lt;/u&gt;" in page  # its wording and reason
    assert 'href="../presale/index.html#presale-' in page
    scripts = [a for a in QuizSection(ctx).assets() if a.script]
    assert [a.path for a in scripts] == ["assets/quiz.js"] and b"http" not in scripts[0].content


def answer(page, wrong: int) -> int:
    """Pick the right option everywhere except in the first `wrong` questions."""
    questions = page.locator(".hb-quiz__q")
    for index in range(questions.count()):
        question = questions.nth(index)
        right = int(question.get_attribute("data-answer"))
        chosen = (right + 1) % question.locator("input").count() if index < wrong else right
        question.locator("input").nth(chosen).check()
    return questions.count()


def test_browser_scores_the_quiz_and_prints_the_key_on_its_own_page(browser, starter: Library, tmp_path: Path) -> None:
    path = tmp_path / "quiz.html"
    path.write_text(standalone_html(build_quiz(starter, 3, 10), "培训测验"), "utf-8")
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    total = answer(page, wrong=2)
    page.click(".hb-quiz__submit")
    percent = round(100 * (total - 2) / total)
    assert page.text_content(".hb-quiz__score") == f"得分：{total - 2} / {total}（{percent} 分）"
    assert page.locator(".hb-quiz__q.is-wrong").count() == 2
    assert page.locator(".hb-quiz__explain:visible").count() == total
    assert not page.locator(".hb-quiz__key").is_visible()
    page.click(".hb-quiz__reset")
    assert page.text_content(".hb-quiz__score") == "" and page.locator("input:checked").count() == 0
    page.click(".hb-quiz__submit")
    assert f"有 {total} 题未作答" in page.text_content(".hb-quiz__score")

    page.emulate_media(media="print")
    assert page.locator(".hb-quiz__key").is_visible() and not page.locator(".hb-quiz__submit").is_visible()
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    texts = [p.extract_text() for p in reader.pages]
    key_pages = [i for i, text in enumerate(texts) if "答案（试卷编号 3）" in text]
    assert key_pages and key_pages[0] > 0 and "答案（试卷编号" not in "".join(texts[: key_pages[0]])
    assert "姓名" in texts[0]
    page.close()
    assert all(url.startswith("file://") for url in requests), requests
