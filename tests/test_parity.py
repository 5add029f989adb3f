"""Both languages stay in step: same pages, sections, code, glue keys, exercises, glossary."""

import ast
import re

import pytest

from conftest import BOOK, PAGES  # BOOK_DIR points BOOK at a copy (the fault and scaffold tests)

FENCE = re.compile(r"^(`{3,}|:{3,})\s*\{?([\w-]*)\}?([^\n]*)\n(.*?)^\1\s*$", re.M | re.S)


def read(lang: str, page: str) -> str:
    text = (BOOK / lang / f"{page}.md").read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def code_cells(text: str) -> list[str]:
    """The code of each code cell, without its options (``:tags: [remove-cell]`` …)."""
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    return [
        re.sub(r"\A(?:---\n.*?\n---\n|(?::[\w-]+:[^\n]*\n)+)", "", cell, flags=re.S)
        for cell in cells
    ]


def test_cell_options_are_not_code():
    cell = "```{code-cell} ipython3\n:tags: [remove-cell]\n\nx = 1\n```\n"
    assert code_cells(cell) == ["\nx = 1\n"]
    assert code_cells(cell.replace(":tags: [remove-cell]", "---\ntags: [hide-input]\n---")) == [
        "\nx = 1\n"
    ]


def headings(text: str) -> list[int]:
    """Heading levels, outside code blocks."""
    outside = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", outside, flags=re.M)]


class Words(ast.NodeTransformer):
    """Blank out every string literal: the words a cell prints or draws are the page's language.

    Everything else -- names, numbers, calls, the expressions inside f-strings --
    must be identical in both languages, so both pages compute the same results.
    """

    def visit_JoinedStr(self, node):
        # An f-string's words and their order are the language's; the values it
        # formats (expression and format spec) are code and must match.
        values = [v for v in node.values if isinstance(v, ast.FormattedValue)]
        for v in values:
            v.value = self.visit(v.value)
        node.values = sorted(values, key=ast.dump)
        return node

    def visit_Call(self, node):
        # A call that only translates a table's labels (``.replace({...})`` or
        # ``.rename(columns={...})`` with nothing but words in it) may appear in one
        # language only: the Korean page shows 여성 where the English data say female.
        func = node.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in TRANSLATING
            and all(only_words(a) for a in node.args)
            and all(only_words(k.value) for k in node.keywords)
        ):
            return self.visit(func.value)
        return self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant("<words>"), node)
        return node


TRANSLATING = {"replace", "rename"}


