"""The lessons digest: which pages re-execute when the lesson code changes."""

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
        f.write("\n# edited\n")
    assert digest("from lessons import ols") != before


def test_editing_an_unused_module_does_not(package):
    before = digest("from lessons import ols")
    with open(package / "propagation.py", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    assert digest("from lessons import ols") == before


def test_dependencies_are_followed(package):
    # lessons.propagation imports lessons.neuron, so editing neuron.py reaches it
    before = digest("import lessons.propagation as prop")
    with open(package / "neuron.py", "a", encoding="utf-8") as f:
        f.write("\n# edited\n")
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
    page = ("---\njupytext:\n  text_representation:\n    format_name: myst\n"
            "kernelspec:\n  display_name: Python 3\n  name: python3\n---\n# Title\nline 11\n")
    stamped = cache.stamp_front_matter(page, "0123abcd")
    assert stamped.count("\n") == page.count("\n")
    assert stamped.splitlines()[9:] == page.splitlines()[9:]
    assert "lessons_digest: 0123abcd" in stamped


def test_pages_without_kernelspec_are_untouched():
    page = "# Just prose\n"
    assert cache.stamp_front_matter(page, "x") == page
