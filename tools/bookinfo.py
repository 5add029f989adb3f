"""Facts about the book that the build, the tools and the tests share, defined once.

The page list is read from the toctree of each language's ``index.md``, so a
chapter exists for every tool and test as soon as it is in the table of
contents (``make chapter`` puts it there).

>>> pages()[0], pages()[-1]
('index', 'glossary')
>>> all(CHAPTER_FILE.match(name) for name in chapters())
True
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "book"
CONF = ROOT / "conf"
BUILD = ROOT / "_build"
SITE = BUILD / "site"
LANGS = ("ko", "en")
TITLES = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}
#: A chapter's file name: its number, a hyphen, a slug (``08-classification``).
CHAPTER_FILE = re.compile(r"^(\d{2,})-([a-z0-9-]+)$")
_TOCTREE = re.compile(r"^```\{toctree\}[^\n]*\n(.*?)^```", re.M | re.S)


def pages(lang: str = "en", book: Path = BOOK) -> list[str]:
    """Every page in reading order: the preface, then each toctree entry of ``index.md``."""
    text = (book / lang / "index.md").read_text(encoding="utf-8")
    entries = []
    for body in _TOCTREE.findall(text):
        entries += [
            line.strip()
            for line in body.splitlines()
            if line.strip() and not line.strip().startswith(":")
        ]
    return ["index", *entries]


def chapters(lang: str = "en", book: Path = BOOK) -> list[str]:
    """The numbered chapters, in order (pages whose name starts with a number)."""
    return [name for name in pages(lang, book) if CHAPTER_FILE.match(name)]
