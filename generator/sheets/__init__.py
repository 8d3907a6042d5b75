"""Printable A4 quick-reply sheets: per category, per channel and one page of the most used replies.

`plan` decides what each sheet holds, `html` writes the one HTML fragment + stylesheet used by the
site's print pages and the PDFs, `chromium` prints PDFs, `render` ties them together.
"""
