"""Printable A4 quick-reply sheets: per category, per channel and one page of the most used replies.

`plan` decides what each sheet holds and `wording` what it says besides the entries; `html` writes
the site's print pages (HTML + stylesheet, laid out by the browser), `typeset` the PDFs (Typst, with
sheet.typ); `cache` keeps PDFs already typeset; `render` ties them together.
"""
