"""Two clean builds from the same sources produce byte-for-byte identical sites,
even with the CPU busy (timing-dependent output shows up here, not on a reader's laptop)."""

import subprocess
import sys

import pytest

from conftest import ROOT

# `make verify`: two cold builds of the whole book (minutes), run after `make test`
pytestmark = pytest.mark.verify


def test_two_clean_builds_are_identical_with_the_cpu_busy():
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "reproduce.py"), "--busy", "2"],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert "byte-for-byte identical" in run.stdout
