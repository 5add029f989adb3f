"""An incremental build makes what a clean build of the same sources makes (tiny books).

`tools/reproduce.py --incremental` proves it on the whole book (`make verify`);
these show the two ways it went wrong in seconds.
"""

import json

import pytest

from conftest import build_tiny_book

pytestmark = pytest.mark.build

INDEX = "# 작은 책\n\n```{toctree}\n\npage\nglossary\n```\n"
PAGE = "# 회귀\n\n{term}`회귀`는 직선을 찾습니다. 학습률을 정합니다.\n"
GLOSSARY = ":::{glossary}\n회귀\n  regression · 수를 예측합니다.\n:::\n"
GLOSSARY = "# 용어집\n\n" + GLOSSARY
EDIT = "\n재현성을 확인하는 특별한 문장입니다.\n"


def search_index(root) -> dict:
    text = (root / "_build/ko/html/searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def test_a_sentence_added_then_removed_leaves_the_search_index_as_a_clean_build_makes_it(
    tmp_path,
):
    pages = {"index": INDEX, "page": PAGE, "glossary": GLOSSARY}
    assert build_tiny_book(tmp_path / "clean", pages, lang="ko").ok
    work = tmp_path / "work"
    assert build_tiny_book(work, pages, lang="ko").ok
    page = work / "book" / "ko" / "page.md"
    page.write_text(PAGE + EDIT, encoding="utf-8")
    edited = build_tiny_book(work, {}, lang="ko", write=False)
    assert edited.ok, edited.log
    assert "재현성" in search_index(work)["terms"]  # the edit was indexed
    page.write_text(PAGE, encoding="utf-8")
    undone = build_tiny_book(work, {}, lang="ko", write=False)
    assert undone.ok, undone.log
    clean, rebuilt = search_index(tmp_path / "clean"), search_index(work)
    assert "재현성" not in rebuilt["terms"], "a word removed from the page is still in the index"
    assert rebuilt == clean
    assert (work / "_build/ko/html/searchindex.js").read_bytes() == (
        tmp_path / "clean/_build/ko/html/searchindex.js"
    ).read_bytes()
