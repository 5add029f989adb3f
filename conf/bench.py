"""`make bench`: build and page figures for this machine (a benchmark, not a test).

Works on a throwaway copy of the book (never the real one) so that it can edit
pages and lesson code: cold build of both languages, no-op rebuild, prose-only
edit, code-cell edit and lesson-package edit, each with the number of notebooks
executed; then the lesson code's own speed. Prints one table.

    make bench            # or: .venv/bin/python conf/bench.py --repeat 3
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("ko", "en")


def build(copy: Path) -> tuple[float, int, int]:
    """Build both languages in ``copy``; return (seconds, notebooks executed, failures)."""
    env = dict(os.environ, PYTHONPATH=str(copy / "src"))
    start = time.perf_counter()
    executed = failed = 0
    for lang in LANGS:
        run = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-c", "conf", "-D", f"language={lang}",
             "-d", f"_build/{lang}/doctrees", "-W", "--keep-going", "-n", "-j", "auto",
             f"book/{lang}", f"_build/{lang}/html"],
            cwd=copy, env=env, capture_output=True, text=True)
        output = run.stdout + run.stderr
        executed += len(re.findall(r"Executing notebook", output))
        failed += run.returncode != 0
        if run.returncode:
            print(output[-3000:], file=sys.stderr)
    return time.perf_counter() - start, executed, failed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"bench: cannot find {old!r} in {path}")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def make_copy(base: Path) -> Path:
    """A throwaway copy of everything a build reads (node_modules is linked, not copied)."""
    copy = base / "book-copy"
    for name in ("book", "conf", "src", "requirements.lock"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def rebuild_figures(repeat: int) -> list[tuple[str, float, int]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="book-bench-") as tmp:
        copy = make_copy(Path(tmp))
        cold = [build(copy)]
        for _ in range(repeat - 1):  # more cold builds: wipe outputs and cache
            shutil.rmtree(copy / "_build")
            cold.append(build(copy))
        rows.append(("cold build, both languages", statistics.median(c[0] for c in cold), cold[0][1]))

        def timed(label: str, change=None) -> None:
            runs = []
            for i in range(repeat):
                if change:
                    change(i)
                runs.append(build(copy))
            rows.append((label, statistics.median(r[0] for r in runs), max(r[1] for r in runs)))

        timed("no-op rebuild")
        page = copy / "book" / "en" / "04-least-squares.md"
        timed("prose-only edit (1 page)", lambda i: edit(
            page, "## Summary\n", f"## Summary\n\nA new sentence ({i}).\n"))
        timed("code-cell edit (1 page)", lambda i: edit(
            page, "points = data.load_five_points()\n",
            f"points = data.load_five_points()\nedit_{i} = {i}\n"))
        lesson = copy / "src" / "lessons" / "ols.py"
        timed("src/lessons/ols.py edit", lambda i: lesson.write_text(
            lesson.read_text(encoding="utf-8") + f"\n# bench edit {i}\n", encoding="utf-8"))
    return rows


def lesson_figures() -> list[tuple[str, float]]:
    sys.path.insert(0, str(ROOT / "src"))
    from lessons import data, ols, propagation

    body = data.load_body_measurements()
    cars = data.load_cars()
    x, y = cars["Horsepower"].to_numpy(float), cars["Miles_per_Gallon"].to_numpy(float)
    xs, ys = (x - x.mean()) / x.std(), (y - y.mean()) / y.std()

    def best_of(fn, n=5):
        times = []
        for _ in range(n):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    return [
        (f"fit_line on NHANES ({len(body):,} rows)",
         best_of(lambda: ols.fit_line(body["height_cm"], body["weight_kg"]))),
        ("train 1-8-1 network on cars (2,000 steps)",
         best_of(lambda: propagation.train(propagation.init_network((1, 8, 1), seed=0), xs, ys,
                                           learning_rate=0.5, steps=2000), n=3)),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description="print build and page figures")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median)")
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    rows = rebuild_figures(args.repeat)
    cold = rows[0][1]
    print(f"\n{'build step':<34}{'seconds':>9}{'% of cold':>11}{'notebooks run':>15}")
    for label, seconds, executed in rows:
        print(f"{label:<34}{seconds:>9.2f}{100 * seconds / cold:>10.0f}%{executed:>15}")
    print(f"\n{'lesson code':<44}{'seconds':>9}")
    for label, seconds in lesson_figures():
        print(f"{label:<44}{seconds:>9.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
