"""What a published page carries for search engines, link previews and contributors.

Two settings, each a configuration value or an environment variable (the
environment wins, so CI can set them without editing ``conf.py``):

- ``book_base_url`` / ``BOOK_BASE_URL``: where the site is published, e.g.
  ``https://user.github.io/repo/`` for a project site under a sub-path. When
  set, every page gets ``<link rel="canonical">`` and absolute ``hreflang``
  alternates (both languages, and ``x-default``: the language chooser for the
  front page, the English page otherwise), and ``og:url``. When not set, nothing absolute is written: the site keeps only
  relative links and can be served from any folder.
- ``book_repository`` / ``BOOK_REPOSITORY``: the repository's web address, e.g.
  ``https://github.com/user/repo`` (branch: ``book_repository_branch`` /
  ``BOOK_REPOSITORY_BRANCH``, default ``main``). When set, the page footer links
  to "edit this page" and "report a problem with this page" (a prefilled
  erratum form), in the page's language; when not set, there are no such links.

Always, whatever is set: ``<meta name="description">`` from the page's first
paragraph and Open Graph tags (title, description, type, locale, site name),
in the page's language, and the footer's licence line (text and figures
CC BY-SA 4.0, code MIT, as in ``LICENSE``).

``tools/publish.py`` writes ``sitemap.xml`` and ``robots.txt`` from the same
base URL once the site is assembled.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from urllib.parse import urlencode

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

LANGS = ("ko", "en")
OG_LOCALE = {"ko": "ko_KR", "en": "en_US"}
DESCRIPTION_LENGTH = 160  # characters; what result pages and link previews show

LICENCE_URL = {
    "ko": "https://creativecommons.org/licenses/by-sa/4.0/deed.ko",
    "en": "https://creativecommons.org/licenses/by-sa/4.0/",
}
MIT_URL = "https://opensource.org/license/mit"

#: The footer's words, per language (kept here, not in the .po file, so the
#: links and their labels live in one place).
WORDS = {
    "ko": {
        "content": "본문과 그림:",
        "content_licence": "크리에이티브 커먼즈 저작자표시-동일조건변경허락 4.0 국제 라이선스",
        "content_short": "(CC BY-SA 4.0)",
        "code": "코드:",
        "code_licence": "MIT 라이선스",
        "edit": "이 페이지 고치기",
        "report": "이 페이지의 문제 알리기",
        "contribute": "이 책에 기여하기",
    },
    "en": {
        "content": "Text and figures:",
        "content_licence": "Creative Commons Attribution-ShareAlike 4.0 International",
        "content_short": "(CC BY-SA 4.0)",
        "code": "Code:",
        "code_licence": "MIT License",
        "edit": "Edit this page",
        "report": "Report a problem with this page",
        "contribute": "Contribute to this book",
    },
}
REPORT_TITLE = {"ko": "[정오표] {title}", "en": "[Erratum] {title}"}


def _setting(config: Config, name: str) -> str:
    return (getattr(config, name) or "").strip()


def base_url(config: Config) -> str:
    """The site's base URL with one trailing slash, or ``""`` when not published anywhere."""
    url = _setting(config, "book_base_url")
    if not url:
        return ""
    if not re.match(r"^https?://[^/\s]+(/\S*)?$", url):
        raise ConfigError(f"BOOK_BASE_URL must be an absolute http(s) URL, got {url!r}")
    return url.rstrip("/") + "/"


def repository_url(config: Config) -> str:
    url = _setting(config, "book_repository")
    if url and not re.match(r"^https?://[^/\s]+/\S+$", url):
        raise ConfigError(f"BOOK_REPOSITORY must be the repository's web address, got {url!r}")
    return url.rstrip("/").removesuffix(".git")


ENVIRONMENT = {
    "book_base_url": "BOOK_BASE_URL",
    "book_repository": "BOOK_REPOSITORY",
    "book_repository_branch": "BOOK_REPOSITORY_BRANCH",
}


