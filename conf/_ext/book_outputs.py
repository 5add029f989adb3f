"""The built site holds only the book's current pages.

Sphinx never deletes what an earlier build wrote: a chapter made with `make
chapter`, built, then deleted (its files and its toctree line) kept its
``.html``, its source download (``_sources/``) and its reader notebook
(``notebooks/``) in ``_build/<lang>/html`` after an incremental build, and so in
the published site, reachable by address and by a search engine. After each
successful HTML build this removes every page and per-page file whose page is
no longer in the book; the pages Sphinx makes itself (``genindex``,
``search``, domain indices, ``html_additional_pages``) stay.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: Folders of per-page files besides the pages: (folder, how a page's file is named).
PER_PAGE = (("_sources", "{doc}.*"), ("notebooks", "{doc}.ipynb"))


def stale_pages(outdir: Path, current: set[str]) -> list[str]:
    """The pages (names without ``.html``) in ``outdir`` that are not in ``current``.

    Folders starting with ``_`` (static files, sources, images) hold no pages.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("index.html", "09-trial.html", "_static/x.html", "sub/a.html"):
    ...         (Path(tmp) / name).parent.mkdir(parents=True, exist_ok=True)
    ...         _ = (Path(tmp) / name).write_text("")
    ...     stale_pages(Path(tmp), {"index", "sub/a"})
    ['09-trial']
    """
    found = []
    for path in sorted(outdir.rglob("*.html")):
        relative = path.relative_to(outdir)
        if relative.parts[0].startswith("_"):
            continue
        name = relative.with_suffix("").as_posix()
        if name not in current:
            found.append(name)
    return found


def remove_stale_outputs(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    current = set(app.env.found_docs) | {"genindex", "search"}
    current |= set(app.config.html_additional_pages)
    current |= {entry[0] for entry in getattr(app.builder, "domain_indices", [])}
    stale = stale_pages(outdir, current)
    for name in stale:
        (outdir / f"{name}.html").unlink()
        for folder, pattern in PER_PAGE:
            for path in (outdir / folder).glob(pattern.format(doc=name)):
                path.unlink()
    if stale:
        logger.info(
            "book: removed the outputs of pages no longer in the book: %s", ", ".join(stale)
        )


def setup(app: Sphinx) -> dict:
    app.connect("build-finished", remove_stale_outputs, priority=100)  # before the archive
    return {"parallel_read_safe": True, "parallel_write_safe": True}
