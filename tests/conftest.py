"""Shared helpers: the book's pages, where the built site is, how to build a tiny book.

Tests are sorted into tiers by what they need (``make check`` runs the first):
no marker -- only the sources (seconds); ``site`` -- the built site (any test
using the ``site`` fixture gets it automatically); ``build`` -- builds books of
its own, or runs the build's machinery in processes of its own; ``browser`` --
drives Chromium.

``BOOK_DIR`` points the source checks at a copy of ``book/`` (the scaffold and
fault tests run test_chapters, test_terms and test_parity on a changed copy).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

# Tests never fail on wall-clock time: Hypothesis's default 200 ms deadline failed
# test_approximation under a loaded machine. Every property test runs without one, and
# with a fixed seed: CI proves the same examples a contributor ran (a random one once
# found an edge of test_ols_invariants on a side branch).
_hypothesis_settings.register_profile("book", deadline=None, derandomize=True)
_hypothesis_settings.load_profile("book")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import bookinfo  # noqa: E402
from bookinfo import LANGS, ROOT, SITE  # noqa: E402,F401
from build import BuildResult, run_sphinx  # noqa: E402

#: The book's sources: book/, or the copy BOOK_DIR names.
BOOK = Path(os.environ.get("BOOK_DIR", bookinfo.BOOK))


def pages(lang: str = "en") -> list[str]:
    return bookinfo.pages(lang, BOOK)


# BOOK_SITE=/path/to/site runs the site tests against another build (an older
# copy, say, to show that a new test fails there).
if os.environ.get("BOOK_SITE"):
    SITE = Path(os.environ["BOOK_SITE"]).resolve()  # noqa: F811

#: Every page in reading order, from the table of contents (book/en/index.md).
PAGES = tuple(pages())
#: The numbered chapters.
CHAPTERS = tuple(bookinfo.chapters("en", BOOK))
#: The chapters with a live chart (sliders or buttons drawn by Vega in the browser).
LIVE_PAGES = (
    "02-probability",
    "04-least-squares",
    "05-neurons",
    "06-gradient-descent",
    "07-propagation",
)


#: Single tests that take far longer than the others (tens of seconds). The slow
#: tier starts them first, with the tests that build books (marked ``build``), so
#: that at its end no pytest-xdist worker is still running one while the other has
#: nothing left to do. (The reader's-notebook group starts first of all: xdist
#: sends the largest group first.) Only the order changes, never what runs.
LONG_TESTS = frozenset(
    {
        "test_the_pad_reads_the_drawn_digits",
        "test_every_chapter_page_weighs_at_most_600_kb_on_the_wire",
        "test_every_page_and_every_internal_link_work_under_the_sub_path",
    }
)


#: Browser checks run on every page in every language at several widths or themes. `make
#: test` runs each page once, in one of those combinations, turning from page to page
#: (ko at 390 px for the first page, en at 1280 px for the next, ...), so every page, each
#: language and each width are checked; `make verify` runs the other combinations (CI runs
#: both). These few tests held a third of the slow tier's time (issue 25).
MATRIX_TESTS = frozenset(
    {
        "test_the_page_does_not_move_when_its_scripts_start",
        "test_page_on_a_desktop",
        "test_page_on_a_phone_in_dark_mode",
        "test_switching_keeps_the_page_and_the_section",
        "test_charts_keep_their_text_without_javascript",
        "test_every_self_check_accepts_its_answer_and_rejects_a_wrong_one",
        "test_without_javascript_each_answer_waits_in_a_toggle",
        "test_legend_symbols_stand_out_on_the_dark_theme",
        "test_live_readouts_are_announced",
        "test_every_control_changes_what_is_drawn",
        "test_sliders_use_the_width_and_format_their_values",
        "test_axe_finds_nothing_in_the_widgets_before_and_after_commit",
        "test_without_javascript_each_widget_shows_its_result_in_a_toggle",
        "test_slider_names_do_not_change_with_the_value",
        "test_axis_lines_follow_the_dark_theme",
        "test_chart_text_on_a_phone_is_at_least_9px_and_inside_its_chart",
        "test_chart_text_fits_the_room_its_layout_made_in_the_shipped_font",
    }
)


def _matrix_rest(items) -> list:
    """The cases of :data:`MATRIX_TESTS` that `make verify` runs (see there)."""
    rest = []
    by_test: dict[str, list] = {}
    for item in items:
        if getattr(item, "originalname", None) in MATRIX_TESTS and hasattr(item, "callspec"):
            by_test.setdefault(item.originalname, []).append(item)
    for cases in by_test.values():

        def combo(item) -> tuple:
            return tuple(
                sorted((k, str(v)) for k, v in item.callspec.params.items() if k != "name")
            )

        combos = sorted({combo(item) for item in cases})
        names = sorted({str(item.callspec.params.get("name")) for item in cases})
        for item in cases:
            page = names.index(str(item.callspec.params.get("name")))
            if combos.index(combo(item)) != page % len(combos):
                rest.append(item)
    return rest


def _starts_first(item) -> bool:
    return item.get_closest_marker("build") is not None or (
        getattr(item, "originalname", item.name) in LONG_TESTS
    )


def _group_for_xdist(config, items) -> None:
    """Put each test's ``xdist_group`` into its node id, where ``--dist loadgroup`` looks.

    pytest-xdist 3.8 does this by setting ``item._nodeid``, which pytest 9 no longer
    reads (the id is ``item._id``): the groups were silently ignored, and each worker
    set up the reader's-notebook environment and ran every notebook again.
    """
    if not getattr(config.option, "loadgroup", False):  # set on the workers of --dist loadgroup
        return
    from _pytest.nodeid import NodeId

    for item in items:
        groups = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
            for mark in item.iter_markers("xdist_group")
        }
        if groups and "@" not in item.nodeid:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(groups))}")


def pytest_collection_modifyitems(config, items):
    for item in items:
        names = getattr(item, "fixturenames", ())
        if "site" in names or "server" in names:
            item.add_marker(pytest.mark.site)
        if "browser" in names or "visit" in names or "tab" in names:
            item.add_marker(pytest.mark.browser)
        for fixture in SHARED_CHAPTER_WIDTHS.keys() & set(names):
            params = item.callspec.params
            item.add_marker(pytest.mark.xdist_group(f"{fixture}-{params['lang']}-{params['name']}"))
    for item in _matrix_rest(items):
        item.add_marker(pytest.mark.verify)
    _group_for_xdist(config, items)
    items.sort(key=lambda item: not _starts_first(item))  # stable: otherwise as collected


NOTEBOOK_FRONT_MATTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


@pytest.fixture(scope="session")
def site() -> Path:
    if not (SITE / "ko" / "index.html").exists() or not (SITE / "en" / "index.html").exists():
        pytest.fail(
            f"{SITE} is missing or incomplete: run `make html` (or `make test`, which builds first)"
        )
    return SITE


def build_tiny_book(
    tmp_path: Path,
    pages: dict[str, str],
    lang: str = "en",
    write: bool = True,
    env: dict[str, str] | None = None,
) -> BuildResult:
    """Build ``pages`` (name -> MyST text) with the book's own configuration and runner.

    The execution cache and every output stay inside ``tmp_path``; ``result.log``
    holds everything Sphinx printed. With ``write=False`` the pages already in
    ``tmp_path/book/<lang>`` are built again (an incremental build).
    """
    source = tmp_path / "book" / lang
    if write:
        source.mkdir(parents=True, exist_ok=True)
        for name, text in pages.items():
            (source / f"{name}.md").write_text(text, encoding="utf-8")
    return run_sphinx(
        source,
        tmp_path / "_build" / lang,
        lang,
        cwd=tmp_path,
        timeout=300,
        defines={"nb_execution_cache_path": str(tmp_path / "cache")},
        env=env,
    )


# --- the real browser --------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output readable
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    """The tests' HTTP server: a client that hangs up is not an error; any other error is kept.

    A browser drops connections it no longer needs (a tab closed while a
    keep-alive socket or a prefetch was open); the standard server prints a
    full ``ConnectionResetError`` traceback for each. Those are counted in
    ``hangups`` and print nothing. Any other exception in a handler is kept in
    ``errors`` and fails the test that was running (``_server_errors_fail_the_test``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.errors: list[str] = []
        self.hangups = 0

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):  # reset, broken pipe, aborted
            self.hangups += 1
            return
        self.errors.append(traceback.format_exc())

    def take_errors(self) -> list[str]:
        errors, self.errors = self.errors, []
        return errors


