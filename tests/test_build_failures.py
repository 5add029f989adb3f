"""A broken page fails the build, and the message names the file (tiny temporary books)."""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import NOTEBOOK_FRONT_MATTER, ROOT, build_tiny_book

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
    ("```{code-cell} ipython3\nimport altair as alt\nimport pandas as pd\n"
     "alt.renderers.enable('default')\n"
     "alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_point().encode(x='x')\n```\n", "another host"),
    ("```{code-cell} ipython3\nfrom IPython.display import HTML\n"
     "HTML('<script src=\"https://cdn.jsdelivr.net/npm/vega@6\"></script>')\n```\n", "cdn.jsdelivr.net"),
], ids=["failing cell", "broken cross-reference", "missing glue key", "stray stderr",
        "chart from a CDN", "script from a CDN"])
def test_a_broken_page_fails_the_build_naming_the_file(tmp_path, body, words):
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": notebook(body)})
    assert run.returncode != 0
    assert "page.md" in run.stderr, run.stderr
    assert words in run.stderr, run.stderr


def test_a_doctest_mismatch_fails_the_tests_naming_the_file(tmp_path):
    module = tmp_path / "wrong_example.py"
    module.write_text('def double(x):\n    """\n    >>> double(2)\n    5\n    """\n'
                      '    return 2 * x\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "--doctest-modules", str(module)], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode != 0
    assert "wrong_example.py" in run.stdout and "Expected:" in run.stdout


def test_a_page_missing_in_one_language_fails_the_parity_test(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    (book / "en" / "05-neurons.md").unlink()
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          str(ROOT / "tests" / "test_parity.py")], capture_output=True, text=True,
                         cwd=ROOT, env=dict(os.environ, BOOK_DIR=str(book)))
    assert run.returncode != 0
    assert "05-neurons" in run.stdout
