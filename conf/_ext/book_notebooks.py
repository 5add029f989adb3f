"""Every chapter downloads as a Jupyter notebook that runs as the page shows.

After an HTML build, ``<lang>/notebooks/`` in the site holds:

- ``<chapter>.ipynb`` for each chapter: the page's shown code cells with their
  outputs, after a note on how to run it and a cell that installs the lesson
  package (``tools/notebooks.py`` makes it from the notebook myst-nb executed);
- the lesson package's wheel, ``first_steps_dl-<version>-py3-none-any.whl``,
  built from ``src/`` with ``pip wheel`` (cached by the sources' hash, and
  reproducible: a fixed ``SOURCE_DATE_EPOCH``);
- ``first-steps-dl-notebooks-<lang>.zip``: all the notebooks, the wheel and a
  README for Jupyter, VS Code and Colab.

The install cell names the wheel by its absolute URL when ``BOOK_BASE_URL`` is
set (a notebook opened anywhere can fetch it from the book), and by its file
name otherwise (the wheel sits beside the notebooks in the zip).

Each chapter's download menu gets the notebook and the zip; where the
repository is on GitHub (``BOOK_REPOSITORY``), also an "Open in Colab" link to
the notebook the ``pages`` workflow publishes on the ``notebooks`` branch. It is
only a link: the site makes no request to another host.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import nbformat
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import book_background  # noqa: E402
import notebooks  # noqa: E402
from bookinfo import CHAPTER_FILE  # noqa: E402
from build import WHEEL_FILES  # noqa: E402

logger = logging.getLogger(__name__)

FOLDER = "notebooks"
#: The wheel's files carry this date (2026-01-01), so two builds ship the same bytes.
SOURCE_DATE_EPOCH = "1767225600"
LABELS = {
    "ko": {
        "notebook": "이 장의 노트북",
        "notebook_tip": "이 장의 코드를 주피터 노트북(.ipynb)으로 내려받기",
        "zip": "노트북 모음",
        "zip_tip": "모든 장의 노트북과 레슨 패키지를 zip 파일 하나로 내려받기",
        "colab": "코랩에서 열기",
        "colab_tip": "이 장의 노트북을 구글 코랩에서 열기",
    },
    "en": {
        "notebook": "Notebook (.ipynb)",
        "notebook_tip": "Download this chapter's code as a Jupyter notebook",
        "zip": "All notebooks (.zip)",
        "zip_tip": "Download every chapter's notebook and the lesson package as one zip",
        "colab": "Open in Colab",
        "colab_tip": "Open this chapter's notebook in Google Colab",
    },
}


def _project() -> tuple[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return meta["name"], meta["version"]


def wheel_name() -> str:
    name, version = _project()
    return f"{name.replace('-', '_')}-{version}-py3-none-any.whl"


def zip_name(lang: str) -> str:
    return f"{notebooks.DISTRIBUTION}-notebooks-{lang}.zip"


def _wheel_sources() -> list[Path]:
    files = [ROOT / name for name in WHEEL_FILES]
    files += [
        p
        for p in (ROOT / "src" / "lessons").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and not p.name.endswith(".pyc")
    ]
    return files


def build_wheel(cache: Path) -> Path:
    """The lesson package's wheel, built once per version of its sources."""
    sources = _wheel_sources()
    folder = cache / notebooks.source_digest(sources)
    wheel = folder / wheel_name()
    if wheel.is_file():
        return wheel
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "src"
        for path in sources:
            target = copy / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        out = Path(tmp) / "wheel"
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PIP_NO_INPUT": "1"}
        run = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
            + ["--no-build-isolation", "--no-index", "-w", str(out), str(copy)],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        built = out / wheel_name()
        if run.returncode or not built.is_file():
            raise ExtensionError(f"building the lesson package's wheel failed:\n{run.stderr}")
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{wheel.name}.{os.getpid()}"  # two builds may make it at once
        shutil.copyfile(built, partial)
        os.replace(partial, wheel)
    return wheel


def _wheel_cache(app: Sphinx) -> Path:
    return Path(app.outdir).parent.parent / ".wheel-cache"


def _build_wheel_early(app: Sphinx) -> None:
    """Start building the wheel (a second of pip) while the pages are read.

    It depends only on the package's sources; :func:`write_archive` waits for
    this process, then finds the wheel in the cache (or, if it failed, builds
    it again and says why).
    """
    if app.builder.name != "html":
        return
    cache = _wheel_cache(app)
    if (cache / notebooks.source_digest(_wheel_sources()) / wheel_name()).is_file():
        return
    book_background.start(
        app,
        "wheel",
        f"import book_notebooks as b; from pathlib import Path; b.build_wheel(Path({str(cache)!r}))",
    )


def _is_chapter(app: Sphinx, pagename: str) -> bool:
    return bool(CHAPTER_FILE.match(pagename)) and pagename in app.env.found_docs