#: The test servers running now (checked after every test).
RUNNING_SERVERS: list[QuietServer] = []


def fail_on_server_errors(servers: list[QuietServer]) -> None:
    errors = [error for server in servers for error in server.take_errors()]
    if errors:
        raise AssertionError("the test HTTP server failed:\n" + "\n".join(errors))


@pytest.fixture(autouse=True)
def _server_errors_fail_the_test():
    yield
    fail_on_server_errors(RUNNING_SERVERS)


@contextlib.contextmanager
def running_server(directory: Path, handler_class=QuietHandler) -> Iterator[QuietServer]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the server.

    On leaving, a handler error the tests have not yet failed on is raised.
    """
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    RUNNING_SERVERS.append(httpd)
    try:
        yield httpd
    finally:
        RUNNING_SERVERS.remove(httpd)
        httpd.shutdown()
        httpd.server_close()
    fail_on_server_errors([httpd])


@contextlib.contextmanager
def serving(directory: Path, handler_class=QuietHandler) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port); yields the base URL."""
    with running_server(directory, handler_class) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="session")
def server(site):
    """The built site served on 127.0.0.1 (a free port); yields its base URL."""
    with serving(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip(
            "Debian's chromium is not installed and `make browser-deps` could not install it"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def tab(browser, server):
    """One browser tab shared by a module's tests (fast for many navigations)."""
    context = browser.new_context()
    page = context.new_page()
    yield page, server
    context.close()


class PageVisit:
    """A page opened in Chromium, with its console errors and off-site requests recorded."""

    def __init__(self, browser, url: str, width: int = 1280, dark: bool = False):
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, color_scheme="dark" if dark else "light"
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.offsite: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)
        self.page.on(
            "response",
            lambda r: self.errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None,
        )
        self.page.goto(url, wait_until="load")
        # interactive charts are drawn by Vega after load; wait until each one is
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('figure.book-chart-live')]"
            ".every(f => f.classList.contains('book-chart-ready'))",
            timeout=20000,
        )

    def _request(self, request):
        url = request.url
        if not (
            url.startswith("http://127.0.0.1:")
            or url.startswith("data:")
            or url.startswith("about:")
            or url.startswith("blob:")
        ):
            self.offsite.append(url)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    opened = []

    def open_page(path: str, **options) -> PageVisit:
        page = PageVisit(browser, f"{server}/{path}", **options)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()


