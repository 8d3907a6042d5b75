"""Traditional Chinese variants of a whole source folder (OpenCC)."""
