/* 话术手册: copy buttons with placeholders, and the handbook search (works from file://).
 * The search index (search/handbook-index.js, built by generator/site/search.py) is loaded as a
 * script on first use, so no worker and no fetch are needed. Everything from the index is put
 * into the page with textContent: entry text is data, never markup. */
(function () {
  "use strict";

  var script = document.currentScript;
  var BASE = script ? script.src.replace(/assets\/handbook\.js([?#].*)?$/, "") : "";
  var STORE = "handbook.slots";
  var SLOT = /\{([^{}\s]+)\}/g;
  var MAX_RESULTS = 30;

  /* ---------- placeholders and copying ---------- */

  function storedSlots() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || "{}") || {};
    } catch (err) {
      return {};
    }
  }

  /* Values typed in this browser, over the ones the site was built with (handbook build --var). */
  function loadSlots() {
    var values = {};
    document.querySelectorAll("[data-slot-input][data-default]").forEach(function (input) {
      values[input.getAttribute("data-slot-input")] = input.getAttribute("data-default");
    });
    return Object.assign(values, storedSlots());
  }

  function saveSlots(values) {
    try {
      localStorage.setItem(STORE, JSON.stringify(values));
    } catch (err) {
      /* private mode: values last for this page only */
    }
  }

  function fillSlots(text, values) {
    var missing = [];
    var filled = text.replace(SLOT, function (whole, name) {
      if (values[name]) return values[name];
      if (missing.indexOf(name) < 0) missing.push(name);
      return whole;
    });
    return { text: filled, missing: missing };
  }

  function showSlots() {
    var values = loadSlots();
    document.querySelectorAll(".hb-slot").forEach(function (slot) {
      var name = slot.getAttribute("data-slot");
      var value = values[name];
      slot.textContent = value || "{" + name + "}";
      slot.classList.toggle("hb-slot--filled", !!value);
      slot.title = value ? "{" + name + "}" : "未填写：在页面顶部「占位填写」里填写 " + name;
    });
    document.querySelectorAll("[data-slot-input]").forEach(function (input) {
      if (document.activeElement !== input) input.value = values[input.getAttribute("data-slot-input")] || "";
    });
  }

  function onSlotInput(event) {
    var input = event.target.closest("[data-slot-input]");
    if (!input) return;
    var values = storedSlots();
    var value = input.value.trim();
    if (value) values[input.getAttribute("data-slot-input")] = value;
    else delete values[input.getAttribute("data-slot-input")];
    saveSlots(values);
    showSlots();
  }

  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (err) {
      ok = false;
    }
    area.remove();
    if (!ok) throw new Error("copy failed");
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        legacyCopy(text);
      });
    }
    return new Promise(function (resolve) {
      legacyCopy(text);
      resolve();
    });
  }

  var toastTimer = null;
  function toast(message, warning) {
    var box = document.querySelector(".hb-toast");
    if (!box) {
      box = document.createElement("div");
      box.className = "hb-toast";
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
      document.body.appendChild(box);
    }
    box.textContent = message;
    box.classList.toggle("hb-toast--warning", !!warning);
    box.classList.add("hb-toast--visible");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () {
      box.classList.remove("hb-toast--visible");
    }, warning ? 6000 : 2500);
  }

  /* The reply as written in the source: its text with every slot back as {名称}. */
  function replyTemplate(reply) {
    var text = "";
    reply.querySelector(".hb-reply__text").childNodes.forEach(function (node) {
      var slot = node.nodeType === 1 && node.classList.contains("hb-slot");
      text += slot ? "{" + node.getAttribute("data-slot") + "}" : node.textContent;
    });
    return text;
  }

  function onCopyClick(event) {
    var button = event.target.closest(".hb-copy");
    if (!button) return;
    copyFilled(replyTemplate(button.closest(".hb-reply"))).then(function () {
      button.classList.add("hb-copy--done");
      setTimeout(function () { button.classList.remove("hb-copy--done"); }, 1500);
    }, function () {});
  }

  function copyFilled(template) {
    var result = fillSlots(template, loadSlots());
    return copyText(result.text).then(function () {
      if (result.missing.length) {
        var names = result.missing.map(function (n) { return "{" + n + "}"; }).join("、");
        toast("已复制，但还有未填写的占位：" + names + "。请在页面顶部「占位填写」里填写，或发送前手动替换。", true);
      } else {
        toast("已复制，可以直接粘贴发送");
      }
    }, function () {
      toast("复制失败：请选中回复文字后按 Ctrl+C 复制", true);
      throw new Error("copy failed");
    });
  }

  /* ---------- search ---------- */

  var WEIGHTS = { t: 10, q: 7, g: 6, s: 4, r: 2 };
  var KIND_FACTOR = [1, 0.6, 0.5];
  var HAN = /[\u3400-\u9fff]/;
  var LATIN = /^[a-z]+$/;
  var LIST = "\x1e";  /* between questions / replies in the index (generator/site/search.py LIST_SEP) */
  var index = null;
  var loading = false;
  var waiting = [];

  var FOLD = new Map();  /* Traditional → Simplified on a zh-Hant site (index "fold"), applied to text and query */

  function folded(text) {
    return FOLD.size ? Array.from(text, function (c) { return FOLD.get(c) || c; }).join("") : text;
  }

  function norm(text) {
    return folded(text.normalize("NFKC").toLowerCase().replace(/\s+/g, ""));
  }

  function items(text, sep) {
    return norm(text.split(sep).join("|"));
  }

  function prepare(raw) {
    var pairs = Array.from(raw.fold || "");
    for (var p = 0; p + 1 < pairs.length; p += 2) FOLD.set(pairs[p], pairs[p + 1]);
    var f = {};
    raw.fields.forEach(function (name, i) { f[name] = i; });
    var docs = raw.docs.map(function (d) {
      var doc = {
        url: d[f.url], title: d[f.title], where: d[f.where], scenario: d[f.scenario],
        questions: d[f.questions], replies: d[f.replies], kind: d[f.kind], top: d[f.top],
        replyCodes: d[f.codes].split(LIST),
        pyT: d[f.pyTitle], pyM: d[f.pyMore], iniT: d[f.iniTitle], iniM: d[f.iniMore],
        n: { t: norm(d[f.title]), q: items(d[f.questions], LIST), g: items(d[f.tags], " "),
             s: norm(d[f.scenario]), r: items(d[f.replies], LIST) }
      };
      doc.codes = doc.replyCodes.filter(Boolean);
      doc.pyTl = doc.pyT.toLowerCase();
      doc.pyMl = doc.pyM.toLowerCase();
      doc.all = doc.n.t + "|" + doc.n.q + "|" + doc.n.g + "|" + doc.n.s + "|" + doc.n.r;
      return doc;
    });
    var words = raw.words ? folded(raw.words).split("|") : [];
    var longest = words.reduce(function (n, w) { return Math.max(n, Array.from(w).length); }, 2);
    return { docs: docs, words: new Set(words), longest: longest };
  }

  function loadIndex(then) {
    if (index) return then();
    waiting.push(then);
    if (loading) return;
    loading = true;
    var tag = document.createElement("script");
    tag.src = BASE + "search/handbook-index.js";
    tag.onload = function () {
      index = prepare(window.__handbookIndex);
      window.__handbookIndex = null;
      waiting.splice(0).forEach(function (fn) { fn(); });
    };
    tag.onerror = function () {
      loading = false;
      setMeta("搜索索引加载失败，请刷新页面重试");
    };
    document.head.appendChild(tag);
  }

  function bigrams(token) {
    var chars = Array.from(token);
    if (chars.length < 3) return [token];
    var grams = [];
    for (var i = 0; i + 1 < chars.length; i++) grams.push(chars[i] + chars[i + 1]);
    return grams;
  }

  /* Chinese (or any text) token: whole-substring matches count fully, otherwise the share of the
   * token's character pairs found (so 退款差评 scores entries about 退款 and about 差评). */
  function fieldScore(hay, query) {
    if (!hay) return 0;
    var at = hay.indexOf(query.token);
    if (at >= 0) {
      var itemStart = at === 0 || hay.charAt(at - 1) === "|";
      var end = at + query.token.length;
      var wholeItem = itemStart && (end === hay.length || hay.charAt(end) === "|");
      var again = hay.indexOf(query.token, end);
      return 1 + (itemStart ? 0.3 : 0) + (wholeItem ? 0.5 : 0) + (again >= 0 ? 0.3 : 0);
    }
    if (query.grams.length < 2) return 0;
    var found = 0;
    for (var i = 0; i < query.grams.length; i++) if (hay.indexOf(query.grams[i]) >= 0) found++;
    return found ? 0.8 * found / query.grams.length : 0;
  }

  function textScore(doc, query) {
    if (query.grams.every(function (g) { return doc.all.indexOf(g) < 0; })) return 0;
    var score = 0;
    for (var field in WEIGHTS) score += WEIGHTS[field] * fieldScore(doc.n[field], query);
    return score * 10;
  }

  /* Pinyin: the token must start at a syllable (capital letter in the index) and score more when
   * it ends on one too, i.e. whole syllables were typed. */
  function pinyinScore(original, lower, token) {
    var best = 0;
    var at = lower.indexOf(token);
    while (at >= 0 && best < 1.3) {
      var c = original.charAt(at);
      if (c !== c.toLowerCase() || at === 0) {
        var next = original.charAt(at + token.length);
        var wholeSyllables = next === "" || next === "|" || next !== next.toLowerCase();
        var itemStart = at === 0 || lower.charAt(at - 1) === "|";
        best = Math.max(best, (wholeSyllables ? 1 : 0.7) + (itemStart ? 0.3 : 0));
      }
      at = lower.indexOf(token, at + 1);
    }
    return best;
  }

  function initialsScore(initials, token) {
    var best = 0;
    initials.split("|").forEach(function (item) {
      if (item === token) best = Math.max(best, 1.5);
      else if (item.indexOf(token) === 0) best = Math.max(best, 1.1);
      else if (token.length > 1 && item.indexOf(token) > 0) best = Math.max(best, 0.6);
    });
    return best;
  }

  function latinScore(doc, query) {
    var token = query.token;
    var code = 0;
    for (var i = 0; i < doc.codes.length; i++) {
      if (doc.codes[i] === token) code = 150;
      else if (code < 40 && doc.codes[i].indexOf(token) === 0) code = 40;
    }
    var initials = Math.max(initialsScore(doc.iniT, token) * 70, initialsScore(doc.iniM, token) * 45);
    var pinyin = token.length < 2 ? 0 :
      Math.max(pinyinScore(doc.pyT, doc.pyTl, token) * 80, pinyinScore(doc.pyM, doc.pyMl, token) * 50);
    return Math.max(code, initials, pinyin) + textScore(doc, query) * 0.5;
  }

  function token(text) {
    return { token: text, grams: HAN.test(text) ? bigrams(text) : [text], latin: LATIN.test(text) };
  }

  /* An unspaced Chinese query that no entry contains as a whole (退款差评, 退款没收到) is cut into
   * the library's own words (longest match first); leftover single characters are dropped. */
  function segment(text) {
    if (!/^[\u3400-\u9fff]{3,}$/.test(text) || index.docs.some(function (d) { return d.all.indexOf(text) >= 0; })) {
      return [text];
    }
    var chars = Array.from(text);
    var words = [];
    for (var i = 0; i < chars.length;) {
      var length = Math.min(index.longest, chars.length - i);
      while (length > 1 && !index.words.has(chars.slice(i, i + length).join(""))) length--;
      if (length > 1) words.push(chars.slice(i, i + length).join(""));
      i += length;
    }
    return words.length > 1 ? words : [text];
  }

  function parseQuery(text) {
    var tokens = [];
    folded(text.normalize("NFKC").toLowerCase()).split(/[\s\p{P}\p{S}]+/u).filter(Boolean).forEach(function (part) {
      segment(part).forEach(function (word) { if (tokens.indexOf(word) < 0) tokens.push(word); });
    });
    return tokens.map(token);
  }

  /* Each word's scores are scaled to its best match and weighted by how rare the word is, so that
   * every word of a multi-word query brings its own best entries near the top. */
  function search(text) {
    var queries = parseQuery(text);
    var docs = index.docs;
    var totals = new Float64Array(docs.length);
    var matched = new Uint8Array(docs.length);
    queries.forEach(function (query) {
      var scores = new Float64Array(docs.length);
      var best = 0;
      var found = 0;
      for (var i = 0; i < docs.length; i++) {
        var score = query.latin ? latinScore(docs[i], query) : textScore(docs[i], query);
        if (score > 0) {
          scores[i] = score;
          best = Math.max(best, score);
          found++;
        }
      }
      var weight = queries.length > 1 ? Math.log(1 + docs.length / Math.max(found, 1)) / best : 1;
      for (var j = 0; j < docs.length; j++) {
        if (scores[j] > 0) {
          totals[j] += scores[j] * weight;
          matched[j]++;
        }
      }
    });
    var hits = [];
    for (var k = 0; k < docs.length; k++) {
      if (!totals[k]) continue;
      var doc = docs[k];
      var coverage = matched[k] / queries.length;
      var score = totals[k] * (0.5 + 0.5 * coverage) * KIND_FACTOR[doc.kind] * (doc.top ? 1.02 : 1);
      hits.push({ doc: doc, score: score, position: k });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return { hits: hits.slice(0, MAX_RESULTS), total: hits.length, queries: queries };
  }

  /* ---------- search results ---------- */

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

  function highlighted(text, queries, extra) {
    var lower = folded(text.toLowerCase());  /* folding keeps every index: one character for one */
    var marks = extra || [];
    queries.forEach(function (q) {
      var needles = q.latin ? [q.token] : [q.token].concat(q.grams);
      needles.forEach(function (needle) {
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
    var candidates = [].concat(doc.questions ? doc.questions.split(LIST) : [], [doc.scenario],
                               doc.replies ? doc.replies.split(LIST) : []);
    var needles = [];
    queries.forEach(function (q) { if (!q.latin) needles = needles.concat([q.token], q.grams); });
    for (var i = 0; i < candidates.length; i++) {
      var plain = norm(candidates[i]);
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
      copy.addEventListener("click", function () { copyReply(doc, queries); });
      item.appendChild(copy);
    }
    return item;
  }

  /* From the results: the reply whose shortcut code was typed, otherwise the first reply. */
  function copyReply(doc, queries) {
    var replies = doc.replies.split(LIST);
    var chosen = 0;
    queries.forEach(function (q) {
      var at = doc.replyCodes.indexOf(q.token);
      if (at >= 0) chosen = at;
    });
    copyFilled(replies[chosen]).catch(function () {});
  }

  function render(value) {
    selected = -1;
    list.textContent = "";
    if (!value.trim()) {
      setMeta("输入关键词开始搜索：退款、tuikuan、tk 或快捷编码");
      return;
    }
    var result = search(value);
    if (!result.total) {
      setMeta("没有找到相关话术。试试更短的关键词、拼音首字母或快捷编码");
      return;
    }
    setMeta("找到 " + result.total + " 条结果" + (result.total > MAX_RESULTS ? "，显示前 " + MAX_RESULTS + " 条" : ""));
    var fragment = document.createDocumentFragment();
    result.hits.forEach(function (hit) { fragment.appendChild(resultItem(hit, result.queries)); });
    list.appendChild(fragment);
    select(0);
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

  /* ---------- start ---------- */

  document.addEventListener("click", onCopyClick);
  document.addEventListener("input", onSlotInput);
  showSlots();
  initSearch();
  loadIndex(function () {});  /* a dynamic script: runs without holding up the page */
})();
