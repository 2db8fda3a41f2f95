"""``python -m anonymise.evaluate GOLD.json``: see :mod:`anonymise.evaluate`."""

import sys

from anonymise.evaluate.cli import main

if __name__ == "__main__":
    sys.exit(main())
