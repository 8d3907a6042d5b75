"""The source format: reading files, positions, the schema of every file, and validation."""
