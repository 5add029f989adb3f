"""How the book's notebooks execute: deterministic, offline, and failures that name the page.

myst-nb runs each chapter through jupyter-cache and nbclient. This extension
closes four gaps in that stack (each found when the machine was busy):

1. **Stream merging that timing cannot change.** myst-nb's ``coalesce_streams``
   strips each stream chunk before joining them, so when the kernel flushes
   between a ``print``'s text and its newline an extra blank line appears. The
   chunks are concatenated first here, then normalised once.
2. **A failure is a warning naming the page.** jupyter-cache only catches
   ``CellExecutionError`` and ``CellTimeoutError``; a dead kernel
   (``DeadKernelError``) or any other exception crashed Sphinx without the page
   name. Every exception of an execution now becomes myst-nb's own
   ``[mystnb.exec]`` warning on that page (``-W`` fails the build).
3. **No network in the kernels.** Code cells run in a network namespace of their
   own (``unshare -rn``, where the system allows it; the kernel talks to
   Sphinx over unix sockets), and in every case behind a guard that makes any
   connection to another host fail at once with a clear message, so a cell
   that fetches something fails the build instead of caching and publishing
   whatever it got, or hanging for the cell timeout.
4. **What ran is said.** After reading, the build prints which pages executed
   (``-q`` hides Sphinx's own messages, not this line), and myst-nb's
   ``reports/`` folder of tracebacks never outlives a build.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from functools import cache
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Runs in every kernel before the first cell (IPython start-up file).
OFFLINE_GUARD = '''\
# Written by conf/_ext/book_execution.py: the book's code cells run without network access.
import ipaddress as _ipaddress
import socket as _socket


def _book_is_local(host):
    if host in ("localhost", "", None):
        return True
    try:
        return _ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


class _BookNoNetwork(OSError):
    pass


def _book_refuse(host):
    raise _BookNoNetwork(
        f"the book's code cells run without network access (tried to reach {host!r}); "
        "ship data inside the repository or a pinned package instead")


_book_getaddrinfo = _socket.getaddrinfo
_book_connect = _socket.socket.connect
_book_connect_ex = _socket.socket.connect_ex


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _book_is_local(host):
        _book_refuse(host)
    return _book_getaddrinfo(host, *args, **kwargs)


def _guarded_connect(self, address):
    if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _book_is_local(address[0]):
        _book_refuse(address[0])
    return _book_connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (_socket.AF_INET, _socket.AF_INET6) and not _book_is_local(address[0]):
        _book_refuse(address[0])
    return _book_connect_ex(self, address)


_socket.getaddrinfo = _guarded_getaddrinfo
_socket.socket.connect = _guarded_connect
_socket.socket.connect_ex = _guarded_connect_ex
'''


# --- 1. deterministic stream merging -------------------------------------------


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stream outputs of the same name; the text does not depend on chunking.

    >>> from nbformat.v4 import new_output
    >>> one = [new_output("stream", name="stdout", text="a\\nb\\n")]
    >>> two = [new_output("stream", name="stdout", text="a\\nb"),
    ...        new_output("stream", name="stdout", text="\\n")]
    >>> coalesce_streams(one)[0]["text"] == coalesce_streams(two)[0]["text"] == "a\\nb\\n"
    True
    >>> three = [new_output("stream", name="stdout", text="a"),
    ...          new_output("stream", name="stdout", text="\\nb\\n\\n")]
    >>> coalesce_streams(three)[0]["text"]
    'a\\nb\\n'
    """
    from myst_nb.core import utils

    merged: list = []
    streams: dict = {}
    for output in outputs:
        if output["output_type"] == "stream":
            if output["name"] in streams:
                streams[output["name"]]["text"] += output["text"]
                continue
            output = output.copy()
            streams[output["name"]] = output
        merged.append(output)
    for output in streams.values():
        output["text"] = output["text"].rstrip() + "\n"
    # the original's \r and \b handling and stdout-before-stderr ordering, on whole streams
    return utils.coalesce_streams(merged)


# --- 2. failures name the page, 3. no network ----------------------------------


@cache
def network_namespace_works() -> bool:
    """Whether ``unshare -rn`` can start a process without network here."""
    if shutil.which("unshare") is None:
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True,
                              timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class OfflineKernelManager(AsyncKernelManager):
        """Starts the kernel in a network namespace of its own, talking over unix sockets."""

        def __init__(self, **kwargs):
            import uuid

            from jupyter_core.paths import jupyter_runtime_dir

            kwargs.setdefault("transport", "ipc")
            # An absolute socket path: the kernel runs in the notebook's folder, the client
            # in Sphinx's, so the default relative "kernel-ipc" would name two places.
            runtime = Path(jupyter_runtime_dir())
            runtime.mkdir(parents=True, exist_ok=True)
            kwargs.setdefault("ip", str(runtime / f"book-{uuid.uuid4().hex[:12]}-ipc"))
            super().__init__(**kwargs)

        def format_kernel_cmd(self, extra_arguments=None):
            return ["unshare", "-rn", "--", *super().format_kernel_cmd(extra_arguments)]

    return OfflineKernelManager


def _patch_execution() -> None:
    from jupyter_cache.executors import utils as executor_utils
    from myst_nb.core import render
    from myst_nb.core.execute import cache as cache_client

    render.coalesce_streams = coalesce_streams
    original = executor_utils.single_nb_execution

    def single_nb_execution(nb, cwd, timeout, allow_errors, meta_override=True,
                            record_timing=False, **kwargs):
        if network_namespace_works():
            kwargs.setdefault("kernel_manager_class", _kernel_manager_class())
        start = time.perf_counter()
        try:
            return original(nb, cwd=cwd, timeout=timeout, allow_errors=allow_errors,
                            meta_override=meta_override, record_timing=record_timing, **kwargs)
        except Exception as error:  # noqa: BLE001 -- reported as a page warning by myst-nb
            import traceback

            return executor_utils.ExecutionResult(
                nb, cwd, time.perf_counter() - start, error, traceback.format_exc())

    cache_client.single_nb_execution = single_nb_execution


def _write_guard(app: Sphinx, config) -> None:
    import os

    startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    target = startup / "00-book-offline.py"
    if not target.exists() or target.read_text(encoding="utf-8") != OFFLINE_GUARD:
        target.write_text(OFFLINE_GUARD, encoding="utf-8")


# --- 4. say what ran; no reports/ left behind -------------------------------------


def _clear_reports(app: Sphinx) -> None:
    shutil.rmtree(Path(app.outdir) / "reports", ignore_errors=True)
    app.book_build_started = time.time()  # type: ignore[attr-defined]


def executed_pages(app: Sphinx, env) -> list[str]:
    """The pages whose notebooks were executed (not taken from the cache) in this build."""
    from myst_nb.sphinx_ import NbMetadataCollector

    started = getattr(app, "book_build_started", 0.0)
    found = []
    for docname in sorted(env.found_docs):
        data = NbMetadataCollector.get_exec_data(env, docname) if docname in env.all_docs else None
        if data and data.get("mtime", 0) >= started and data.get("runtime") is not None:
            found.append(docname)
    return found


def _say_what_ran(app: Sphinx, env) -> None:
    ran = executed_pages(app, env)
    print(f"book [{app.config.language}]: executed {len(ran)} notebook(s)"
          + (f": {', '.join(ran)}" if ran else " (all outputs from the cache)"), flush=True)


def setup(app: Sphinx) -> dict:
    _patch_execution()
    app.connect("config-inited", _write_guard)
    app.connect("builder-inited", _clear_reports)
    app.connect("env-updated", _say_what_ran)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
