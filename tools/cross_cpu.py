"""Numbers that do not depend on the machine: run every chapter twice, once with NumPy's
fastest CPU kernels switched off, and compare every glued value as the pages display it.

NumPy picks SIMD kernels (AVX2, AVX-512 …) at run time; they can differ in the
last bits, and an unstable sort can order ties differently. A glued number
that changes at the precision it is shown would read differently on a reader's
machine. ``NPY_DISABLE_CPU_FEATURES`` switches off the dispatch targets this
CPU supports (the names are NumPy's own, read from the running NumPy).

    .venv/bin/python tools/cross_cpu.py            # the book's chapters
    .venv/bin/python tools/cross_cpu.py PAGE.md …  # other pages (used by the tests)
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BOOK, BUILD, LANGS, pages  # noqa: E402

GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`([\w]+)(?::([^`]*))?`")
RECORD = "application/papermill.record/text/plain"


def slower_machines() -> list[str]:
    """NPY_DISABLE_CPU_FEATURES values that turn this CPU into older ones.

    First without the AVX-512 paths (``X86_V4`` and the ``AVX512_*`` targets),
    then without AVX2 as well (``X86_V3``): the names are NumPy's own dispatch
    targets, kept only where this CPU has them. (Both runs are needed: an
    unstable sort can order ties one way with AVX-512, another with AVX2 and
    the first way again with neither.)
    """
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    present = [name for name in __cpu_dispatch__ if __cpu_features__.get(name)]
    no_avx512 = [name for name in present if name == "X86_V4" or name.startswith("AVX512")]
    machines = [" ".join(no_avx512), " ".join(no_avx512 + [n for n in present if n == "X86_V3"])]
    return [m for i, m in enumerate(machines) if m and m not in machines[:i]]


def glued_values(page: Path, env: dict[str, str]) -> dict[str, str]:
    """Run a page's code cells in a fresh kernel with ``env``; return each glued text/plain."""
    import nbformat
    from jupyter_cache.executors.utils import single_nb_execution
    from myst_nb.core.read import read_myst_markdown_notebook

    notebook = read_myst_markdown_notebook(page.read_text(encoding="utf-8"))
    notebook.cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    # the quiet kernel configuration and the offline guard the build writes (conf.py)
    env = {"IPYTHONDIR": str(BUILD / ".ipython"), **env}
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        result = single_nb_execution(
            nbformat.from_dict(notebook), cwd=str(page.parent), timeout=600, allow_errors=False
        )
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    if result.err:
        raise RuntimeError(f"{page} failed to execute:\n{result.exc_string[-3000:]}")
    values = {}
    for cell in result.nb.cells:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            data = output.get("data", {})
            if name and (RECORD in data or "text/plain" in data):
                values[name] = data.get(RECORD, data.get("text/plain"))
    return values


def displayed(page_texts: list[str], values: dict[str, str]) -> dict[str, str]:
    """Each glued value as the prose shows it: ``key:.2f`` → '0.80' (one entry per use)."""
    from myst_nb.core.variables import format_plain_text

    shown = {}
    for text in page_texts:
        for key, spec in GLUE_ROLE.findall(text):
            if key in values:
                shown[f"{key}:{spec or 's'}"] = format_plain_text(values[key], spec or "s")
    return shown


def compare(paths: list[Path]) -> list[str]:
    """Every displayed glued value that differs from a run with all CPU features."""
    differences = []
    for path in paths:
        texts = [path.read_text(encoding="utf-8")]
        twin = path.parent.parent / ("en" if path.parent.name == "ko" else "ko") / path.name
        if path.parent.name in LANGS and twin.exists():
            texts.append(twin.read_text(encoding="utf-8"))
        a = displayed(texts, glued_values(path, {}))
        for features in slower_machines():
            b = displayed(texts, glued_values(path, {"NPY_DISABLE_CPU_FEATURES": features}))
            differences += [
                f"{path.name} {key}: {a[key]} (all CPU features) ≠ {b.get(key)} "
                f"(without {features})"
                for key in sorted(a)
                if a[key] != b.get(key)
            ]
    return differences


def main() -> int:
    paths = [Path(p).resolve() for p in sys.argv[1:]] or [
        BOOK / "ko" / f"{name}.md" for name in pages("ko") if name != "glossary"
    ]
    machines = slower_machines()
    if not machines:
        print("cross_cpu: this CPU uses no optional NumPy dispatch target; nothing to compare")
        return 0
    differences = compare(paths)
    if differences:
        print(f"cross_cpu: {len(differences)} glued value(s) change with the CPU:")
        print("\n".join(differences))
        return 1
    print(
        f"cross_cpu: every glued value of {len(paths)} page(s) displays the same with all "
        f"CPU features and without " + ", and without ".join(machines)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
