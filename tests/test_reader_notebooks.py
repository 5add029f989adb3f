"""Every chapter's notebook, downloaded from the site, runs as the page shows.

The reader's path, proved on the built site: a fresh virtual environment that
cannot see this repository's ``src/`` gets the lesson package from the wheel
the site ships (with the pinned NumPy, pandas, Vega-Altair … from PyPI or the
pip cache), plus Jupyter's kernel and nbclient. Each chapter's ``.ipynb``
from ``_build/site/<lang>/notebooks/`` is copied into an empty folder beside
the wheel and executed top to bottom, offline (the kernel runs without a
network where ``unshare -rn`` allows it), install cell included. Every printed
text, result and chart must equal what the page shows.

One environment serves the whole run, and later runs while the wheel, the lock
file and Python are unchanged (``_build/reader-env``, checked with ``pip freeze``
before each use); the notebooks run two at a time. The table of results is printed and written to ``_build/reader-notebooks.txt``.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, LANGS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import notebooks  # noqa: E402
from book_execution import network_namespace_works  # noqa: E402
from bookinfo import BUILD  # noqa: E402

# One worker runs them all (one environment, the notebooks two at a time).
pytestmark = pytest.mark.xdist_group("reader-notebooks")

#: What the reader's environment gets besides the wheel, at the book's versions.
RUNNER_PACKAGES = ["nbclient", "ipykernel"]

RUNNER = r"""
import sys, nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
path = sys.argv[1]
# unix sockets: the kernel may run without a network (no loopback either)
km = KernelManager(kernel_name="python3", transport="ipc", ip=sys.argv[2] + "/kernel-ipc")
nb = nbformat.read(path, as_version=4)
# the book's notebooks show the outputs the build made; the reader starts from none
for cell in nb.cells:
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
client = NotebookClient(nb, km=km, timeout=600, allow_errors=True,
                        resources={"metadata": {"path": sys.argv[2]}})
