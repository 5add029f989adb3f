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


#: One broken page for each way a page can break: (file name, body, what the log must say).
BROKEN = [
    ("failing-cell", "```{code-cell} ipython3\n1 / 0\n```\n", "ZeroDivisionError"),
    (
        "broken-cross-reference",
        "See {ref}`a-label-that-does-not-exist`.\n",
        "a-label-that-does-not-exist",
    ),
    (
        "missing-glue-key",
        "```{code-cell} ipython3\nx = 1\n```\n\nA number: {glue:text}`no_such_key`.\n",
        "no_such_key",
    ),
    (
        "stray-stderr",
        "```{code-cell} ipython3\nimport sys\nprint('oops', file=sys.stderr)\n```\n",
        "stderr",
    ),
    (
        "chart-from-a-cdn",
        "```{code-cell} ipython3\nimport altair as alt\nimport pandas as pd\n"
        "alt.renderers.enable('default')\n"
        "alt.Chart(pd.DataFrame({'x': [1, 2]})).mark_point().encode(x='x')\n```\n",
        "another host",
    ),
    (
        "script-from-a-cdn",
        "```{code-cell} ipython3\nfrom IPython.display import HTML\n"
        "HTML('<script src=\"https://cdn.jsdelivr.net/npm/vega@6\"></script>')\n```\n",
        "cdn.jsdelivr.net",
    ),
    ("dead-kernel", "```{code-cell} ipython3\nimport os\nos._exit(1)\n```\n", "DeadKernelError"),
    (
        "network-access",
        "```{code-cell} ipython3\nimport urllib.request\n"
        "urllib.request.urlopen('https://pypi.org/simple/', timeout=60)\n```\n",
        "without network access",
    ),
    (
        "a-claim-that-stopped-being-true",
        "```{code-cell} ipython3\n:tags: [remove-cell]\nresiduals = [-1.0, 2.0]\n"
        "assert residuals[0] > 0, 'claim: the line is too low at the left end'\n```\n",
        "claim: the line is too low at the left end",
    ),
]


@pytest.fixture(scope="module")
def broken_book(tmp_path_factory):
    """One tiny book holding every broken page, built once (the build keeps going after
    a failure, so each page's failure is reported, as in a contributor's build)."""
    root = tmp_path_factory.mktemp("broken")
    index = INDEX.replace("page\n", "".join(f"{name}\n" for name, _, _ in BROKEN))
    pages = {name: notebook(body) for name, body, _ in BROKEN}
    return build_tiny_book(root, {"index": index, **pages})


def warnings_about(log: str, name: str) -> str:
    """The log's warnings that name ``name``.md, each with the lines that follow it
    (a cell's traceback) up to the next warning."""
    blocks = re.split(r"\n(?=\S*(?:WARNING|ERROR)\b|[^\n]*\.md(?::\d+)?: (?:WARNING|ERROR))", log)
    return "\n".join(block for block in blocks if f"{name}.md" in block.split("\n", 1)[0])


@pytest.mark.xdist_group("broken-book")
@pytest.mark.parametrize("name, body, words", BROKEN, ids=[name for name, _, _ in BROKEN])
def test_a_broken_page_fails_the_build_naming_the_file(broken_book, name, body, words):
    run = broken_book
    assert not run.ok
    about = warnings_about(run.log, name)
    assert about, f"no warning names {name}.md:\n{run.log}"
    assert words in about, (
        f"{name}.md: its warning does not say {words!r}:\n{about}\n---\n{run.log}"
    )
    assert 'Traceback (most recent call last):\n  File "' not in run.log.split("WARNING")[0], (
        "Sphinx crashed instead of reporting the page"
    )


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
