"""``python -m anonymise.evaluate GOLD.json``: see :mod:`anonymise.evaluate`."""

import sys

from anonymise.evaluate.cli import main

sys.exit(main())
