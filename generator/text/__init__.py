"""Text helpers every layer shares: folding for matching, phrase search, pinyin, placeholders."""
