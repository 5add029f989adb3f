"""A KaTeX pre-render server that always starts and never outlives the build.

sphinxcontrib-katex 0.9.11 starts ``katex-server.js`` (node) once per process,
waits for its unix socket file to appear and calls ``connect()`` once. Under
load the file can exist before node listens on it: ``ConnectionRefusedError``
escapes and the build dies, while the half-started server -- never terminated
-- keeps the build's stdout/stderr open, so whatever reads the build's output
hangs. (Reported upstream: see CONTRIBUTING.md, "Known upstream issues".)

This extension replaces the server start with one that

- retries the connection until the server accepts it or the start-up timeout
  passes, and kills the server if it never does;
- gives the server no handle on the build's output (its own log file instead)
  and, on Linux, asks the kernel to kill it if the build process dies;
- stops the server when the build finishes, successfully or not.
"""

from __future__ import annotations

import atexit
import ctypes
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from sphinx.application import Sphinx

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # runs in the child between fork and exec
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except OSError:
            pass


def connect_when_ready(
    process: subprocess.Popen, socket_path: Path, timeout: float, log: Path | None = None
) -> socket.socket:
    """Connect to the server's unix socket, retrying until it listens; kill it on failure.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> sleeper = subprocess.Popen(["sleep", "30"])
    >>> connect_when_ready(sleeper, folder / "none.sock", timeout=0.2)
    Traceback (most recent call last):
    ...
    RuntimeError: the KaTeX server did not accept connections within 0.2 s
    >>> sleeper.poll() is not None   # killed, not left behind
    True
    """
    deadline = time.monotonic() + timeout
    try:
        while True:
            if process.poll() is not None:
                detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
                raise RuntimeError(
                    f"the KaTeX server exited with code {process.returncode} "
                    f"before it was ready. {detail}".strip()
                )
            if socket_path.is_socket():
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    sock.connect(str(socket_path))
                    return sock
                except (ConnectionRefusedError, FileNotFoundError):
                    sock.close()
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"the KaTeX server did not accept connections within {timeout:g} s"
                )
            time.sleep(0.005)
    except BaseException:
        process.kill()
        process.wait()
        raise


def _patch() -> None:
    from sphinxcontrib.katex import KaTeXError, KaTeXServer

    def start_server_process(cls, rundir, timeout):
        socket_path = Path(rundir) / "katex.sock"
        log = Path(rundir) / "server.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                cls.build_command(socket=socket_path),
                cwd=rundir,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                preexec_fn=_die_with_parent,
            )
        try:
            return process, connect_when_ready(process, socket_path, timeout, log)
        except RuntimeError as error:
            raise KaTeXError(str(error)) from None

    KaTeXServer.start_server_process = classmethod(start_server_process)


def stop_server(*_args) -> None:
    """Stop this process's KaTeX server, if one was started (idempotent)."""
    from sphinxcontrib.katex import KaTeXServer

    server, KaTeXServer.katex_server = KaTeXServer.katex_server, None
    if server is not None:
        atexit.unregister(KaTeXServer.terminate)
        server.terminate()


def setup(app: Sphinx) -> dict:
    _patch()
    app.connect("build-finished", stop_server)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
