"""Publishing: meta description and Open Graph in the page's language, canonical and
absolute hreflang links when a base URL is set, edit/report links when a repository
is set (and none otherwise), sitemap.xml and robots.txt."""

from __future__ import annotations

import os
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, NOTEBOOK_FRONT_MATTER, PAGES, ROOT, build_tiny_book

sys.path.insert(0, str(ROOT / "tools"))
import publish  # noqa: E402  (tools/ is not a package)

HANGUL = re.compile(r"[\uac00-\ud7a3]")
OG_LOCALE = {"ko": "ko_KR", "en": "en_US"}
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
    return tag["content"] if tag else None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_description_and_open_graph_in_the_page_language(site, lang, page):
    soup = soup_of(site / lang / f"{page}.html")
    description = meta(soup, "description")
    assert description and 40 <= len(description) <= 160, description
    assert bool(HANGUL.search(description)) == (lang == "ko"), description
    # it comes from the page's own text, not from its title
    assert description.rstrip("…")[:30] in " ".join(soup.select_one("article").get_text("").split())
    assert meta(soup, "og:description") == description
    assert meta(soup, "og:title") == soup.title.get_text().split(" — ")[0].strip()
    assert meta(soup, "og:locale") == OG_LOCALE[lang]
    assert meta(soup, "og:locale:alternate") == OG_LOCALE[{"ko": "en", "en": "ko"}[lang]]
    assert meta(soup, "og:site_name")
    assert meta(soup, "og:type") == ("website" if page == "index" else "article")


@pytest.mark.parametrize("lang", LANGS)
def test_without_settings_nothing_absolute_and_no_repository_links(site, lang):
    if os.environ.get("BOOK_BASE_URL") or os.environ.get("BOOK_REPOSITORY"):
        pytest.skip("this build was made with BOOK_BASE_URL or BOOK_REPOSITORY set")
    for page in PAGES:
        soup = soup_of(site / lang / f"{page}.html")
        assert soup.find("link", rel="canonical") is None
        assert meta(soup, "og:url") is None
        for link in soup.find_all("link", rel="alternate"):
            assert not link["href"].startswith(("http:", "https:")), link
        assert not soup.select(".book-edit-link, .book-report-link")
    assert not (site / "sitemap.xml").exists()
    assert (site / "robots.txt").read_text(encoding="utf-8").startswith("User-agent: *")


CHAPTER = (
    NOTEBOOK_FRONT_MATTER
    + """
# Horsepower

Heavier engines burn more fuel. This page looks at the cars.

```{code-cell} ipython3
from lessons import data
cars = data.load_cars()
print(len(cars))
```
"""
)


@pytest.mark.build
def test_base_url_and_repository_make_absolute_links_and_contributor_links(tmp_path, monkeypatch):
    monkeypatch.setenv("BOOK_BASE_URL", "https://reader.example.org/some/sub/path")
    monkeypatch.setenv("BOOK_REPOSITORY", "https://github.com/someone/the-book.git")
    monkeypatch.setenv("BOOK_REPOSITORY_BRANCH", "main")
    run = build_tiny_book(tmp_path, {"index": CHAPTER})
    assert run.returncode == 0, run.stderr
    soup = soup_of(tmp_path / "_build" / "en" / "html" / "index.html")
    base = "https://reader.example.org/some/sub/path/"
    assert soup.find("link", rel="canonical")["href"] == f"{base}en/index.html"
    alternates = {a["hreflang"]: a["href"] for a in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "ko": f"{base}ko/index.html",
        "en": f"{base}en/index.html",
        "x-default": base,
    }
    assert meta(soup, "og:url") == f"{base}en/index.html"
    assert meta(soup, "description") == (
        "Heavier engines burn more fuel. This page looks at the cars."
    )
    edit = soup.select_one("a.book-edit-link")
    assert edit["href"] == "https://github.com/someone/the-book/edit/main/book/en/index.md"
    assert edit.get_text(strip=True) == "Edit this page"
    report = soup.select_one("a.book-report-link")
    parts = urlsplit(report["href"])
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://github.com/someone/the-book/issues/new"
    )
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "template": "erratum.yml",
        "title": "[Erratum] Horsepower",
        "page": f"{base}en/index.html",
        "language": "en",
    }
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "erratum.yml").exists()
    assert [li["data-dataset"] for li in soup.select(".book-data-credits li")] == ["cars.csv"]


def fake_site(root: Path) -> Path:
    for lang in LANGS:
        for name in ("index.html", "01-a.html", "genindex.html", "_static/x.html"):
            (root / lang / name).parent.mkdir(parents=True, exist_ok=True)
            (root / lang / name).write_text("<html></html>", encoding="utf-8")
        (root / lang / "search.html").write_text(
            '<meta name="robots" content="noindex" />', encoding="utf-8"
        )
    (root / "en" / "only-english.html").write_text("<html></html>", encoding="utf-8")
    (root / "index.html").write_text("<html></html>", encoding="utf-8")
    return root


def test_sitemap_lists_both_languages_with_alternates(tmp_path):
    site = fake_site(tmp_path / "site")
    assert publish.main(["--site", str(site), "--base-url", "https://u.example.io/repo"]) == 0
    tree = ET.parse(site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall(f"{SITEMAP}url"):
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(f"{XHTML}link")}
        entries[url.find(f"{SITEMAP}loc").text] = alternates
    base = "https://u.example.io/repo/"
    assert set(entries) == {base} | {
        f"{base}{lang}/{page}" for lang in LANGS for page in ("index.html", "01-a.html")
    }
    for loc, alternates in entries.items():
        assert set(alternates) == {"ko", "en", "x-default"}
        assert loc in alternates.values()
    assert entries[f"{base}ko/01-a.html"]["en"] == f"{base}en/01-a.html"
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"


def test_without_a_base_url_no_sitemap_is_written(tmp_path):
    site = fake_site(tmp_path / "site")
    (site / "sitemap.xml").write_text("stale", encoding="utf-8")
    assert publish.main(["--site", str(site), "--base-url", ""]) == 0
    assert not (site / "sitemap.xml").exists()
    assert "Sitemap:" not in (site / "robots.txt").read_text(encoding="utf-8")


def test_a_relative_base_url_is_refused(tmp_path):
    with pytest.raises(SystemExit):
        publish.main(["--site", str(fake_site(tmp_path / "s")), "--base-url", "/repo/"])
