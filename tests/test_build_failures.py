"""A broken page fails the build, and the message names the file (tiny temporary books)."""

import os
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


def test_a_good_tiny_book_builds_and_says_what_ran(tmp_path):
    page = notebook(
        "```{code-cell} ipython3\nfrom myst_nb import glue\n"
        "glue('answer', 6 * 7, display=False)\n```\n\nThe answer is {glue:text}`answer`.\n"
    )
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": page})
    assert run.ok, run.log
    html = (tmp_path / "_build/en/html/page.html").read_text(encoding="utf-8")
    assert "The answer is <span" in html and ">42<" in html
    assert run.executed == ["page"], run.log  # printed even though the build is quiet (-q)


@pytest.mark.parametrize(
    "body, words",
    [
        ("```{code-cell} ipython3\n1 / 0\n```\n", "ZeroDivisionError"),
        ("See {ref}`a-label-that-does-not-exist`.\n", "a-label-that-does-not-exist"),
        (
            "```{code-cell} ipython3\nx = 1\n```\n\nA number: {glue:text}`no_such_key`.\n",
            "no_such_key",
        ),
        ("```{code-cell} ipython3\nimport sys\nprint('oops', file=sys.stderr)\n```\n", "stderr"),
        (
            "```{code-cell} ipython3\nimport altair as alt\nimport pandas as pd\n"
            "alt.renderers.enable('default')\n"
            "alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_point().encode(x='x')\n```\n",
            "another host",
        ),
        (
            "```{code-cell} ipython3\nfrom IPython.display import HTML\n"
            "HTML('<script src=\"https://cdn.jsdelivr.net/npm/vega@6\"></script>')\n```\n",
            "cdn.jsdelivr.net",
        ),
        ("```{code-cell} ipython3\nimport os\nos._exit(1)\n```\n", "DeadKernelError"),
        (
            "```{code-cell} ipython3\nimport urllib.request\n"
            "urllib.request.urlopen('https://pypi.org/simple/', timeout=60)\n```\n",
            "without network access",
        ),
        (
            "```{code-cell} ipython3\n:tags: [remove-cell]\nresiduals = [-1.0, 2.0]\n"
            "assert residuals[0] > 0, 'claim: the line is too low at the left end'\n```\n",
            "claim: the line is too low at the left end",
        ),
    ],
    ids=[
        "failing cell",
        "broken cross-reference",
        "missing glue key",
        "stray stderr",
        "chart from a CDN",
        "script from a CDN",
        "dead kernel",
        "network access",
        "a claim that stopped being true",
    ],
)
def test_a_broken_page_fails_the_build_naming_the_file(tmp_path, body, words):
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": notebook(body)})
    assert not run.ok
    assert "page.md" in run.log, run.log
    assert words in run.log, run.log
    assert 'Traceback (most recent call last):\n  File "' not in run.log.split("WARNING")[0], (
        "Sphinx crashed instead of reporting the page"
    )
    assert not (tmp_path / "_build/en/html/reports").exists() or not run.ok


def test_a_chapter_removed_from_one_build_fails_cleanly_on_an_incremental_build(tmp_path):
    two = INDEX.replace("page\n", "page\nother\n")
    page = notebook("```{code-cell} ipython3\nprint(1)\n```\n")
    assert build_tiny_book(tmp_path, {"index": two, "page": page, "other": page}).ok
    (tmp_path / "book/en/other.md").unlink()
    run = build_tiny_book(tmp_path, {}, write=False)
    assert not run.ok
    assert "other" in run.log and "index.md" in run.log, run.log
    assert "KeyError" not in run.log and "Exception occurred" not in run.log, run.log


def test_the_project_configuration_collects_every_lesson_doctest():
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "src/lessons",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    collected = run.stdout
    for module in (
        "stats",
        "ols",
        "gradient_descent",
        "neuron",
        "propagation",
        "data",
        "charts/render",
        "charts/figures",
    ):
        assert f"src/lessons/{module}.py::" in collected, f"no doctest collected from {module}"


def test_a_page_missing_in_one_language_fails_the_parity_test(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book)
    (book / "en" / "05-neurons.md").unlink()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / "test_parity.py"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, BOOK_DIR=str(book)),
    )
    assert run.returncode != 0
    assert "05-neurons" in run.stdout
