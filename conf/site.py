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

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
SITE = BUILD / "site"
LANGS = ("ko", "en")
# Build bookkeeping, and the themes' Jinja macro files that their static folders
# carry into _static (template source, not pages).
SKIP = shutil.ignore_patterns(".buildinfo", ".doctrees", "objects.inv", "webpack-macros.html",
                              "sbt-webpack-macros.html")

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


def main() -> int:
    missing = [lang for lang in LANGS if not (BUILD / lang / "html" / "index.html").exists()]
    if missing:
        print(f"site.py: no build for {missing}; run `make html`", file=sys.stderr)
        return 1
    if SITE.exists():
        shutil.rmtree(SITE)
    SITE.mkdir(parents=True)
    for lang in LANGS:
        shutil.copytree(BUILD / lang / "html", SITE / lang, ignore=SKIP)
    (SITE / "index.html").write_text(ROOT_INDEX, encoding="utf-8")
    shutil.copyfile(ROOT / "conf" / "404.html", SITE / "404.html")  # static hosts serve it for a missing page
    pages = sum(1 for _ in SITE.rglob("*.html"))
    print(f"site: {SITE.relative_to(ROOT)} ({pages} HTML files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
