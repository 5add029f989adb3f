"""Jobs a build starts at once and collects at its end, each in a Python process of its own.

Some of a cold build's work depends on no page (the Hangul block's font cut, the
lesson package's wheel): started when the builder is ready, it runs while the
pages are read, where a cold build has a core to spare. Each job's result lands
in a cache; the code that needs it calls :func:`finish`, then finds it there (and
if the job failed, does the work itself and reports why).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent


def start(app: Sphinx, name: str, statement: str) -> None:
    """Run the Python ``statement`` (with this folder importable) as the job ``name``."""
    code = f"import sys; sys.path.insert(0, {str(HERE)!r}); {statement}"
    jobs = app.__dict__.setdefault("book_background", {})
    jobs[name] = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def finish(app: Sphinx, name: str, exception: BaseException | None = None) -> None:
    """Wait for the job ``name``, if one was started; after a failed build, stop it first."""
    job = app.__dict__.get("book_background", {}).pop(name, None)
    if job is not None:
        if exception is not None:
            job.kill()
        job.wait()
