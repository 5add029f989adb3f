"""One Sphinx configuration for both languages of the book.

Build a language with ``sphinx-build -c conf -D language=ko book/ko OUT``
(the Makefile does this for ``ko`` and ``en``). Everything that depends on the
language is set from ``language`` in ``_ext/book_language.py``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))
sys.path.insert(0, str(ROOT / "tools"))

from bookinfo import chapters  # noqa: E402  (the page list, read from the toctree)

# The kernels that execute the chapters inherit this environment: a quiet
# ipykernel (no "running over TCP" notice on stderr, which would fail the
# strict build), with IPython's files kept inside _build.
_ipython = ROOT / "_build" / ".ipython"
_kernel_config = _ipython / "profile_default" / "ipython_kernel_config.py"
_wanted = (HERE / "ipython_kernel_config.py").read_bytes()
if not _kernel_config.exists() or _kernel_config.read_bytes() != _wanted:
    # written whole, then renamed: builds running side by side (tests) never read half a file
    _kernel_config.parent.mkdir(parents=True, exist_ok=True)
    _partial = _kernel_config.with_name(f".{_kernel_config.name}.{os.getpid()}")
    _partial.write_bytes(_wanted)
    os.replace(_partial, _kernel_config)
os.environ["IPYTHONDIR"] = str(_ipython)
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

language = "en"  # overridden per build with -D language=ko|en
project = "First Steps into Deep Learning"  # set per language by book_language
author = "The 딥러닝 첫걸음 authors"
copyright = "2026, the 딥러닝 첫걸음 authors"

extensions = [
    "book_rebuild",  # an edited extension (or conf.py) re-reads every page
    "myst_nb",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinx_exercise",
    "sphinx_togglebutton",
    "sphinxcontrib.katex",
    "book_katex",
    "book_language",
    "book_korean",
    "book_search",
    "book_assets",
    "book_lessons_cache",
    "book_execution",
    "book_numbers",
    "book_chart_alt",  # a chart's description (alt text) from a hidden cell
    "book_selfcheck",  # self-checks whose answer keys are glued by the page's code
    "book_publish",
    "book_credits",  # base URL, meta tags, footer links; data credits
    "book_fonts",
    "book_unique_ids",
    "book_foreign_words",
    "book_outputs",  # a page deleted from the book leaves no output behind
]

root_doc = "index"
exclude_patterns = ["**/.ipynb_checkpoints"]
templates_path = [str(HERE / "_templates")]
locale_dirs = [str(HERE / "locale")]  # interface strings the theme leaves untranslated
html_static_path = [str(HERE / "_static")]
html_css_files = ["book.css"]
html_search_scorer = str(HERE / "_static" / "book-search-scorer.js")
html_favicon = str(HERE / "_static" / "favicon.svg")

# --- strictness ------------------------------------------------------------
nitpicky = True
suppress_warnings: list[str] = []  # never silence a warning you have not understood

# --- MyST and execution ----------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
# Counted from the toctree, so the preface never says "seven chapters" when there are eight.
myst_substitutions = {"chapter_count": str(len(chapters()))}
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_timeout = 180
# A failing cell becomes a [mystnb.exec] warning with its traceback; -W then
# fails the build and names the page. Stray stderr is a warning too.
nb_execution_raise_on_error = False
nb_execution_show_tb = True
nb_output_stderr = "warn"
nb_merge_streams = True

# --- maths: KaTeX, pre-rendered at build time (node), CSS and fonts served locally
katex_prerender = True
katex_css_path = "katex/katex.min.css"

# --- theme -----------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
    "footer_content_items": ["book-footer.html"],
    "navbar_persistent": [],  # the search field lives in the sidebar; no second one on top
}
# The page is served light (data-theme="light"), so it has the theme's colours without
# JavaScript; with it, book_assets.THEME_NOW follows the reader's system setting ("auto")
# until they pick light or dark themselves.
html_context = {"default_mode": "light"}
copybutton_exclude = ".linenos, .gp, .go"

# --- PDF and EPUB (make pdf / make epub) -------------------------------------
# The site's download menu links the two books (_ext/book_downloads.py). Only
# `sphinx-build -t book_print` (tools/print_book.py) loads the print settings;
# see conf/pdf/book_print.py.
extensions.append("book_downloads")
extensions.append("book_notebooks")  # each chapter as a notebook, the wheel, the zip
if tags.has("book_print"):  # noqa: F821 (Sphinx provides `tags` to conf.py)
    sys.path.insert(0, str(HERE / "pdf"))
    extensions.append("book_print")


def _template_bytecode_cache(app) -> None:
    # Jinja compiles the theme's templates in every build; keep the compiled code
    # beside the doctrees (keyed by each template's name and checked against its
    # source by Jinja), so a rebuild of one page does not compile them again.
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        from jinja2 import FileSystemBytecodeCache

        folder = Path(app.doctreedir) / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup(app) -> None:
    app.connect("builder-inited", _template_bytecode_cache)
