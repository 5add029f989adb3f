"""The lessons digest: which pages re-execute when the lesson code changes."""

import shutil
import sys

import pytest
from bench import edit_function_body

from conftest import NOTEBOOK_FRONT_MATTER, ROOT, build_tiny_book

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_lessons_cache as cache  # noqa: E402

PAGE = "---\nkernelspec:\n  name: python3\n---\n# T\n\n```{{code-cell}} ipython3\n{code}\n```\n"


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A copy of src/lessons the test may edit."""
    copy = tmp_path / "lessons"
    shutil.copytree(ROOT / "src" / "lessons", copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache._closure.cache_clear()
    yield copy
    cache._closure.cache_clear()


def digest(code: str) -> str:
    cache._closure.cache_clear()
    return cache.lessons_digest(PAGE.format(code=code))


def test_editing_a_used_module_changes_the_digest(package):
    before = digest("from lessons import ols")
    with open(package / "ols.py", "a", encoding="utf-8") as f:
        f.write("\nEDITED = True\n")
    assert digest("from lessons import ols") != before


def test_editing_an_unused_module_does_not(package):
    before = digest("from lessons import ols")
    with open(package / "propagation.py", "a", encoding="utf-8") as f:
        f.write("\nEDITED = True\n")
    assert digest("from lessons import ols") == before


def test_dependencies_are_followed(package):
    # lessons.propagation imports lessons.neuron, so editing neuron.py reaches it
    before = digest("import lessons.propagation as prop")
    with open(package / "neuron.py", "a", encoding="utf-8") as f:
        f.write("\nEDITED = True\n")
    assert digest("import lessons.propagation as prop") != before


def test_shipped_data_counts_for_lessons_data(package):
    before = digest("from lessons.data import load_cars")
    with open(package / "datasets" / "cars.csv", "a", encoding="utf-8") as f:
        f.write("x,USA,1970,1,1\n")
    assert digest("from lessons.data import load_cars") != before


def test_prose_does_not_count():
    code = "from lessons import ols"
    assert cache.lessons_digest(PAGE.format(code=code) + "\nMore prose.\n") == digest(code)


def test_stamp_keeps_every_line_number():
    page = (
        "---\njupytext:\n  text_representation:\n    format_name: myst\n"
        "kernelspec:\n  display_name: Python 3\n  name: python3\n---\n# Title\nline 11\n"
    )
    stamped = cache.stamp_front_matter(page, "0123abcd")
    assert stamped.count("\n") == page.count("\n")
    assert stamped.splitlines()[9:] == page.splitlines()[9:]
    assert "lessons_digest: 0123abcd" in stamped


def test_pages_without_kernelspec_are_untouched():
    page = "# Just prose\n"
    assert cache.stamp_front_matter(page, "x") == page


def test_docstrings_and_comments_do_not_count(package):
    before = digest("from lessons import ols")
    source = (package / "ols.py").read_text(encoding="utf-8")
    edited = source.replace('"""The least-squares line', '"""(Reworded.) The least-squares line')
    assert edited != source
    (package / "ols.py").write_text(edited + "\n# a comment\n", encoding="utf-8")
    assert digest("from lessons import ols") == before


def test_charts_import_no_lesson_module(package):
    # a page that draws charts re-runs for ols only if it calls ols itself
    before = digest("from lessons import charts")
    with open(package / "ols.py", "a", encoding="utf-8") as f:
        f.write("\nEDITED = True\n")
    assert digest("from lessons import charts") == before


TINY_INDEX = "# Tiny book\n\n```{toctree}\nuses_ols\nuses_stats\n```\n"


def tiny_page(code: str) -> str:
    return NOTEBOOK_FRONT_MATTER + f"\n# A page\n\n```{{code-cell}} ipython3\n{code}\n```\n"


@pytest.mark.build
def test_a_lesson_edit_re_executes_exactly_the_pages_that_use_it(tmp_path):
    """Build, edit a copied module, rebuild: the execution cache says which pages ran."""
    src = tmp_path / "src"
    shutil.copytree(
        ROOT / "src" / "lessons", src / "lessons", ignore=shutil.ignore_patterns("__pycache__")
    )
    env = {"PYTHONPATH": str(src)}
    pages = {
        "index": TINY_INDEX,
        "uses_ols": tiny_page(
            "from lessons import charts, ols\nprint(ols.fit_line([0, 1], [1, 3]))"
        ),
        "uses_stats": tiny_page("from lessons import stats\nprint(stats.mean([1, 2]))"),
    }
    first = build_tiny_book(tmp_path, pages, env=env)
    assert first.ok, first.log
    assert sorted(first.executed) == ["uses_ols", "uses_stats"]

    # a fresh read (no Sphinx environment: a clean checkout with the cache, or the PDF
    # build) takes every unchanged page from the execution cache
    shutil.rmtree(tmp_path / "_build" / "en" / "doctrees")
    fresh = build_tiny_book(tmp_path, pages, write=False, env=env)
    assert fresh.ok and fresh.executed == [], fresh.log

    ols = src / "lessons" / "ols.py"
    text = ols.read_text(encoding="utf-8")
    ols.write_text(
        text.replace('"""The least-squares line', '"""(Edited.) The least-squares line'),
        encoding="utf-8",
    )
    docstring_only = build_tiny_book(tmp_path, pages, write=False, env=env)
    assert docstring_only.ok and docstring_only.executed == [], docstring_only.log

    edit_function_body(ols, "fit_line", "_edited = True")
    code_edit = build_tiny_book(tmp_path, pages, write=False, env=env)
    assert code_edit.ok, code_edit.log
    assert code_edit.executed == ["uses_ols"], code_edit.log
    assert "re-executing uses_ols" in code_edit.log

    # a build that warned forgets its environment: the next build re-reads every page
    (tmp_path / "book/en/uses_stats.md").write_text(
        tiny_page("from lessons import stats\nprint(stats.mean([]))"), encoding="utf-8"
    )
    failed = build_tiny_book(tmp_path, pages, write=False, env=env)
    assert not failed.ok and "uses_stats.md" in failed.log
    assert not (tmp_path / "_build/en/doctrees/environment.pickle").exists()
