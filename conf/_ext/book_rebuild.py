"""An edited extension rebuilds every page.

Sphinx re-reads and rewrites only the pages whose sources changed. This
project's extensions put menus, labels, fonts and search terms on every page,
so an extension edited without a rebuild of everything left the untouched
pages with its old output (two pages kept "(pdf)" after the label became
"(PDF)"). The hash of the build code is registered as a config value with
``rebuild="env"``: when it changes, Sphinx re-reads every page (the notebooks'
outputs still come from the execution cache, so nothing is executed again).
A no-op build only hashes these few files.

The same holds for the site's own scripts and styles: a page links each with a
``?v=<checksum>`` that Sphinx writes when it writes the page, so a page not
rewritten after ``book-widgets.css`` changed would make a browser keep the old
file. Their hash is a second config value, with ``rebuild="html"``: every page
is written again (not re-read).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

CONF = Path(__file__).resolve().parents[1]
ROOT = CONF.parent


def build_code(conf: Path = CONF) -> list[Path]:
    """The files whose edit can change any page: extensions, conf.py, translations, page list."""
    return sorted(
        [*conf.glob("_ext/*.py"), conf / "conf.py", *conf.glob("locale/*/LC_MESSAGES/*.po")]
        + [conf.parent / "tools" / "bookinfo.py"]
    )


def extensions_digest(conf: Path = CONF) -> str:
    """The hash of :func:`build_code`, each file under its path relative to the project."""
    return digest_of(build_code(conf), conf.parent)


def static_files(conf: Path = CONF) -> list[Path]:
    """The files every page links with a checksum: the book's scripts and styles,
    and the npm lock that pins the copied libraries (Vega, KaTeX's styles, fonts)."""
    return sorted(
        [p for p in (conf / "_static").rglob("*") if p.is_file()]
        + [p for p in [conf.parent / "package-lock.json"] if p.is_file()]
    )


def digest_of(files: list[Path], root: Path = ROOT) -> str:
    """The hash of ``files``, each under its path relative to ``root``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app):
    app.add_config_value("book_extensions_digest", extensions_digest(), "env", types=[str])
    app.add_config_value("book_static_digest", digest_of(static_files()), "html", types=[str])
    return {"parallel_read_safe": True, "parallel_write_safe": True}
