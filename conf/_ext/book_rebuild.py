"""An edited extension rebuilds every page.

Sphinx re-reads and rewrites only the pages whose sources changed. This
project's extensions put menus, labels, fonts and search terms on every page,
so an extension edited without a rebuild of everything left the untouched
pages with its old output (two pages kept "(pdf)" after the label became
"(PDF)"). The hash of the build code is registered as a config value with
``rebuild="env"``: when it changes, Sphinx re-reads every page (the notebooks'
outputs still come from the execution cache, so nothing is executed again).
A no-op build only hashes these few files.
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
    digest = hashlib.sha256()
    for path in build_code(conf):
        digest.update(path.relative_to(conf.parent).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app):
    app.add_config_value("book_extensions_digest", extensions_digest(), "env", types=[str])
    return {"parallel_read_safe": True, "parallel_write_safe": True}
