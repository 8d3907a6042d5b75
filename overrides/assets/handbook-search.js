/* 话术手册: the search engine, a pure unit: the raw index in (the object the index script built by
 * generator/site/search.py assigns), ranked hits out. No DOM and no globals but the namespace.
 *
 *   var prepared = Handbook.search.prepare(raw);          // or prepare(raw, config)
 *   var result = Handbook.search.query(prepared, "退款", { max: 30 });
 *   // result.hits: [{doc, score, position}] best first; result.total; result.queries: the parsed words
 *
 * The separators and the result kinds come from the config (Handbook.config unless one is passed):
 * the same constants the build wrote the index with. */
(function (Handbook) {
  "use strict";

  var WEIGHTS = { t: 10, q: 7, g: 6, s: 4, r: 2 };
  var KIND_WEIGHTS = { entry: 1, policy: 0.6, category: 0.5 };  /* by kind name; the index holds kind numbers */
  var HAN = /[\u3400-\u9fff]/;
  var HAN_RUN = /^[\u3400-\u9fff]{3,}$/;
  var LATIN = /^[a-z]+$/;
  var CODE = /^[a-z0-9]+$/; /* shortcut codes may hold digits (h1, 0520): found by code, text as usual */

  /* Traditional → Simplified on a zh-Hant site (index "fold"), applied to text and query; one
   * character for one, so folding keeps every index. */
  function fold(prepared, text) {
    var pairs = prepared.fold;
    return pairs.size ? Array.from(text, function (c) { return pairs.get(c) || c; }).join("") : text;
  }

  function normalize(prepared, text) {
    return fold(prepared, text.normalize("NFKC").toLowerCase().replace(/\s+/g, ""));
  }

  function prepare(raw, config) {
    config = config || Handbook.config;
    var item = config.itemSep;
    var list = config.listSep;
    var prepared = { fold: new Map(), itemSep: item, listSep: list, kindFactor: {} };
    Object.keys(KIND_WEIGHTS).forEach(function (name) {
      prepared.kindFactor[config.kinds[name]] = KIND_WEIGHTS[name];
    });
    var pairs = Array.from(raw.fold || "");
    for (var p = 0; p + 1 < pairs.length; p += 2) prepared.fold.set(pairs[p], pairs[p + 1]);
    function norm(text) { return normalize(prepared, text); }
    function items(text, sep) { return norm(text.split(sep).join(item)); }
    var f = {};
    raw.fields.forEach(function (name, i) { f[name] = i; });
    prepared.docs = raw.docs.map(function (d) {
      var doc = {
        url: d[f.url], title: d[f.title], where: d[f.where], scenario: d[f.scenario],
        questions: d[f.questions], replies: d[f.replies], kind: d[f.kind], top: d[f.top],
        replyCodes: d[f.codes].split(list),
        pyT: d[f.pyTitle], pyM: d[f.pyMore], iniT: d[f.iniTitle], iniM: d[f.iniMore],
        n: { t: norm(d[f.title]), q: items(d[f.questions], list), g: items(d[f.tags], " "),
             s: norm(d[f.scenario]), r: items(d[f.replies], list) }
      };
      doc.codes = doc.replyCodes.filter(Boolean);
      doc.pyTl = doc.pyT.toLowerCase();
      doc.pyMl = doc.pyM.toLowerCase();
      doc.all = [doc.n.t, doc.n.q, doc.n.g, doc.n.s, doc.n.r].join(item);
      return doc;
    });
    var words = raw.words ? fold(prepared, raw.words).split(item) : [];
    prepared.words = new Set(words);
    prepared.longest = words.reduce(function (n, w) { return Math.max(n, Array.from(w).length); }, 2);
    return prepared;
  }

  /* A doc's questions or replies, one string each (field "questions" or "replies"). */
  function list(prepared, doc, field) {
    return doc[field] ? doc[field].split(prepared.listSep) : [];
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
  function fieldScore(hay, query, item) {
    if (!hay) return 0;
    var at = hay.indexOf(query.token);
    if (at >= 0) {
      var itemStart = at === 0 || hay.charAt(at - 1) === item;
      var end = at + query.token.length;
      var wholeItem = itemStart && (end === hay.length || hay.charAt(end) === item);
      var again = hay.indexOf(query.token, end);
      return 1 + (itemStart ? 0.3 : 0) + (wholeItem ? 0.5 : 0) + (again >= 0 ? 0.3 : 0);
    }
    if (query.grams.length < 2) return 0;
    var found = 0;
    for (var i = 0; i < query.grams.length; i++) if (hay.indexOf(query.grams[i]) >= 0) found++;
    return found ? 0.8 * found / query.grams.length : 0;
  }

  function textScore(doc, query, item) {
    if (query.grams.every(function (g) { return doc.all.indexOf(g) < 0; })) return 0;
    var score = 0;
    for (var field in WEIGHTS) score += WEIGHTS[field] * fieldScore(doc.n[field], query, item);
    return score * 10;
  }

  /* Pinyin: the token must start at a syllable (capital letter in the index) and score more when
   * it ends on one too, i.e. whole syllables were typed. */
  function pinyinScore(original, lower, token, item) {
    var best = 0;
    var at = lower.indexOf(token);
    while (at >= 0 && best < 1.3) {
      var c = original.charAt(at);
      if (c !== c.toLowerCase() || at === 0) {
        var next = original.charAt(at + token.length);
        var wholeSyllables = next === "" || next === item || next !== next.toLowerCase();
        var itemStart = at === 0 || lower.charAt(at - 1) === item;
        best = Math.max(best, (wholeSyllables ? 1 : 0.7) + (itemStart ? 0.3 : 0));
      }
      at = lower.indexOf(token, at + 1);
    }
    return best;
  }

  function initialsScore(initials, token, item) {
    var best = 0;
    initials.split(item).forEach(function (each) {
      if (each === token) best = Math.max(best, 1.5);
      else if (each.indexOf(token) === 0) best = Math.max(best, 1.1);
      else if (token.length > 1 && each.indexOf(token) > 0) best = Math.max(best, 0.6);
    });
    return best;
  }

  function codeScore(doc, token) {
    var code = 0;
    for (var i = 0; i < doc.codes.length; i++) {
      if (doc.codes[i] === token) code = 150;
      else if (code < 40 && doc.codes[i].indexOf(token) === 0) code = 40;
    }
    return code;
  }

  function latinScore(doc, query, item) {
    var token = query.token;
    var code = codeScore(doc, token);
    var initials = Math.max(initialsScore(doc.iniT, token, item) * 70, initialsScore(doc.iniM, token, item) * 45);
    var pinyin = token.length < 2 ? 0 :
      Math.max(pinyinScore(doc.pyT, doc.pyTl, token, item) * 80, pinyinScore(doc.pyM, doc.pyMl, token, item) * 50);
    return Math.max(code, initials, pinyin) + textScore(doc, query, item) * 0.5;
  }

  function token(text) {
    return { token: text, grams: HAN.test(text) ? bigrams(text) : [text], latin: LATIN.test(text),
             code: CODE.test(text) };
  }

  /* An unspaced Chinese query that no entry contains as a whole (退款差评, 退款没收到) is cut into
   * the library's own words (longest match first); leftover single characters are dropped. */
  function segment(prepared, text) {
    if (!HAN_RUN.test(text) || prepared.docs.some(function (d) { return d.all.indexOf(text) >= 0; })) {
      return [text];
    }
    var chars = Array.from(text);
    var words = [];
    for (var i = 0; i < chars.length;) {
      var length = Math.min(prepared.longest, chars.length - i);
      while (length > 1 && !prepared.words.has(chars.slice(i, i + length).join(""))) length--;
      if (length > 1) words.push(chars.slice(i, i + length).join(""));
      i += length;
    }
    return words.length > 1 ? words : [text];
  }

  function parseQuery(prepared, text) {
    var tokens = [];
    fold(prepared, text.normalize("NFKC").toLowerCase()).split(/[\s\p{P}\p{S}]+/u).filter(Boolean).forEach(function (part) {
      segment(prepared, part).forEach(function (word) { if (tokens.indexOf(word) < 0) tokens.push(word); });
    });
    return tokens.map(token);
  }

  /* Each word's scores are scaled to its best match and weighted by how rare the word is, so that
   * every word of a multi-word query brings its own best entries near the top. `options.max`: how
   * many hits to return (all by default); `total` counts them all. */
  function query(prepared, text, options) {
    var max = options && options.max != null ? options.max : Infinity;
    var item = prepared.itemSep;
    var queries = parseQuery(prepared, text);
    var docs = prepared.docs;
    var totals = new Float64Array(docs.length);
    var matched = new Uint8Array(docs.length);
    queries.forEach(function (q) {
      var scores = new Float64Array(docs.length);
      var best = 0;
      var found = 0;
      for (var i = 0; i < docs.length; i++) {
        var score = q.latin ? latinScore(docs[i], q, item) :
          Math.max(q.code ? codeScore(docs[i], q.token) : 0, textScore(docs[i], q, item));
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
      var score = totals[k] * (0.5 + 0.5 * coverage) * prepared.kindFactor[doc.kind] * (doc.top ? 1.02 : 1);
      hits.push({ doc: doc, score: score, position: k });
    }
    hits.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return { hits: hits.slice(0, max), total: hits.length, queries: queries };
  }

  Handbook.search = { prepare: prepare, query: query, fold: fold, normalize: normalize, list: list };
})(window.Handbook = window.Handbook || {});
