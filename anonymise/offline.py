"""The one place that keeps Presidio, spaCy and tldextract off the network.

tldextract, which Presidio's e-mail and URL recognisers use, fetches the public
suffix list from the internet on first use unless told not to; even the DNS
look-up would reveal that the tool runs. Every import of Presidio in this
project goes through :mod:`anonymise`, whose ``__init__`` calls :func:`enforce`
before anything else is imported.
"""

import os

#: Environment settings that make the libraries underneath stay offline.
OFFLINE_ENVIRONMENT: dict[str, str] = {
    # tldextract: no suffix-list URLs, so it uses the snapshot it ships.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    # Hugging Face libraries, should any optional component pull them in.
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
}


def enforce() -> None:
    """Set the offline environment, overriding whatever the caller had."""
    os.environ.update(OFFLINE_ENVIRONMENT)
