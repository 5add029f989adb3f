"""The one way the book is built: `make html`, the benchmark, the reproducibility check and
the tiny-book tests all call :func:`run_sphinx`.

Each sphinx-build runs in a process group of its own and writes its output to a
log file (never to a pipe that a child process could keep open); it has a
timeout; and when sphinx exits, whatever it left running in its group (a
kernel, a KaTeX server) is killed. So a build can fail, but it cannot hang the
command that started it.

    python tools/build.py              # both languages, then the site (what `make html` runs)
    python tools/build.py --lang en    # one language
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BUILD, CONF, LANGS, ROOT  # noqa: E402

#: A build that takes longer than this is stopped and reported as failed.
TIMEOUT = int(os.environ.get("BOOK_BUILD_TIMEOUT", "1200"))
#: Written when a build fails; `make serve` shows it instead of a stale site.
FAILED_MARK = BUILD / "build-failed.txt"


@dataclass
class BuildResult:
    """What one sphinx-build did."""

    lang: str
    returncode: int
    seconds: float
    log: str
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    @property
    def executed(self) -> list[str]:
        """Pages whose notebooks ran (the line ``book_execution`` prints after reading)."""
        found = re.findall(r"^book \[\w+\]: executed \d+ notebook\(s\): (.*)$", self.log, re.M)
        return [page for line in found for page in line.split(", ")]


def sphinx_command(
    source: Path,
    out: Path,
    lang: str,
    *,
    builder: str = "html",
    doctrees: Path | None = None,
    warnings: Path | None = None,
    tags: tuple[str, ...] = (),
    jobs: str = "auto",
    quiet: bool = True,
    defines: dict[str, str] | None = None,
    conf: Path = CONF,
) -> list[str]:
    """The sphinx-build command line: strict (-W -n --keep-going), warnings logged to a file.

    ``out`` is the output folder of the builder (``_build/<lang>/html`` for the site).
    """
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        "-c",
        str(conf),
        "-D",
        f"language={lang}",
        "-d",
        str(doctrees or out.parent / "doctrees"),
        "-W",
        "--keep-going",
        "-n",
        "-j",
        str(jobs),
        "-w",
        str(warnings or out.parent / "warnings.log"),
    ]
    for tag in tags:
        command += ["-t", tag]
    for key, value in (defines or {}).items():
        command += ["-D", f"{key}={value}"]
    if quiet:
        command.append("-q")
    return command + [str(source), str(out)]


def run_sphinx(
    source: Path,
    out: Path,
    lang: str,
    *,
    cwd: Path = ROOT,
    jobs: str = "auto",
    quiet: bool = True,
    defines: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    echo: bool = False,
    builder: str = "html",
    out_dir: Path | None = None,
    doctrees: Path | None = None,
    warnings: Path | None = None,
    tags: tuple[str, ...] = (),
    log: Path | None = None,
    conf: Path = CONF,
) -> BuildResult:
    """Build one language from ``source``; never hangs, never leaks.

    By default the HTML goes to ``out``/html with doctrees, warnings and the log
    beside it in ``out``; other builders name their folders explicitly.
    """
    out.mkdir(parents=True, exist_ok=True)
    log_path = log or out / "build.log"
    command = sphinx_command(
        source,
        out_dir or out / "html",
        lang,
        builder=builder,
        doctrees=doctrees or out / "doctrees",
        warnings=warnings or out / "warnings.log",
        tags=tags,
        jobs=jobs,
        quiet=quiet,
        defines=defines,
        conf=conf,
    )
    start = time.monotonic()
    timed_out = False
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, **(env or {})},
        )
        shown = 0
        while process.poll() is None:
            if time.monotonic() - start > timeout:
                timed_out = True
                _kill_group(process.pid, signal.SIGTERM)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=2)  # a moment to stop; then SIGKILL below
                break
            time.sleep(0.2)
            if echo:
                shown = _echo(log_path, shown)
        _kill_group(process.pid, signal.SIGKILL)  # whatever sphinx left behind
        returncode = process.wait()
    if echo:
        _echo(log_path, shown)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if timed_out:
        text += f"\nbuild stopped: it ran longer than {timeout:g} s (BOOK_BUILD_TIMEOUT)\n"
    return BuildResult(lang, returncode, time.monotonic() - start, text, timed_out)


def _kill_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _echo(path: Path, shown: int) -> int:
    data = path.read_bytes()
    if len(data) > shown:
        sys.stdout.write(data[shown:].decode("utf-8", errors="replace"))
        sys.stdout.flush()
    return len(data)


#: What the lesson package's wheel is built from besides src/lessons (the site ships
#: it; conf/_ext/book_notebooks.py builds it).
WHEEL_FILES = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CC-BY-SA-4.0")
#: What a language's build reads besides its own pages: the configuration and
#: extensions, the lesson package, the tools conf.py imports, the pins (Python
#: and npm packages), and English's table of contents (the chapter list).
INPUTS = (
    "conf",
    "src/lessons",
    "tools",
    "requirements.lock",
    "package-lock.json",
    "book/en/index.md",
    *WHEEL_FILES,
)


def input_digest(root: Path, lang: str, env: dict[str, str] | None = None) -> str:
    """The hash of everything a language's build reads: equal digests, equal sites.

    Files by path and content (``__pycache__`` aside), plus the Python version
    and the environment variables the build reads (``BOOK_*``, ``PYTHONPATH``).
    """
    import hashlib

    digest = hashlib.sha256(f"{sys.version}\n{lang}\n".encode())
    environment = {**os.environ, **(env or {})}
    for key in sorted(k for k in environment if k.startswith("BOOK_") or k == "PYTHONPATH"):
        digest.update(f"{key}={environment[key]}\n".encode())
    for name in (f"book/{lang}", *INPUTS):
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.exists():
                continue
            digest.update(f"{file.relative_to(root).as_posix()}\0".encode())
            digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()


def output_listing(html: Path) -> str:
    """Every file of a built tree with its size and time: a deleted or edited output shows."""
    return "\n".join(
        f"{p.relative_to(html).as_posix()} {p.stat().st_size} {p.stat().st_mtime_ns}"
        for p in sorted(html.rglob("*"))
        if p.is_file()
    )


def build_book(
    root: Path = ROOT,
    langs=LANGS,
    *,
    jobs: str = "auto",
    echo: bool = False,
    env: dict[str, str] | None = None,
) -> list[BuildResult]:
    """Build each language of the book under ``root`` as `make html` does (stops at a failure).

    A language whose inputs (:func:`input_digest`) and built files are exactly
    those of its last successful build is not built again: a no-op `make html`
    starts no Sphinx. Anything else runs Sphinx, which rebuilds what changed.
    """
    results = []
    for lang in langs:
        out = root / "_build" / lang
        stamp = out / "inputs.sha256"
        digest = input_digest(root, lang, env)
        if stamp.exists() and (out / "html").is_dir():
            if stamp.read_text(encoding="utf-8") == digest + "\n" + output_listing(out / "html"):
                results.append(BuildResult(lang, 0, 0.0, "inputs unchanged: not rebuilt\n"))
                continue
        stamp.unlink(missing_ok=True)
        result = run_sphinx(
            root / "book" / lang,
            out,
            lang,
            cwd=root,
            jobs=jobs,
            env=env,
            echo=echo,
            conf=root / "conf",  # a copy builds with its own configuration and cache
        )
        results.append(result)
        if not result.ok:
            break
        stamp.write_text(digest + "\n" + output_listing(out / "html"), encoding="utf-8")
    return results


#: npm's files: the lock pins what node_modules holds, and the build hashes it
#: (conf/_ext/book_rebuild.py), so a copy carries both.
NPM_FILES = ("package.json", "package-lock.json")


def make_copy(base: Path) -> Path:
    """A throwaway copy of everything a build reads (node_modules is linked, not copied).

    Build it with ``build_book(copy, env=copy_env(copy))`` so that its kernels
    import the copy's own ``lessons``.
    """
    import shutil

    copy = base / "book-copy"
    for name in ("book", "conf", "src", "tools", "requirements.lock", *NPM_FILES, *WHEEL_FILES):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy / name)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    return copy


def copy_env(copy: Path) -> dict[str, str]:
    """The environment that makes a copy's kernels and Sphinx import the copy's ``lessons``."""
    return {"PYTHONPATH": str(copy / "src")}


def build_languages(langs, jobs: str = "auto") -> int:
    """Build ``langs`` as `make html` does, then the site; 1 on a failure.

    A failure writes ``FAILED_MARK`` (what `make serve` shows instead of a stale
    site) and assembles nothing. The site is assembled whenever both
    languages have been built (`make serve` rebuilds one and keeps the other).
    """
    FAILED_MARK.unlink(missing_ok=True)
    for lang in langs:
        print(f"== building {lang}", flush=True)
        result = build_book(ROOT, [lang], jobs=jobs, echo=True)[0]
        if not result.ok:
            why = "timed out" if result.timed_out else f"exit code {result.returncode}"
            message = (
                f"make html: the {lang} book failed to build ({why}); the messages are "
                f"above and in _build/{lang}/build.log (warnings: _build/{lang}/warnings.log)"
            )
            BUILD.mkdir(exist_ok=True)
            FAILED_MARK.write_text(message + "\n\n" + result.log[-20000:], encoding="utf-8")
            print(message, file=sys.stderr)
            return 1
        if result.seconds == 0.0:
            print(f"== {lang}: nothing changed since the last build", flush=True)
        else:
            print(f"== {lang} built in {result.seconds:.1f} s", flush=True)
    if all((BUILD / lang / "html" / "index.html").exists() for lang in LANGS):
        import site_assembly

        return site_assembly.main()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", default=list(LANGS), choices=LANGS)
    parser.add_argument("--jobs", default=os.environ.get("SPHINXJOBS", "auto"))
    args = parser.parse_args()
    return build_languages(args.lang, args.jobs)


if __name__ == "__main__":
    raise SystemExit(main())
