"""The site's sections, each a class in its own module (see `base.Section`).

LIBRARY makes the pages of the library itself; FEATURES, what the site carries besides: every
tool's quick-phrase files, the print sheets, the updates, the review queue and the quiz. The
downloads page, made last, lists what all of them offer. Stylesheets and scripts are linked in
this order; the navigation follows each section's `nav_order`.
"""

from __future__ import annotations

from generator.site.sections.exports import ExportsSection
from generator.site.sections.library import (
    CategoriesSection,
    ForbiddenSection,
    PoliciesSection,
    SearchSection,
    TagsSection,
)
from generator.site.sections.quiz import QuizSection
from generator.site.sections.review import ReviewSection
from generator.site.sections.sheets import SheetsSection
from generator.site.sections.updates import UpdatesSection

LIBRARY = (CategoriesSection, PoliciesSection, ForbiddenSection, TagsSection, SearchSection)
FEATURES = (ExportsSection, QuizSection, ReviewSection, SheetsSection, UpdatesSection)
