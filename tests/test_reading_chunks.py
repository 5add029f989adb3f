"""A cold build reads the book in two even halves (conf/_ext/book_execution.py, issue 25).

Sphinx cuts the pages to read into chunks of consecutive names. With eleven pages
and two processes that put chapters 6, 7 and 8, the three that execute the most
code, in one process, one after another, while the other process finished its
half and waited: a cold Korean build spent some 10 s of its 40 s that way.
"""

import sys
from types import SimpleNamespace

import pytest
import sphinx.builders
from sphinx.util.parallel import make_chunks as sphinx_chunks

from conftest import ROOT

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_execution  # noqa: E402

SLOW = {"06-gradient-descent", "07-propagation", "08-classification"}


@pytest.fixture
def book_chunks(monkeypatch):
    """``sphinx.builders.make_chunks`` as the book's build installs it (restored after)."""
    monkeypatch.setattr(sphinx.builders, "make_chunks", sphinx.builders.make_chunks)

    def install(lang: str):
        pages = {p.stem: p for p in (ROOT / "book" / lang).glob("*.md")}
        env = SimpleNamespace(found_docs=set(pages), doc2path=lambda name: pages[name])
        book_execution._balance_reading(SimpleNamespace(env=env))
        return sorted(pages), sphinx.builders.make_chunks

    return install


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_slowest_chapters_are_read_in_both_processes(book_chunks, lang):
    names, make_chunks = book_chunks(lang)
    assert any(SLOW <= set(chunk) for chunk in sphinx_chunks(names, 2))  # the problem
    chunks = make_chunks(names, 2)
    assert len(chunks) == 2 and sorted(sum(chunks, [])) == names
    assert all(SLOW - set(chunk) for chunk in chunks)
    cost = [
        sum(
            book_execution.PAGE_COST
            + book_execution.code_size((ROOT / "book" / lang / f"{n}.md").read_text("utf-8"))
            for n in chunk
        )
        for chunk in chunks
    ]
    assert max(cost) <= 1.2 * min(cost), cost


def test_pages_sphinx_does_not_know_are_left_to_sphinx(book_chunks):
    _, make_chunks = book_chunks("en")
    assert make_chunks(["x", "y", "z"], 2) == sphinx_chunks(["x", "y", "z"], 2)
    assert make_chunks(["index"], 1) == [["index"]]
