"""Every internal link, stylesheet, script and image of the site resolves, anchors included."""

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and not (
                tag == "link" and attrs.get("rel") in ("alternate", "canonical")
            ):
                self.urls.append(attrs[name])


@cache
def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        for url in parsed(page).urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith(("//", "#", "mailto:", "javascript:", "data:")):
                if url.startswith("#") and url != "#" and unquote(url[1:]) not in parsed(page).ids:
                    broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {url} (no such file)")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in parsed(target).ids
            ):
                broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    return broken


def test_every_internal_link_resolves(site):
    assert broken_links(site) == []


def test_the_checker_catches_a_broken_link(tmp_path):
    (tmp_path / "a.html").write_text(
        '<p id="here"><a href="b.html#nowhere">x</a>'
        '<a href="#here">ok</a><a href="missing.html">y</a></p>'
    )
    (tmp_path / "b.html").write_text('<p id="somewhere"></p>')
    assert broken_links(tmp_path) == [
        "a.html: b.html#nowhere (no such anchor)",
        "a.html: missing.html (no such file)",
    ]
