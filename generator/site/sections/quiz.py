"""The "培训测验" page: a quiz scored in the browser, printable with a separate answer key.

The page is plain HTML plus a small script (no external requests, works from file://). Printing
gives a paper quiz: the radio buttons become blanks and the answer key starts on a new page.
The site uses a fixed seed so the page is the same on every build; `handbook quiz --seed`
writes other versions as standalone HTML files.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from generator.quiz.questions import Question, Quiz, build_quiz
from generator.site.sections import Asset, BuildContext, Product, SitePage

PAGE = "quiz/index.md"
SITE_SEED = 2026
SITE_COUNT = 20
LETTERS = "ABCDEFGH"
CSS_PATH = "assets/quiz.css"
JS_PATH = "assets/quiz.js"

CSS = """
.hb-quiz__q{margin:1.2em 0;padding:.6em .8em;border-radius:.3em;
  border:1px solid var(--md-default-fg-color--lightest,#ddd)}
.hb-quiz__prompt{font-weight:bold;margin:0 0 .3em}
.hb-quiz__stem{margin:.2em 0}.hb-quiz__customer{margin:.2em 0;color:var(--md-default-fg-color--light,#555)}
.hb-quiz__options,.md-typeset ol.hb-quiz__options{list-style-type:upper-alpha;margin:.4em 0 .4em 1.5em;padding:0}
.hb-quiz__options li{margin:.25em 0}.hb-quiz__options label{cursor:pointer}
.hb-quiz__q.is-right{border-color:#2e7d32;background:rgba(46,125,50,.06)}
.hb-quiz__q.is-wrong,.hb-quiz__q.is-blank{border-color:#c62828;background:rgba(198,40,40,.05)}
.hb-quiz__options li.is-answer{font-weight:bold;color:#1b5e20}
.hb-quiz__explain{color:var(--md-default-fg-color--light,#555);font-size:.9em}
.hb-quiz__score{font-size:1.2em;font-weight:bold}
.hb-quiz__key{display:none}
.hb-quiz__paper{display:none}
@media print{
  .hb-quiz__actions,.hb-quiz__score,.hb-quiz__explain,.hb-quiz__hint{display:none!important}
  .hb-quiz__paper{display:block}
  .hb-quiz__q{border:none;padding:0;break-inside:avoid;background:none!important}
  .hb-quiz__options input{display:none}
  .hb-quiz__options li.is-answer{font-weight:normal;color:inherit}
  .hb-quiz__key{display:block;break-before:page;page-break-before:always}
}
"""

JS = r"""
(function () {
  "use strict";
  function setup(root) {
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");
    var questions = Array.prototype.slice.call(root.querySelectorAll(".hb-quiz__q"));
    var score = root.querySelector(".hb-quiz__score");
    function clear(q) {
      q.classList.remove("is-right", "is-wrong", "is-blank");
      q.querySelector(".hb-quiz__explain").hidden = true;
      Array.prototype.forEach.call(q.querySelectorAll(".hb-quiz__options li"), function (li) {
        li.classList.remove("is-answer");
      });
    }
    root.querySelector(".hb-quiz__submit").addEventListener("click", function () {
      var right = 0, blank = 0;
      questions.forEach(function (q) {
        clear(q);
        var answer = q.getAttribute("data-answer");
        var chosen = q.querySelector("input:checked");
        var state = !chosen ? "is-blank" : chosen.value === answer ? "is-right" : "is-wrong";
        if (state === "is-right") right += 1;
        if (state === "is-blank") blank += 1;
        q.classList.add(state);
        q.querySelectorAll(".hb-quiz__options li")[Number(answer)].classList.add("is-answer");
        q.querySelector(".hb-quiz__explain").hidden = false;
      });
      var total = questions.length;
      score.textContent = "得分：" + right + " / " + total + "（" + Math.round(100 * right / total) + " 分）" +
        (blank ? "，有 " + blank + " 题未作答" : "");
    });
    root.querySelector(".hb-quiz__reset").addEventListener("click", function () {
      questions.forEach(function (q) {
        clear(q);
        Array.prototype.forEach.call(q.querySelectorAll("input"), function (input) { input.checked = false; });
      });
      score.textContent = "";
    });
    root.querySelector(".hb-quiz__print").addEventListener("click", function () { window.print(); });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".hb-quiz"), setup);
  }
  function start() {
    init();
    // Material's instant navigation swaps pages without reloading scripts.
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""

Linker = Callable[[str], str | None]  # entry id → href to the entry, if it can be linked


def pages(ctx: BuildContext) -> list[SitePage]:
    return [SitePage(PAGE, "培训测验", quiz_markdown(ctx), nav_order=90)]


def assets(_: BuildContext) -> list[Asset]:
    return [Asset(CSS_PATH, CSS.strip().encode("utf-8") + b"\n", stylesheet=True),
            Asset(JS_PATH, JS.strip().encode("utf-8") + b"\n", script=True)]


def quiz_markdown(ctx: BuildContext) -> str:
    quiz = build_quiz(ctx.library, SITE_SEED, SITE_COUNT)
    entries = {e.id: e for e in ctx.library.entries}

    def link(entry_id: str) -> str | None:
        entry = entries.get(entry_id)
        return ctx.entry_href(entry, PAGE) if entry else None

    intro = ("根据话术库自动出题：选择答案后点“交卷”查看得分和解析。"
             "打印本页即得到纸质试卷，答案单独一页。"
             f"命令行可生成其他试卷：<code>handbook quiz --seed 7 --count {SITE_COUNT} --out 测验.html</code>。")
    return f'# 培训测验\n\n<p class="hb-quiz__hint">{intro}</p>\n\n{quiz_html(quiz, link)}\n'


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
            f"<style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em}}{CSS}</style>"
            f"</head><body><h1>{html.escape(title)}</h1>\n{quiz_html(quiz, lambda _: None)}\n"
            f"<script>{JS}</script></body></html>\n")


PRODUCT = Product("quiz", pages=pages, assets=assets)
