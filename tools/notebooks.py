"""The reader's notebooks: each chapter as the ``.ipynb`` a reader downloads and runs.

A chapter page is a MyST notebook whose hidden cells (``:tags: [remove-cell]``)
hold the book's machinery: ``glue``, claim checks, chart descriptions. The
reader's notebook holds exactly what the page shows:

1. a short note on how to run it (in the page's language);
2. a cell that installs the lesson package (the wheel the build ships);
3. the page's headings, and every shown code cell with the outputs the build
   printed and drew.

:func:`reader_notebook` makes it from the notebook myst-nb executed
(``_build/<lang>/jupyter_execute/<page>.ipynb``); ``conf/_ext/book_notebooks.py``
writes one per chapter into the site; ``tests/test_reader_notebooks.py`` runs
each in a fresh virtual environment that has only the wheel installed and
compares its outputs with these.

>>> import nbformat
>>> executed = nbformat.v4.new_notebook(cells=[
...     nbformat.v4.new_markdown_cell("(ch-x)=\\n# Lines\\n\\nSome *prose*.\\n\\n## Fitting"),
...     nbformat.v4.new_code_cell("from myst_nb import glue", metadata={"tags": ["remove-cell"]}),
...     nbformat.v4.new_code_cell("print(1 + 1)", outputs=[
...         nbformat.v4.new_output("stream", name="stdout", text="2\\n")]),
... ])
>>> nb = reader_notebook(executed, "en", "first_steps_dl-0.1.0-py3-none-any.whl", "Lines")
>>> [cell.cell_type for cell in nb.cells]
['markdown', 'code', 'markdown', 'code']
>>> nb.cells[2].source, nb.cells[3].source, nb.cells[3].outputs[0]["text"]
('## Fitting', 'print(1 + 1)', '2\\n')
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import re
import zipfile

import nbformat

#: The distribution name of the lesson package (``import lessons``).
DISTRIBUTION = "first-steps-dl"
#: A fixed time for every file in a zip, so two builds give the same bytes.
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
HIDDEN = "remove-cell"

INTRO = {
    "en": """# {title}

This notebook holds the code of the chapter *{title}* of **First Steps into Deep Learning**,
with the results the book printed and drew. Run the cells from top to bottom
(*Run All*); each result should match the page. Then change a number and run again.

The first cell installs the book's lesson package, `{dist}` (`import lessons`), with the exact
versions of NumPy, pandas and Vega-Altair the book was built with. {where}

The page itself, with the explanations: {page}""",
    "ko": """# {title}

이 노트북에는 **딥러닝 첫걸음**의 「{title}」 장에 나오는 코드와, 책이 출력하고 그린 결과가 들어
있습니다. 위에서부터 차례로 셀을 실행해 보세요(*Run All*, 모두 실행). 결과가 책과 같아야 합니다.
그다음 숫자를 하나 바꾸고 다시 실행해 봅시다.

첫 셀은 이 책의 레슨 패키지 `{dist}`(`import lessons`)를 설치합니다. NumPy, pandas,
Vega-Altair는 책을 만들 때와 같은 버전으로 설치됩니다. {where}

설명이 있는 본문: {page}""",
}
WHERE = {
    "url": {
        "en": "It downloads the package from the book's site.",
        "ko": "패키지는 책의 사이트에서 내려받습니다.",
    },
    "file": {
        "en": "It expects the file `{wheel}` beside this notebook: it comes with the zip of all "
        "notebooks (All notebooks (.zip) in any chapter's download menu).",
        "ko": "이 노트북과 같은 폴더에 `{wheel}` 파일이 있어야 합니다. 이 파일은 노트북 모음 zip "
        "파일(각 장의 내려받기 메뉴에 있습니다)에 함께 들어 있습니다.",
    },
}
INSTALL = "%pip install --quiet {wheel}"

README = {
    "en": """First Steps into Deep Learning: the chapters as Jupyter notebooks
==================================================================

Each notebook is the code of one chapter, with the results the book shows.
Its first cell installs the lesson package from {wheel}
(keep that file beside the notebooks).

Jupyter:  pip install jupyterlab, then `jupyter lab` in this folder.
VS Code:  open the folder, open a notebook, pick a Python 3.11+ kernel, Run All.
Colab:    upload the notebook and the .whl file (Files panel), then Run All.

You need Python 3.11 or newer. The book's text (CC BY-SA 4.0) and its code (MIT):
see the book's site.
""",
    "ko": """딥러닝 첫걸음: 장별 주피터 노트북
================================

노트북 하나가 한 장의 코드이고, 책에 나온 결과가 함께 들어 있습니다.
각 노트북의 첫 셀이 {wheel} 파일로 레슨 패키지를 설치합니다
(이 파일을 노트북과 같은 폴더에 두세요).

주피터:   pip install jupyterlab 후 이 폴더에서 `jupyter lab`.
VS Code:  폴더를 열고 노트북을 연 다음, 파이썬 3.11 이상 커널을 골라 모두 실행.
코랩:     노트북과 .whl 파일을 올리고(파일 창) 모두 실행.

