"""Everything that depends on the language of a build of the one configuration.

- The language comes from ``-D language=ko|en``; the source folder must match
  it (``book/ko`` is built with ``language=ko``), so a mix-up fails loudly.
- Titles, the search box text and the theme's interface strings follow the
  language (``conf/locale/ko`` fills the strings the theme does not translate).
- Every section gets a language-neutral anchor from its position (``sec-2-1``
  is the first subsection of the second section), identical in both
  languages because their sections correspond one to one (a test enforces it).
- Every page links to the same page in the other language (``language-switch``
  in the article header, ``rel="alternate" hreflang`` in the head);
  ``book-language.js`` keeps the reader's section when they switch.
"""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

TITLES = {"ko": "딥러닝 첫걸음", "en": "First Steps into Deep Learning"}
SEARCH_TEXT = {"ko": "이 책에서 검색…", "en": "Search this book…"}
OTHER = {"ko": "en", "en": "ko"}
LABELS = {"ko": "한국어", "en": "English"}
SWITCH_TITLE = {"en": "Read this page in English", "ko": "Read this page in Korean"}
#: The heading of the page's table of contents (sphinx-book-theme's ``toc_title``, which
#: its Korean catalogue renders as a bare "내용"); English keeps the theme's own.
TOC_TITLE = {"ko": "이 페이지의 내용"}
#: sphinx-exercise titles a solution "<Solution to> <Exercise 1.1>"; Korean puts the
#: exercise first and names the solution as the self-checks do: "연습 1.1 풀이".
SOLUTION_AFTER = {"ko": " 풀이"}
#: myst-nb's toggle of a hidden code cell (``:tags: [hide-input]``), shown and hidden.
CODE_PROMPTS = {
    "ko": ("코드 보기", "코드 숨기기"),
    "en": ("Show code cell {type}", "Hide code cell {type}"),
}
#: …and the accessible name myst-nb writes on that toggle, in English only.
CODE_TOGGLE_LABEL = 'aria-label="Toggle hidden content"'
CODE_TOGGLE_LABELS = {"ko": 'aria-label="숨긴 코드 펼치기/접기"'}


def _apply(app: Sphinx, config: Config) -> None:
    lang = config.language
    if lang not in TITLES:
        raise ConfigError(
            f"language must be one of {sorted(TITLES)}, got {lang!r} (use -D language=ko|en)"
        )
    folder = Path(app.srcdir).name
    if folder != lang:
        raise ConfigError(f"source folder {app.srcdir} is book/{folder} but language is {lang!r}")
    config.project = TITLES[lang]
    config.html_title = TITLES[lang]
    config.html_short_title = TITLES[lang]
    config.html_theme_options["search_bar_text"] = SEARCH_TEXT[lang]
    config.nb_code_prompt_show, config.nb_code_prompt_hide = CODE_PROMPTS[lang]
    if lang in TOC_TITLE:
        config.html_theme_options["toc_title"] = TOC_TITLE[lang]


class SolutionTitleOrder(SphinxPostTransform):
    """Korean solution titles read "연습 1.1 풀이", not "해답 연습 1.1".

    Runs after sphinx-exercise has resolved each title into its word and a link to
    the exercise (priority 21): the link comes first, the word after it.
    """

    default_priority = 25

    def run(self, **kwargs) -> None:
        after = SOLUTION_AFTER.get(self.config.language)
        if after is None:
            return
        from sphinx_exercise.nodes import solution_node

        for solution in self.document.findall(solution_node):
            title = solution.children[0]
            if len(title.children) != 2:
                continue
            word, link = title.children
            if not isinstance(word, nodes.Text) or not isinstance(link, nodes.reference):
                continue
            first = link.children[0] if link.children else None
            if isinstance(first, nodes.Text):
                link.replace(first, nodes.Text(first.astext().lstrip()))
            title.children = []
            title += [link, nodes.Text(after)]


def section_anchor(path: list[int]) -> str:
    """The language-neutral id of a section from its position: ``[2, 1]`` → ``sec-2-1``."""
    return "sec-" + "-".join(str(i) for i in path)


