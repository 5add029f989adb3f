"""The build runner and the KaTeX server start: a build can fail, but it cannot hang or leak."""

import os
import socket
import subprocess
import sys
import threading
import time

import build
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_katex  # noqa: E402


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is not alive
        return stat.read().split(")")[-1].split()[0] != "Z"


def fake_sphinx(monkeypatch, script: str) -> None:
    monkeypatch.setattr(build, "sphinx_command", lambda *a, **k: [sys.executable, "-c", script])


@pytest.mark.build  # starts processes of its own
def test_what_the_build_leaves_running_is_killed(tmp_path, monkeypatch):
    # like a half-started KaTeX server: a child that outlives its parent and holds its output
    fake_sphinx(
        monkeypatch,
        "import subprocess, sys; p = subprocess.Popen(['sleep', '300']); "
        "print(p.pid, flush=True); sys.exit(3)",
    )
    result = build.run_sphinx(tmp_path, tmp_path / "out", "en", cwd=tmp_path)
    leftover = int(result.log.split()[0])
    assert result.returncode == 3 and not result.ok
    for _ in range(50):
        if not alive(leftover):
            break
        time.sleep(0.1)
    assert not alive(leftover), "the build's child process was left running"


@pytest.mark.build  # waits for its timeout
def test_a_build_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    fake_sphinx(monkeypatch, "import time; print('working', flush=True); time.sleep(300)")
    result = build.run_sphinx(tmp_path, tmp_path / "out", "en", cwd=tmp_path, timeout=1)
    assert result.timed_out and not result.ok
    assert "working" in result.log and "ran longer than 1 s" in result.log


def test_the_katex_connection_is_retried_until_the_server_listens(tmp_path):
    path = tmp_path / "katex.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))  # the socket file exists, but nobody listens: connect() is refused
    refused = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        refused.connect(str(path))
        raise AssertionError("expected the connection to be refused")
    except ConnectionRefusedError:
        pass
    finally:
        refused.close()
    threading.Timer(0.3, server.listen).start()
    process = subprocess.Popen(["sleep", "30"])
    try:
        sock = book_katex.connect_when_ready(process, path, timeout=20)
        sock.close()
        assert process.poll() is None  # a server that came up is kept
    finally:
        process.kill()
        process.wait()
        server.close()


CACHE_WRITER = """
import sys
sys.path.insert(0, {ext!r})
import nbformat
from jupyter_cache import get_cache
from jupyter_cache.cache.main import CacheBundleIn
import book_execution

book_execution._patch_execution()
cache = get_cache({cache!r})
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)", execution_count=1)])
nb.metadata["kernelspec"] = {{"name": "python3", "display_name": "Python 3", "language": "python"}}
for _ in range(40):
    cache.cache_notebook_bundle(CacheBundleIn(nb, "page.ipynb"), check_validity=False, overwrite=True)
"""


@pytest.mark.build  # four Python processes, 160 cache writes: the slow tier
def test_parallel_readers_caching_the_same_notebook_do_not_crash(tmp_path):
    # Two pages with the same code cells, read in parallel, once crashed the
    # build with FileExistsError in cache/executed/<hash> (jupyter-cache has no lock).
    script = CACHE_WRITER.format(ext=str(ROOT / "conf" / "_ext"), cache=str(tmp_path / "cache"))
    subprocess.run([sys.executable, "-c", script], check=True)  # creates the database first
    writers = [
        subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0], "\n".join(errors)
