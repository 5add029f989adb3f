"""`make chapter NAME=08-slug`: scaffold a new chapter in both languages.

Writes ``book/ko/NAME.md`` and ``book/en/NAME.md`` from ``tools/chapter_template``
(front matter, the ``(ch-slug)=`` label, learning goals, two sections, a chart,
a glued number, a summary and two exercises: everything the chapter contract in
``tests/test_chapters.py`` asks for) and adds NAME to the numbered table of
contents of both ``index.md`` files. The new chapter builds and passes the
tests as it is (``tests/test_new_chapter.py``); then write it. Each placeholder
sits under a ``% TODO(chapter): what to write here`` comment line: delete the
line once it is written. A placeholder left in fails a pull request to main.

    python tools/new_chapter.py 08-classification --ko "분류" --en "Classification"
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BOOK, CHAPTER_FILE, LANGS, chapters  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "chapter_template"


def add_to_toctree(index: str, name: str) -> str:
    """Append ``name`` to the numbered toctree of an ``index.md`` text.

    >>> text = "x\\n```{toctree}\\n:numbered:\\n\\n01-a\\n```\\n\\n```{toctree}\\n\\nglossary\\n```\\n"
    >>> print(add_to_toctree(text, "02-b"))
    x
    ```{toctree}
    :numbered:
    <BLANKLINE>
    01-a
    02-b
    ```
    <BLANKLINE>
    ```{toctree}
    <BLANKLINE>
    glossary
    ```
    <BLANKLINE>
    """
    match = re.search(r"^```\{toctree\}\n(?:(?!^```).)*?:numbered:.*?(?=^```)", index, re.M | re.S)
    if match is None:
        raise SystemExit("new_chapter: index.md has no numbered toctree to add the chapter to")
    return index[: match.end()] + f"{name}\n" + index[match.end() :]


def scaffold(name: str, titles: dict[str, str], book: Path = BOOK) -> list[Path]:
    found = CHAPTER_FILE.match(name)
    if not found:
        raise SystemExit(
            f"new_chapter: NAME must look like 08-classification "
            f"(two digits, a hyphen, lower-case words), got {name!r}"
        )
    if name in chapters("en", book) or any((book / lang / f"{name}.md").exists() for lang in LANGS):
        raise SystemExit(f"new_chapter: {name} already exists")
    slug = found.group(2)
    written = []
    for lang in LANGS:
        text = (TEMPLATES / f"{lang}.md").read_text(encoding="utf-8")
        text = text.replace("{slug}", slug).replace("{title}", titles[lang])
        target = book / lang / f"{name}.md"
        target.write_text(text, encoding="utf-8")
        index = book / lang / "index.md"
        index.write_text(add_to_toctree(index.read_text(encoding="utf-8"), name), encoding="utf-8")
        written += [target, index]
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description="scaffold a new chapter in both languages")
    parser.add_argument("name", help="file name without .md, e.g. 08-classification")
    parser.add_argument("--ko", default="", help="the Korean title")
    parser.add_argument("--en", default="", help="the English title")
    args = parser.parse_args()
    if not args.name:
        raise SystemExit("new_chapter: give the chapter's name: make chapter NAME=08-slug")
    slug = args.name.split("-", 1)[-1].replace("-", " ")
    titles = {"ko": args.ko or f"새 장: {slug}", "en": args.en or slug.capitalize()}
    for path in scaffold(args.name, titles):
        print(f"wrote {path.relative_to(BOOK.parent)}")
    print(
        f"next: write both pages where each `% TODO(chapter):` line says, deleting the line, "
        f"then `make check` and `make html` "
        f"(the chapter is ch-{args.name.split('-', 1)[1]} for {{ref}} links)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
