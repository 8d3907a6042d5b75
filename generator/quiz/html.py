"""A quiz as HTML: a block scored in the browser by `quiz.js`, printable with the answer key on its
own page, either inside a page or as a standalone file (`handbook quiz --out 测验.html`).

The markup is plain HTML plus a small script (no external requests, works from file://). Printing
gives a paper quiz: the radio buttons become blanks and the answer key starts on a new page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import cache
from importlib import resources

from generator.quiz.questions import Question, Quiz

LETTERS = "ABCDEFGH"
Linker = Callable[[str], str | None]  # entry id → href to the entry, if it can be linked


@cache
def stylesheet() -> str:
    return (resources.files("generator.quiz") / "quiz.css").read_text("utf-8")


@cache
def script() -> str:
    return (resources.files("generator.quiz") / "quiz.js").read_text("utf-8")


def quiz_html(quiz: Quiz, link: Linker) -> str:
    """The quiz as one HTML block: questions, buttons, score line and the answer key."""
    if not quiz.questions:
        return '<p class="hb-quiz__empty">话术库里还没有足够的内容出题（需要标准回复和带原因的禁用说法）。</p>'
    questions = "".join(_question_html(index, q, link) for index, q in enumerate(quiz.questions, 1))
    return (f'<div class="hb-quiz" data-seed="{quiz.seed}">'
            '<p class="hb-quiz__paper">姓名：＿＿＿＿＿＿　日期：＿＿＿＿＿＿　得分：＿＿＿＿</p>'
            f'<form class="hb-quiz__form" onsubmit="return false"><ol class="hb-quiz__questions">{questions}</ol>'
            '<p class="hb-quiz__actions">'
            '<button type="button" class="hb-quiz__submit md-button md-button--primary">交卷</button> '
            '<button type="button" class="hb-quiz__reset md-button">重做</button> '
            '<button type="button" class="hb-quiz__print md-button">打印试卷</button></p>'
            '<p class="hb-quiz__score" role="status" aria-live="polite"></p></form>'
            f"{_answer_key(quiz)}</div>")


def _question_html(index: int, question: Question, link: Linker) -> str:
    name = f"q{index}"
    options = "".join(
        f'<li><label><input type="radio" name="{name}" value="{i}"> {html.escape(text)}</label></li>'
        for i, text in enumerate(question.options))
    stem_label = "场景" if question.customer else "说法"
    customer = f'<p class="hb-quiz__customer">顾客：{html.escape(question.customer)}</p>' if question.customer else ""
    return (f'<li class="hb-quiz__q" id="{name}" data-answer="{question.answer}" data-kind="{question.kind}">'
            f'<p class="hb-quiz__prompt">{question.prompt}</p>'
            f'<p class="hb-quiz__stem">{stem_label}：{html.escape(question.stem)}</p>{customer}'
            f'<ol class="hb-quiz__options">{options}</ol>'
            f'<p class="hb-quiz__explain" hidden>正确答案：{LETTERS[question.answer]}。'
            f"{_explanation(question, link)}</p>"
            "</li>")


def _explanation(question: Question, link: Linker) -> str:
    text = html.escape(question.explanation)
    href = link(question.entry_id) if question.entry_id else None
    return text + (f' <a href="{html.escape(href)}">查看话术</a>' if href else "")


def _answer_key(quiz: Quiz) -> str:
    rows = "".join(f"<li>{LETTERS[q.answer]}　{html.escape(q.options[q.answer])}</li>" for q in quiz.questions)
    return (f'<section class="hb-quiz__key"><h2>答案（试卷编号 {quiz.seed}）</h2>'
            f'<ol class="hb-quiz__key-list">{rows}</ol></section>')


def standalone_html(quiz: Quiz, title: str) -> str:
    """A self-contained page (inline style and script) for `handbook quiz --out`."""
    return ("<!DOCTYPE html>\n"
            f'<html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}\n"
            f"{stylesheet()}</style>"
            f"</head><body><h1>{html.escape(title)}</h1>\n{quiz_html(quiz, lambda _: None)}\n"
            f"<script>\n{script()}</script></body></html>\n")