client.execute()
nbformat.write(nb, sys.argv[3])
"""


def _offline() -> list[str]:
    """The prefix that runs a command without network, where the system allows it."""
    return ["unshare", "-rn", "--"] if network_namespace_works() else []


def _reader_env_key(wheel: Path) -> str:
    """What the environment is made from: the wheel, the lock file, the kernel packages, Python."""
    digest = hashlib.sha256()
    for part in (wheel.read_bytes(), (ROOT / "requirements.lock").read_bytes()):
        digest.update(hashlib.sha256(part).digest())
    digest.update(" ".join([*RUNNER_PACKAGES, sys.version, sys.base_prefix]).encode())
    return digest.hexdigest()[:16]


def _installed(python: Path) -> str:
    """``pip freeze`` of the environment: what it holds, versions included."""
    freeze = subprocess.run(
        [str(python), "-m", "pip", "freeze", "--all", "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return freeze.stdout if freeze.returncode == 0 else ""


def _record_freeze(env_dir: Path, python: Path, made: Path) -> None:
    """Write what the new environment holds, which a later run compares with.

    An empty list (pip freeze failed) is never written: it would "match" the next empty
    one and keep a broken environment for ever. The environment is removed and the run
    fails naming it.
    """
    frozen = _installed(python)
    if not frozen.strip():
        shutil.rmtree(env_dir, ignore_errors=True)
        pytest.fail(f"pip freeze listed nothing in the reader's environment {env_dir} (removed)")
    made.write_text(frozen, encoding="utf-8")


def _reusable(python: Path, made: Path) -> bool:
    """Whether the environment still holds exactly what it held when it was made."""
    if not (made.is_file() and python.is_file()):
        return False
    recorded = made.read_text(encoding="utf-8")
    return bool(recorded.strip()) and recorded == _installed(python)


def _make_reader_env(env_dir: Path, wheel: Path) -> None:
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    install = subprocess.run(
        # --no-compile: the kernel compiles only the modules a chapter imports, when it
        # imports them (compiling every installed file took half of the install's time)
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-compile"]
        + ["--disable-pip-version-check", "-c", str(ROOT / "requirements.lock")]
        + [str(wheel), *RUNNER_PACKAGES],
        capture_output=True,
        text=True,
        cwd=env_dir.parent,
        timeout=900,
    )
    assert install.returncode == 0, f"installing the wheel failed:\n{install.stderr[-3000:]}"


@pytest.fixture(scope="session")
def reader_env(site) -> Path:
    """A fresh venv with only the site's wheel (and a kernel) installed.

    Made once, in ``_build/reader-env/<key>``, where the key hashes the wheel, the
    lock file, the kernel packages and this Python: a later run (or another
    pytest-xdist worker, which waits on the lock) with the same key reuses it only
    if ``pip freeze`` still lists exactly what it listed when it was made;
    otherwise it is made again from nothing. Environments of other keys are removed.
    """
    wheels = sorted((site / "en" / "notebooks").glob("*.whl"))
    assert len(wheels) == 1, f"the site ships one wheel, found {wheels}"
    home = BUILD / "reader-env"
    home.mkdir(parents=True, exist_ok=True)
    key = _reader_env_key(wheels[0])
    env_dir = home / key
    python = env_dir / "bin" / "python"
    made = env_dir / "pip-freeze-when-made.txt"
    with open(home / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        for old in home.iterdir():
            if old.is_dir() and old.name != key:
                shutil.rmtree(old)
        if not _reusable(python, made):
            _make_reader_env(env_dir, wheels[0])
            _record_freeze(env_dir, python, made)
    where = subprocess.run(
        [str(python), "-c", "import lessons; print(lessons.__file__)"],
        capture_output=True,
        text=True,
        cwd=home,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert str(env_dir) in where.stdout, f"lessons comes from {where.stdout or where.stderr}"
    assert str(ROOT / "src") not in where.stdout
    return python


def _run_one(python: Path, site: Path, lang: str, page: str, work: Path) -> dict:
    source = site / lang / "notebooks" / f"{page}.ipynb"
    folder = work / f"{lang}-{page}"
    folder.mkdir(parents=True)
    wheel = next((site / lang / "notebooks").glob("*.whl"))
    shutil.copyfile(wheel, folder / wheel.name)  # the zip puts it beside the notebook
    shutil.copyfile(source, folder / source.name)
    (folder / "run.py").write_text(RUNNER, encoding="utf-8")
    out = folder / "executed.ipynb"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["IPYTHONDIR"] = str(folder / ".ipython")
    env["PIP_NO_INDEX"] = "1"  # offline: the install cell finds everything installed
    run = subprocess.run(
        [*_offline(), str(python), "run.py", source.name, str(folder), str(out)],
        capture_output=True,
        text=True,
        cwd=folder,
        env=env,
        timeout=900,
    )
    result = {"lang": lang, "page": page, "problems": []}
    if run.returncode or not out.is_file():
        result["problems"] = [f"{lang}/{page}: the notebook did not run:\n{run.stderr[-2000:]}"]
        return result
    expected = nbformat.read(source, as_version=4)
    actual = nbformat.read(out, as_version=4)
    code = [c for c in expected.cells if c.cell_type == "code"]
    result["cells"] = len(code)
    result["outputs"] = sum(len(notebooks.output_texts(c)) for c in code)
    install = [c for c in actual.cells if c.cell_type == "code"][0]
    errors = [o for o in install.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        result["problems"].append(f"{lang}/{page}: the install cell failed: {errors[0]}")
    result["problems"] += notebooks.differences(expected, actual, f"{lang}/{page}")
    return result


@pytest.fixture(scope="session")
def reader_runs(reader_env, site, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("runs")
    jobs = [(lang, page) for lang in LANGS for page in CHAPTERS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(
            pool.map(lambda job: _run_one(reader_env, site, *job, work), jobs)  # noqa: B023
        )
    lines = ["page | shown cells | outputs compared | result", "--- | ---: | ---: | ---"]
    for r in results:
        verdict = "same as the page" if not r["problems"] else f"{len(r['problems'])} problem(s)"
        lines.append(
            f"{r['lang']}/{r['page']} | {r.get('cells', '—')} | {r.get('outputs', '—')} | {verdict}"
        )
    table = "\n".join(lines)
    BUILD.mkdir(exist_ok=True)
    (BUILD / "reader-notebooks.txt").write_text(table + "\n", encoding="utf-8")
    print("\n" + table)
    return {(r["lang"], r["page"]): r for r in results}


# `make verify` (after `make test`, in CI too): a fresh environment and every chapter run
# again, minutes, like the other proofs that re-run the book elsewhere
@pytest.mark.verify
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", CHAPTERS)
def test_the_downloaded_notebook_runs_as_the_page_shows(reader_runs, lang, page):
    result = reader_runs[(lang, page)]
    assert not result["problems"], "\n".join(result["problems"])
    assert result["cells"] >= 2, f"{lang}/{page}: the notebook has no code beyond the install cell"


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_downloads_from_its_menu_with_the_wheel_and_the_zip(site, lang):
    import zipfile

    folder = site / lang / "notebooks"
    for page in CHAPTERS:
        html = (site / lang / f"{page}.html").read_text(encoding="utf-8")
        assert f'href="notebooks/{page}.ipynb"' in html, f"{lang}/{page}: no notebook in the menu"
        assert "notebooks/first-steps-dl-notebooks-" in html, f"{lang}/{page}: no zip in the menu"
        nb = json.loads((folder / f"{page}.ipynb").read_text(encoding="utf-8"))
        install = nb["cells"][1]
        assert install["cell_type"] == "code" and "%pip install" in "".join(install["source"])
        # the page's results come with it, also after a rebuild that ran nothing (cache hits)
        outputs = sum(len(c.get("outputs", [])) for c in nb["cells"] if c["cell_type"] == "code")
        assert outputs >= 2, (
            f"{lang}/{page}.ipynb carries {outputs} outputs: the page's are missing"
        )
    archive = zipfile.ZipFile(folder / f"first-steps-dl-notebooks-{lang}.zip")
    names = {Path(n).name for n in archive.namelist()}
    assert {f"{p}.ipynb" for p in CHAPTERS} <= names
    assert any(n.endswith(".whl") for n in names) and "README.txt" in names


def test_a_failing_cell_is_named_by_page_and_cell():
    expected = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("%pip install x"),
            nbformat.v4.new_code_cell(
                "print(words['a'])",
                outputs=[nbformat.v4.new_output("stream", name="stdout", text="a\n")],
            ),
        ]
    )
    actual = nbformat.from_dict(json.loads(json.dumps(expected)))
    actual.cells[1].outputs = [
        nbformat.v4.new_output(
            "error", ename="NameError", evalue="name 'words' is not defined", traceback=[]
        )
    ]
    found = notebooks.differences(expected, actual, "en/03-regression")
    assert found == [
        "en/03-regression, shown code cell 1 (\"print(words['a'])\") failed: "
        "NameError: name 'words' is not defined"
    ]


def test_a_different_number_is_named_by_page_and_cell():
    make = lambda text: nbformat.v4.new_notebook(  # noqa: E731
        cells=[
            nbformat.v4.new_code_cell("%pip install x"),
            nbformat.v4.new_code_cell(
                "print(a)", outputs=[nbformat.v4.new_output("stream", name="stdout", text=text)]
            ),
        ]
    )
    found = notebooks.differences(make("slope 0.512\n"), make("slope 0.513\n"), "ko/04")
    assert len(found) == 1 and found[0].startswith("ko/04, shown code cell 1 ('print(a)')")
    assert "0.512" in found[0] and "0.513" in found[0]


def test_open_in_colab_points_at_the_notebooks_branch_of_a_github_repository():
    """Colab opens notebooks from GitHub; the pages workflow publishes them on `notebooks`."""
    from types import SimpleNamespace

    sys.path.insert(0, str(ROOT / "conf" / "_ext"))
    import book_notebooks

    def app(repository: str):
        config = SimpleNamespace(
            language="ko", book_repository=repository, book_repository_branch="main"
        )
        return SimpleNamespace(config=config)

    assert book_notebooks._colab(app("https://github.com/someone/book"), "03-regression") == (
        "https://colab.research.google.com/github/someone/book/blob/notebooks/ko/03-regression.ipynb"
    )
    assert book_notebooks._colab(app(""), "03-regression") == ""  # no repository: no link
    assert book_notebooks._colab(app("https://gitlab.com/someone/book"), "03-regression") == ""


@pytest.mark.build  # two Python processes of its own: the slow tier
def test_a_chart_draws_the_same_html_whatever_was_drawn_before_it():
    """A reader's fresh kernel must draw the page's chart byte for byte (clip ids included)."""
    code = (
        "import altair as alt, pandas as pd\n"
        "from lessons.charts.render import to_html\n"
        "frame = pd.DataFrame({'x': [0, 1, 2], 'y': [0, 5, 1]})\n"
        "clipped = lambda t: alt.Chart(frame).mark_line(clip=True).encode("
        "x=alt.X('x:Q', scale=alt.Scale(domain=[0, 1])), y='y:Q').properties(title=t)\n"
        "import sys\n"
        "if sys.argv[1] == 'after': [to_html(clipped(str(i))) for i in range(3)]\n"
        "print(to_html(clipped('the chart')))\n"
    )
    alone, after = (
        subprocess.run(
            [sys.executable, "-c", code, when], capture_output=True, text=True, check=True
        ).stdout
        for when in ("alone", "after")
    )
    assert "clip-path" in alone and alone == after


@pytest.mark.build  # the slow tier, where pytest-xdist runs with --dist loadgroup
def test_one_worker_runs_the_reader_notebooks(request):
    """The group holds: one environment and one run of each notebook, not one per worker."""
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("not under pytest-xdist --dist loadgroup")
    assert request.node.nodeid.endswith("@reader-notebooks"), request.node.nodeid


def test_an_empty_pip_freeze_is_not_recorded_and_names_the_environment(tmp_path, monkeypatch):
    """A failed ``pip freeze`` once wrote "" and the next run's "" matched it: the broken
    environment was reused on every run until someone deleted it."""
    env_dir = tmp_path / "reader-env" / "key"
    (env_dir / "bin").mkdir(parents=True)
    python, made = env_dir / "bin" / "python", env_dir / "pip-freeze-when-made.txt"
    python.write_text("")
    monkeypatch.setattr(sys.modules[__name__], "_installed", lambda python: "")
    with pytest.raises(pytest.fail.Exception, match=str(env_dir)):
        _record_freeze(env_dir, python, made)
    assert not env_dir.exists()
    env_dir.mkdir(parents=True)
    (env_dir / "bin").mkdir()
    python.write_text("")
    made.write_text("")  # as the old code left it
    assert not _reusable(python, made)
    monkeypatch.setattr(sys.modules[__name__], "_installed", lambda python: "numpy==2.3.5\n")
    _record_freeze(env_dir, python, made)
    assert made.read_text() == "numpy==2.3.5\n" and _reusable(python, made)
