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

**Hyphenated words** (both languages) are indexed split *and* joined:
``원-핫`` gives ``원``, ``핫`` and ``원핫``; ``one-hot`` gives ``one``, ``hot`` and
``onehot`` (the English language below is Sphinx's, plus the joined forms).

**The glossary is the search's thesaurus.** The search page carries each
glossary entry: its term, the chapter its entry points to, its anchor, and the
other names that find it: its ``{alias}`` roles (the lecture's words and other
common names, ``과적합``, ``오버피팅``) and its name in the other language
(``overfitting`` on the Korean page, ``과대적합`` on the English one).
``_static/book-search-scorer.js`` reads it (one source of truth: the glossary).

**Ranking** (both languages, with ``_static/book-search-scorer.js``):

- admonition titles ("Learning goals" on every page) are not indexed as
  titles, so they no longer make every chapter look like a title match;
- a query that names a glossary term ranks the chapter that introduces it
  first and the term's glossary entry second.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cached_property
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

#: Particles and endings stripped from the end of a word, longest first.
ENDINGS = sorted(
    {
        # verb and copula endings seen in 합니다체 prose
        "하였습니다",
        "했습니다",
        "합니다",
        "입니다",
        "됩니다",
        "습니다",
        "ㅂ니다",
        "이었습니다",
        "이라고",
        "이라는",
        "이라",
        "이다",
        "하는",
        "하고",
        "하면",
        "해서",
        "하여",
        "한다",
        "된다",
        "되는",
        "에서는",
        "에서도",
        "으로는",
        "으로도",
        "으로의",
        "으로서",
        "으로써",
        "에게서",
        # case and auxiliary particles
        "에서",
        "에게",
        "한테",
        "께서",
        "으로",
        "부터",
        "까지",
        "처럼",
        "보다",
        "마다",
        "만큼",
        "이나",
        "이며",
        "이고",
        "과의",
        "와의",
        "에는",
        "에도",
        "에의",
        "로의",
        "로는",
        "로도",
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "로",
        "와",
        "과",
        "도",
        "만",
        "요",
    },
    key=lambda ending: (-len(ending), ending),
)  # longest first; a fixed order for reproducible builds
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: kiwipiepy tags kept as searchable parts of a word.
CONTENT_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "VV", "VA", "XR", "SL", "SH", "SN")


#: A hyphenated word of letters (원-핫, one-hot, mini-batch), not a range of numbers.
HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")


