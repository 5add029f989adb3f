"""A broken page fails the build, and the message names the file (tiny temporary books)."""

import re

import pytest

from conftest import NOTEBOOK_FRONT_MATTER, build_tiny_book

pytestmark = pytest.mark.build

INDEX = """# Tiny book

```{toctree}
page
```
"""


def notebook(body: str) -> str:
    return NOTEBOOK_FRONT_MATTER + "\n# A page\n\n" + body


def test_a_good_tiny_book_builds(tmp_path):
    page = notebook("```{code-cell} ipython3\nfrom myst_nb import glue\n"
                    "glue('answer', 6 * 7, display=False)\n```\n\nThe answer is {glue:text}`answer`.\n")
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": page})
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "_build/en/html/page.html").read_text(encoding="utf-8")
    text = " ".join(re.sub(r"<[^>]+>", "", html).split())
    assert "The answer is 42" in text


@pytest.mark.parametrize("body, words", [
    ("```{code-cell} ipython3\n1 / 0\n```\n", "ZeroDivisionError"),
    ("See {ref}`a-label-that-does-not-exist`.\n", "a-label-that-does-not-exist"),
    ("```{code-cell} ipython3\nx = 1\n```\n\nA number: {glue:text}`no_such_key`.\n", "no_such_key"),
    ("```{code-cell} ipython3\nimport sys\nprint('oops', file=sys.stderr)\n```\n", "stderr"),
], ids=["failing cell", "broken cross-reference", "missing glue key", "stray stderr"])
def test_a_broken_page_fails_the_build_naming_the_file(tmp_path, body, words):
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": notebook(body)})
    assert run.returncode != 0
    assert "page.md" in run.stderr, run.stderr
    assert words in run.stderr, run.stderr