def _apply(app: Sphinx, config: Config) -> None:
    # the environment becomes configuration, so changing it rewrites every page
    for name, env in ENVIRONMENT.items():
        if os.environ.get(env, "").strip():
            setattr(config, name, os.environ[env].strip())
    base = base_url(config)
    if base:
        # Sphinx then writes <link rel="canonical" href="{pageurl}"> on every page
        config.html_baseurl = f"{base}{config.language}/"
    repository_url(config)  # fail early on a malformed address


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?。])\s+", text) if s]


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """Whole sentences up to ``limit`` characters; a longer first sentence is cut at a space.

    >>> shorten("One. Two is longer. Three.", 20)
    'One. Two is longer.'
    >>> shorten("a b c d e f", 8)
    'a b c d…'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in _sentences(text):
        joined = f"{kept} {sentence}".strip()
        if len(joined) > limit:
            break
        kept = joined
    if kept:
        return kept
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # do not end inside a word
    return cut.rstrip() + "…"


def first_paragraph(doctree: nodes.document | None) -> str:
    """The text of the page's first prose paragraph (directly in a section, no maths)."""
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        if not isinstance(paragraph.parent, nodes.section):
            continue
        if any(n.tagname in ("math", "math_block") for n in paragraph.findall(nodes.Element)):
            continue
        text = " ".join(paragraph.astext().split())
        if text:
            return text
    return ""


def _alternates(base: str, lang: str, pagename: str) -> str:
    """Both languages, and ``x-default``: the language chooser for the front page, the
    English page for the others (as in ``tools/publish.py``'s sitemap)."""
    hrefs = {other: f"{base}{other}/{pagename}.html" for other in LANGS}
    hrefs["x-default"] = base if pagename == "index" else hrefs["en"]
    return "".join(
        f'\n    <link rel="alternate" hreflang="{code}" href="{href}">'
        for code, href in hrefs.items()
    )


RELATIVE_ALTERNATE = re.compile(
    r'\n?\s*<link rel="alternate" hreflang="[^"]+" href="(?!https?://)[^"]*">'
)


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html":  # the site only; the EPUB has its own head
        return
    config = app.config
    lang = config.language
    words = WORDS[lang]
    base = base_url(config)
    title = re.sub(r"<[^>]+>", "", context.get("title") or config.project)
    title = html.unescape(title)
    description = shorten(first_paragraph(doctree)) or title
    site_name = config.project
    metatags = context.get("metatags", "")

    tags = [
        ("name", "description", description),
        ("property", "og:title", title),
        ("property", "og:description", description),
        (
            "property",
            "og:type",
            "article" if doctree is not None and pagename != config.root_doc else "website",
        ),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", OG_LOCALE[lang]),
    ]
    tags += [("property", "og:locale:alternate", OG_LOCALE[o]) for o in LANGS if o != lang]
    if base:
        tags.append(("property", "og:url", f"{base}{lang}/{pagename}.html"))
        # the language switch's relative alternates become absolute ones, with x-default
        metatags = RELATIVE_ALTERNATE.sub("", metatags) + _alternates(base, lang, pagename)
    metatags += "".join(
        f'\n    <meta {kind}="{key}" content="{html.escape(value, quote=True)}">'
        for kind, key, value in tags
    )
    context["metatags"] = metatags

    footer = {"words": words, "licence_url": LICENCE_URL[lang], "mit_url": MIT_URL}
    repository = repository_url(config)
    if repository:
        branch = _setting(config, "book_repository_branch") or "main"
        footer["mit_url"] = f"{repository}/blob/{branch}/LICENSE"
        footer["contribute_url"] = f"{repository}/blob/{branch}/CONTRIBUTING.md"
        if doctree is not None and pagename in app.env.all_docs:
            source = Path(app.env.doc2path(pagename)).relative_to(Path(app.srcdir).parent.parent)
            footer["edit_url"] = f"{repository}/edit/{branch}/{source.as_posix()}"
            where = f"{base}{lang}/{pagename}.html" if base else f"{lang}/{pagename}.html"
            query = urlencode(
                {
                    "template": "erratum.yml",
                    "title": REPORT_TITLE[lang].format(title=title),
                    "page": where,
                    "language": lang,
                }
            )
            footer["report_url"] = f"{repository}/issues/new?{query}"
    context["book_publish"] = footer


def setup(app: Sphinx) -> dict:
    app.add_config_value("book_base_url", "", "html", str)
    app.add_config_value("book_repository", "", "html", str)
    app.add_config_value("book_repository_branch", "main", "html", str)
    app.connect("config-inited", _apply)
    # after book_language (priority 500), whose relative alternates this may replace
    app.connect("html-page-context", _page_context, priority=600)
    app.add_css_file("book-publish.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
