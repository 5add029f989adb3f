"""`make test` runs each page-by-page browser check once per page; `make verify` the rest.

The split (conftest ``MATRIX_TESTS``) must leave `make test` seeing every page, both
languages and every width or theme, and must hand every other case to `make verify`.
"""

import itertools
from types import SimpleNamespace

from conftest import LANGS, MATRIX_TESTS, PAGES, _matrix_rest


def cases(test: str, **axes):
    return [
        SimpleNamespace(originalname=test, callspec=SimpleNamespace(params=dict(zip(axes, combo))))
        for combo in itertools.product(*axes.values())
    ]


def test_make_test_sees_every_page_language_and_width_once():
    test = "test_the_page_does_not_move_when_its_scripts_start"
    assert test in MATRIX_TESTS
    items = cases(test, name=PAGES, lang=LANGS, width=[1280, 390])
    rest = _matrix_rest(items)
    kept = [item.callspec.params for item in items if item not in rest]
    assert sorted(p["name"] for p in kept) == sorted(PAGES)  # each page once
    assert {(p["lang"], p["width"]) for p in kept} == set(itertools.product(LANGS, [1280, 390]))
    assert len(rest) == len(items) - len(PAGES)


def test_only_the_matrix_tests_are_split():
    items = cases("test_something_else", name=PAGES, lang=LANGS)
    assert _matrix_rest(items) == []
