"""Loaded by every Python subprocess the tests start (via PYTHONPATH).

It installs the same network guard as the test process, reporting any attempt
on stderr, where the test that started the subprocess looks for it.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import netguard

netguard.install(report_to_stderr=True)
