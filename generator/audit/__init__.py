"""Conversation audit (质检): exported chat records checked against the handbook's own rules —
the lexicon, every entry's forbidden wording, response times and privacy — and written up as a
report for team leads (`handbook audit`)."""

PLATFORMS = ("taobao", "jd", "douyin", "pdd")  # whose response-time rules; here so `--help` loads nothing else
