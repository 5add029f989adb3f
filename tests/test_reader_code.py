"""The code on the page is the reader's code.

A shown code cell is what a reader types: it may not hold the book's machinery
(``glue``, claim checks, a ``words`` table, display typography), and it may not
read a name that only a hidden cell defines, because a reader's notebook has
no hidden cells. Run in order, the shown cells alone must work: the slow tier
proves that by running each chapter's notebook in a fresh environment
(``tests/test_reader_notebooks.py``); this fast check names the page and the
cell of a mistake in a second.
"""

from __future__ import annotations

import ast
import builtins
import re
import tomllib

import pytest
from myst_nb.core.read import read_myst_markdown_notebook

from conftest import BOOK, LANGS, PAGES, ROOT

HIDDEN = "remove-cell"
#: Names a Jupyter kernel provides without an import.
KERNEL_NAMES = {"display", "get_ipython", "In", "Out"}
#: Tags that would show a cell's output but not its code: the reader could not reproduce it.
HALF_SHOWN = {"remove-input", "remove-output"}


def page_cells(lang: str, page: str) -> list[dict]:
    """Each code cell of a page: its number on the page (1-based), source, tags, options."""
    text = (BOOK / lang / f"{page}.md").read_text(encoding="utf-8")
    notebook = read_myst_markdown_notebook(text)
    cells, number = [], 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        number += 1
        tags = list(cell.metadata.get("tags", []))
        cells.append(
            {
                "number": number,
                "source": cell.source,
                "tags": tags,
                "hidden": HIDDEN in tags,
                "alt": cell.metadata.get("alt"),
            }
        )
    return cells


def stored_names(tree: ast.AST) -> set[str]:
    """Every name a piece of code binds: assignments, imports, functions, loop targets …"""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


def read_names(tree: ast.AST) -> set[str]:
    return {
        node.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
    }


def machinery(source: str) -> list[str]:
    """What in a shown cell is the book's machinery rather than the reader's code.

    >>> machinery('glue("n", n, display=False)')
    ['glue(...) (glue numbers in a hidden cell)']
    >>> machinery('print(str(x).replace("-", "−"))')
    ['display typography .replace(...) (the build typesets the minus sign)']
    >>> machinery('assert x > 0, "claim: positive"')
    ['assert (claim checks go in a hidden cell)']
    >>> machinery('charts.curve(x, y, **words["curve"])')
    ["words[...] (write the page's words as string literals)"]
    >>> machinery('table.replace({"sex": {"female": "여성"}})')
    []
    """
    found = []
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            found.append("assert (claim checks go in a hidden cell)")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id == "glue":
                found.append("glue(...) (glue numbers in a hidden cell)")
            elif isinstance(func, ast.Attribute) and func.attr == "replace":
                literals = [
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                if any("\u2212" in text for text in literals):
                    found.append(
                        "display typography .replace(...) (the build typesets the minus sign)"
                    )
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name):
            if node.value.id == "words":
                found.append("words[...] (write the page's words as string literals)")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if (module or "").split(".")[0] == "myst_nb":
                found.append("an import of myst_nb (the book's machinery)")
    return found


def problems(cells: list[dict]) -> list[str]:
    """Every way the shown cells, run alone in order, fail to be the reader's code.

    >>> cells = [{"number": 1, "source": "x = 1", "tags": [], "hidden": False, "alt": None},
    ...          {"number": 2, "source": "y = 2", "tags": ["remove-cell"], "hidden": True,
    ...           "alt": None},
    ...          {"number": 3, "source": "print(x + y)", "tags": [], "hidden": False, "alt": None}]
    >>> problems(cells)
    ["cell 3 reads 'y', which only a hidden cell defines (cell 2): define it in a shown cell"]
    """
    found = []
    known = set(dir(builtins)) | KERNEL_NAMES
    hidden_defs: dict[str, int] = {}
    for cell in cells:
        try:
            tree = ast.parse(cell["source"])
        except SyntaxError as error:
            found.append(f"cell {cell['number']} is not valid Python: {error}")
            continue
        if cell["hidden"]:
            for name in stored_names(tree):
                hidden_defs.setdefault(name, cell["number"])
            continue
        for tag in sorted(HALF_SHOWN & set(cell["tags"])):
            found.append(
                f"cell {cell['number']} is tagged {tag}: a reader's notebook could not show the "
                "same; show the cell (hide-input folds its code) or hide it whole (remove-cell)"
            )
        for item in machinery(cell["source"]):
            found.append(f"cell {cell['number']} holds {item}")
        own = stored_names(tree)
        for name in sorted(read_names(tree) - known - own):
            where = hidden_defs.get(name)
            if where:
                found.append(
                    f"cell {cell['number']} reads {name!r}, which only a hidden cell defines "
                    f"(cell {where}): define it in a shown cell"
                )
            else:
                found.append(f"cell {cell['number']} reads {name!r}, which no earlier cell defines")
        known |= own
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_shown_cells_are_the_readers_code(lang, page):
    found = problems(page_cells(lang, page))
    assert not found, f"{lang}/{page}.md:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_chart_description_is_glued_by_a_hidden_cell(lang, page):
    cells = page_cells(lang, page)
    hidden = "\n".join(c["source"] for c in cells if c["hidden"])
    for cell in cells:
        if cell["alt"] is None:
            continue
        assert not cell["hidden"], (
            f"{lang}/{page}.md cell {cell['number']}: `:alt:` on a hidden cell"
        )
        assert re.search(rf"""glue\(\s*["']{re.escape(str(cell["alt"]))}["']""", hidden), (
            f"{lang}/{page}.md cell {cell['number']}: the chart's description "
            f"{cell['alt']!r} (`:alt:`) is never glued by a hidden cell"
        )


def test_the_check_names_a_hidden_variable_and_the_machinery():
    cells = [
        {"number": 1, "source": "from myst_nb import glue", "tags": [HIDDEN], "hidden": True},
        {"number": 2, "source": "words = {'a': 'b'}", "tags": [HIDDEN], "hidden": True},
        {"number": 3, "source": "print(words['a'])", "tags": [], "hidden": False},
        {"number": 4, "source": "x = 1", "tags": ["remove-input"], "hidden": False},
    ]
    found = problems(cells)
    assert any(
        "cell 3 reads 'words', which only a hidden cell defines (cell 2)" in f for f in found
    )
    assert any("cell 3 holds words[...]" in f for f in found)
    assert any("cell 4 is tagged remove-input" in f for f in found)


def test_the_wheel_pins_the_versions_the_book_was_built_with():
    """A reader's notebook prints the book's numbers only with the book's NumPy, pandas …"""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = dict(
        line.split("==", 1)
        for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
        if "==" in line and not line.startswith("#")
    )
    lock = {name.lower(): version for name, version in lock.items()}
    for requirement in project["dependencies"]:
        name, _, version = requirement.partition("==")
        assert version, f"pyproject.toml: {requirement} must be pinned with =="
        assert lock.get(name.lower()) == version, (
            f"pyproject.toml pins {requirement}, requirements.lock has "
            f"{name}=={lock.get(name.lower())}"
        )
