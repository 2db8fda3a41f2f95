"""Text scrubbing and disclosure control for testimony.

Importing this package makes sure nothing underneath it (tldextract, spaCy,
Presidio) ever reaches for the network: see :mod:`anonymise.offline`.
"""

from anonymise import offline as _offline

_offline.enforce()
