"""Write ``sitemap.xml`` and ``robots.txt`` into the assembled site (``_build/site``).

Run after the site is assembled (``make html`` does). The base URL is
``BOOK_BASE_URL`` (the same variable ``conf/_ext/book_publish.py`` reads), e.g.
``https://user.github.io/repo/`` for a project site served under a sub-path.

- With a base URL: ``sitemap.xml`` lists every readable page of both languages
  (and the language chooser), each with its ``xhtml:link`` alternates in the
  other language and ``x-default``; ``robots.txt`` allows everything and names
  the sitemap.
- Without one: a sitemap needs absolute addresses, so none is written (an old
  one is removed); ``robots.txt`` allows everything.

Pages marked ``noindex`` (the search page) and the general index are left out.
Crawlers read ``robots.txt`` only at a domain's root: under a sub-path it is
harmless, and the sitemap is found through the base URL instead.

    python tools/publish.py [--site DIR] [--base-url URL]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import LANGS, ROOT  # noqa: E402

SKIP = {"genindex.html", "search.html"}
NOINDEX = re.compile(r'<meta\s+name="robots"\s+content="[^"]*noindex', re.I)


def normal_base(url: str) -> str:
    url = url.strip()
    if not url:
        return ""
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        raise SystemExit(f"publish.py: the base URL must be absolute http(s), got {url!r}")
    return url.rstrip("/") + "/"


def pages(site: Path) -> list[str]:
    """Page paths inside a language folder that both languages have and a reader may land on."""
    found = None
    for lang in LANGS:
        names = set()
        for path in (site / lang).rglob("*.html"):
            relative = path.relative_to(site / lang).as_posix()
            if relative.startswith("_") or relative in SKIP:
                continue
            if NOINDEX.search(path.read_text(encoding="utf-8")):
                continue
            names.add(relative)
        found = names if found is None else found & names
    return sorted(found or ())


def sitemap(base: str, names: list[str]) -> str:
    def entry(loc: str, alternates: dict[str, str]) -> str:
        links = "".join(
            f'\n    <xhtml:link rel="alternate" hreflang="{lang}" href="{escape(href)}"/>'
            for lang, href in alternates.items()
        )
        return f"  <url>\n    <loc>{escape(loc)}</loc>{links}\n  </url>\n"

    body = [
        entry(base, {**{lang: f"{base}{lang}/index.html" for lang in LANGS}, "x-default": base})
    ]
    for name in names:
        alternates = {lang: f"{base}{lang}/{name}" for lang in LANGS}
        alternates["x-default"] = base if name == "index.html" else alternates["en"]
        body += [entry(alternates[lang], alternates) for lang in LANGS]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
        '        xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "".join(body) + "</urlset>\n"
    )


def robots(base: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    return text + (f"\nSitemap: {base}sitemap.xml\n" if base else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "site")
    parser.add_argument("--base-url", default=os.environ.get("BOOK_BASE_URL", ""))
    args = parser.parse_args(argv)
    site: Path = args.site
    base = normal_base(args.base_url)
    if not all((site / lang / "index.html").exists() for lang in LANGS):
        print(f"publish.py: {site} has no assembled site; run `make html`", file=sys.stderr)
        return 1
    (site / "robots.txt").write_text(robots(base), encoding="utf-8")
    target = site / "sitemap.xml"
    if base:
        names = pages(site)
        target.write_text(sitemap(base, names), encoding="utf-8")
        print(
            f"publish: sitemap.xml ({len(names)} pages × {len(LANGS)} languages) "
            f"and robots.txt for {base}"
        )
    else:
        target.unlink(missing_ok=True)
        print("publish: robots.txt (no BOOK_BASE_URL, so no sitemap.xml)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
