/* 话术手册: the search engine, a pure unit: the raw index in (the object the index script built by
 * generator/site/search.py assigns), ranked hits out. No DOM and no globals but the namespace.
 *
 *   var prepared = Handbook.search.prepare(raw);          // or prepare(raw, config)
 *   Handbook.search.addPart(prepared, part);              // fields the build wrote in a later script
 *   Handbook.search.ready(prepared, "tk");                // false until the fields a query needs are there
 *   var result = Handbook.search.query(prepared, "退款", { max: 30 });
 *   // result.hits: [{doc, score, position}] best first; result.total; result.queries: the parsed
 *   // terms ({token, needles, latin}); result.close: false when nothing matches the query well
 *
 * A query is cut into terms (the library's words and the synonym words, longest first; Latin
 * runs; leftover characters). Each term weighs what it tells apart: its rarity in this library
 * (IDF over the postings the build wrote), a tenth of it for function words (的 了 请问 …). Every
 * term brings alternatives: its synonyms, the library word it sounds like (退宽 → 退款), for
 * pinyin the word within one typo (tuikuna → 退款). The postings score every document that holds
 * any term; the best CANDIDATES are then scored exactly, field by field, on their text; replies by
 * the postings' reply flag, so a Chinese query ranks before the reply texts have loaded.
 *
 * The separators and the result kinds come from the config (Handbook.config unless one is passed):
 * the same constants the build wrote the index with. */
