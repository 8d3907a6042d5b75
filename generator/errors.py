"""Errors that carry a Chinese message for the user instead of a traceback."""


class UsageError(Exception):
    """A mistake in how a command was called, or input it cannot use (exit 2)."""


class BuildError(Exception):
    """Building an output failed for a reason the user can fix (exit 1); nothing was replaced."""
