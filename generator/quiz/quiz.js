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
