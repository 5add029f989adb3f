"""Jobs a build starts early and collects at its end (conf/_ext/book_background.py)."""

import sys
from types import SimpleNamespace

from conftest import ROOT

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_background  # noqa: E402


def test_a_job_runs_with_the_extensions_importable_and_is_waited_for(tmp_path):
    app = SimpleNamespace()
    done = tmp_path / "done.txt"
    book_background.start(
        app, "probe", f"import book_background; open({str(done)!r}, 'w').write('ok')"
    )
    book_background.finish(app, "probe")
    assert done.read_text() == "ok"
    book_background.finish(app, "probe")  # a second call finds nothing left to wait for
    book_background.finish(SimpleNamespace(), "never started")


def test_a_failed_build_stops_its_jobs_instead_of_waiting():
    app = SimpleNamespace()
    book_background.start(app, "slow", "import time; time.sleep(60)")
    job = app.book_background["slow"]
    book_background.finish(app, "slow", RuntimeError("the build failed"))
    assert job.returncode is not None and job.returncode < 0  # killed, not finished
