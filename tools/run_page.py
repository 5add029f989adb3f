"""Run one chapter page as the reader would, without building the book (a writer's check).

    .venv/bin/python tools/run_page.py [--baseline=DIR] book/en/03-regression.md [more pages …]

For each page: executes every cell (what the build does; a failing cell or a
claim that stopped holding is named), then runs only the shown cells in a fresh
kernel, as a reader's downloaded notebook does, and compares every printed text,
result and chart with the full run. Exit status 1 if anything differs.
``--baseline=DIR`` also lists every glued value that differs from a earlier
build's ``DIR/<lang>/<page>.glue.json`` (copy ``_build/<lang>/jupyter_execute``
before a rewrite of a page's code to see that its numbers stay the same).
``tests/test_reader_notebooks.py`` proves the same on the built site, with the
lesson package installed from its wheel in a fresh virtual environment.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from myst_nb.core.read import read_myst_markdown_notebook
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import notebooks  # noqa: E402


def execute(nb, folder: Path, allow_errors: bool = False):
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute()
    return nb


def glued_values(nb) -> dict[str, str]:
    """Every glued value of an executed notebook, as the page would show it (text/plain)."""
    values = {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            book = out.get("metadata", {}).get("scrapbook")
            if book:
                data = out.get("data", {})
                plain = next((v for k, v in data.items() if k.endswith("text/plain")), "")
                values[book["name"]] = "".join(plain) if isinstance(plain, list) else plain
    return values


def compare_glue(nb, baseline: Path, page: str) -> list[str]:
    """Glued values that differ from (or are missing against) a baseline build's glue.json."""
    import json

    old_file = baseline / page.split("/")[0] / f"{page.split('/')[1]}.glue.json"
    if not old_file.is_file():
        return [f"{page}: no baseline {old_file}"]
    old = {
        k: "".join(v["data"].get("text/plain", ""))
        if isinstance(v["data"].get("text/plain"), list)
        else v["data"].get("text/plain", "")
        for k, v in json.loads(old_file.read_text(encoding="utf-8")).items()
    }
    new = glued_values(nb)
    found = []
    for key in sorted(old):
        if key not in new:
            found.append(f"{page}: glue {key!r} is gone (was {old[key]})")
        elif new[key] != old[key]:
            found.append(f"{page}: glue {key!r} changed: {old[key]} -> {new[key]}")
    for key in sorted(set(new) - set(old)):
        found.append(f"{page}: new glue {key!r} = {new[key][:80]}")
    return found


def run(path: Path, baseline: Path | None = None) -> list[str]:
    page = f"{path.parent.name}/{path.stem}"
    nb = read_myst_markdown_notebook(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    try:
        execute(nb, path.parent)
    except CellExecutionError as error:
        lines = str(error).strip().splitlines()
        return [f"{page}: the full page fails: {lines[-1] if lines else error}"]
    full = time.perf_counter() - start
    if baseline is not None:
        for line in compare_glue(nb, baseline, page):
            print("  glue: " + line)
    book = notebooks.reader_notebook(nb, path.parent.name, "first-steps-dl", path.stem)
    reader = nbformat.from_dict(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(c.source) for c in book.cells if c.cell_type == "code"]
        )
    )
    reader.cells[0].source = "pass  # (the install cell)"
    start = time.perf_counter()
    execute(reader, path.parent, allow_errors=True)
    shown = time.perf_counter() - start
    found = notebooks.differences(book, reader, page)
    print(
        f"{page}: full page {full:.1f} s, shown cells alone {shown:.1f} s, "
        f"{sum(1 for c in book.cells if c.cell_type == 'code') - 1} shown cells: "
        + ("same outputs" if not found else f"{len(found)} difference(s)")
    )
    return found


def main(argv: list[str]) -> int:
    # a quiet kernel, as in the build (conf/ipython_kernel_config.py)
    ipython = Path(__file__).resolve().parent.parent / "_build" / ".ipython" / "profile_default"
    ipython.mkdir(parents=True, exist_ok=True)
    config = Path(__file__).resolve().parent.parent / "conf" / "ipython_kernel_config.py"
    (ipython / "ipython_kernel_config.py").write_text(config.read_text(encoding="utf-8"))
    os.environ["IPYTHONDIR"] = str(ipython.parent)
    if not argv:
        print(__doc__)
        return 2
    baseline = None
    if argv[0].startswith("--baseline="):
        baseline = Path(argv.pop(0).split("=", 1)[1])
    found = []
    for name in argv:
        found += run(Path(name).resolve(), baseline)
    for line in found:
        print("  " + line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
