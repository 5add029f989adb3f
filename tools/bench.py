"""`make bench`: build and page figures for this machine (a benchmark, not a test).

1. Rebuilds, on a throwaway copy of the book (never the real one, so that it
   can edit pages and lesson code): cold build of both languages, no-op
   rebuild, prose-only edit, code-cell edit and lesson-package edit, each with
   the number of notebooks executed (medians of --repeat runs).
2. The Korean search index: kiwipiepy start-up and segmentation time, index sizes.
3. Each chapter page of the built site (`_build/site`, from `make html`) in
   headless Chromium: bytes transferred on a first visit (with and without the
   KaTeX fonts), first contentful paint and load time (medians).
4. The lesson code's own speed.

    make bench            # or: .venv/bin/python tools/bench.py --repeat 3
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import LANGS, ROOT, chapters  # noqa: E402
from build import build_book, copy_env, make_copy  # noqa: E402

#: The figures issue 25 reported on main before this work (2 cores, quiet machine,
#: --repeat 1), printed beside this run's for comparison.
ISSUE_25_BEFORE = {
    "cold build, both languages": 127.0,
    "no-op rebuild": 16.2,
    "prose-only edit (1 page)": 19.2,
    "code-cell edit (1 page)": 25.6,
    "ols.py docstring edit": 19.0,
}
ISSUE_25_WEIGHTS = {"ko/05-neurons": 603, "ko/06-gradient-descent": 624, "ko/07-propagation": 640}
ISSUE_25_KOREAN = {"cold": 62.1, "floor": 52.8, "ratio": 1.18}
ISSUE_25_EXECUTION = {"06-gradient-descent": 16.0, "07-propagation": 20.8}  # ko, seconds


def load_average() -> str:
    """The machine's load average (1, 5, 15 min): figures from a busy machine say so."""
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


#: The per-chapter page budget (tests/test_browser_screens.py enforces it).
PAGE_BUDGET_KB = 600


def execution_times(copy: Path) -> dict[str, float]:
    """Seconds each page's notebook took to execute, as the execution cache recorded them."""
    from jupyter_cache import get_cache

    times = {}
    for record in get_cache(str(copy / "_build" / ".jupyter_cache")).list_cache_records():
        page = Path(record.uri)
        times[f"{page.parent.name}/{page.stem}"] = record.data.get("execution_seconds") or 0.0
    return times


def build(copy: Path) -> tuple[float, int, list[str]]:
    """Build both languages in ``copy``; return (seconds, notebooks executed, pages executed).

    A failed build is not a data point: the benchmark stops and says why.
    """
    start = time.perf_counter()
    executed: list[str] = []
    for result in build_book(copy, env=copy_env(copy)):
        if not result.ok:
            raise SystemExit(
                f"bench: the {result.lang} build failed, so there is no figure to "
                f"report:\n{result.log[-3000:]}"
            )
        executed += [f"{result.lang}/{page}" for page in result.executed]
    return time.perf_counter() - start, len(executed), executed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"bench: cannot find {old!r} in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_function_body(path: Path, function: str, statement: str) -> None:
    """Insert ``statement`` as the first line of ``function``'s body (after its docstring)."""
    import ast

    text = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            first = node.body[1] if ast.get_docstring(node) and len(node.body) > 1 else node.body[0]
            lines = text.splitlines(keepends=True)
            indent = " " * first.col_offset
            lines.insert(first.lineno - 1, f"{indent}{statement}\n")
            path.write_text("".join(lines), encoding="utf-8")
            return
    raise SystemExit(f"bench: no function {function} in {path}")


#: Korean cold builds and execution floors, taken in turn; the bench reports their medians.
KOREAN_PAIRS = 3


def execution_floor(copy: Path) -> float:
    """Seconds to run every code cell of every page of one language in ONE kernel.

    The least a cold build of that language could spend executing: no kernel
    start per page, imports paid once. Both languages run the same code.
    """
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    from myst_nb.core.read import read_myst_markdown_notebook

    cells = []
    for page in sorted((copy / "book" / "ko").glob("*.md")):
        nb = read_myst_markdown_notebook(page.read_text(encoding="utf-8"))
        cells.append(nbformat.v4.new_code_cell(f"import os; os.chdir({str(page.parent)!r})"))
        cells += [cell for cell in nb.cells if cell.cell_type == "code"]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(copy / "src")
    try:
        start = time.perf_counter()
        result = single_nb_execution(
            notebook, cwd=str(copy / "book" / "ko"), timeout=600, allow_errors=False
        )
        seconds = time.perf_counter() - start
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = old
    if result.err:
        raise SystemExit(f"bench: the execution floor run failed: {result.exc_string[-2000:]}")
    return seconds


