"""Two clean builds from the same sources produce byte-for-byte identical sites."""

import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build


def test_two_clean_builds_are_identical():
    run = subprocess.run([sys.executable, str(ROOT / "conf" / "reproduce.py")],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "byte-for-byte identical" in run.stdout
