"""Prove the build is reproducible: two clean builds of the same sources are identical.

Two throwaway copies of the sources (no execution cache, no earlier output)
are built one after the other with the same runner as `make html`; every file
of the two sites must be byte-for-byte identical -- no timestamp, no random id,
nothing to strip. With ``--incremental`` the second copy is then rebuilt the
way a contributor rebuilds (a sentence added to a page, then removed: two
incremental builds that reuse every cache) and must still equal the first.
With ``--busy N``, N processes keep the CPU busy during both
builds, so timing-dependent output shows up here rather than on a reader's
laptop. On a difference it prints a context diff of each differing file, keeps
both trees and says where they are.

    .venv/bin/python tools/reproduce.py [--busy 2]      # or: make reproducible
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import multiprocessing
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import site_assembly  # noqa: E402
from build import build_book, copy_env, make_copy  # noqa: E402


def build_site(copy: Path, clean: bool = True) -> Path:
    for result in build_book(copy, env=copy_env(copy)):
        if not result.ok:
            raise SystemExit(
                f"reproduce: the {result.lang} build in {copy} failed:\n{result.log[-3000:]}"
            )
        if (
            clean and not result.executed
        ):  # a clean build that ran nothing read another build's cache
            raise SystemExit(
                f"reproduce: the clean {result.lang} build in {copy} executed no "
                "notebook; it must run every page from scratch"
            )
    site = copy / "_build" / "site"
    site_assembly.assemble(copy / "_build", site)
    return site


def differences(a: Path, b: Path, context: int = 3) -> list[str]:
    """Every difference between two trees, each differing text file as a context diff."""
    found = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    found += [f"only in the first build: {p}" for p in sorted(files_a - files_b)]
    found += [f"only in the second build: {p}" for p in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        if filecmp.cmp(a / rel, b / rel, shallow=False):
            continue
        left = (a / rel).read_text(encoding="utf-8", errors="replace").splitlines()
        right = (b / rel).read_text(encoding="utf-8", errors="replace").splitlines()
        diff = difflib.unified_diff(
            left, right, f"first/{rel}", f"second/{rel}", lineterm="", n=context
        )
        found.append("\n".join(line[:200] for line in list(diff)[:60]))
    return found


def _spin(stop) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main() -> int:
    parser = argparse.ArgumentParser(description="two clean builds must be identical")
    parser.add_argument("--busy", type=int, default=0, help="CPU-busy processes during the builds")
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="also rebuild the second copy after an edit and its undo (Sphinx's incremental "
        "searchindex.js kept removed words and dropped the glossary's index entries until "
        "book_search._drop_emptied_words; tests/test_incremental.py shows it on a tiny book)",
    )
    args = parser.parse_args()
    stop = multiprocessing.Event()
    spinners = [
        multiprocessing.Process(target=_spin, args=(stop,), daemon=True) for _ in range(args.busy)
    ]
    for spinner in spinners:
        spinner.start()
    tmp = Path(tempfile.mkdtemp(prefix="book-reproduce-"))
    try:
        first = build_site(make_copy(tmp / "first"))
        second = build_site(make_copy(tmp / "second"))
        found = differences(first, second)
        if not found and args.incremental:  # edit a page, build, undo the edit, build
            page = tmp / "second" / "book-copy" / "book" / "ko" / "index.md"
            text = page.read_text(encoding="utf-8")
            page.write_text(text + "\n재현성을 확인하는 문장.\n", encoding="utf-8")
            build_site(page.parents[2], clean=False)
            page.write_text(text, encoding="utf-8")
            second = build_site(page.parents[2], clean=False)
            found = [f"after an edit and its undo: {d}" for d in differences(first, second)]
    finally:
        stop.set()
        for spinner in spinners:
            spinner.join()
    count = sum(1 for p in first.rglob("*") if p.is_file())
    if found:
        print(
            f"reproduce: {len(found)} difference(s) between two clean builds "
            f"(both kept: {first} and {second}):\n"
        )
        print("\n\n".join(found[:20]))
        return 1
    shutil.rmtree(tmp, ignore_errors=True)
    print(
        "reproduce: two clean builds"
        + (", and the second rebuilt after an edit and its undo," if args.incremental else "")
        + f" are byte-for-byte identical ({count} files"
        + (f", {args.busy} busy processes beside them)" if args.busy else ")")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