파이썬 3.11 이상이 필요합니다. 책의 글(CC BY-SA 4.0)과 코드(MIT)의 이용 조건은
책의 사이트에 있습니다.
""",
}


def shown(cell) -> bool:
    """Whether the page shows this cell (a hidden cell is the book's machinery)."""
    return cell.cell_type == "code" and HIDDEN not in cell.get("metadata", {}).get("tags", [])


def headings(markdown: str) -> list[str]:
    """The headings of a markdown cell, outside code fences and without MyST labels.

    >>> headings("(sec)=\\n## Two\\n\\ntext\\n```\\n# not a heading\\n```\\n### Three {#x}")
    ['## Two', '### Three']
    """
    outside = re.sub(r"^(`{3,}|:{3,}).*?^\1", "", markdown, flags=re.M | re.S)
    found = re.findall(r"^(#{1,6} .+?)\s*$", outside, flags=re.M)
    return [re.sub(r"\s*\{#[\w-]+\}$", "", h) for h in found]


def reader_outputs(outputs: list) -> list:
    """A cell's outputs without glue's hidden data (``glue(..., display=False)``), with
    consecutive chunks of one stream joined: the file does not depend on when the kernel
    flushed (two builds give the same bytes).

    >>> from nbformat.v4 import new_output
    >>> chunks = [new_output("stream", name="stdout", text="a"),
    ...           new_output("stream", name="stdout", text="\\nb\\n")]
    >>> [out["text"] for out in reader_outputs(chunks)]
    ['a\\nb\\n']
    """
    kept: list = []
    for out in outputs:
        if out.get("metadata", {}).get("scrapbook", {}).get("mime_prefix"):
            continue
        if (
            out.get("output_type") == "stream"
            and kept
            and kept[-1].get("output_type") == "stream"
            and kept[-1].get("name") == out.get("name")
        ):
            kept[-1]["text"] += out["text"]
            continue
        kept.append(copy.deepcopy(out))
    return kept


def reader_notebook(executed, lang: str, wheel: str, title: str, page_url: str = "") -> object:
    """The notebook a reader downloads, made from the one the build executed.

    ``wheel`` is what the install cell installs: a URL, or the wheel's file
    name (a file beside the notebook). ``page_url`` is where the page lives.
    """
    is_url = "://" in wheel
    where = WHERE["url" if is_url else "file"][lang].format(wheel=wheel.rsplit("/", 1)[-1])
    intro = (
        INTRO[lang]
        .format(title=title, dist=DISTRIBUTION, where=where, page=page_url or "—")
        .rstrip()
    )
    if not page_url:
        intro = intro.rsplit("\n\n", 1)[0]
    cells = [
        nbformat.v4.new_markdown_cell(intro),
        nbformat.v4.new_code_cell(INSTALL.format(wheel=wheel)),
    ]
    first_heading = True
    for cell in executed.cells:
        if cell.cell_type == "markdown":
            for heading in headings(cell.source):
                if first_heading and heading.startswith("# "):
                    first_heading = False  # the intro already has the title
                    continue
                cells.append(nbformat.v4.new_markdown_cell(heading))
        elif shown(cell):
            cells.append(
                nbformat.v4.new_code_cell(cell.source, outputs=reader_outputs(cell.outputs))
            )
    count = 0
    for index, cell in enumerate(cells):
        # ids from position: two builds of the same page give the same file
        cell["id"] = f"cell-{index:03d}"
        if cell.cell_type == "code":
            if index == 1:
                cell.execution_count = None
                continue
            count += 1
            cell.execution_count = count
            for out in cell.outputs:
                if "execution_count" in out:
                    out["execution_count"] = count
    metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def dumps(notebook) -> str:
    """A notebook as stable text (sorted keys, one trailing newline)."""
    return json.dumps(notebook, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A zip of ``files`` (name → bytes) that is the same for the same files."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def source_digest(paths) -> str:
    """A short hash of files' names and contents (the wheel is rebuilt when it changes)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def output_texts(cell) -> list[tuple[str, str]]:
    """What a cell showed, as (kind, text) pairs: printed text, results, chart figures."""
    found = []
    for out in cell.get("outputs", []):
        kind = out.get("output_type")
        if kind == "stream":
            found.append((out.get("name", "stdout"), _text(out.get("text", ""))))
        elif kind in ("execute_result", "display_data"):
            data = out.get("data", {})
            for mime in ("text/html", "text/plain", "image/svg+xml", "image/png"):
                if mime in data:
                    found.append((mime, _text(data[mime])))
                    break
        elif kind == "error":
            found.append(("error", f"{out.get('ename')}: {out.get('evalue')}"))
    # stream chunks arrive as the kernel flushes them: compare the text, not the chunks
    merged: list[tuple[str, str]] = []
    for kind, text in found:
        if merged and kind in ("stdout", "stderr") and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def differences(expected, actual, page: str) -> list[str]:
    """Where the reader's run of a notebook differs from the book's, naming page and cell.

    Both are reader notebooks (:func:`reader_notebook`); code cells are paired in
    order. A cell is named by its position among the page's shown code cells.
    """
    want = [c for c in expected.cells if c.cell_type == "code"][1:]
    got = [c for c in actual.cells if c.cell_type == "code"][1:]
    found = []
    if len(want) != len(got):
        found.append(f"{page}: {len(got)} code cells run, the page shows {len(want)}")
    for number, (a, b) in enumerate(zip(want, got), start=1):
        first_line = a.source.strip().splitlines()[0] if a.source.strip() else ""
        where = f"{page}, shown code cell {number} ({first_line[:60]!r})"
        ta, tb = output_texts(a), output_texts(b)
        if ta == tb:
            continue
        errors = [text for kind, text in tb if kind == "error"]
        if errors:
            found.append(f"{where} failed: {errors[0]}")
            continue
        kinds_a, kinds_b = [k for k, _ in ta], [k for k, _ in tb]
        if kinds_a != kinds_b:
            found.append(f"{where}: outputs {kinds_b}, the page shows {kinds_a}")
            continue
        for (kind, x), (_, y) in zip(ta, tb):
            if x != y:
                at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
                found.append(
                    f"{where}: its {kind} output differs at character {at}: page "
                    f"{x[max(0, at - 40) : at + 40]!r}, run {y[max(0, at - 40) : at + 40]!r}"
                )
                break
    return found
