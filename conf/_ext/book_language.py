"""Per-language settings of the one shared configuration.

The language comes from ``-D language=ko|en``; the source folder must match it
(``book/ko`` is built with ``language=ko``), so a mix-up fails loudly.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

TITLES = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}


def _apply(app: Sphinx, config: Config) -> None:
    lang = config.language
    if lang not in TITLES:
        raise ConfigError(f"language must be one of {sorted(TITLES)}, got {lang!r} (use -D language=ko|en)")
    folder = Path(app.srcdir).name
    if folder != lang:
        raise ConfigError(f"source folder {app.srcdir} is book/{folder} but language is {lang!r}")
    config.project = TITLES[lang]
    config.html_title = TITLES[lang]
    config.html_short_title = TITLES[lang]


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
