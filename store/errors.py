"""Errors the store raises."""


class StoreError(Exception):
    """A problem the user can act on; its message is one line and holds no testimony."""
