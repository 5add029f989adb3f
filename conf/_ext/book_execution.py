"""How the book's notebooks execute: deterministic, offline, and failures that name the page.

myst-nb runs each chapter through jupyter-cache and nbclient. This extension
closes these gaps in that stack (each found when the machine was busy):

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
4. **A warm kernel.** Each Sphinx process starts one kernel and reuses it for
   every notebook it executes (:class:`WarmKernel`), so a cold build does not
   pay a kernel start and the imports for every page.
5. **Cache writes take turns.** jupyter-cache checks, deletes and creates a
   notebook's cache folder without a lock, so two parallel readers caching
   notebooks with the same code cells crash Sphinx (``FileExistsError`` in
   ``cache/executed/<hash>``, seen on a busy machine). Each write now holds an
   exclusive ``flock`` on ``<cache>/book-write.lock``.
6. **What ran is said.** After reading, the build prints which pages executed
   (``-q`` hides Sphinx's own messages, not this line), and myst-nb's
   ``reports/`` folder of tracebacks never outlives a build.
7. **Reading shares the work out evenly.** Sphinx cuts the pages to read into
   chunks of consecutive names (with 11 pages and 2 processes: 01–05, 06–index,
   maths), so chapters 6, 7 and 8, the three slowest to execute, ran one after
   another in one process while the other sat idle for ten seconds of a cold
   build. :func:`balanced_chunks` gives each process one chunk, the pages dealt
   out longest first by the code they execute (:func:`code_size`).
"""

from __future__ import annotations

import shutil
import subprocess
import time
from functools import cache
from pathlib import Path

