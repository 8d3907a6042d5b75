"""The "培训测验" page: the quiz of a fixed seed, so the page is the same on every build
(`handbook quiz --seed` writes other versions as standalone files)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.quiz import DEFAULT_COUNT, DEFAULT_SEED
from generator.quiz.html import quiz_html, script, stylesheet
from generator.quiz.questions import build_quiz
from generator.site.page import Asset, Page
from generator.site.sections.base import Section

if TYPE_CHECKING:
    from generator.site.context import BuildContext

PAGE = "quiz/index.md"


class QuizSection(Section):
    nav_order = 90

    def pages(self) -> list[Page]:
        return [Page(PAGE, "培训测验", quiz_markdown(self.ctx))]

    def assets(self) -> list[Asset]:
        return [Asset("assets/quiz.css", stylesheet().encode("utf-8"), stylesheet=True),
                Asset("assets/quiz.js", script().encode("utf-8"), script=True)]


def quiz_markdown(ctx: BuildContext) -> str:
    quiz = build_quiz(ctx.library, DEFAULT_SEED, DEFAULT_COUNT)
    entries = {e.id: e for e in ctx.library.entries}

    def link(entry_id: str) -> str | None:
        entry = entries.get(entry_id)
        return ctx.entry_href(entry, PAGE) if entry else None

    intro = ("根据话术库自动出题：选择答案后点“交卷”查看得分和解析。"
             "打印本页即得到纸质试卷，答案单独一页。"
             f"命令行可生成其他试卷：<code>handbook quiz --seed 7 --count {DEFAULT_COUNT} --out 测验.html</code>。")
    return f'# 培训测验\n\n<p class="hb-quiz__hint">{intro}</p>\n\n{quiz_html(quiz, link)}\n'
