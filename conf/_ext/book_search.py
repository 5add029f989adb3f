"""Search that serves a textbook, in Korean as well as in English.

**A Korean search language** for Sphinx: find a page whatever particle or
ending follows a word.

Sphinx indexes whole space-separated words, so the query ``회귀`` would not
find a page that only says ``회귀는``. This language

- **splits** Korean text with kiwipiepy into each word *and* its content
  morphemes (nouns, verb and adjective stems, roots, foreign words), so
  ``하강법을`` is indexed as ``하강법을``, ``하강``, ``법`` …;
- **stems** every indexed term and every query word the same way, by removing
  one trailing particle or verb ending from a fixed list (``학습률을`` →
  ``학습률``, ``모델입니다`` → ``모델``). The same list runs in Python (index) and
  in JavaScript (the reader's query), so both sides always agree.

English text inside Korean pages is lower-cased and kept as it is.

**Ranking** (both languages, with ``_static/book-search-scorer.js``):

- admonition titles ("Learning goals" on every page) are not indexed as
  titles, so they no longer make every chapter look like a title match;
- a query that names a glossary term ranks the chapter that introduces it
  first: the search page carries a map from each term to that chapter.
"""

from __future__ import annotations

import json
import re
from functools import cached_property

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

#: Particles and endings stripped from the end of a word, longest first.
ENDINGS = sorted({
    # verb and copula endings seen in 합니다체 prose
    "하였습니다", "했습니다", "합니다", "입니다", "됩니다", "습니다", "ㅂ니다", "이었습니다",
    "이라고", "이라는", "이라", "이다", "하는", "하고", "하면", "해서", "하여", "한다", "된다",
    "되는", "에서는", "에서도", "으로는", "으로도", "으로의", "으로서", "으로써", "에게서",
    # case and auxiliary particles
    "에서", "에게", "한테", "께서", "으로", "부터", "까지", "처럼", "보다", "마다", "만큼",
    "이나", "이며", "이고", "과의", "와의", "에는", "에도", "에의", "로의", "로는", "로도",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "요",
}, key=lambda ending: (-len(ending), ending))  # longest first; a fixed order for reproducible builds
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: kiwipiepy tags kept as searchable parts of a word.
CONTENT_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "SL", "SH", "SN")


def strip_ending(word: str) -> str:
    """Remove one trailing particle or ending, keeping at least one syllable.

    >>> strip_ending("학습률을"), strip_ending("모델입니다"), strip_ending("회귀")
    ('학습률', '모델', '회귀')
    """
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


JS_STEMMER = """
/* Korean: the same ending list as conf/_ext/book_search_ko.py (generated from it). */
var Stemmer = function () {
  var endings = %s;
  this.stemWord = function (word) {
    word = word.toLowerCase();
    for (var i = 0; i < endings.length; i++) {
      var e = endings[i];
      if (word.length > e.length && word.slice(-e.length) === e) return word.slice(0, -e.length);
    }
    return word;
  };
};
""" % json.dumps(ENDINGS, ensure_ascii=False)


class SearchKorean(SearchLanguage):
    lang = "ko"
    language_name = "Korean"
    js_stemmer_code = JS_STEMMER
    stopwords = frozenset()

    @cached_property
    def kiwi(self):
        from kiwipiepy import Kiwi

        return Kiwi()

    def split(self, input: str) -> list[str]:
        words = self._word_re.findall(input)
        if not HANGUL.search(input):
            return words
        terms = list(words)
        for token in self.kiwi.tokenize(input):
            if token.tag.startswith(CONTENT_TAGS) and len(token.form) >= 1:
                terms.append(token.form)
        return terms

    def word_filter(self, word: str) -> bool:
        return bool(word) and not word.isdigit()

    def stem(self, word: str) -> str:
        return strip_ending(word.lower())


def _untitle_admonitions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Admonition titles render the same as a paragraph, but are not searchable titles."""
    for admonition in doctree.findall(nodes.admonition):
        for title in [c for c in admonition.children if isinstance(c, nodes.title)]:
            paragraph = nodes.paragraph("", "", *title.children, classes=["admonition-title"])
            title.replace_self(paragraph)


def term_chapters(app: Sphinx) -> dict[str, str]:
    """Each glossary term mapped to the chapter its entry points to (``{ref}`…<ch-…>```)."""
    env = app.env
    if "glossary" not in env.found_docs:
        return {}
    labels = env.domaindata["std"]["labels"]
    doctree = env.get_doctree("glossary")
    found = {}
    for item in doctree.findall(nodes.definition_list_item):
        terms = [t.astext() for t in item.findall(nodes.term)]
        refs = [x for x in item.findall(addnodes.pending_xref) if x.get("reftype") == "ref"]
        if terms and refs and refs[0]["reftarget"] in labels:
            found[terms[0]] = labels[refs[0]["reftarget"]][0]
    return found


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename != "search":
        return
    mapping = json.dumps(term_chapters(app), ensure_ascii=False, sort_keys=True)
    context["metatags"] = context.get("metatags", "") + (
        f"\n    <script>window.BOOK_TERM_CHAPTERS = {mapping};</script>")


def setup(app: Sphinx) -> dict:
    app.add_search_language(SearchKorean)
    app.connect("doctree-resolved", _untitle_admonitions)
    app.connect("html-page-context", _search_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
