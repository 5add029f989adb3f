"""Prove the build is reproducible: two clean builds of the same sources are identical.

Two throwaway copies of the sources (no execution cache, no earlier output)
are built one after the other with the same commands as `make html`; every
file of the two sites must be byte-for-byte identical -- no timestamp, no
random id, nothing to strip. Prints the first differences and exits 1 if there
are any. (An *incremental* build may differ from a clean one in bookkeeping
only: Sphinx keeps emptied search-index keys and adds ?v= checksums for static
files that existed before the page was written. CI always builds clean.)

    .venv/bin/python conf/reproduce.py      # or: make reproducible
"""

from __future__ import annotations

import difflib
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "conf"))

from bench import LANGS, make_copy, run_sphinx  # noqa: E402


def build_site(copy: Path) -> Path:
    for lang in LANGS:
        run = run_sphinx(copy, lang, "-q")
        if run.returncode:
            raise SystemExit(f"reproduce: the clean {lang} build failed:\n{run.stderr[-3000:]}")
    subprocess.run([sys.executable, str(copy / "conf" / "site.py")], check=True, cwd=copy,
                   capture_output=True)
    return copy / "_build" / "site"


def differences(a: Path, b: Path) -> list[str]:
    found = []
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    found += [f"only in {a}: {p}" for p in sorted(files_a - files_b)]
    found += [f"only in {b}: {p}" for p in sorted(files_b - files_a)]
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            left = (a / rel).read_text(encoding="utf-8", errors="replace").splitlines()
            right = (b / rel).read_text(encoding="utf-8", errors="replace").splitlines()
            diff = list(difflib.unified_diff(left, right, lineterm="", n=0))[2:8]
            found.append(f"differs: {rel}\n    " + "\n    ".join(line[:160] for line in diff))
    return found


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="book-reproduce-") as tmp:
        first = build_site(make_copy(Path(tmp) / "first"))
        second = build_site(make_copy(Path(tmp) / "second"))
        found = differences(first, second)
        count = sum(1 for p in first.rglob("*") if p.is_file())
    if found:
        print(f"reproduce: {len(found)} difference(s) between two clean builds:")
        print("\n".join(found[:20]))
        return 1
    print(f"reproduce: two clean builds are byte-for-byte identical ({count} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