def only_words(node: ast.AST) -> bool:
    """Whether an argument is made of string literals only (a dict, list or tuple of them)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Dict):
        return all(k is not None and only_words(k) for k in node.keys) and all(
            only_words(v) for v in node.values
        )
    if isinstance(node, (ast.List, ast.Tuple)):
        return all(only_words(e) for e in node.elts)
    return False


def normalised(code: str) -> str:
    return ast.dump(Words().visit(ast.parse(code)))


def test_the_rule_allows_words_and_nothing_else():
    assert normalised('print(f"{n} adults")') == normalised('print(f"성인 {n}명")')
    assert normalised('words = {"title": "Heights"}') == normalised('words = {"title": "키"}')
    assert normalised('print(f"{n:.1f}")') != normalised('print(f"{n:.2f}")')  # precision is code
    assert normalised("x = fit(a, b)") != normalised("x = fit(b, a)")
    assert normalised('print(f"{a} of {b}")') == normalised('print(f"{b}의 {a}")')
    # translating a table's labels may happen on one page only; computing may not
    assert normalised('t.head().rename(columns={"a": "A"})') == normalised(
        't.head().replace({"s": {"f": "여"}}).rename(columns={"a": "가"})'
    )
    assert normalised("t.head()") != normalised('t.head().replace({"s": {"f": x}})')


def glue_made(text: str) -> set[str]:
    return set(re.findall(r'glue\(\s*"(\w+)"', text))


def glue_used(text: str) -> set[str]:
    """Keys shown in the prose, chart descriptions attached by a code cell's ``:alt: key``,
    and the answer keys and tolerances of self-checks (``:answer: key:.2f``, ``:tolerance: key``)."""
    shown = set(re.findall(r"\{glue(?::\w+)?\}`(\w+)", text))
    alt = re.findall(r"^```\{code-cell\}[^\n]*\n(?::[\w-]+:[^\n]*\n)*?:alt: (\w+)$", text, re.M)
    checks = re.findall(r"^:{3,}\{selfcheck\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", text, re.M)
    keys = re.findall(r"^:(?:answer|tolerance): (\w+)(?![\w%.])", "".join(checks), re.M)
    return shown | set(alt) | set(keys)


def test_a_cells_alt_option_uses_its_glue_key():
    cell = "```{code-cell} ipython3\n:tags: [hide-input]\n:alt: heights_alt\ncharts.x()\n```\n"
    assert glue_used(cell) == {"heights_alt"}
    assert glue_used("```{image} a.png\n:alt: heights_alt\n```\n") == set()  # an image's alt text
    check = "::::{selfcheck} q\n:answer: sc_gap:.1f\n:tolerance: sc_tol\n\nHow much?\n::::\n"
    assert glue_used(check) == {"sc_gap", "sc_tol"}
    assert glue_used(check.replace("sc_tol", "2%")) == {"sc_gap"}


def glue_keys(text: str) -> set[str]:
    return glue_made(text) | glue_used(text)


def test_the_same_pages_exist_in_both_languages():
    ko = sorted(p.stem for p in (BOOK / "ko").glob("*.md"))
    en = sorted(p.stem for p in (BOOK / "en").glob("*.md"))
    assert ko == en == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_sections_match(page):
    assert headings(read("ko", page)) == headings(read("en", page))


@pytest.mark.parametrize("page", PAGES)
def test_code_cells_match_except_words(page):
    ko, en = code_cells(read("ko", page)), code_cells(read("en", page))
    assert len(ko) == len(en)
    for i, (a, b) in enumerate(zip(ko, en)):
        assert normalised(a) == normalised(b), f"code cell {i + 1} of {page} differs"


@pytest.mark.parametrize("page", PAGES)
def test_glue_keys_labels_and_exercises_match(page):
    ko, en = read("ko", page), read("en", page)
    assert glue_keys(ko) == glue_keys(en)
    assert re.findall(r"^\((\S+)\)=", ko, flags=re.M) == re.findall(r"^\((\S+)\)=", en, flags=re.M)
    assert re.findall(r":label: (\S+)", ko) == re.findall(r":label: (\S+)", en)
    assert re.findall(r"\{solution\} (\S+)", ko) == re.findall(r"\{solution\} (\S+)", en)
    assert re.findall(r"\{ref\}`[^`<]*<?([\w-]+)>?`", ko) == re.findall(
        r"\{ref\}`[^`<]*<?([\w-]+)>?`", en
    )


def test_every_glued_key_is_made_and_used():
    for page in PAGES:
        for lang in ("ko", "en"):
            text = read(lang, page)
            made, used = glue_made(text), glue_used(text)
            assert used <= made, f"{lang}/{page}: used but never glued: {used - made}"
            assert made <= used, f"{lang}/{page}: glued but never shown: {made - used}"


def glossary_terms(lang: str) -> list[str]:
    text = read(lang, "glossary")
    body = text.split(":::{glossary}", 1)[1].split("\n:::", 1)[0]
    return re.findall(r"^(\S[^\n]*)$", body, flags=re.M)


def test_glossaries_have_the_same_entries():
    ko, en = glossary_terms("ko"), glossary_terms("en")
    assert len(ko) == len(en) >= 40
    ko_text, en_text = read("ko", "glossary"), read("en", "glossary")
    for k, e in zip(ko, en):
        assert f"  {e} · " in ko_text, f"ko glossary entry {k} does not give {e}"
        assert f"  {k} · " in en_text, f"en glossary entry {e} does not give {k}"
    chapters = lambda t: re.findall(r"\{ref\}`[^`]*<(ch-[\w-]+)>`", t)  # noqa: E731
    assert chapters(ko_text) == chapters(en_text)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_term_link_resolves_to_a_glossary_entry(lang):
    terms = {t.lower() for t in glossary_terms(lang)}
    for page in PAGES:
        for term in re.findall(r"\{term\}`([^`<]+)`", read(lang, page)):
            assert term.lower() in terms, f"{lang}/{page}: {term}"