def _section_anchors(doctree: nodes.Node) -> list[tuple[nodes.section, str]]:
    """Every section with its language-neutral anchor, in document order."""
    found: list[tuple[nodes.section, str]] = []

    def visit(node: nodes.Node, path: list[int]) -> None:
        count = 0
        for child in node.children:
            if isinstance(child, nodes.section):
                count += 1
                here = path + [count]
                found.append((child, section_anchor(here[1:]) if len(here) > 1 else "sec-0"))
                visit(child, here)
            elif isinstance(child, nodes.Element):
                visit(child, path)

    visit(doctree, [])
    return found


def _anchor_sections(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for section, anchor in _section_anchors(doctree):
        if anchor not in section["ids"]:
            section["ids"].append(anchor)


AUTO_ID = re.compile(r"^(id\d+|term-\d+)$")


def term_anchor(english: str) -> str:
    """A glossary term's anchor from its English name, the same in both languages.

    >>> term_anchor("Mean squared error"), term_anchor("closed-form solution / normal equations")
    ('term-mean-squared-error', 'term-closed-form-solution')
    """
    name = english.split("/")[0].split("(")[0].strip().lower()
    return "term-" + re.sub(r"[^a-z0-9]+", "-", name).strip("-")


class ReadableAnchors(SphinxTransform):
    """Meaningful, stable anchors for Korean readers who share a link.

    - A Korean section whose first id is docutils' ``id2`` gets ``sec-N-M`` as
      its first id, so the tables of contents and shared links use it.
    - A glossary term's anchor is its English name (``term-mean-squared-error``)
      in both languages, whatever its position: adding a term moves no anchor.

    Runs before the domains collect targets (priority 850).
    """

    default_priority = 840

    def apply(self, **kwargs) -> None:
        if self.config.language == "ko":
            for section, anchor in _section_anchors(self.document):
                if (
                    section["ids"]
                    and AUTO_ID.match(section["ids"][0])
                    and anchor not in section["ids"]
                ):
                    section["ids"].insert(0, anchor)
                    self.document.ids[anchor] = section
        domain = self.env.domains.standard_domain
        docname = self.env.current_document.docname
        for glossary in self.document.findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                terms = list(item.findall(nodes.term))
                definition = item.next_node(nodes.definition)
                if not terms or definition is None:
                    continue
                english = terms[0].astext()  # the term itself in English; ko gives it before " · "
                if self.config.language != "en" and " · " in definition.astext():
                    english = definition.astext().split(" · ", 1)[0]
                for number, term in enumerate(terms):
                    anchor = term_anchor(english if number == 0 else term.astext())
                    if anchor == "term-" or anchor in self.document.ids or not term["ids"]:
                        continue
                    old = term["ids"][0]
                    term["ids"][0] = anchor
                    self.document.ids[anchor] = term
                    text = term.astext()
                    domain.objects["term", text] = (docname, anchor)
                    domain._terms[text.lower()] = (docname, anchor)
                    for index in term.findall(addnodes.index):
                        index["entries"] = [
                            (kind, value, anchor if target == old else target, main, key)
                            for kind, value, target, main, key in index["entries"]
                        ]


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    lang = app.config.language
    other = OTHER[lang]
    depth = pagename.count("/")
    href = "../" * (depth + 1) + f"{other}/{pagename}.html"
    from sphinx.locale import _

    context["book_switch"] = {
        "lang": other,
        "href": href,
        "label": LABELS[other],
        "title": _(SWITCH_TITLE[other]),
    }
    if lang in CODE_TOGGLE_LABELS and "body" in context:
        context["body"] = context["body"].replace(CODE_TOGGLE_LABEL, CODE_TOGGLE_LABELS[lang])
    context["metatags"] = context.get("metatags", "") + (
        f'\n    <link rel="alternate" hreflang="{other}" href="{href}">'
        f'\n    <link rel="alternate" hreflang="{lang}" href="{Path(pagename).name}.html">'
    )


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _apply)
    app.connect("doctree-resolved", _anchor_sections)
    app.add_transform(ReadableAnchors)
    app.add_post_transform(SolutionTitleOrder)
    app.connect("html-page-context", _page_context)
    app.add_js_file("book-language.js", loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