def rebuild_figures(repeat: int):
    """Rebuild figures on a throwaway copy; also the live-preview latency, each page's
    execution time, the Korean cold build and its execution floor."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        copy = make_copy(Path(tmp))
        cold = [build(copy)]
        for _ in range(repeat - 1):  # more cold builds: wipe outputs and cache
            shutil.rmtree(copy / "_build")
            cold.append(build(copy))
        rows.append(
            ("cold build, both languages", statistics.median(c[0] for c in cold), cold[0][1], [])
        )
        executions = execution_times(copy)

        def timed(label: str, change=None) -> None:
            runs = []
            for i in range(repeat):
                if change:
                    change(i)
                runs.append(build(copy))
            worst = max(runs, key=lambda r: r[1])
            rows.append((label, statistics.median(r[0] for r in runs), worst[1], worst[2]))

        timed("no-op rebuild")
        page = copy / "book" / "en" / "04-least-squares.md"
        timed(
            "prose-only edit (1 page)",
            lambda i: edit(page, "## Summary\n", f"## Summary\n\nA new sentence ({i}).\n"),
        )
        timed(
            "code-cell edit (1 page)",
            lambda i: edit(
                page,
                "points = data.load_five_points()\n",
                f"points = data.load_five_points()\nedit_{i} = {i}\n",
            ),
        )
        lesson = copy / "src" / "lessons" / "ols.py"
        timed(
            "ols.py docstring edit",
            lambda i: edit(
                lesson, '"""The least-squares line', f'"""(edit {i}) The least-squares line'
            ),
        )
        timed(
            "ols.fit_line body edit",
            lambda i: edit_function_body(lesson, "fit_line", f"_edit = {i}"),
        )
        live = live_preview_latency(copy, repeat, copy_env(copy))
        # Korean alone, cold, beside the floor of running its cells in one kernel: taken
        # in turn KOREAN_PAIRS times (one pair moves by a tenth with the machine)
        pairs = []
        for _ in range(KOREAN_PAIRS):
            shutil.rmtree(copy / "_build")
            start = time.perf_counter()
            for result in build_book(copy, ["ko"], env=copy_env(copy)):
                if not result.ok:
                    raise SystemExit(f"bench: the ko build failed:\n{result.log[-3000:]}")
            pairs.append((time.perf_counter() - start, execution_floor(copy)))
    return rows, pairs, live, executions


def live_preview_latency(root: Path, repeat: int, env: dict[str, str] | None = None) -> list[float]:
    """Seconds from saving a prose edit to the open tab showing it, under `make serve`.

    Starts ``root``'s tools/serve.py, opens an English chapter in headless
    Chromium, then edits that page ``repeat`` times; each figure ends when the
    tab (reloaded by the server, not by the benchmark) shows the new sentence.
    """
    import signal
    import socket
    import subprocess
    import urllib.request

    chromium = shutil.which("chromium")
    if not chromium:
        print("bench: chromium not installed; live-preview figure skipped", file=sys.stderr)
        return []
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = open(root / "_build" / "serve-bench.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [sys.executable, str(root / "tools" / "serve.py"), "--port", str(port)],
        cwd=root,
        env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    page_file = root / "book" / "en" / "04-least-squares.md"
    original = page_file.read_text(encoding="utf-8")
    url = f"http://127.0.0.1:{port}/en/04-least-squares.html"
    latencies = []
    try:
        deadline = time.monotonic() + 900  # the first build may have work to do
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"bench: make serve did not start; see {log.name}")
            time.sleep(0.5)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_timeout(1000)  # the reload websocket connects
            for i in range(repeat):
                sentence = f"Live preview check {i}."
                edit(page_file, "## Summary\n", f"## Summary\n\n{sentence}\n")
                start = time.perf_counter()
                page.wait_for_selector(f"text={sentence}", timeout=300_000)
                latencies.append(time.perf_counter() - start)
                page_file.write_text(original, encoding="utf-8")
                page.wait_for_selector(f"text={sentence}", state="detached", timeout=300_000)
            browser.close()
    finally:
        page_file.write_text(original, encoding="utf-8")
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        server.wait(timeout=30)
        log.close()
    return latencies


def lesson_figures() -> list[tuple[str, float]]:
    sys.path.insert(0, str(ROOT / "src"))
    from lessons import data, ols, propagation

    body = data.load_body_measurements()
    cars = data.load_cars()
    x, y = cars["Horsepower"].to_numpy(float), cars["Miles_per_Gallon"].to_numpy(float)
    xs, ys = (x - x.mean()) / x.std(), (y - y.mean()) / y.std()

    def best_of(fn, n=5):
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    return [
        (
            f"fit_line on NHANES ({len(body):,} rows)",
            best_of(lambda: ols.fit_line(body["height_cm"], body["weight_kg"])),
        ),
        (
            "train 1-8-1 network on cars (2,000 steps)",
            best_of(
                lambda: propagation.train(
                    propagation.init_network((1, 8, 1), seed=0),
                    xs,
                    ys,
                    learning_rate=0.5,
                    steps=2000,
                ),
                n=3,
            ),
        ),
    ]


def search_figures() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "conf" / "_ext"))
    import json as json_module
    import re as re_module

    from book_search import SearchKorean

    site = ROOT / "_build" / "site"
    texts = []
    for page in sorted((site / "ko").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        html = re_module.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re_module.S)
        texts.append(re_module.sub(r"<[^>]+>", " ", html))
    language = SearchKorean({})
    start = time.perf_counter()
    language.kiwi  # noqa: B018 (loads the model)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    terms = [language.stem(w) for text in texts for w in language.split(text)]
    segmented = time.perf_counter() - start
    sizes = {lang: (site / lang / "searchindex.js").stat().st_size for lang in LANGS}
    index = (site / "ko" / "searchindex.js").read_text(encoding="utf-8")
    distinct = len(json_module.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"])
    return [
        ("kiwipiepy model load", f"{loaded:.2f} s"),
        (f"segment + stem {len(texts)} ko pages ({len(terms):,} terms)", f"{segmented:.2f} s"),
        ("searchindex.js ko / en", f"{sizes['ko'] / 1024:.0f} KB / {sizes['en'] / 1024:.0f} KB"),
        ("distinct ko index terms", f"{distinct:,}"),
    ]


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: text files gzip-compressed when the browser asks."""

    TEXT = (".html", ".css", ".js", ".svg", ".json", ".txt")

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?")[0].split("#")[0]))
        if (
            path.suffix in self.TEXT
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def page_figures(repeat: int, browser=None) -> list[tuple[str, int, int, int, float, float]]:
    """Per chapter: bytes on the wire (gzip), the same without KaTeX fonts, uncompressed
    bytes, first contentful paint (ms) and load time (ms).

    ``browser`` is a Playwright Chromium already running (the browser tests'
    own); without it one is started here.
    """
    import contextlib

    if browser is None:
        chromium = shutil.which("chromium")
        if not chromium:
            print("bench: chromium not installed; page figures skipped", file=sys.stderr)
            return []
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=chromium,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                ],
            )
            with contextlib.closing(launched):
                return page_figures(repeat, launched)

    import threading

    from playwright.sync_api import Error as PlaywrightError

    site = ROOT / "_build" / "site"
    handler = functools.partial(CompressingHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    rows = []
    try:
        for lang in LANGS:
            for name in chapters():
                sizes, paints, loads = [], [], []
                for _ in range(repeat):
                    context = browser.new_context()  # empty cache: a first visit
                    page = context.new_page()
                    transferred = {"all": 0, "fonts": 0, "raw": 0}

                    def count(request, transferred=transferred):
                        try:
                            response = request.response()
                            sizes = request.sizes()  # bytes on the wire, headers included
                        except PlaywrightError:  # finished as the context closed
                            return
                        if response is None:
                            return
                        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
                        transferred["all"] += wire
                        local = site / request.url.split("://", 1)[1].split("/", 1)[1].split("?")[0]
                        transferred["raw"] += local.stat().st_size if local.is_file() else 0
                        if "/katex/fonts/" in request.url:
                            transferred["fonts"] += wire

                    page.on("requestfinished", count)
                    page.goto(f"{base}/{lang}/{name}.html", wait_until="load")
                    page.wait_for_timeout(200)
                    timing = page.evaluate("""() => {
                        const nav = performance.getEntriesByType('navigation')[0];
                        const paint = performance.getEntriesByName('first-contentful-paint')[0];
                        return [paint ? paint.startTime : 0, nav.loadEventEnd];
                    }""")
                    sizes.append(
                        (
                            transferred["all"],
                            transferred["all"] - transferred["fonts"],
                            transferred["raw"],
                        )
                    )
                    paints.append(timing[0])
                    loads.append(timing[1])
                    page.remove_listener("requestfinished", count)  # none after the close
                    context.close()
                rows.append(
                    (
                        f"{lang}/{name}",
                        sizes[0][0],
                        sizes[0][1],
                        sizes[0][2],
                        statistics.median(paints),
                        statistics.median(loads),
                    )
                )
    finally:
        httpd.shutdown()
        httpd.server_close()
    return rows


def print_figures() -> list[tuple[str, float, float, int]]:
    """The last PDF and EPUB builds, as tools/print_book.py recorded them (make print)."""
    import json

    rows = []
    for lang in LANGS:
        for kind in ("pdf", "epub"):
            record = ROOT / "_build" / lang / f"print-{kind}.json"
            if record.exists():
                data = json.loads(record.read_text(encoding="utf-8"))
                rows.append(
                    (f"{kind} {lang}", data["seconds"], data["bytes"] / 1e6, data["executed"])
                )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description="print build and page figures")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--skip-rebuilds", action="store_true", help="only the search, page and lesson-code figures"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};"
        f" load average {load_average()}"
    )
    if not args.skip_rebuilds:
        rows, pairs, live, executions = rebuild_figures(args.repeat)
        ko_cold = statistics.median(cold for cold, _ in pairs)
        floor = statistics.median(floor for _, floor in pairs)
        ratio = statistics.median(cold / floor for cold, floor in pairs)
        cold = rows[0][1]
        print(
            f"\n{'build step':<34}{'seconds':>9}{'% of cold':>11}{'notebooks run':>15}"
            f"{'issue 25 before':>17}"
        )
        for label, seconds, executed, _pages in rows:
            before = ISSUE_25_BEFORE.get(label)
            print(
                f"{label:<34}{seconds:>9.2f}{100 * seconds / cold:>10.0f}%{executed:>15}"
                + (f"{before:>17.1f}" if before else f"{'-':>17}")
            )
        for label, _seconds, _executed, pages in rows[4:]:
            print(f"  {label}: re-ran {', '.join(pages) if pages else 'nothing'}")
        if live:
            print(
                f"{'live preview: save -> tab reloaded':<34}{statistics.median(live):>9.2f}"
                f"{'':>26}{'(reload by hand)':>17}"
            )
            print(
                f"  make serve, en/04 prose edit, Chromium watching: {', '.join(f'{s:.2f}' for s in live)} s"
            )
        print(f"\n{'Korean book':<42}{'seconds':>9}{'issue 25':>10}")
        print(f"{'cold build, ko only':<42}{ko_cold:>9.2f}{ISSUE_25_KOREAN['cold']:>10}")
        print(
            f"{'execution floor (all ko cells, 1 kernel)':<42}{floor:>9.2f}"
            f"{ISSUE_25_KOREAN['floor']:>10}"
        )
        print(f"{'cold / floor':<42}{ratio:>9.2f}{ISSUE_25_KOREAN['ratio']:>10}")
        print(
            f"  medians of {len(pairs)} pairs taken in turn (cold s / floor s = ratio): "
            + ", ".join(f"{c:.1f} / {f:.1f} = {c / f:.2f}" for c, f in pairs)
        )
        print(f"\n{'execution time per page (cold)':<34}{'ko s':>9}{'en s':>9}{'issue 25 ko':>13}")
        for name in ["index", *chapters()]:
            ko, en = executions.get(f"ko/{name}"), executions.get(f"en/{name}")
            if ko is None and en is None:
                continue
            before = ISSUE_25_EXECUTION.get(name)
            print(
                f"{name:<34}"
                + "".join(f"{s:>9.2f}" if s is not None else f"{'-':>9}" for s in (ko, en))
                + (f"{before:>13}" if before else f"{'-':>13}")
            )
    print(f"\n{'Korean search index':<52}{'figure':>16}")
    for label, figure in search_figures():
        print(f"{label:<52}{figure:>16}")
    rows = page_figures(args.repeat)
    if rows:
        print(
            f"\n{'chapter page (first visit)':<26}{'KB wire':>9}{'w/o math fonts':>16}"
            f"{'KB raw':>8}{'FCP ms':>8}{'load ms':>9}{'budget':>8}{'issue 25':>10}"
        )
        for name, total, without_fonts, raw, paint, load in rows:
            before = ISSUE_25_WEIGHTS.get(name)
            print(
                f"{name:<26}{total / 1024:>9.0f}{without_fonts / 1024:>16.0f}{raw / 1024:>8.0f}"
                f"{paint:>8.0f}{load:>9.0f}"
                f"{'ok' if total / 1024 <= PAGE_BUDGET_KB else 'OVER':>8}"
                + (f"{before:>10}" if before else f"{'-':>10}")
            )
    print_rows = print_figures()
    if print_rows:
        print(f"\n{'PDF and EPUB (make print)':<34}{'seconds':>9}{'MB':>8}{'notebooks run':>15}")
        for label, seconds, megabytes, executed in print_rows:
            print(f"{label:<34}{seconds:>9.1f}{megabytes:>8.1f}{executed:>15}")
    print(f"\n{'lesson code':<44}{'seconds':>9}")
    for label, seconds in lesson_figures():
        print(f"{label:<44}{seconds:>9.4f}")
    print(f"\nload average at the end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