from book_lessons_cache import CODE_CELL  # a page's code cells, one pattern for all
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Runs in every kernel before the first cell (IPython start-up file).
OFFLINE_GUARD = """\
# Written by conf/_ext/book_execution.py: the book's code cells run without network access.
# Everything lives in a closure, so `%reset -f` between notebooks cannot remove it.


def _book_offline():
    import ipaddress
    import socket

    def is_local(host):
        if host in ("localhost", "", None):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def refuse(host):
        raise OSError(
            f"the book's code cells run without network access (tried to reach {host!r}); "
            "ship data inside the repository or a pinned package instead")

    getaddrinfo, connect, connect_ex = (socket.getaddrinfo, socket.socket.connect,
                                        socket.socket.connect_ex)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not is_local(host):
            refuse(host)
        return getaddrinfo(host, *args, **kwargs)

    def guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            refuse(address[0])
        return connect(self, address)

    def guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            refuse(address[0])
        return connect_ex(self, address)

    socket.getaddrinfo = guarded_getaddrinfo
    socket.socket.connect = guarded_connect
    socket.socket.connect_ex = guarded_connect_ex


_book_offline()
del _book_offline
"""


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
        return (
            subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        return False


def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager

    class BookKernelManager(AsyncKernelManager):
        """A kernel that dies with the process that started it and, where the system
        allows, runs in a network namespace of its own, talking over unix sockets."""

        def __init__(self, **kwargs):
            import uuid

            from jupyter_core.paths import jupyter_runtime_dir

            if network_namespace_works():
                kwargs.setdefault("transport", "ipc")
                # An absolute socket path: the kernel runs in the notebook's folder, the
                # client in Sphinx's, so the default relative "kernel-ipc" names two places.
                runtime = Path(jupyter_runtime_dir())
                runtime.mkdir(parents=True, exist_ok=True)
                kwargs.setdefault("ip", str(runtime / f"book-{uuid.uuid4().hex[:12]}-ipc"))
            super().__init__(**kwargs)

        def format_kernel_cmd(self, extra_arguments=None):
            command = super().format_kernel_cmd(extra_arguments)
            if shutil.which("setpriv"):  # killed with its parent: no orphan kernels
                command = ["setpriv", "--pdeathsig", "KILL", "--", *command]
            if network_namespace_works():
                command = ["unshare", "-rn", "--", *command]
            return command

    return BookKernelManager


class WarmKernel:
    """One kernel per Sphinx process, reused for every notebook that process executes.

    A kernel start, the imports (NumPy, pandas, Altair) and vl-convert's engine
    warm-up cost more than most chapters' own code; paying them once per
    process instead of once per page brings a cold build close to the time
    the code itself needs. Each notebook starts clean: ``%reset -f`` empties
    the namespace and the working directory is the notebook's folder; the
    execution counts are renumbered from 1, so a page's output does not depend
    on which pages ran before it in the same kernel. (Imported modules stay
    imported: the book's code does not change module state that a later page
    could see -- the reproducibility check, which runs the pages in a
    different order per process, would show it.)
    """

    km = None
    kc = None
    pid = None

    @classmethod
    def execute(cls, nb, cwd: str, timeout: int | None, allow_errors: bool) -> None:
        import os

        from nbclient import NotebookClient
        from nbformat.v4 import new_code_cell

        fresh = cls.km is None or cls.pid != os.getpid()
        prelude = new_code_cell(
            f"%reset -f\nimport os as _book_os\n_book_os.chdir({cwd!r})\ndel _book_os"
        )
        nb.cells.insert(0, prelude)
        # record_timing=False: timestamps in the cells' metadata would change the notebook's
        # hash, and jupyter-cache would never match the page again (a fresh read re-runs it)
        client = NotebookClient(
            nb,
            timeout=timeout,
            allow_errors=allow_errors,
            record_timing=False,
            kernel_name=nb.metadata.get("kernelspec", {}).get("name", "python3"),
            kernel_manager_class=_kernel_manager_class(),
            resources={"metadata": {"path": cwd}},
            km=None if fresh else cls.km,
        )
        if not fresh:
            client.kc = cls.kc
        try:
            client.execute(cleanup_kc=False)
        except BaseException:
            cls.stop()
            raise
        finally:
            nb.cells.pop(0)
            _renumber(nb)
        cls.km, cls.kc, cls.pid = client.km, client.kc, os.getpid()

    @classmethod
    def stop(cls) -> None:
        km, cls.km, cls.kc = cls.km, None, None
        if km is not None:
            try:
                from jupyter_core.utils import run_sync

                run_sync(km.shutdown_kernel)(now=True)
            except Exception:  # noqa: BLE001 -- it is dying anyway
                pass


def _renumber(nb) -> None:
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if "execution_count" in output:
                output["execution_count"] = count


def _patch_execution() -> None:
    from jupyter_cache.executors import utils as executor_utils
    from jupyter_cache.utils import Timer
    from myst_nb.core import render
    from myst_nb.core.execute import cache as cache_client

    render.coalesce_streams = coalesce_streams

    def single_nb_execution(
        nb, cwd, timeout, allow_errors, meta_override=True, record_timing=False, **kwargs
    ):
        import traceback

        if meta_override and "execution" in nb.metadata:
            timeout = nb.metadata.execution.get("timeout", timeout)
            allow_errors = nb.metadata.execution.get("allow_errors", allow_errors)
        error = exc_string = None
        timer = Timer()
        with timer:
            try:
                WarmKernel.execute(nb, cwd, timeout, allow_errors)
            except Exception as err:  # noqa: BLE001 -- reported as a page warning by myst-nb
                error, exc_string = err, traceback.format_exc()
        return executor_utils.ExecutionResult(nb, cwd, timer.last_split, error, exc_string)

    cache_client.single_nb_execution = single_nb_execution

    from jupyter_cache.cache.main import JupyterCacheBase

    if not getattr(JupyterCacheBase.cache_notebook_bundle, "book_locked", False):
        unlocked = JupyterCacheBase.cache_notebook_bundle

        def cache_notebook_bundle(self, *args, **kwargs):
            import fcntl

            with open(Path(self.path) / "book-write.lock", "a+b") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                return unlocked(self, *args, **kwargs)

        cache_notebook_bundle.book_locked = True  # type: ignore[attr-defined]
        JupyterCacheBase.cache_notebook_bundle = cache_notebook_bundle


def _write_guard(app: Sphinx, config) -> None:
    import os

    startup = Path(os.environ["IPYTHONDIR"]) / "profile_default" / "startup"
    startup.mkdir(parents=True, exist_ok=True)
    target = startup / "00-book-offline.py"
    if not target.exists() or target.read_text(encoding="utf-8") != OFFLINE_GUARD:
        target.write_text(OFFLINE_GUARD, encoding="utf-8")


# --- 6. say what ran; no reports/ left behind -------------------------------------


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
    print(
        f"book [{app.config.language}]: executed {len(ran)} notebook(s)"
        + (f": {', '.join(ran)}" if ran else " (all outputs from the cache)"),
        flush=True,
    )


# --- 7. balanced reading ------------------------------------------------------------

#: What a page costs to read beyond its code (parsing, glue, the doctree), in characters
#: of code: it spreads the pages that execute nothing, too.
PAGE_COST = 2000


def code_size(text: str) -> int:
    r"""Characters of code a MyST notebook's code cells hold: what reading it costs.

    >>> code_size("# T\n```{code-cell} ipython3\nx = 1\n```\ntext\n```python\nnot run\n```\n")
    6
    """
    return sum(len(cell) for cell in CODE_CELL.findall(text))


def balanced_chunks(costs: dict[str, int], nproc: int) -> list[list[str]]:
    """``nproc`` chunks of pages with costs as even as a greedy deal makes them.

    The costliest page first, each to the chunk that costs least so far (ties:
    the first chunk); each chunk then in name order. Same costs, same chunks.

    >>> balanced_chunks({"a": 1, "b": 1, "f": 9, "g": 8, "h": 7}, 2)
    [['a', 'b', 'f'], ['g', 'h']]
    """
    chunks: list[tuple[int, int, list[str]]] = [(0, i, []) for i in range(nproc)]
    for name in sorted(costs, key=lambda n: (-costs[n], n)):
        cost, index, names = min(chunks)
        chunks[index] = (cost + costs[name], index, names + [name])
    return [sorted(names) for _, _, names in chunks if names]


def _balance_reading(app: Sphinx) -> None:
    import sphinx.builders
    from sphinx.util.parallel import make_chunks as sphinx_chunks

    def make_chunks(arguments, nproc, maxbatch=10):
        env = app.env
        if nproc < 2 or not all(name in env.found_docs for name in arguments):
            return sphinx_chunks(arguments, nproc, maxbatch)
        costs = {}
        for name in arguments:
            path = Path(env.doc2path(name))
            text = path.read_text(encoding="utf-8") if path.suffix == ".md" else ""
            costs[name] = PAGE_COST + code_size(text)
        return balanced_chunks(costs, nproc)

    # _read_parallel (and _write_parallel) look the name up in sphinx.builders
    sphinx.builders.make_chunks = make_chunks


def setup(app: Sphinx) -> dict:
    _patch_execution()
    app.connect("builder-inited", _balance_reading)
    app.connect("config-inited", _write_guard)
    app.connect("builder-inited", _clear_reports)
    app.connect("env-updated", _say_what_ran)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