(function (Handbook) {
  "use strict";

  var WEIGHTS = { t: 10, q: 7, g: 6, s: 4 };
  var REPLY_WEIGHT = 2;
  var LATIN_FIELDS = ["codes", "pyTitle", "pyMore", "iniTitle", "iniMore"];  /* what pinyin and codes are searched in */
  var ZONE_WEIGHTS = [0.2, 0.4, 0.7, 1];  /* postings zones: reply, scenario, question or tag, title */
  var KIND_WEIGHTS = { entry: 1, policy: 0.6, category: 0.5 };  /* by kind name; the index holds kind numbers */
  var SYNONYM = 0.6, HOMOPHONE = 0.85, TYPO = 0.5, CHARACTERS = 0.3, FUNCTION = 0.1, SINGLE = 0.5, SPLIT = 0.25;
  var CANDIDATES = 300;
  var CLOSE = 0.5;  /* the share of the query's weight the best hit must cover to count as a match */
  var HAN = /[\u3400-\u9fff]/;
  var LATIN = /^[a-z]+$/;
  var CODE = /^[a-z0-9]+$/; /* shortcut codes may hold digits (h1, 0520): found by code, text as usual */
  var UNIT = /[\u3400-\u9fff]|[a-z0-9]+/g;

  /* ---------- folding ---------- */

  /* One character for one (so folding keeps every index): Traditional → Simplified on a
   * Simplified site and the reverse on a zh-Hant one (index "fold"), applied to text and query. */
  function fold(prepared, text) {
    var pairs = prepared.fold;
    return pairs.size ? Array.from(text, function (c) { return pairs.get(c) || c; }).join("") : text;
  }

  function normalize(prepared, text) {
    return fold(prepared, text.normalize("NFKC").toLowerCase().replace(/\s+/g, ""));
  }

  /* ---------- the index ---------- */

  /* A field of every document in one string; where each document starts is found on first use. */
  function column(text, sep, n) {
    return { text: text, sep: sep, n: n, found: null, lower: null };
  }

  function starts(col) {
    if (col.found) return col.found;
    var found = new Int32Array(col.n + 1);
    var at = -1;
    for (var i = 1; i < col.n; i++) {
      at = col.text.indexOf(col.sep, at + 1);
      found[i] = at + 1;
    }
    found[col.n] = col.text.length + 1;
    col.found = found;
    return found;
  }

  function cell(col, i) {
    var at = starts(col);
    return col.text.slice(at[i], at[i + 1] - 1);
  }

  /* The document holding position `at` of a column's string. */
  function docAt(col, at) {
    var found = starts(col);
    var lo = 0, hi = found.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (found[mid] <= at) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function prepare(raw, config) {
    config = config || Handbook.config;
    var docSep = config.docSep;
    var n = raw.n;
    var prepared = { n: n, fold: new Map(), itemSep: config.itemSep, listSep: config.listSep, docSep: docSep,
                     kindFactor: {},
                     cache: new Map(), columns: {}, postings: new Map(), decoded: new Map() };
    Object.keys(KIND_WEIGHTS).forEach(function (name) {
      prepared.kindFactor[config.kinds[name]] = KIND_WEIGHTS[name];
    });
    var pairs = Array.from(raw.fold || "");
    for (var p = 0; p + 1 < pairs.length; p += 2) prepared.fold.set(pairs[p], pairs[p + 1]);
    addPart(prepared, raw);
    prepared.kind = raw.kind;
    prepared.top = raw.top;
    preparePostings(prepared, raw, config);
    prepareWords(prepared, raw, docSep);
    return prepared;
  }

  /* Fields of every document (the index's own, or a part loaded later): documents read before
   * are read again with them. */
  function addPart(prepared, part) {
    Object.keys(part.fields).forEach(function (name) {
      prepared.columns[name] = column(part.fields[name], prepared.docSep, prepared.n);
    });
    prepared.cache.clear();
  }

  /* Whether the fields the query is searched in are there: pinyin, initials and codes for Latin
   * letters and digits, otherwise the index alone. */
  function ready(prepared, text) {
    return !/[a-z0-9]/.test(text.normalize("NFKC").toLowerCase()) || latinLoaded(prepared);
  }

  function latinLoaded(prepared) {
    return LATIN_FIELDS.every(function (name) { return prepared.columns[name]; });
  }

  function preparePostings(prepared, raw, config) {
    var digits = new Int8Array(128).fill(-1);
    for (var d = 0; d < config.digits.length; d++) digits[config.digits.charCodeAt(d)] = d;
    prepared.digits = digits;
    prepared.shift = config.postingShift;
    prepared.stream = raw.postings;
    var keys = raw.keys ? raw.keys.split(config.docSep) : [];
    var at = 0;
    for (var k = 0; k < keys.length; k++) {
      var end = raw.postings.indexOf(config.postingEnd, at);
      prepared.postings.set(keys[k], [at, end]);
      at = end + 1;
    }
  }

  function prepareWords(prepared, raw, docSep) {
    var words = raw.words ? fold(prepared, raw.words).split(docSep) : [];
    var readings = raw.wordReadings ? raw.wordReadings.split(docSep) : [];
    prepared.words = new Set(words);
    prepared.longest = words.reduce(function (n, w) { return Math.max(n, Array.from(w).length); }, 2);
    prepared.byReading = new Map();
    words.forEach(function (word, i) {
      if (!readings[i]) return;
      var same = prepared.byReading.get(readings[i]);
      if (same) same.push(word); else prepared.byReading.set(readings[i], [word]);
    });
    prepared.readings = [];
    prepared.byReading.forEach(function (same, reading) { prepared.readings.push(reading); });
    prepared.charReading = new Map();
    (raw.readings || "").replace(/([a-z]+)([^a-z]+)/g, function (all, syllable, chars) {
      Array.from(chars).forEach(function (c) { prepared.charReading.set(c, syllable); });
      return "";
    });
    prepared.synonyms = new Map();
    (raw.synonyms ? fold(prepared, raw.synonyms).split(docSep) : []).forEach(function (line) {
      var group = line.split(" ");
      group.forEach(function (word) { prepared.synonyms.set(word, group); });
    });
    prepared.functionWords = new Set((raw.functionWords || "").split(" "));
  }

  /* Shortcut codes → their documents, and the codes sorted for prefixes (on the first Latin query). */
  function codesOf(prepared) {
    if (prepared.codes) return prepared.codes;
    var col = prepared.columns.codes;
    var codes = new Map();
    for (var i = 0; i < prepared.n; i++) {
      cell(col, i).split(prepared.listSep).forEach(function (code) {
        if (!code) return;
        var docs = codes.get(code);
        if (!docs) codes.set(code, [i]); else if (docs[docs.length - 1] !== i) docs.push(i);
      });
    }
    prepared.codes = codes;
    prepared.codeList = Array.from(codes.keys()).sort();
    return codes;
  }

  /* A key's documents, zones and in how many replies it is (2: two or more), decoded once:
   * varints of (gap << shift | replies << 2 | zone). */
  function postingsOf(prepared, key) {
    var done = prepared.decoded.get(key);
    if (done) return done;
    var range = prepared.postings.get(key);
    if (!range) return null;
    var stream = prepared.stream, digits = prepared.digits;
    var docs = [], zones = [], replies = [];
    var shift = prepared.shift;
    var doc = -1, value = 0;
    for (var i = range[0]; i < range[1]; i++) {
      var digit = digits[stream.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit < 32) {
        doc += value >> shift;
        docs.push(doc);
        zones.push(value & 3);
        replies.push((value >> 2) & 3);
        value = 0;
      }
    }
    done = { docs: Int32Array.from(docs), zones: Uint8Array.from(zones), replies: Uint8Array.from(replies) };
    prepared.decoded.set(key, done);
    return done;
  }

  function df(prepared, key) {
    var found = postingsOf(prepared, key);
    return found ? found.docs.length : 0;
  }

  /* ---------- documents, read on demand ---------- */

  /* "" for a field whose part has not loaded yet. */
  function field(prepared, name, i) {
    var col = prepared.columns[name];
    return col ? cell(col, i) : "";
  }

  function docOf(prepared, i) {
    var doc = prepared.cache.get(i);
    if (doc) return doc;
    var get = function (name) { return field(prepared, name, i); };
    var item = prepared.itemSep, list = prepared.listSep;
    var norm = function (text) { return normalize(prepared, text); };
    var items = function (text, sep) { return norm(text.split(sep).join(item)); };
    doc = {
      i: i, url: get("url"), title: get("title"), where: get("where"), scenario: get("scenario"),
      questions: get("questions"), replies: get("replies"), kind: prepared.kind.charCodeAt(i) - 48,
      top: prepared.top.charCodeAt(i) - 48, replyCodes: get("codes").split(list),
      pyT: get("pyTitle"), pyM: get("pyMore"), iniT: get("iniTitle"), iniM: get("iniMore")
    };
    doc.codes = doc.replyCodes.filter(Boolean);
    doc.pyTl = doc.pyT.toLowerCase();
    doc.pyMl = doc.pyM.toLowerCase();
    doc.n = { t: norm(doc.title), q: items(doc.questions, list), g: items(get("tags"), " "),
              s: norm(doc.scenario) };
    doc.all = [doc.n.t, doc.n.q, doc.n.g, doc.n.s].join(item);
    prepared.cache.set(i, doc);
    return doc;
  }

  /* A doc's questions or replies, one string each (field "questions" or "replies"). */
  function list(prepared, doc, name) {
    return doc[name] ? doc[name].split(prepared.listSep) : [];
  }

  /* ---------- terms ---------- */

  function units(text) {
    return text.match(UNIT) || [];
  }

  function pairKey(a, b) {
    return HAN.test(a) && HAN.test(b) ? a + b : a + " " + b;
  }

  /* The postings keys of a word: its pairs of adjacent units, or its one unit. */
  function gramsOf(word) {
    var u = units(word);
    if (u.length < 2) return u;
    var grams = [];
    for (var i = 0; i + 1 < u.length; i++) grams.push(pairKey(u[i], u[i + 1]));
    return grams;
  }

  /* Substrings the exact scoring and the highlighting look for (Han pairs as plain text). */
  function needlesOf(word) {
    var chars = Array.from(word);
    if (chars.length < 3) return [word];
    var found = [word];
    for (var i = 0; i + 1 < chars.length; i++) found.push(chars[i] + chars[i + 1]);
    return found;
  }

  function alternative(word, factor) {
    return { token: word, grams: gramsOf(word), needles: needlesOf(word), factor: factor };
  }

  function idf(prepared, count) {
    return Math.log(1 + prepared.n / Math.max(count, 1));
  }

  /* How many documents hold every key (an upper bound for a phrase: the keys may lie apart). */
  function together(prepared, keys) {
    var lists = keys.map(function (k) { return postingsOf(prepared, k); });
    if (lists.some(function (l) { return !l; })) return 0;
    lists.sort(function (a, b) { return a.docs.length - b.docs.length; });
    var common = lists[0].docs;
    for (var i = 1; i < lists.length && common.length; i++) {
      var other = lists[i].docs, kept = [], j = 0;
      for (var c = 0; c < common.length; c++) {
        while (j < other.length && other[j] < common[c]) j++;
        if (other[j] === common[c]) kept.push(common[c]);
      }
      common = kept;
    }
    return common.length;
  }

  function readingOf(prepared, word) {
    var syllables = [];
    for (var c of word) {
      var s = prepared.charReading.get(c);
      if (!s) return "";
      syllables.push(s);
    }
    return syllables.join("");
  }

  /* At most `limit` edits (insert, delete, substitute, swap neighbours) between a and b? */
  function withinEdits(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return false;
    var previous = null, row = [], before = [];
    for (var j = 0; j <= b.length; j++) row[j] = j;
    for (var i = 1; i <= a.length; i++) {
      before = previous;
      previous = row;
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        row[j] = value;
        best = Math.min(best, value);
      }
      if (best > limit) return false;
    }
    return row[b.length] <= limit;
  }

  /* Library words the term may have meant: its synonyms; for Chinese the word that sounds the same
   * (a homophone typo); for pinyin the words within one typo of it. */
  function alternatives(prepared, term) {
    var alts = [];
    var seen = new Set([term.token]);
    function add(word, factor) {
      if (!seen.has(word)) { seen.add(word); alts.push(alternative(word, factor)); }
    }
    (prepared.synonyms.get(term.token) || []).forEach(function (w) { add(w, SYNONYM); });
    if (!term.latin && term.units.length > 1 && !prepared.words.has(term.token)) {
      homophones(prepared, term.token).forEach(function (w) { add(w, HOMOPHONE); });
    }
    return alts;
  }

  /* For pinyin that matched nothing as typed: the library words whose reading is one typo away
   * (two for long ones): tuikuna, fapioa → 退款, 发票. */
  function typoAlternatives(prepared, term) {
    var limit = term.token.length >= 8 ? 2 : 1;
    var seen = new Set(term.alts.map(function (a) { return a.token; }));
    prepared.readings.forEach(function (reading) {
      if (!withinEdits(term.token, reading, limit)) return;
      prepared.byReading.get(reading).forEach(function (word) {
        if (seen.has(word)) return;
        seen.add(word);
        var alt = alternative(word, TYPO);
        term.alts.push(alt);
        term.needles = term.needles.concat(alt.needles);
      });
    });
  }

  function makeTerm(prepared, word) {
    var term = alternative(word, 1);
    term.units = units(word);
    term.latin = LATIN.test(word);
    term.code = CODE.test(word);
    term.strong = term.latin || term.code || term.units.length > 1;
    term.alts = alternatives(prepared, term);
    var count = term.units.length > 1 ? together(prepared, term.grams) : df(prepared, word);
    term.alts.forEach(function (a) { count = Math.max(count, together(prepared, a.grams)); });
    term.found = count > 0;
    term.filler = prepared.functionWords.has(word);
    term.weight = idf(prepared, count) * (term.filler ? FUNCTION : term.strong ? 1 : SINGLE);
    term.needles = term.alts.reduce(function (all, a) { return all.concat(a.needles); }, term.needles.slice());
    return term;
  }

  /* An unspaced Chinese part that no document holds as a whole (退款差评, 东西坏了怎么办) is cut into
   * the library's words and the synonym words: the cut leaving fewest characters over, then the one
   * whose words more documents hold (可以开发票吗 is 开 + 发票, not 开发 + 票). Characters left
   * over stay together as runs. */
  function segment(prepared, part) {
    var u = units(part);
    if (u.length < 3 || !HAN.test(part) || together(prepared, gramsOf(part))) return [part];
    var cost = [0], from = [0], held = [0];
    for (var end = 1; end <= u.length; end++) {
      cost[end] = cost[end - 1] + 2;  /* one unit left over */
      from[end] = end - 1;
      held[end] = held[end - 1];
      for (var length = 2; length <= Math.min(prepared.longest, end); length++) {
        var word = u.slice(end - length, end).join("");
        var better = cost[end - length] + 1 <= cost[end] && isWord(prepared, word);
        var docs = better ? held[end - length] + Math.log(1 + together(prepared, gramsOf(word))) : 0;
        if (better && (cost[end - length] + 1 < cost[end] || docs > held[end])) {
          cost[end] = cost[end - length] + 1;
          from[end] = end - length;
          held[end] = docs;
        }
      }
    }
    var pieces = [];
    for (var at = u.length; at > 0; at = from[at]) pieces.unshift(u.slice(from[at], at).join(""));
    var words = [], rest = "";
    pieces.forEach(function (piece) {
      if (units(piece).length > 1 || prepared.functionWords.has(piece)) {
        if (rest) words.push(rest);
        rest = "";
        words.push(piece);
      } else {
        rest += piece;
      }
    });
    if (rest) words.push(rest);
    return words;
  }

  /* A word of the library, a synonym word, a function word, or a typo of a library word. */
  function isWord(prepared, text) {
    return prepared.words.has(text) || prepared.synonyms.has(text) || prepared.functionWords.has(text) ||
      homophones(prepared, text).length > 0;
  }

  /* Library words that sound like `text` and share a character with it: a fast typist picks the
   * wrong one of the input method's candidates for one character (退宽 for 退款, 发漂 for 发票),
   * rarely for all of them (种情 is not 中请), and the character kept says something. */
  function homophones(prepared, text) {
    var same = prepared.byReading.get(readingOf(prepared, text)) || [];
    var chars = Array.from(text);
    return same.filter(function (word) {  /* sharing only 的 or 了 makes 家的 no typo of 假的 */
      return word !== text && Array.from(word).some(function (c, i) {
        return chars[i] === c && !prepared.functionWords.has(c);
      });
    });
  }

  function parseQuery(prepared, text) {
    var words = [];
    fold(prepared, text.normalize("NFKC").toLowerCase()).split(/[\s\p{P}\p{S}]+/u).filter(Boolean).forEach(function (part) {
      segment(prepared, part).forEach(function (word) { if (words.indexOf(word) < 0) words.push(word); });
    });
    var terms = [];
    words.forEach(function (word) {
      var term = makeTerm(prepared, word);
      /* a run the library does not hold as a whole and no alternative stands for: its characters */
      if (!term.found && !term.filler && !term.latin && !term.code && term.units.length > 1) {
        term.units.forEach(function (unit) {  /* an unknown word's characters say little each */
          var part = makeTerm(prepared, unit);
          part.weight *= SPLIT / SINGLE;
          terms.push(part);
        });
      } else {
        terms.push(term);
      }
    });
    var seen = new Set();
    return terms.filter(function (term) { return !seen.has(term.token) && seen.add(term.token); });
  }

  /* ---------- scoring from the postings ---------- */

  /* Per document: how well an alternative matches (best zone of each of its keys, averaged) and
   * which share of its keys it holds; then the term's best alternative. */
  function termScores(prepared, term, scratch) {
    var score = scratch.score, share = scratch.share, touched = [];
    [term].concat(term.alts).forEach(function (alt) {
      var altScore = scratch.altScore, altShare = scratch.altShare, seen = [];
      var keys = alt.grams, weight = alt.factor / keys.length;
      var groups = [[keys, weight, 1 / keys.length]];
      if (keys.length > 0 && units(alt.token).length > 1 && !keys.every(function (k) { return df(prepared, k); })) {
        var u = units(alt.token);  /* a pair is missing: the characters count a little */
        groups.push([u, alt.factor * CHARACTERS / u.length, CHARACTERS / u.length]);
      }
      groups.forEach(function (group) {
        group[0].forEach(function (key) {
          var found = postingsOf(prepared, key);
          if (!found) return;
          for (var i = 0; i < found.docs.length; i++) {
            var doc = found.docs[i];
            if (altShare[doc] === 0) seen.push(doc);
            altScore[doc] += group[1] * ZONE_WEIGHTS[found.zones[i]];
            altShare[doc] += group[2] * alt.factor;
          }
        });
      });
      for (var s = 0; s < seen.length; s++) {
        var doc = seen[s];
        if (share[doc] === 0 && score[doc] === 0) touched.push(doc);
        score[doc] = Math.max(score[doc], altScore[doc]);
        share[doc] = Math.max(share[doc], Math.min(1, altShare[doc]));
        altScore[doc] = 0;
        altShare[doc] = 0;
      }
    });
    return touched;
  }

  /* Pinyin, initials and codes over every document in one pass of the columns. */
  function latinScores(prepared, term, into) {
    var token = term.token;
    var code = codesOf(prepared).get(token);
    if (code) code.forEach(function (i) { raise(into, i, 150); });
    var from = lowerBound(prepared.codeList, token);
    for (var c = from; c < prepared.codeList.length && prepared.codeList[c].indexOf(token) === 0; c++) {
      prepared.codes.get(prepared.codeList[c]).forEach(function (i) { raise(into, i, 40); });
    }
    if (!term.latin) return;
    scanInitials(prepared, prepared.columns.iniTitle, token, 70, into);
    scanInitials(prepared, prepared.columns.iniMore, token, 45, into);
    if (token.length < 2) return;
    scanPinyin(prepared, prepared.columns.pyTitle, token, 80, into);
    scanPinyin(prepared, prepared.columns.pyMore, token, 50, into);
  }

  function raise(map, key, value) {
    if (!(map.get(key) >= value)) map.set(key, value);
  }

  function lowerBound(sorted, value) {
    var lo = 0, hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Initials: a whole item (1.5), an item's start (1.1), inside an item (0.6, two letters or more). */
  function scanInitials(prepared, col, token, weight, into) {
    var text = col.text;
    for (var at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
      var start = at === 0 || isEdge(prepared, text.charAt(at - 1));
      var end = isEdge(prepared, text.charAt(at + token.length));
      var score = start ? (end ? 1.5 : 1.1) : token.length > 1 ? 0.6 : 0;
      if (score) raise(into, docAt(col, at), score * weight);
    }
  }

  /* The end of an item or a document in a column ("" past the last one). */
  function isEdge(prepared, ch) {
    return ch === "" || ch === prepared.itemSep || ch === prepared.docSep;
  }

  /* Pinyin: the token must start at a syllable (a capital letter in the index) and scores more when
   * it ends on one too (whole syllables typed) and when it starts an item. */
  function scanPinyin(prepared, col, token, weight, into) {
    if (!col.lower) col.lower = col.text.toLowerCase();
    var text = col.text, lower = col.lower;
    for (var at = lower.indexOf(token); at >= 0; at = lower.indexOf(token, at + 1)) {
      var c = text.charAt(at);
      var itemStart = at === 0 || isEdge(prepared, text.charAt(at - 1));
      if (c === c.toLowerCase() && !itemStart) continue;
      var next = text.charAt(at + token.length);
      var whole = isEdge(prepared, next) || next !== next.toLowerCase();
      raise(into, docAt(col, at), ((whole ? 1 : 0.7) + (itemStart ? 0.3 : 0)) * weight);
    }
  }

  /* ---------- exact scoring of the candidates ---------- */

  /* Whole-substring matches count fully, otherwise the share of the word's pairs found. */
  function fieldScore(hay, alt, item) {
    if (!hay) return 0;
    var at = hay.indexOf(alt.token);
    if (at >= 0) {
      var itemStart = at === 0 || hay.charAt(at - 1) === item;
      var end = at + alt.token.length;
      var wholeItem = itemStart && (end === hay.length || hay.charAt(end) === item);
      var again = hay.indexOf(alt.token, end);
      return 1 + (itemStart ? 0.3 : 0) + (wholeItem ? 0.5 : 0) + (again >= 0 ? 0.3 : 0);
    }
    var pairs = alt.needles.length - 1;
    if (pairs < 2) return 0;
    var found = 0;
    for (var i = 1; i < alt.needles.length; i++) if (hay.indexOf(alt.needles[i]) >= 0) found++;
    return found ? 0.8 * found / pairs : 0;
  }

  /* In how many of document i's replies the key is, 2 meaning two or more (binary search of its
   * postings). */
  function repliesWith(prepared, key, i) {
    var found = postingsOf(prepared, key);
    if (!found) return 0;
    var docs = found.docs, lo = 0, hi = docs.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (docs[mid] === i) return found.replies[mid];
      if (docs[mid] < i) lo = mid + 1; else hi = mid - 1;
    }
    return 0;
  }

  /* The replies as fieldScore scores a field, from the postings: every key of the word in a reply
   * counts as the word found (more in two replies), otherwise the share of its pairs found. */
  function replyScore(prepared, i, alt) {
    var keys = alt.grams;
    var counts = keys.map(function (key) { return repliesWith(prepared, key, i); });
    var found = counts.filter(Boolean).length;
    if (found && found === keys.length) return counts.every(function (c) { return c > 1; }) ? 1.3 : 1;
    return keys.length > 1 && found ? 0.8 * found / keys.length : 0;
  }

  function textScore(prepared, doc, alt) {
    var score = REPLY_WEIGHT * replyScore(prepared, doc.i, alt);
    for (var name in WEIGHTS) score += WEIGHTS[name] * fieldScore(doc.n[name], alt, prepared.itemSep);
    return score * 10 * alt.factor;
  }

  /* The term as typed, or its best alternative, plus a quarter of the other: a document that says
   * both 坏了 and 质量问题 answers 东西坏了 better than one that says only one of them. */
  function exactScore(prepared, doc, term, latin) {
    var typed = textScore(prepared, doc, term) * (term.latin ? 0.5 : 1) + (latin || 0);
    var other = 0;
    term.alts.forEach(function (alt) { other = Math.max(other, textScore(prepared, doc, alt)); });
    return Math.max(typed, other) + 0.25 * Math.min(typed, other);
  }

  /* ---------- the query ---------- */

  function scratchArrays(n) {
    return { score: new Float64Array(n), share: new Float64Array(n), altScore: new Float64Array(n),
             altShare: new Float64Array(n) };
  }

  /* `options.max`: how many hits to return (all by default); `total` counts every document that
   * matched at all. Terms are scaled to their best match among the candidates and weighted, so every
   * informative word of a sentence brings its entries up, and covering more of them ranks higher. */
  function query(prepared, text, options) {
    var max = options && options.max != null ? options.max : Infinity;
    var terms = parseQuery(prepared, text);
    var n = prepared.n;
    var rough = new Float64Array(n), cover = new Float64Array(n), any = [];
    var scratch = scratchArrays(n);
    var totalWeight = 0;
    var latin = terms.map(function (term) {
      if (term.found) totalWeight += term.weight;  /* what the library cannot hold does not count against it */
      var found = new Map();
      if ((term.code || term.latin) && latinLoaded(prepared)) latinScores(prepared, term, found);
      if (term.latin && !found.size && term.token.length >= 4) typoAlternatives(prepared, term);
      /* a function word next to informative ones would only add its many documents to the pile */
      var touched = term.filler && terms.length > 1 ? [] : termScores(prepared, term, scratch);
      touched.forEach(function (d) {
        var value = scratch.score[d];
        if (!rough[d] && !cover[d]) any.push(d);
        rough[d] += term.weight * value;
        cover[d] += term.weight * scratch.share[d];
        scratch.score[d] = 0;
        scratch.share[d] = 0;
      });
      found.forEach(function (value, d) {
        if (!rough[d] && !cover[d]) any.push(d);
        rough[d] += term.weight * value / 100;
        cover[d] += term.weight;
      });
      return found;
    });
    any.sort(function (a, b) { return rough[b] - rough[a] || a - b; });
    var candidates = any.slice(0, CANDIDATES);
    var exact = terms.map(function (term, t) {
      var scores = candidates.map(function (d) { return exactScore(prepared, docOf(prepared, d), term, latin[t].get(d)); });
      var best = Math.max.apply(null, scores.concat([0]));
      return { scores: scores, best: best };
    });
    var hits = candidates.map(function (d, c) {
      var doc = docOf(prepared, d);
      var sum = 0;
      terms.forEach(function (term, t) {
        if (exact[t].best) sum += term.weight * exact[t].scores[c] / exact[t].best;
      });
      var coverage = totalWeight ? Math.min(1, cover[d] / totalWeight) : 0;
      var score = sum * (0.5 + 0.5 * coverage) * prepared.kindFactor[doc.kind] * (doc.top ? 1.02 : 1);
      return { doc: doc, score: score, position: d, coverage: coverage };
    }).filter(function (hit) { return hit.score > 0; });
    hits.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    return { hits: hits.slice(0, max), total: Math.max(hits.length, any.length), queries: terms,
             close: isClose(prepared, terms, hits[0]) };
  }

  /* A match, not just the closest entries: the best hit covers most of the query's weight and
   * holds at least one of its informative words whole, or every pair of a longer one (a single
   * character alone is not enough). */
  function isClose(prepared, terms, best) {
    if (!best) return false;
    if (best.coverage < CLOSE) return false;
    var doc = best.doc;
    return terms.some(function (term) {
      return (term.strong || terms.length === 1) && [term].concat(term.alts).some(function (alt) {
        return term.latin || term.code || doc.all.indexOf(alt.token) >= 0 || replyScore(prepared, doc.i, alt) >= 1 ||
          (alt.needles.length > 2 && alt.needles.slice(1).every(function (pair) {
            return doc.all.indexOf(pair) >= 0 || repliesWith(prepared, pair, doc.i) > 0;
          }));
      });
    });
  }

  Handbook.search = { prepare: prepare, addPart: addPart, ready: ready, query: query, fold: fold, normalize: normalize, list: list };
})(window.Handbook = window.Handbook || {});