# --- chapter pages shared by tests that only read them ------------------------------

#: Fixtures that give a test the chapter page of its ``lang`` and ``name`` parameters,
#: at one width, shared with the other tests that read the same page at that width
#: (fixture name -> viewport width). Tests that use one must only read the page:
#: before each of them, the page is put back as it loaded (every <details> open or
#: closed as it was, scrolled to the top). The tests of one page form an xdist
#: group, so one worker runs them one after the other on one page load.
SHARED_CHAPTER_WIDTHS = {"phone_chapter": 390, "desktop_chapter": 1280}


class SharedPages:
    """The one page a worker keeps open for the tests that read it (see above)."""

    def __init__(self, browser, server: str):
        self.browser, self.server = browser, server
        self.key: tuple[str, int] | None = None
        self.visit: PageVisit | None = None

    def get(self, path: str, width: int) -> PageVisit:
        if self.key == (path, width):
            self.visit.page.evaluate("""() => {
                document.querySelectorAll('details').forEach((d, i) => {
                    d.open = window.bookOpenAtLoad[i]; });
                window.scrollTo(0, 0);
            }""")
            return self.visit
        self.close()
        self.visit = PageVisit(self.browser, f"{self.server}/{path}", width=width)
        self.visit.page.evaluate(
            "() => { window.bookOpenAtLoad = [...document.querySelectorAll('details')]"
            ".map(d => d.open); }"
        )
        self.key = (path, width)
        return self.visit

    def close(self) -> None:
        if self.visit is not None:
            self.visit.close()
        self.key = self.visit = None


@pytest.fixture(scope="session")
def shared_pages(browser, server):
    pages = SharedPages(browser, server)
    yield pages
    pages.close()


def _shared_chapter(request, shared_pages) -> PageVisit:
    params = request.node.callspec.params
    width = SHARED_CHAPTER_WIDTHS[request.fixturename]
    return shared_pages.get(f"{params['lang']}/{params['name']}.html", width)


@pytest.fixture
def phone_chapter(request, shared_pages) -> PageVisit:
    """The ``lang``/``name`` chapter at 390 px, shared by the tests that only read it."""
    return _shared_chapter(request, shared_pages)


@pytest.fixture
def desktop_chapter(request, shared_pages) -> PageVisit:
    """The ``lang``/``name`` chapter at 1280 px, shared by the tests that only read it."""
    return _shared_chapter(request, shared_pages)


def set_slider(figure, slider, value: str) -> None:
    """Move a live chart's slider to ``value`` ("min", "max" or a number) and wait for the redraw."""
    before = figure.locator("svg").first.inner_html()
    slider.evaluate(
        """(el, v) => { el.value = (v === 'min' || v === 'max') ? el[v] : v;
                        el.dispatchEvent(new Event('input', {bubbles: true})); }""",
        value,
    )
    figure.page.wait_for_function(
        "([f, b]) => f.querySelector('svg').innerHTML !== b",
        arg=[figure.element_handle(), before],
        timeout=5000,
    )
