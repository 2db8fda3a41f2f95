"""Errors the store raises.

Every message is one line, written for the person at the keyboard, and never
holds testimony, a passphrase or key material: only random ids, file names
and plain explanations.
"""


class StoreError(Exception):
    """A problem the user can act on; its message is one line and holds no testimony."""


class StoreFormatError(StoreError):
    """The folder is not a store, already holds one, or was made by a newer version."""


class StoreLockedError(StoreError):
    """The operation needs the store unlocked with its passphrase."""


class WrongPassphraseError(StoreError):
    """The passphrase does not unlock this store or key file; nothing was changed."""


class WeakPassphraseError(StoreError):
    """A new passphrase is too short to resist guessing on a seized laptop."""


class TamperedError(StoreError):
    """Stored or transported data failed its integrity check (altered, truncated or moved)."""


class NotFoundError(StoreError):
    """No draft or record has the given id."""


class DocumentError(StoreError):
    """A document is not a JSON-compatible dictionary."""


class KeyFileError(StoreError):
    """A key file is missing, malformed or of the wrong kind."""


class CannotOpenRecordError(StoreError):
    """Finished records open only with the project private key, which this store lacks."""


class DeviceKeyDestroyedError(StoreError):
    """The device key was destroyed on purpose; drafts can never be recovered."""


class BundleError(StoreError):
    """A bundle was refused; the message names the cause."""


class AuditError(StoreError):
    """The audit log does not verify; the message names the first bad entry."""