def _base(app: Sphinx) -> str:
    from book_publish import base_url

    return base_url(app.config)


def _colab(app: Sphinx, pagename: str) -> str:
    from book_publish import repository_url

    repo = repository_url(app.config)
    prefix = "https://github.com/"
    if not repo.startswith(prefix):
        return ""
    path = repo.removeprefix(prefix)
    return (
        f"https://colab.research.google.com/github/{path}/blob/notebooks/"
        f"{app.config.language}/{pagename}.ipynb"
    )


def _add_links(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html" or not _is_chapter(app, pagename):
        return
    labels = LABELS.get(app.config.language, LABELS["en"])
    links = [
        ("notebook", f"{FOLDER}/{pagename}.ipynb", "fas fa-code"),
        ("zip", f"{FOLDER}/{zip_name(app.config.language)}", "fas fa-file-archive"),
    ]
    colab = _colab(app, pagename)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        for key, target, icon in links:
            group["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](target, 1),
                    "text": labels[key],
                    "tooltip": labels[f"{key}_tip"],
                    "icon": icon,
                    "label": f"download-{key}-button",
                }
            )
        if colab:
            group["buttons"].append(
                {
                    "type": "link",
                    "url": colab,
                    "text": labels["colab"],
                    "tooltip": labels["colab_tip"],
                    "icon": "fas fa-rocket",
                    "label": "open-colab-button",
                }
            )


def _install_target(app: Sphinx) -> str:
    base = _base(app)
    name = wheel_name()
    return f"{base}{app.config.language}/{FOLDER}/{name}" if base else name


def _with_outputs(app: Sphinx, nb):
    """The executed notebook with its outputs.

    When every cell came from jupyter-cache, myst-nb writes ``jupyter_execute``
    without outputs (it keeps the cached notebook to itself), so they are taken
    from the cache record that matches this notebook's code.
    """
    if any(c.get("outputs") for c in nb.cells if c.cell_type == "code"):
        return nb
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(app.config.nb_execution_cache_path).merge_match_into_notebook(nb)
    except KeyError:
        return nb
    return merged


def write_notebook(app: Sphinx, doctree) -> None:
    """Write a chapter's reader notebook as soon as the page has been read (and executed).

    myst-nb has just written the executed notebook to ``jupyter_execute``; the
    reader's notebook is made from it now, because a later build of another
    kind (the PDF and EPUB builds share that folder) may replace it with one
    without outputs. A page that is not re-read keeps the notebook made when
    it last was.
    """
    docname = app.env.docname
    if app.builder.name != "html" or not CHAPTER_FILE.match(docname):
        return
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.ipynb"
    if not executed.is_file():
        return
    lang = app.config.language
    base = _base(app)
    title = next(iter(doctree.findall(nodes.title)), None)
    nb = notebooks.reader_notebook(
        _with_outputs(app, nbformat.read(executed, as_version=4)),
        lang,
        _install_target(app),
        title.astext() if title is not None else docname,
        f"{base}{lang}/{docname}.html" if base else "",
    )
    out = Path(app.outdir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{docname}.ipynb").write_text(notebooks.dumps(nb), encoding="utf-8")


def write_archive(app: Sphinx, exception) -> None:
    """The wheel beside the notebooks, and all of them in one zip."""
    book_background.finish(app, "wheel", exception)
    if exception is not None or app.builder.name != "html":
        return
    lang = app.config.language
    out = Path(app.outdir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    wheel = build_wheel(_wheel_cache(app))
    files: dict[str, bytes] = {wheel.name: wheel.read_bytes()}
    for docname in sorted(app.env.found_docs):
        if not CHAPTER_FILE.match(docname):
            continue
        page = out / f"{docname}.ipynb"
        if not page.is_file():
            logger.warning(
                "no notebook for %s: its page was never executed in this build folder",
                docname,
                location=docname,
                type="book",
                subtype="notebooks",
            )
            continue
        files[page.name] = page.read_bytes()
    shutil.copyfile(wheel, out / wheel.name)
    files["README.txt"] = notebooks.README[lang].format(wheel=wheel.name).encode("utf-8")
    archive = {f"{notebooks.DISTRIBUTION}-{lang}/{name}": data for name, data in files.items()}
    (out / zip_name(lang)).write_bytes(notebooks.zip_bytes(archive))


def setup(app: Sphinx) -> dict:
    # after sphinx-book-theme made the download menu (500) and book_downloads added the books
    app.connect("html-page-context", _add_links, priority=650)
    app.connect("doctree-read", write_notebook)
    app.connect("builder-inited", _build_wheel_early)
    app.connect("build-finished", write_archive)
    # env_version: a new version re-reads every page once, so each notebook is made again
    return {"env_version": 4, "parallel_read_safe": True, "parallel_write_safe": True}
