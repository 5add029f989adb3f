"""File hygiene for ``make lint``: whitespace, final newlines, valid YAML and TOML.

What ``pre-commit-hooks`` would check (trailing-whitespace, end-of-file-fixer,
check-yaml, check-toml), done with the standard library and PyYAML so that it
runs offline from the pinned virtual environment.

    python tools/lint_files.py [--fix] [PATH ...]

Without paths, every text file of the repository (build output, virtual
environments and installed packages excluded). ``--fix`` removes trailing
whitespace and makes each file end with exactly one newline; YAML and TOML
errors are only reported. Exit status 1 when something is (or was) wrong.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SKIP_DIRS = {
    ".git",
    ".venv",
    "node_modules",
    "_build",
    "__pycache__",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
    ".ipynb_checkpoints",
}
SKIP_SUFFIXES = {
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".ico",
    ".woff",
    ".woff2",
    ".ttf",
    ".gz",
    ".zip",
    ".pdf",
    ".mo",
    ".pyc",
    ".whl",
    ".db",
    ".sqlite",
}


def text_files(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p in SKIP_DIRS or p.endswith(".egg-info") for p in parts[:-1]):
            continue
        if path.is_file() and path.suffix.lower() not in SKIP_SUFFIXES:
            found.append(path)
    return found


def problems(path: Path, fix: bool = False) -> list[str]:
    raw = path.read_bytes()
    if b"\0" in raw:
        return []  # binary
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return [f"{path}: not UTF-8"]
    found = []
    lines = text.split("\n")
    trailing = [i + 1 for i, line in enumerate(lines) if line != line.rstrip(" \t\r")]
    if trailing:
        found.append(
            f"{path}:{trailing[0]}: trailing whitespace "
            f"({len(trailing)} line{'s' if len(trailing) > 1 else ''})"
        )
    if text and not text.endswith("\n"):
        found.append(f"{path}: no newline at the end")
    elif text.endswith("\n\n"):
        found.append(f"{path}: blank lines at the end")
    if fix and found:
        fixed = "\n".join(line.rstrip(" \t\r") for line in lines).rstrip("\n")
        path.write_text(fixed + "\n" if fixed else "", encoding="utf-8")
    if path.suffix in (".yml", ".yaml"):
        try:
            list(yaml.safe_load_all(text))
        except yaml.YAMLError as error:
            found.append(f"{path}: invalid YAML: {error}")
    elif path.suffix == ".toml":
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            found.append(f"{path}: invalid TOML: {error}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="fix whitespace and final newlines")
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p for p in args.paths if p.is_file()] if args.paths else text_files(ROOT)
    found = [problem for path in paths for problem in problems(path, fix=args.fix)]
    for problem in found:
        print(problem)
    if found:
        print(
            f"lint_files: {len(found)} problem(s)"
            + (
                " (whitespace fixed; rerun to check)"
                if args.fix
                else "; `python tools/lint_files.py --fix` repairs whitespace and newlines"
            ),
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
