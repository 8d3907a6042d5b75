"""Training quizzes: questions drawn from the library (`questions`), and their HTML (`html`)."""

DEFAULT_SEED = 2026  # the site's quiz: the same paper on every build
DEFAULT_COUNT = 20
