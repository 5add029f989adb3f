"""The build runner and the KaTeX server start: a build can fail, but it cannot hang or leak."""

import os
import socket
import subprocess
import sys
import threading
import time

import build

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
