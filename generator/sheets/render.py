"""Plan, lay out and print every sheet of a library: the site's print pages and the PDF files."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from generator.model import Library
from generator.sheets.cache import CachedPdf, SheetCache, cache_key
from generator.sheets.html import html_fingerprint, sheet_fragment
from generator.sheets.plan import Sheet, plan_sheets
from generator.sheets.typeset import Typesetter, page_count, sheet_json
from generator.stamp import Stamp
from generator.text.progress import Progress

PROGRESS = "排版速查表 PDF"
FIRST_TRY = 16  # items tried first on a one-page sheet (the starter library's fit in one go)
WORKERS = 2  # sheets prepared at once: each waits on one of the two Typst processes


@dataclass(frozen=True)
class RenderedSheet:
    sheet: Sheet  # as printed: a one-page sheet may have lost its last items
    fragment: str  # the HTML the site's print page shows
    pdf: bytes | None = None
    pages: int = 0

    @property
    def filename(self) -> str:
        return f"sheet-{self.sheet.id}.pdf"


class SheetRenderer:
    def __init__(self, library: Library, stamp: Stamp, values: Mapping[str, str],
                 convert: Callable[[str], str] | None = None) -> None:
        self.library = library
        self.stamp = stamp
        self.values = dict(values)
        self.convert = convert or str  # a Traditional build: the sheet's own wording (titles, footers) too

    def fragment(self, sheet: Sheet) -> str:
        return self.convert(sheet_fragment(sheet, self.stamp, self.values))

    def planned(self, ids: Collection[str] | None = None) -> list[Sheet]:
        return [sheet for sheet in plan_sheets(self.library) if ids is None or sheet.id in ids]

    def with_pdfs(self, ids: Collection[str] | None = None, progress: bool = False) -> list[RenderedSheet]:
        """Every sheet with its PDF; `progress`: a progress bar on the terminal."""
        return self.start_pdfs(ids).result(progress)

    def start_pdfs(self, ids: Collection[str] | None = None, fonts: list | None = None) -> PendingSheets:
        """Typesetting starts in the background (a build does other work meanwhile). `fonts`:
        what `cjk_fonts()` found, when it was asked already."""
        return PendingSheets(self, self.planned(ids), fonts)

    def _print(self, printer: PdfPrinter, sheet: Sheet, data: str | None = None) -> RenderedSheet:
        """`data`: the sheet's JSON, when it was made already."""
        data = data or self._data(sheet)
        if not sheet.one_page:
            found = printer.cached(data, lambda: (printer.pdf(data), len(sheet.items)))
            return RenderedSheet(sheet, self._cached_fragment(printer.cache, sheet, data), found.pdf, found.pages)
        hint = printer.cache.fitted(sheet.id)
        found = printer.cached(data, lambda: self._fit_one_page(printer, sheet, hint))
        if found.kept != hint:
            printer.cache.keep_fitted(sheet.id, found.kept)
        fitted = sheet.keep_first(found.kept)
        return RenderedSheet(fitted, self._cached_fragment(printer.cache, fitted, data), found.pdf, found.pages)

    def _cached_fragment(self, cache: SheetCache, sheet: Sheet, data: str) -> str:
        """`data`: the JSON of the sheet as planned (a one-page sheet's before it was cut to fit).
        It holds every word the fragment shows; the ids the HTML carries besides are keyed too."""
        ids = ",".join(item.entry_id for item in sheet.items)
        key = cache_key(html_fingerprint(), sheet.id, str(sheet.one_page), ids, data)
        html = cache.fragment(key)
        if html is None:
            html = self.fragment(sheet)
            cache.keep_fragment(key, html)
        return html

    def _data(self, sheet: Sheet) -> str:
        return self.convert(sheet_json(sheet, self.stamp, self.values, f"{sheet.title} - {self.library.title}"))

    def _fit_one_page(self, printer: PdfPrinter, sheet: Sheet, hint: int = 0) -> tuple[bytes, int]:
        """Keep as many items (in print order) as fit on one page. `hint`: how many fitted last
        time, tried first with one more (an edit seldom changes it: two typesettings). Otherwise,
        or when the hint is off, double the count until the page overflows, then bisect. Every
        attempt is at most two pages long, so a 10,000-entry library costs a dozen small
        typesettings, not a few of hundreds of pages."""
        total = len(sheet.items)
        best: tuple[bytes, int] | None = None
        low, high = 0, total + 1  # `low` items are known to fit, `high` known not to (total + 1: none yet)

        def attempt(count: int) -> bool:
            nonlocal best, low, high
            pdf = printer.pdf(self._data(sheet.keep_first(count)))
            if page_count(pdf) > 1:
                high = count
                return False
            best, low = (pdf, count), count
            return True

        if hint and attempt(min(hint, total)) and low < total:
            attempt(low + 1)
        while high > total and low < total:
            attempt(min(total, max(FIRST_TRY, low * 2)))
        while high - low > 1:
            attempt((low + high) // 2)
        return best or (printer.pdf(self._data(sheet.keep_first(0))), 0)


class PendingSheets:
    """Sheets being typeset in threads of their own, each PDF taken from the cache when an
    identical one was typeset before."""

    def __init__(self, renderer: SheetRenderer, sheets: list[Sheet], fonts: list | None = None) -> None:
        self._printer = PdfPrinter(Typesetter(fonts), SheetCache(), renderer.stamp)
        self._pool = ThreadPoolExecutor(max_workers=WORKERS)
        self._futures = [self._start(renderer, sheet) for sheet in sheets]
        for future in self._futures:
            future.add_done_callback(self._close_typesetter_when_all_done)

    def _start(self, renderer: SheetRenderer, sheet: Sheet) -> Future:
        """A sheet in the cache is taken at once; the others go to a thread that waits on Typst.
        (Taken in threads, the 24 cached sheets of an edited 10,000-entry build slowed the search
        index beside them by more than taking them here costs.)"""
        data = renderer._data(sheet)
        if not self._printer.has(data):
            return self._pool.submit(renderer._print, self._printer, sheet, data)
        taken: Future = Future()
        try:
            taken.set_result(renderer._print(self._printer, sheet, data))
        except Exception as err:  # as a thread would report it: when the sheets are collected
            taken.set_exception(err)
        return taken

    def _close_typesetter_when_all_done(self, _future: Future) -> None:
        # The Typst helpers hold about 160 MB each: they go as soon as the last sheet is printed,
        # not when the build comes to collect the sheets, often many seconds later. (Two last
        # callbacks may both get here: closing is idempotent.)
        if all(future.done() for future in self._futures):
            self._printer.typesetter.close()

    def result(self, progress: bool = False) -> list[RenderedSheet]:
        """Waits for every sheet; the bar starts with those already done."""
        try:
            with Progress(PROGRESS, total=len(self._futures), shown=progress) as bar:
                # Counted here, not in done-callbacks: a callback may run after `result()` has
                # already returned, and the bar would end one short.
                for _ in as_completed(self._futures):
                    bar.advance()
                return [future.result() for future in self._futures]
        finally:
            self._pool.shutdown(cancel_futures=True)
            self._printer.typesetter.close()
            self._printer.cache.prune()


@dataclass(frozen=True)
class PdfPrinter:
    """Typst and the cache of one build."""

    typesetter: Typesetter
    cache: SheetCache
    stamp: Stamp

    def pdf(self, data: str) -> bytes:
        return self.typesetter.pdf(data, self.stamp.build_date)

    def has(self, data: str) -> bool:
        return self.cache.has(cache_key(self.typesetter.fingerprint, data))

    def cached(self, data: str, make: Callable[[], tuple[bytes, int]]) -> CachedPdf:
        """The PDF of `data`, how many items it kept and its pages: from the cache, or made and then cached."""
        key = cache_key(self.typesetter.fingerprint, data)
        found = self.cache.get(key)
        if found is None:
            pdf, kept = make()
            found = CachedPdf(pdf, kept, page_count(pdf))
            self.cache.put(key, found)
        return found


def render_sheets(library: Library, stamp: Stamp, values: Mapping[str, str],
                  ids: Collection[str] | None = None, convert: Callable[[str], str] | None = None,
                  progress: bool = False) -> list[RenderedSheet]:
    """The sheets of a library (all, or those named by `ids`) with their PDFs, placeholders filled
    with `values`. `convert`: the script conversion of a Traditional build, applied to every printed
    word; `progress`: a progress bar on the terminal while the PDFs are typeset."""
    return SheetRenderer(library, stamp, values, convert).with_pdfs(ids, progress)