def joined_forms(text: str) -> list[str]:
    """Each hyphenated word of ``text`` without its hyphens, indexed besides its parts.

    >>> joined_forms("원-핫(one-hot) 표와 mini-batch, 1-2")
    ['원핫', 'onehot', 'minibatch']
    """
    return [match.group().replace("-", "") for match in HYPHENATED.finditer(text)]


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

    def __init__(self, options: dict) -> None:
        super().__init__(options)
        self._tokens: dict[str, list[str]] = {}  # text -> content morphemes (see prefetch)

    @cached_property
    def kiwi(self):
        from kiwipiepy import Kiwi

        return Kiwi()

    def _content(self, tokens) -> list[str]:
        return [form for form, tag in tokens if tag.startswith(CONTENT_TAGS) and form]

    def _tokenize(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        """(form, tag) of each morpheme of each text: from the build's kiwipiepy process
        when it runs (:class:`KiwiProcess`), else from a kiwipiepy loaded here."""
        if _KIWI.process is not None:
            try:
                return _KIWI.process.tokenize(texts)
            except (OSError, ValueError, RuntimeError):  # it died: do the work here
                _KIWI.process = None
        return [[(t.form, t.tag) for t in tokens] for tokens in self.kiwi.tokenize(texts)]

    def prefetch(self, texts: list[str]) -> None:
        """Tokenize many texts in one kiwipiepy call; :meth:`split` then reads the cache."""
        todo = sorted({t for t in texts if t not in self._tokens and HANGUL.search(t)})
        if todo:
            for text, tokens in zip(todo, self._tokenize(todo)):
                self._tokens[text] = self._content(tokens)

    def split(self, input: str) -> list[str]:
        words = self._word_re.findall(input) + joined_forms(input)
        if not HANGUL.search(input):
            return words
        if input not in self._tokens:
            self._tokens[input] = self._content(self._tokenize([input])[0])
        return words + self._tokens[input]

    def word_filter(self, word: str) -> bool:
        return bool(word) and not word.isdigit()

    def stem(self, word: str) -> str:
        return strip_ending(word.lower())


class SearchEnglishJoined(SearchEnglish):
    """Sphinx's English (stemmer, stop words) that also indexes hyphenated words joined."""

    def split(self, input: str) -> list[str]:
        return super().split(input) + joined_forms(input)


class _Recorder:
    """A stand-in search language that records what Sphinx's indexer would split."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.texts: list[str] = []

    def split(self, text: str) -> list[str]:
        self.texts.append(text)
        return []


def _texts_to_index(doctree: nodes.document, lang: str = "ko") -> list[str]:
    """The strings Sphinx's indexer will split: its own WordCollector walks the page."""
    from sphinx.search import WordCollector

    recorder = _Recorder(lang)
    doctree.walk(WordCollector(doctree, recorder))
    return recorder.texts


_KIWI_SERVER = r"""
import json, sys
from kiwipiepy import Kiwi
kiwi = Kiwi()
kiwi.tokenize("준비")  # the first call loads the model
for line in sys.stdin:
    found = [[[t.form, t.tag] for t in tokens] for tokens in kiwi.tokenize(json.loads(line))]
    sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
    sys.stdout.flush()
"""


class KiwiProcess:
    """kiwipiepy in a process of its own, started when a Korean build starts.

    Loading its model takes some 2.5 s and holds the GIL; the index is made
    while the pages are written, one after another, so in Sphinx's process those
    seconds added to a cold build. Started at the beginning, the process loads
    the model while the pages are read, and then answers with the same morphemes
    a kiwipiepy in Sphinx's process would (one JSON line per batch of texts).
    """

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _KIWI_SERVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def tokenize(self, texts: list[str]) -> list[list[tuple[str, str]]]:
        self.proc.stdin.write(json.dumps(texts, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the kiwipiepy process ended")
        return [[(form, tag) for form, tag in tokens] for tokens in json.loads(line)]

    def close(self) -> None:
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            self.proc.stdout.close()


class _Kiwi:
    process: KiwiProcess | None = None


_KIWI = _Kiwi()


def _start_kiwi(app: Sphinx) -> None:
    if app.config.language == "ko" and getattr(app.builder, "search", False):
        _KIWI.process = KiwiProcess()


def _stop_kiwi(app: Sphinx, exception) -> None:
    process, _KIWI.process = _KIWI.process, None
    if process is not None:
        process.close()


def _prefetch_tokens(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    indexer = getattr(app.builder, "indexer", None)
    if indexer is not None and isinstance(indexer.lang, SearchKorean):
        indexer.lang.prefetch(_texts_to_index(doctree))


def _untitle_admonitions(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Admonition titles render the same as a paragraph, but are not searchable titles."""
    for admonition in doctree.findall(nodes.admonition):
        for title in [c for c in admonition.children if isinstance(c, nodes.title)]:
            paragraph = nodes.paragraph("", "", *title.children, classes=["admonition-title"])
            title.replace_self(paragraph)


# --- the lecture's words: aliases in the glossary ------------------------------------


def alias_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{alias}`만능 근사 정리``` in a glossary entry: another name for the entry's term.

    It shows as the word itself; the search page learns from it that the word
    finds the chapter of the entry (one source of truth: the glossary).
    """
    return [nodes.inline(rawtext, text, classes=["book-alias"])], []


def glossary_entries(app: Sphinx) -> list[dict]:
    """Each glossary entry: its term, the chapter its entry points to, its anchor, and
    every name that finds it (its terms, its ``{alias}`` roles, the name the entry
    gives in the other language before " · ")."""
    env = app.env
    if "glossary" not in env.found_docs:
        return []
    labels = env.domaindata["std"]["labels"]
    doctree = env.get_doctree("glossary")
    entries = []
    for item in doctree.findall(nodes.definition_list_item):
        terms = list(item.findall(nodes.term))
        definition = item.next_node(nodes.definition)
        refs = [x for x in item.findall(addnodes.pending_xref) if x.get("reftype") == "ref"]
        if not terms or definition is None or not refs or refs[0]["reftarget"] not in labels:
            continue
        names = [t.astext() for t in terms]
        names += [a.astext() for a in item.findall(nodes.inline) if "book-alias" in a["classes"]]
        other, dot, _ = definition.astext().partition(" · ")
        if dot:
            names.append(other.strip())
        entries.append(
            {
                "term": names[0],
                "names": list(dict.fromkeys(names)),
                "chapter": labels[refs[0]["reftarget"]][0],
                "anchor": terms[0]["ids"][0] if terms[0]["ids"] else "",
            }
        )
    return entries


def _search_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if pagename != "search":
        return
    entries = json.dumps(glossary_entries(app), ensure_ascii=False, sort_keys=True)
    context["metatags"] = (
        context.get("metatags", "") + f"\n    <script>window.BOOK_GLOSSARY = {entries};</script>"
    )


# --- the search page's words -----------------------------------------------------
#
# searchtools.js shows its messages through the JavaScript catalog Sphinx copies
# to _static/translations.js, taken from Sphinx's own translations; those leave
# the Korean result count empty and tell every reader to "select enough
# categories" (a search page this book does not have). The book's messages are
# in conf/locale/<lang>/LC_MESSAGES/sphinx.po (also used by the templates);
# this merges them over Sphinx's JavaScript catalog, in the build folder.


def _catalog_messages(po: Path) -> dict:
    from babel.messages.pofile import read_po

    with po.open("rb") as file:
        catalog = read_po(file)
    messages = {}
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, (list, tuple)):
            messages[message.id[0]] = list(message.string)
        else:
            messages[message.id] = message.string
    return messages


def javascript_catalog(app: Sphinx, config) -> None:
    """Write the merged catalog and put it first among the locale folders."""
    from sphinx import package_dir

    lang = config.language
    book = [Path(d) / lang / "LC_MESSAGES" / "sphinx.po" for d in config.locale_dirs]
    book = [po for po in book if po.is_file()]
    if not book:
        return
    catalog = {
        "locale": lang,
        "messages": {},
        "plural_expr": "n == 1 ? 0 : 1",
    }  # an index, not a boolean
    shipped = Path(package_dir) / "locale" / lang / "LC_MESSAGES" / "sphinx.js"
    if shipped.is_file():
        text = shipped.read_text(encoding="utf-8")
        catalog = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    for po in book:
        catalog["messages"].update(_catalog_messages(po))
    folder = Path(app.doctreedir).parent / "book-locale"
    target = folder / lang / "LC_MESSAGES" / "sphinx.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps(catalog, ensure_ascii=False, indent=1, sort_keys=True)
    target.write_text(f"Documentation.addTranslations({body});\n", encoding="utf-8")
    config.locale_dirs = [str(folder), *config.locale_dirs]


# --- an incremental index equals a clean one ---------------------------------------


def _drop_emptied_words(app: Sphinx) -> list:
    """Forget the words no page holds any more, before the index is written.

    On an incremental build Sphinx (8.2) loads the last ``searchindex.js`` and
    removes the rewritten pages from each word's pages, but keeps a word whose
    pages became none: a sentence added and then deleted left its words in the
    index as ``"word": []`` (``tools/reproduce.py --incremental`` showed it;
    ``tests/test_incremental.py``). A clean build never writes such a word.
    Runs on ``html-collect-pages``, which the HTML builder emits before it
    writes the index.
    """
    indexer = getattr(app.builder, "indexer", None)
    if indexer is None or not hasattr(indexer, "_mapping"):
        return []
    indexer.prune(app.env.all_docs)  # what the builder does next: pages deleted from the book go
    for mapping in (indexer._mapping, indexer._title_mapping):
        for word in [word for word, pages in mapping.items() if not pages]:
            del mapping[word]
    _restore_index_entries(Path(app.outdir) / app.builder.searchindex_filename, indexer)
    return []


def _restore_index_entries(path: Path, indexer) -> None:
    """Give the index back the index entries (glossary terms) of the pages not rewritten.

    Sphinx keeps them in its environment, which it saves before pages are
    written and indexed, and its ``load`` of the last index skips them: an
    incremental build wrote an index without the glossary's terms. They are
    read back from the last index, still on disk (it is replaced after this);
    pages are then in the order a clean build indexes them (sorted).
    """
    entries = indexer._index_entries
    for page in [page for page in entries if page not in indexer._titles]:
        del entries[page]  # a page deleted from the book
    missing = {page: set() for page in indexer._titles if page not in entries}
    if missing and path.is_file():
        text = path.read_text(encoding="utf-8")
        try:
            frozen = json.loads(text[text.index("(") + 1 : text.rindex(")")])
        except ValueError:
            frozen = {}
        names = frozen.get("docnames", [])
        for entry, places in frozen.get("indexentries", {}).items():
            for number, target, main in places:
                if number < len(names) and names[number] in missing:
                    missing[names[number]].add((entry, target, "main" if main else ""))
        entries.update({page: sorted(found) for page, found in missing.items()})
    ordered = sorted(entries.items())
    entries.clear()
    entries.update(ordered)


def setup(app: Sphinx) -> dict:
    app.connect("html-collect-pages", _drop_emptied_words)
    app.connect(
        "config-inited", javascript_catalog, priority=800
    )  # after book_language checks the language
    app.add_search_language(SearchKorean)
    app.add_search_language(SearchEnglishJoined)
    app.add_role("alias", alias_role)
    app.connect("doctree-resolved", _untitle_admonitions)
    app.connect(
        "doctree-resolved", _prefetch_tokens, priority=900
    )  # after every change to the text
    app.connect("html-page-context", _search_page)
    app.connect("builder-inited", _start_kiwi)
    app.connect("build-finished", _stop_kiwi)
    # a new env_version re-reads and re-indexes every page: raise it when what
    # the index holds changes (2: hyphenated words joined)
    return {"env_version": 2, "parallel_read_safe": True, "parallel_write_safe": True}
