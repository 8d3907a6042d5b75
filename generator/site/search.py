"""The search index, built once at build time and searched by `overrides/assets/handbook-search.js`.

The index holds, besides the documents' own text (one string per field, documents separated by
DOC_SEP, so the browser loads a few long strings instead of a million small ones):

- postings: for every search unit (a Han character or a run of Latin letters and digits) and
  every pair of adjacent units, the documents holding it and the best field it is in. The
  browser ranks a customer's sentence from them without reading every document;
- the library's words with their pinyin (unspaced queries are cut into them, and a pinyin typo
  or a homophone typo is matched to the word it was meant to be), a reading table for the common
  characters, the synonym groups and the function words (`generator.text.synonyms`).

The pinyin is computed here with the phrase-aware reader (`generator.text.pinyin`), so 重新
reads chongxin and 银行 yinhang. The index is written as a script (not JSON fetched by a
worker), so the site searches when opened from file:// too. Pinyin is never shown.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import cache, lru_cache

import numpy as np

from generator.model import Entry, Library
from generator.reuse import Made, fresh
from generator.site.layout import category_page, entry_pages, policy_page, url_of
from generator.text.pinyin import HAN, read_character, word_syllables, words
from generator.text.placeholders import SLOT
from generator.text.synonyms import function_words, search_synonyms

INDEX_PATH = "search/handbook-index.js"
# The fields a Chinese query does not wait for, loaded after the index in this order: a Latin query
# (pinyin, initials, codes) waits for the first part only; the reply texts come last, as a Chinese
# query ranks replies from the postings and shows a reply only once it is there.
INDEX_PARTS = {"search/handbook-index-pinyin.js": ("pyTitle", "pyMore", "iniTitle", "iniMore", "codes"),
               "search/handbook-index-replies.js": ("replies",)}
ITEM_SEP = "|"
LIST_SEP = "\x1e"  # between questions / replies: a reply may itself hold line breaks
DOC_SEP = "\x1d"  # between documents in a field's string, and between the items of a word list
KIND_ENTRY, KIND_POLICY, KIND_CATEGORY = 0, 1, 2
TEXT_FIELDS = ("url", "title", "where", "scenario", "questions", "tags", "codes", "replies", "pyTitle", "pyMore",
               "iniTitle", "iniMore")
# Fields in the order of their postings zone number: a unit found in the title (3) beats one found
# in a question or a tag (2), in the scenario (1), in a reply (0). Whatever its best zone, a posting
# also says in how many replies the key is (0, 1, 2 for two or more): replies are scored without
# their text.
ZONES = ("replies", "scenario", "questions", "title")
REPLY_SHIFT = 2
POSTING_SHIFT = 4
ZONE_MASK = (1 << POSTING_SHIFT) - 1
U64 = np.uint64
SHORT_ITEM = 16  # characters: items up to this long have their keys remembered (see _Keys)
UNIT = re.compile(r"[\u3400-\u9fff]|[a-z0-9]+")
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"  # base 64: 5 bits and a flag
POSTING_END = ","


def page_config(per_customer: Collection[str] = ()) -> dict:
    """`window.Handbook.config` of every page (rendered by overrides/main.html): the constants the
    scripts share with the build, so they are written down once, here and in generator.text.placeholders;
    and the placeholders whose values belong to one customer (asked for at copy time, never kept)."""
    return {"slot": SLOT.pattern, "listSep": LIST_SEP, "itemSep": ITEM_SEP, "docSep": DOC_SEP,
            "kinds": {"entry": KIND_ENTRY, "policy": KIND_POLICY, "category": KIND_CATEGORY}, "index": INDEX_PATH,
            "indexParts": list(INDEX_PARTS), "digits": DIGITS, "postingEnd": POSTING_END,
            "postingShift": POSTING_SHIFT, "perCustomer": sorted(per_customer)}


# ---------- pinyin ----------

@lru_cache(maxsize=65536)
def _word_reading(word: str) -> tuple[str, ...]:
    """The syllables of one word (words repeat a lot across a library: read each once)."""
    return tuple(s for part in word_syllables(word) for s in part)


@lru_cache(maxsize=65536)
def _reading(text: str) -> tuple[str, str]:
    """(syllables with capitalised starts, initials): 退款没到账 → (TuiKuanMeiDaoZhang, tkmdz)."""
    syllables = [s for word in words(text) for s in _word_reading(word)]
    return "".join(s[:1].upper() + s[1:] for s in syllables), "".join(s[0] for s in syllables)


def pinyin_fields(items: list[str]) -> tuple[str, str]:
    readings = [_reading(item) for item in items]
    return ITEM_SEP.join(r[0] for r in readings), ITEM_SEP.join(r[1] for r in readings)


# ---------- documents ----------

def _entry_doc(entry: Entry, page: str, where: str) -> tuple[dict[str, str], int, int]:
    py_title, ini_title = pinyin_fields([entry.title])
    py_more, ini_more = pinyin_fields([*entry.questions, *entry.tags])
    fields = {
        "url": url_of(page) + "#" + entry.id, "title": entry.title, "where": where,
        "scenario": entry.scenario, "questions": LIST_SEP.join(entry.questions), "tags": " ".join(entry.tags),
        "codes": LIST_SEP.join(r.shortcut or "" for r in entry.approved),  # one per reply, in step with replies
        "replies": LIST_SEP.join(r.text for r in entry.approved),
        "pyTitle": py_title, "pyMore": py_more, "iniTitle": ini_title, "iniMore": ini_more,
    }
    return fields, KIND_ENTRY, int(entry.top)


def _page_doc(url: str, title: str, where: str, text: str, kind: int) -> tuple[dict[str, str], int, int]:
    py_title, ini_title = pinyin_fields([title])
    fields = dict.fromkeys(TEXT_FIELDS, "") | {"url": url, "title": title, "where": where, "scenario": text,
                                                "pyTitle": py_title, "iniTitle": ini_title}
    return fields, kind, 0


def _documents(library: Library, label: Callable[[str], str]) -> list[tuple[dict[str, str], int, int]]:
    titles = {c.id: c.title for c in library.categories}
    pages = entry_pages(library)
    docs = [_entry_doc(e, pages[e.id], titles.get(e.category, e.category)) for e in library.entries]
    docs += [_page_doc(url_of(policy_page(p.id)), p.title, label("政策依据"), p.summary, KIND_POLICY)
             for p in library.policies]
    docs += [_page_doc(url_of(category_page(c.id)), c.title, label("分类"), c.description, KIND_CATEGORY)
             for c in library.categories]
    return docs


# ---------- postings ----------

class _Keys:
    """Search keys (units and adjacent pairs of units) numbered in order of first sight; the keys
    of each distinct short item of text are worked out once (tags, names and short questions repeat
    a lot across a library; replies seldom do, and keeping theirs would double the index's memory)."""

    def __init__(self, fold: str) -> None:
        self.fold = _fold_table(fold)
        self.ids: dict[str, int] = {}
        self._items: dict[str, tuple[int, ...]] = {}
        self.generation = 0  # counts the times the keys were started over

    def refold(self, fold: str, docs: Sequence[dict[str, str]]) -> None:
        """The preview's next fold (an edit brought characters new to the library): the keys worked
        out so far stay unless a character they may have been made from now folds differently. Those
        are the characters of the documents (a document taken over is one of them) and of the items
        remembered; they are gathered only when the fold changed, so a build without one pays nothing."""
        table = _fold_table(fold)
        changed = {chr(c) for c in table.keys() | self.fold.keys() if table.get(c) != self.fold.get(c)}
        self.fold = table
        if changed and not changed.isdisjoint(self._characters(docs)):
            self.ids, self._items = {}, {}
            self.generation += 1

    def _characters(self, docs: Sequence[dict[str, str]]) -> set[str]:
        texts = [*(item for fields in docs for _, items in _zone_items(fields) for item in items), *self._items]
        return set().union(*(unicodedata.normalize("NFKC", text).lower() for text in texts))

    def of_item(self, text: str) -> tuple[int, ...]:
        found = self._items.get(text)
        if found is None:
            found = tuple(self.ids.setdefault(k, len(self.ids)) for k in self._keys(text))
            if len(text) <= SHORT_ITEM:
                self._items[text] = found
        return found

    def _keys(self, text: str) -> dict[str, None]:
        plain = unicodedata.normalize("NFKC", text).lower().translate(self.fold)
        keys: dict[str, None] = {}
        last = None
        for match in UNIT.finditer(plain):
            unit = match.group()
            keys[unit] = None
            if last is not None and last.end() == match.start():
                keys[_pair(last.group(), unit)] = None
            last = match
        return keys


def _fold_table(fold: str) -> dict[int, str]:
    return {ord(a): b for a, b in zip(fold[::2], fold[1::2], strict=True)}


def _pair(first: str, second: str) -> str:
    """Two Han characters stand side by side; a pair with a Latin or digit run is spaced, so it
    cannot be taken for a longer run."""
    return first + second if HAN.fullmatch(first) and HAN.fullmatch(second) else f"{first} {second}"


def _zone_items(fields: dict[str, str]) -> Iterable[tuple[int, list[str]]]:
    for zone, name in enumerate(ZONES):
        items = fields[name].split(LIST_SEP) if name != "questions" else [*fields[name].split(LIST_SEP),
                                                                          *fields["tags"].split(" ")]
        yield zone, [i for i in items if i]


def _postings(docs: Sequence[dict[str, str]], fold: str, made: Made = fresh) -> tuple[list[str], str]:
    """(keys, postings): for each key, its documents as base-64 varints of (gap << 4 | replies << 2
    | zone): in how many replies it is (two meaning two or more) and the best zone it is in, ended by
    POSTING_END. Built with numpy: 100,000 documents give tens of millions of postings. The preview
    takes each unchanged document's keys over from its last rebuild (`made`), with the key numbers,
    also when an edit changed the fold, unless a character already seen folds differently."""
    keys = made("search:keys", None, lambda: _Keys(fold))  # the preview keeps its keys across rebuilds
    keys.refold(fold, docs)
    per_doc = [made(f"search:{fields['url']}", (keys, keys.generation, *fields.values()),
                    lambda: _doc_keys(keys, fields)) for fields in docs]  # noqa: B023
    doc_bits = max(1, len(docs).bit_length())
    packed = _packed_postings(per_doc, doc_bits)
    del per_doc  # a one-off build frees the documents' arrays here
    packed.sort()  # by key, then document (one array sorted in place: no index arrays of this size)
    zones = np.empty(len(packed), np.uint8)  # written in place: no uint64 copy of all postings
    np.bitwise_and(packed, U64(ZONE_MASK), out=zones, casting="unsafe")
    doc = np.empty(len(packed), np.uint32)
    np.right_shift(packed, U64(POSTING_SHIFT), out=doc, casting="unsafe")  # keeps the low 32 bits
    doc &= np.uint32((1 << doc_bits) - 1)
    packed >>= U64(doc_bits + POSTING_SHIFT)  # now the key numbers
    first = np.ones(len(packed), dtype=bool)
    first[1:] = packed[1:] != packed[:-1]
    key_numbers = packed[first].tolist()
    del packed
    gaps = np.empty_like(doc)  # a key's first document is written as its number + 1
    gaps[1:] = doc[1:] - doc[:-1]
    gaps[first] = doc[first] + 1
    del doc
    gaps <<= np.uint32(POSTING_SHIFT)
    gaps |= zones
    names = list(keys.ids)  # in number order; a key of an edited-away text has no postings and is left out
    return [names[k] for k in key_numbers], _varints(gaps, first)


def _packed_postings(per_doc: Sequence[tuple[np.ndarray, np.ndarray]], doc_bits: int) -> np.ndarray:
    """Every posting as one number: key << (doc_bits + 4) | document << 4 | zone value."""
    if not per_doc:
        return np.empty(0, dtype=U64)
    packed = np.concatenate([ids for ids, _ in per_doc], dtype=U64)
    packed <<= U64(doc_bits + POSTING_SHIFT)
    doc = np.repeat(np.arange(len(per_doc), dtype=np.uint32), [len(ids) for ids, _ in per_doc])
    doc <<= np.uint32(POSTING_SHIFT)
    packed |= doc
    del doc
    packed |= np.concatenate([zones for _, zones in per_doc])
    return packed


def _doc_keys(keys: _Keys, fields: dict[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """One document's key numbers and, for each, its zone value (best zone | replies << REPLY_SHIFT)."""
    best: dict[int, int] = {}
    replies: Counter[int] = Counter()
    for zone, items in _zone_items(fields):  # ascending zones: the best one is written last
        for item in items:
            found = keys.of_item(item)
            best.update(dict.fromkeys(found, zone))
            if zone == 0:
                replies.update(found)
    zones = [zone | min(replies[key], 2) << REPLY_SHIFT for key, zone in best.items()]
    return np.fromiter(best, dtype=np.uint32, count=len(best)), np.asarray(zones, dtype=np.uint8)


def _varints(values: np.ndarray, starts: np.ndarray) -> str:
    """Big-endian base-64 varints (5 bits a digit; digits with the 32 flag continue), and
    POSTING_END before each run that `starts` marks (and at the very end)."""
    if not len(values):
        return ""
    lengths = np.ones(len(values), dtype=np.uint8)
    for bits in (5, 10, 15, 20, 25, 30):
        lengths += values >= (1 << bits)
    ends = np.roll(starts, -1)
    ends[-1] = True
    widths = lengths + ends  # a run's last value is followed by its end mark
    offsets = np.cumsum(widths, dtype=np.int64)
    offsets -= widths
    del widths
    out = np.empty(int(offsets[-1]) + int(lengths[-1]) + 1, dtype=np.uint8)
    alphabet = np.frombuffer(DIGITS.encode(), dtype=np.uint8)
    for k in range(int(lengths.max())):
        has = lengths > k
        left = lengths[has] - np.uint8(1 + k)  # digits after this one
        digit = (values[has] >> (np.uint32(5) * left)) & np.uint32(31)
        digit[left > 0] |= np.uint32(32)
        out[offsets[has] + k] = alphabet[digit]
    out[(offsets + lengths)[ends]] = ord(POSTING_END)
    return out.tobytes().decode("ascii")


# ---------- words and readings ----------

def vocabulary(library: Library, extra: Iterable[str] = (), made: Made = fresh) -> list[str]:
    """The library's own words (titles, phrasings, tags) and the synonym words: the browser cuts
    unspaced queries with them. `made`: the preview takes an unchanged entry's words over."""
    found = set().union(*(made(f"words:{e.id}", (e.title, e.questions, e.tags), lambda: _entry_words(e))  # noqa: B023
                          for e in library.entries))
    return sorted(found | {w for w in extra if len(w) > 1})


def _entry_words(entry: Entry) -> frozenset[str]:
    return frozenset(w for text in (entry.title, *entry.questions, *entry.tags) for w in words(text)
                     if len(w) > 1 and HAN.fullmatch(w))


def _word_readings(found: Sequence[str]) -> str:
    return DOC_SEP.join("".join(_word_reading(w)) if HAN.fullmatch(w) else "" for w in found)


@cache
def _common_characters() -> str:
    """The 3,755 characters of GB 2312's first level: the ones a customer's pinyin input method
    offers first, so the ones a homophone typo is made of."""
    return "".join(bytes([high, low]).decode("gb2312") for high in range(0xB0, 0xD8) for low in range(0xA1, 0xFF)
                   if (high, low) <= (0xD7, 0xF9))


def character_readings(chars: Iterable[str]) -> str:
    """Each syllable followed by the characters read so: kuan款宽…tui退推… (for homophone typos)."""
    by_syllable: dict[str, list[str]] = {}
    for char in sorted(set(chars)):
        syllable = read_character(char)
        if syllable:
            by_syllable.setdefault(syllable, []).append(char)
    return "".join(s + "".join(c) for s, c in sorted(by_syllable.items()))


# ---------- the index ----------

def build_index(library: Library, fold: str = "", label: Callable[[str], str] = str, made: Made = fresh) -> dict:
    """`fold`: pairs of characters (shown, searched as) that the browser folds in both the text and
    the query (a Traditional Chinese site also answers Simplified queries, a Simplified one
    Traditional queries); `label`: the site's script for the words the index adds itself (where a
    policy or a category result comes from); `made`: how parts are made (the preview takes unchanged
    documents over from its last rebuild)."""
    docs = _documents(library, label)
    texts = [fields for fields, _, _ in docs]
    keys, postings = _postings(texts, fold, made)
    groups = search_synonyms(library)
    found = vocabulary(library, (w for group in groups for w in group), made)
    index: dict = {
        "n": len(docs),
        "fields": {name: DOC_SEP.join(fields[name] for fields in texts) for name in TEXT_FIELDS},
        "kind": "".join(str(kind) for _, kind, _ in docs), "top": "".join(str(top) for _, _, top in docs),
        "keys": DOC_SEP.join(keys), "postings": postings,
        "words": DOC_SEP.join(found), "wordReadings": _word_readings(found),
        "readings": character_readings([*_common_characters(), *_library_chars(library)]),
        "synonyms": DOC_SEP.join(" ".join(group) for group in groups),
        "functionWords": " ".join(function_words()),
    }
    return {**index, "fold": fold} if fold else index


def fold_pairs(library: Library, to_simplified: Callable[[str], str]) -> str:
    """For a Traditional site: each Han character of the library that has a different Simplified
    form, followed by that form (Simplified queries find Traditional text)."""
    pairs = ((c, to_simplified(c)) for c in _library_chars(library))
    return "".join(c + simple for c, simple in pairs if len(simple) == 1 and simple != c)


def unfold_pairs(library: Library, to_traditional: Sequence[Callable[[str], str]]) -> str:
    """For a Simplified site: each Traditional form of a library character, followed by that
    character (a customer from Hong Kong or Taiwan writes 發錯貨; the agent pastes it)."""
    found: dict[str, str] = {}
    for char in _library_chars(library):
        for convert in to_traditional:
            traditional = convert(char)
            if len(traditional) == 1 and traditional != char:
                found.setdefault(traditional, char)
    return "".join(t + c for t, c in sorted(found.items()))


def search_fold(library: Library, variant: str | None = None) -> str:
    """On a Traditional Chinese site, Simplified queries find the converted text too; on a
    Simplified one, Traditional queries (Taiwan and Hong Kong forms) find it."""
    from generator.variant.convert import converter
    from generator.variant.names import VARIANTS

    if variant in VARIANTS:
        return fold_pairs(library, converter(VARIANTS[variant].back).convert)
    return unfold_pairs(library, [converter(config).convert for config in ("s2t", "s2tw", "s2hk")])


def _library_chars(library: Library) -> list[str]:
    """The distinct Han characters of the searched texts (a library of 10,000 entries has millions
    of characters and a few thousand distinct ones)."""
    return sorted(c for c in library.characters if HAN.fullmatch(c))


def index_scripts(library: Library, fold: str = "", label: Callable[[str], str] = str,
                  made: Made = fresh) -> dict[str, str]:
    """The index as scripts, by path: INDEX_PATH holds all a Chinese query needs, each of INDEX_PARTS
    some more fields (the browser loads them one after the other: a big library's index takes
    seconds to load whole)."""
    index = build_index(library, fold, label, made)
    fields = index["fields"]
    later = {name for names in INDEX_PARTS.values() for name in names}
    first = {**index, "fields": {name: text for name, text in fields.items() if name not in later}}
    scripts = {INDEX_PATH: _assignment("window.__handbookIndex", first)}
    for path, names in INDEX_PARTS.items():
        scripts[path] = _assignment("window.__handbookIndexPart", {"fields": {name: fields[name] for name in names}})
    return scripts


def index_script(library: Library, fold: str = "") -> str:
    """The whole index as one script, for a page that queries it at once (generator.site.browser_search)."""
    return _assignment("window.__handbookIndex", build_index(library, fold))


def _assignment(target: str, value: dict) -> str:
    """A script assigning an object literal of a few long strings (quick to load); `<` is escaped
    so no text can close a script tag."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{target}={data};\n"
