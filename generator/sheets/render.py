"""Plan, lay out and print every sheet of a library: the site's print pages and the PDF files."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from generator.model import Library
from generator.sheets.chromium import PdfPrinter, page_count
from generator.sheets.html import sheet_document, sheet_fragment
from generator.sheets.plan import Sheet, plan_sheets
from generator.sheets.textlayer import fix_pdf
from generator.stamp import Stamp

FIRST_TRY = 16  # items tried first on a one-page sheet (the starter library's fit in one go)


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

    def html_only(self, ids: Collection[str] | None = None) -> list[RenderedSheet]:
        """Print pages without PDFs and without trimming one-page sheets (no browser needed)."""
        return [RenderedSheet(sheet, self.fragment(sheet)) for sheet in self.planned(ids)]

    def with_pdfs(self, ids: Collection[str] | None = None) -> list[RenderedSheet]:
        """All sheets printed in one browser session, run in a thread of its own: Playwright's
        synchronous API refuses to start inside a thread that already runs an event loop (for
        example another Playwright session, or an async server)."""
        with ThreadPoolExecutor(max_workers=1) as worker:
            return worker.submit(self._print_all, self.planned(ids)).result()

    def _print_all(self, sheets: list[Sheet]) -> list[RenderedSheet]:
        with PdfPrinter() as printer:
            return [self._print(printer, sheet) for sheet in sheets]

    def _print(self, printer: PdfPrinter, sheet: Sheet) -> RenderedSheet:
        draft = self._fit_one_page(printer, sheet) if sheet.one_page else self._draft(printer, sheet)
        document = self.convert(sheet_document(draft.fragment, self._title(draft.sheet)))
        return replace(draft, pdf=fix_pdf(draft.pdf, document, self.stamp.build_date))

    def _title(self, sheet: Sheet) -> str:
        return f"{sheet.title} - {self.library.title}"

    def _draft(self, printer: PdfPrinter, sheet: Sheet) -> RenderedSheet:
        fragment = self.fragment(sheet)
        pdf = printer.draft(self.convert(sheet_document(fragment, self._title(sheet))))
        return RenderedSheet(sheet, fragment, pdf, page_count(pdf))

    def _fit_one_page(self, printer: PdfPrinter, sheet: Sheet) -> RenderedSheet:
        """Keep as many items (in print order) as fit on one page: double the count until the page
        overflows, then bisect. Every attempt is at most two pages long, so a 10,000-entry library
        costs a dozen small renders, not a few of hundreds of pages."""
        total = len(sheet.items)
        best: RenderedSheet | None = None
        low, count = 0, min(total, FIRST_TRY)  # `low` items are known to fit
        while True:
            attempt = self._draft(printer, sheet.keep_first(count))
            if attempt.pages > 1:
                break
            best, low = attempt, count
            if count == total:
                return attempt
            count = min(total, count * 2)
        high = count - 1  # the most that might still fit
        while low < high:
            middle = (low + high + 1) // 2
            attempt = self._draft(printer, sheet.keep_first(middle))
            if attempt.pages <= 1:
                low, best = middle, attempt
            else:
                high = middle - 1
        return best or self._draft(printer, sheet.keep_first(0))


def render_sheets(library: Library, stamp: Stamp, values: Mapping[str, str], pdfs: bool = True,
                  ids: Collection[str] | None = None, convert: Callable[[str], str] | None = None
                  ) -> list[RenderedSheet]:
    """The sheets of a library (all, or those named by `ids`), placeholders filled with `values`;
    without `pdfs` only the print pages (no browser needed, one-page sheets not trimmed).
    `convert`: the script conversion of a Traditional build, applied to every printed word."""
    renderer = SheetRenderer(library, stamp, values, convert)
    return renderer.with_pdfs(ids) if pdfs else renderer.html_only(ids)
