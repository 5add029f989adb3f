"""Assemble the two language builds into one publishable site.

``_build/ko/html`` and ``_build/en/html`` become ``_build/site/ko`` and
``_build/site/en``; ``_build/site/index.html`` sends a reader to the language
of their browser, or to the one they chose before, with plain links for
readers without JavaScript.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BUILD, LANGS, ROOT, SITE  # noqa: E402

# Build bookkeeping (logs, myst-nb's traceback reports, Sphinx's inventory), and
# what the themes' static folders carry into _static without a reader needing it:
# Jinja macro files (template source) and gettext catalogues (read at build time).
# tests/test_site.py checks what remains.
SKIP = shutil.ignore_patterns(
    ".buildinfo*",
    ".doctrees",
    "objects.inv",
    "webpack-macros.html",
    "sbt-webpack-macros.html",
    "reports",
    "build.log",
    "warnings.log",
    "locales",
)

ROOT_INDEX = """<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>딥러닝 첫걸음 · First Steps into Deep Learning</title>
<link rel="alternate" hreflang="ko" href="ko/index.html">
<link rel="alternate" hreflang="en" href="en/index.html">
<link rel="alternate" hreflang="x-default" href="en/index.html">
<script>
(function () {
  var choice = null;
  try { choice = localStorage.getItem("book-language"); } catch (e) {}
  if (choice !== "ko" && choice !== "en") {
    var wanted = navigator.languages && navigator.languages.length
      ? navigator.languages : [navigator.language || ""];
    choice = String(wanted[0] || "").toLowerCase().indexOf("ko") === 0 ? "ko" : "en";
  }
  location.replace(choice + "/index.html" + location.hash);
})();
</script>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; line-height: 1.6; }
a { display: block; font-size: 1.25rem; margin: 0.5rem 0; }
</style>
</head>
<body>
<h1>딥러닝 첫걸음 · First Steps into Deep Learning</h1>
<a href="ko/index.html" hreflang="ko" lang="ko">한국어로 읽기</a>
<a href="en/index.html" hreflang="en" lang="en">Read in English</a>
</body>
</html>
"""


def assemble(build: Path = BUILD, site: Path = SITE) -> Path:
    """Copy each language's HTML from ``build`` into ``site`` and add the root page."""
    missing = [lang for lang in LANGS if not (build / lang / "html" / "index.html").exists()]
    if missing:
        raise FileNotFoundError(f"no build for {missing} in {build}; run `make html`")
    # the PDF and EPUB editions (make pdf / make epub) survive a new `make html`
    books = (
        {
            path.relative_to(site): path.read_bytes()
            for pattern in ("*/*.pdf", "*/*.epub")
            for path in site.glob(pattern)
        }
        if site.exists()
        else {}
    )
    if site.exists():
        shutil.rmtree(site)
    site.mkdir(parents=True)
    for lang in LANGS:
        shutil.copytree(build / lang / "html", site / lang, ignore=SKIP)
    for relative, data in books.items():
        (site / relative).write_bytes(data)
    (site / "index.html").write_text(ROOT_INDEX, encoding="utf-8")
    # a bilingual page for a missing address (static hosts serve /404.html)
    shutil.copyfile(Path(__file__).resolve().parent / "404.html", site / "404.html")
    return site


def main() -> int:
    try:
        site = assemble()
    except FileNotFoundError as error:
        print(f"site_assembly: {error}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"site: {site.relative_to(ROOT)} ({pages} HTML files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
