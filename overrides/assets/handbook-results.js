/* 话术手册: the search box and its results (list, keyboard, highlighting, copying a reply), and the
 * loader of the search index: scripts the build writes (Handbook.config.index, then one after the
 * other Handbook.config.indexParts), so no worker and no fetch are needed and the site searches from
 * file:// too. A Chinese query is answered from the first script; a Latin one waits for the pinyin
 * part; the replies arrive last and fill in the copy buttons and reply snippets of the results shown.
 * Everything from the index is put into the page with textContent: entry text is data, never markup. */
(function (Handbook) {
  "use strict";

  var script = document.currentScript;
  var BASE = script ? script.src.replace(/assets\/handbook-results\.js([?#].*)?$/, "") : "";
  var MAX_RESULTS = 30;

  /* ---------- the index ---------- */

  var index = null;  /* prepared by Handbook.search.prepare */
  var loading = false;
  var waiting = [];

  function loadIndex(then) {
    if (index) return then();
    waiting.push(then);
    if (loading) return;
    loading = true;
    loadScript(Handbook.config.index, function () {
      index = Handbook.search.prepare(window.__handbookIndex);
      window.__handbookIndex = null;
      waiting.splice(0).forEach(function (fn) { fn(); });
      loadParts(0);
    }, function () { loading = false; });
  }

  function loadParts(next) {
    var paths = Handbook.config.indexParts;
    if (next >= paths.length) return;
    loadScript(paths[next], function () {
      Handbook.search.addPart(index, window.__handbookIndexPart);
      window.__handbookIndexPart = null;
      if (input && input.value.trim()) render(input.value, selected);
      loadParts(next + 1);
    });
  }

  function loadScript(path, loaded, failed) {
    var tag = document.createElement("script");
    tag.src = BASE + path;
    tag.onload = loaded;
    tag.onerror = function () {
      if (failed) failed();
      setMeta("搜索索引加载失败，请刷新页面重试");
    };
    document.head.appendChild(tag);
  }

  function folded(text) {
    return Handbook.search.fold(index, text);
  }

  /* ---------- results ---------- */

  var form = document.querySelector("[data-hb-search] form");
  var input = document.querySelector("[data-hb-query]");
  var list = document.querySelector("[data-hb-results]");
  var meta = document.querySelector("[data-hb-meta]");
  var toggle = document.getElementById("__search");
  var selected = -1;

  function setMeta(text) {
    if (meta) meta.textContent = text;
  }

  /* Syllable k of a title's reading is its k-th Han character or run of Latin letters and digits. */
  function syllableSpans(text) {
    var spans = [];
    var pattern = /[\u3400-\u9fff]|[A-Za-z0-9]+/g;
    for (var m = pattern.exec(text); m; m = pattern.exec(text)) spans.push([m.index, m.index + m[0].length]);
    return spans;
  }

  /* The syllables [first, end) of the title that a pinyin or initials token matched, if any. */
  function matchedSyllables(doc, token) {
    var at = doc.iniT.indexOf(token);
    if (at >= 0) return [at, at + token.length];
    var starts = [];
    for (var i = 0; i < doc.pyT.length; i++) if (doc.pyT[i] !== doc.pyTl[i]) starts.push(i);
    if (starts.length !== doc.iniT.length) return null;  /* a syllable starting with a digit */
    for (at = doc.pyTl.indexOf(token); at >= 0; at = doc.pyTl.indexOf(token, at + 1)) {
      var first = starts.indexOf(at);
      if (first < 0) continue;
      var end = first;
      while (end < starts.length && starts[end] < at + token.length) end++;
      return [first, end];
    }
    return null;
  }

  function pinyinMarks(doc, queries) {
    var spans = syllableSpans(doc.title);
    if (spans.length !== doc.iniT.length) return [];  /* reading and title do not line up: no marks */
    var marks = [];
    queries.forEach(function (q) {
      var range = q.latin && matchedSyllables(doc, q.token);
      if (range && range[1] <= spans.length) marks.push([spans[range[0]][0], spans[range[1] - 1][1]]);
    });
    return marks;
  }

  /* The text as the search compares it (NFKC, lower case, folded), one character for one so that
   * every index still points into the text shown: full-width ＡＢＣ１２３ is marked like abc123. */
  function comparable(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) {
      var plain = text[i].normalize("NFKC").toLowerCase();
      out += plain.length === 1 ? plain : text[i];
    }
    return folded(out);
  }

  function highlighted(text, queries, extra) {
    var lower = comparable(text);
    var marks = extra || [];
    queries.forEach(function (q) {
      q.needles.forEach(function (needle) {
        var at = lower.indexOf(needle);
        while (needle && at >= 0) {
          marks.push([at, at + needle.length]);
          at = lower.indexOf(needle, at + needle.length);
        }
      });
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    var fragment = document.createDocumentFragment();
    var last = 0;
    marks.forEach(function (m) {
      if (m[1] <= last) return;
      var start = Math.max(m[0], last);
      fragment.appendChild(document.createTextNode(text.slice(last, start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, m[1]);
      fragment.appendChild(mark);
      last = m[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function snippetOf(doc, queries) {
    var candidates = [].concat(Handbook.search.list(index, doc, "questions"), [doc.scenario],
                               Handbook.search.list(index, doc, "replies"));
    var needles = [];
    queries.forEach(function (q) { needles = needles.concat(q.latin ? q.needles.slice(1) : q.needles); });
    for (var i = 0; i < candidates.length; i++) {
      var plain = Handbook.search.normalize(index, candidates[i]);
      if (needles.some(function (n) { return plain.indexOf(n) >= 0; })) return shorten(candidates[i], needles);
    }
    return doc.scenario;
  }

  function shorten(text, needles) {
    if (text.length <= 90) return text;
    var at = Math.min.apply(null, needles.map(function (n) {
      var i = folded(text.toLowerCase()).indexOf(n);
      return i < 0 ? Infinity : i;
    }));
    var start = at === Infinity ? 0 : Math.max(0, at - 30);
    return (start ? "…" : "") + text.slice(start, start + 90) + "…";
  }

  function resultItem(hit, queries) {
    var doc = hit.doc;
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link hb-result";
    link.href = BASE + doc.url;
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.appendChild(highlighted(doc.title, queries, pinyinMarks(doc, queries)));
    var where = document.createElement("p");
    where.className = "hb-result__where";
    where.textContent = doc.where;
    queries.forEach(function (q) {
      if (doc.codes.indexOf(q.token) >= 0) {
        var code = document.createElement("kbd");
        code.textContent = q.token;
        where.appendChild(document.createTextNode(" · 快捷编码 "));
        where.appendChild(code);
      }
    });
    var text = document.createElement("p");
    text.className = "hb-result__text";
    text.appendChild(highlighted(snippetOf(doc, queries), queries));
    article.append(title, where, text);
    link.appendChild(article);
    item.appendChild(link);
    if (doc.replies) {
      var copy = document.createElement("button");
      copy.type = "button";
      copy.className = "hb-result__copy";
      copy.textContent = "复制回复";
      copy.title = "复制这条话术的推荐回复（Ctrl+Enter）";
      copy.addEventListener("click", function () { copyReply(doc, queries, item); });
      item.appendChild(copy);
    }
    return item;
  }

  /* From the results: the reply whose shortcut code was typed, otherwise the first reply. */
  function copyReply(doc, queries, item) {
    var replies = Handbook.search.list(index, doc, "replies");
    var chosen = 0;
    queries.forEach(function (q) {
      var at = doc.replyCodes.indexOf(q.token);
      if (at >= 0) chosen = at;
    });
    Handbook.copy.filled(replies[chosen], item).catch(function () {});
  }

  /* `keep`: the result to keep selected (the same query shown again as more of the index arrives). */
  function render(value, keep) {
    selected = -1;
    list.textContent = "";
    if (!value.trim()) {
      setMeta("输入关键词开始搜索：退款、tuikuan、tk 或快捷编码");
      return;
    }
    if (!Handbook.search.ready(index, value)) {
      setMeta("正在加载拼音和快捷编码索引…");
      return;
    }
    var result = Handbook.search.query(index, value, { max: MAX_RESULTS });
    /* marks and snippets follow the words that carry meaning (not 的 了 吗), when there are any */
    var telling = result.queries.filter(function (q) { return !q.filler; });
    var shown = telling.length ? telling : result.queries;
    if (!result.total) {
      setMeta("没有找到相关话术。试试更短的关键词、拼音首字母或快捷编码");
      return;
    }
    if (result.close) {
      setMeta("找到 " + result.total + " 条结果" + (result.total > MAX_RESULTS ? "，显示前 " + MAX_RESULTS + " 条" : ""));
    } else {
      setMeta("没有完全对应的话术，最接近的是：");
    }
    var fragment = document.createDocumentFragment();
    result.hits.forEach(function (hit) { fragment.appendChild(resultItem(hit, shown)); });
    list.appendChild(fragment);
    select(keep > 0 ? keep : 0);
  }

  function select(position) {
    var links = list.querySelectorAll(".hb-result");
    if (!links.length) return;
    selected = (position + links.length) % links.length;
    links.forEach(function (link, i) {
      link.classList.toggle("hb-result--selected", i === selected);
      link.setAttribute("aria-selected", i === selected ? "true" : "false");
    });
    if (position !== 0) links[selected].scrollIntoView({ block: "nearest" });
  }

  function runQuery() {
    var value = input.value;
    if (index) return render(value);
    setMeta("正在加载搜索索引…");
    loadIndex(function () { render(input.value); });
  }

  function openSearch() {
    if (toggle) toggle.checked = true;
    loadIndex(function () {});
  }

  function closeSearch() {
    if (toggle) toggle.checked = false;
    input.blur();
  }

  function onQueryKey(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      select(selected + (event.key === "ArrowDown" ? 1 : -1));
      event.preventDefault();
    } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var button = list.querySelectorAll(".md-search-result__item")[Math.max(selected, 0)];
      button = button && button.querySelector(".hb-result__copy");
      if (button) button.click();
      event.preventDefault();
    } else if (event.key === "Enter") {
      var links = list.querySelectorAll(".hb-result");
      if (links.length) {
        closeSearch();
        window.location.href = links[Math.max(selected, 0)].href;
      }
      event.preventDefault();
    } else if (event.key === "Escape") {
      closeSearch();
      event.preventDefault();
    }
  }

  function editable(element) {
    return element && (element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  function onGlobalKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) return;
    if (event.key === "/" || event.key === "s" || event.key === "S" || event.key === "f") {
      input.focus();
      input.select();
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }

  function initSearch() {
    if (!input || !list) return;
    input.addEventListener("focus", openSearch);
    input.addEventListener("input", runQuery);
    input.addEventListener("keydown", onQueryKey);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(runQuery, 0); });
    list.addEventListener("click", function (event) { if (event.target.closest(".hb-result")) closeSearch(); });
    if (toggle) {
      toggle.addEventListener("change", function () {
        if (toggle.checked) input.focus();
        else input.blur();
      });
    }
    document.addEventListener("keydown", onGlobalKey, true);
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      openSearch();
      runQuery();
    }
  }

  Handbook.results = { loadIndex: loadIndex };

  initSearch();
  loadIndex(function () {});  /* a dynamic script: runs without holding up the page */
})(window.Handbook = window.Handbook || {});
