"""Mark words of the other language with ``lang``, so a screen reader reads them right.

A Korean page glosses terms in English (``최소 제곱법(ordinary least
squares)``) and names English software; an English page shows Korean in its
glossary. Each run of words in the other script becomes
``<span lang="en">`` (on Korean pages) or ``<span lang="ko">`` (on English
pages). Code, maths, cell outputs and raw HTML (charts, which carry their own
``lang``) are left alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx

#: A run of words in the other script, by the page's language.
RUNS = {
    "ko": re.compile(r"[A-Za-z][A-Za-z'’\-]*(?:[ \-]+[A-Za-z][A-Za-z'’\-]*)*"),
    "en": re.compile(
        r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+(?:\s+[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]+)*"
    ),
}
OTHER = {"ko": "en", "en": "ko"}
SKIP = (
    nodes.FixedTextElement,
    nodes.literal,
    nodes.math,
    nodes.raw,
    nodes.comment,
    nodes.substitution_definition,
    nodes.target,
)


class foreign(nodes.inline):
    """Inline text in another language than the page's."""


def _visit(self, node: foreign) -> None:
    self.body.append(f'<span lang="{node["lang"]}">')


def _depart(self, node: foreign) -> None:
    self.body.append("</span>")


def mark(doctree: nodes.Node, page_lang: str) -> int:
    """Wrap runs of the other language's script in ``foreign`` nodes; returns how many.

    >>> para = nodes.paragraph("", "최소 제곱법(ordinary least squares)의 해")
    >>> mark(para, "ko"), [(n.astext(), n["lang"]) for n in para.findall(foreign)]
    (1, [('ordinary least squares', 'en')])
    >>> para.astext()
    '최소 제곱법(ordinary least squares)의 해'
    """
    pattern, other = RUNS[page_lang], OTHER[page_lang]
    count = 0
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, foreign):
            continue
        ancestor, skip = parent, False
        while ancestor is not None:
            if isinstance(ancestor, SKIP):
                skip = True
                break
            ancestor = ancestor.parent
        if skip:
            continue
        source = str(text)
        # Latin letters alone (a variable, "x") are not English; a run needs a word of 3+
        found = [
            m
            for m in pattern.finditer(source)
            if page_lang == "en" or re.search(r"[A-Za-z]{3}", m.group())
        ]
        if not found:
            continue
        pieces: list[nodes.Node] = []
        at = 0
        for match in found:
            if match.start() > at:
                pieces.append(nodes.Text(source[at : match.start()]))
            pieces.append(foreign("", match.group(), lang=other))
            at = match.end()
            count += 1
        if at < len(source):
            pieces.append(nodes.Text(source[at:]))
        index = parent.index(text)
        parent[index : index + 1] = pieces
    return count


def _resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.config.language in RUNS:
        mark(doctree, app.config.language)


def setup(app: Sphinx) -> dict:
    app.add_node(foreign, html=(_visit, _depart))
    app.connect("doctree-resolved", _resolved, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
