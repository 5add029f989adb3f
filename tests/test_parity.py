"""Both languages stay in step: same pages, sections, code, glue keys, exercises, glossary."""

import ast
import os
import re
from pathlib import Path

import pytest

from conftest import PAGES, ROOT

BOOK = Path(os.environ.get("BOOK_DIR", ROOT / "book"))  # the fault tests point it at a broken copy
FENCE = re.compile(r"^(`{3,}|:{3,})\s*\{?([\w-]*)\}?([^\n]*)\n(.*?)^\1\s*$", re.M | re.S)


def read(lang: str, page: str) -> str:
    text = (BOOK / lang / f"{page}.md").read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def code_cells(text: str) -> list[str]:
    """The code of each cell, without its options (``:tags: [remove-cell]`` lines or a YAML block)."""
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S)
    return [re.sub(r"\A(?:---\n.*?\n---\n|(?::[\w-]+:[^\n]*\n)+)", "", cell, flags=re.S) for cell in cells]


def headings(text: str) -> list[int]:
    """Heading levels, outside code blocks."""
    outside = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    return [len(m.group(1)) for m in re.finditer(r"^(#{1,6}) ", outside, flags=re.M)]


class Labels(ast.NodeTransformer):
    """Blank out the strings inside ``charts.*(...)`` calls: they are the chart's words."""

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "charts":
            for child in ast.walk(node):
                if isinstance(child, ast.Constant) and isinstance(child.value, str):
                    child.value = "<label>"
            return node
        return self.generic_visit(node)


def normalised(code: str) -> str:
    return ast.dump(Labels().visit(ast.parse(code)))


def glue_keys(text: str) -> set[str]:
    made = set(re.findall(r'glue\("(\w+)"', text))
    used = set(re.findall(r"\{glue(?::\w+)?\}`(\w+)", text))
    return made | used


def test_the_same_pages_exist_in_both_languages():
    ko = sorted(p.stem for p in (BOOK / "ko").glob("*.md"))
    en = sorted(p.stem for p in (BOOK / "en").glob("*.md"))
    assert ko == en == sorted(PAGES)


@pytest.mark.parametrize("page", PAGES)
def test_sections_match(page):
    assert headings(read("ko", page)) == headings(read("en", page))


@pytest.mark.parametrize("page", PAGES)
def test_code_cells_match_except_chart_labels(page):
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
    assert re.findall(r"\{ref\}`[^`<]*<?([\w-]+)>?`", ko) == re.findall(r"\{ref\}`[^`<]*<?([\w-]+)>?`", en)


def test_every_glued_key_is_made_and_used():
    for page in PAGES:
        for lang in ("ko", "en"):
            text = read(lang, page)
            made = set(re.findall(r'glue\("(\w+)"', text))
            used = set(re.findall(r"\{glue(?::\w+)?\}`(\w+)", text))
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


@pytest.mark.parametrize("page", [p for p in PAGES if p.startswith("0")])
def test_every_chapter_has_goals_summary_exercises_and_a_chart(page):
    for lang, goals, summary, exercises in (("ko", "학습 목표", "## 정리", "## 연습 문제"),
                                            ("en", "Learning goals", "## Summary", "## Exercises")):
        text = read(lang, page)
        assert goals in text and summary in text and exercises in text
        assert 2 <= text.count(":::{exercise}") <= 4
        assert text.count(":::{exercise}") == text.count(":::{solution}")
        assert "charts." in "".join(code_cells(text))
        assert "{term}`" in text
