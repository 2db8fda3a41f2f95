"""Errors the anonymisation room raises."""


class AnonymiseError(Exception):
    """A problem the user can act on; its message is one line and holds no testimony."""
