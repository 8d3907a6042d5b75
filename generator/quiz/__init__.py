"""Training quizzes: questions drawn from the library, and their HTML."""
