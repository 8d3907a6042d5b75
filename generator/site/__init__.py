"""The handbook site: an MkDocs plugin that turns the library into pages, cards and a search index."""
