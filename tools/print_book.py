"""Build the PDF and the EPUB of both languages from the notebooks `make html` executed.

Usage: ``python tools/print_book.py pdf|epub [ko en]`` (the Makefile's ``pdf`` and
``epub`` targets, after ``html``).

For each language:

1. ``sphinx-build -t book_print`` (LaTeX or EPUB builder) with its own doctrees
   (``_build/<lang>/print-doctrees``, shared by the two print builders) and the
   site's jupyter-cache. Warnings are errors, as for the site; and a print build
   that executes a notebook is an error too: the print editions must show the
   very outputs the site shows.
2. PDF: ``latexmk -pdfxe`` (xelatex) in ``_build/<lang>/latex``; a character
   missing from the fonts, an undefined reference or an overfull line in code is
   an error. EPUB: content.opf gets the ``mathml`` property on pages with
   MathML, then the book is zipped deterministically.
3. The file is copied into the site: ``_build/site/<lang>/first-steps-deep-learning-<lang>.pdf``
   (or ``.epub``).

Reproducible: ``SOURCE_DATE_EPOCH`` (default: the time of the last git commit)
is the only date in either file, so two builds of one commit are byte-identical.
A record of each build (seconds, notebooks executed, size) is written to
``_build/<lang>/print-<format>.json`` for the tests and the benchmark.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BUILD, ROOT  # noqa: E402
from build import run_sphinx  # noqa: E402

SITE = BUILD / "site"
BASENAME = "first-steps-deep-learning-{lang}"
LANGS = ("ko", "en")


def fail(message: str) -> None:
    print(f"make pdf/epub: {message}", file=sys.stderr)
    sys.exit(1)


def source_date_epoch() -> str:
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        return (
            subprocess.run(
                ["git", "log", "-1", "--format=%ct"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
            or "0"
        )
    except (OSError, subprocess.CalledProcessError):
        return "0"


def sphinx(builder: str, lang: str, env: dict) -> int:
    """Run Sphinx with the one build runner (tools/build.py); return the notebooks it executed."""
    out = BUILD / lang / ("latex" if builder == "latex" else "epub")
    shutil.rmtree(out, ignore_errors=True)  # every page is written again (reading is cached)
    result = run_sphinx(
        ROOT / "book" / lang,
        BUILD / lang,
        lang,
        builder=builder,
        out_dir=out,
        doctrees=BUILD / lang / "print-doctrees",
        tags=("book_print",),
        warnings=BUILD / lang / f"print-{builder}-warnings.log",
        log=BUILD / lang / f"print-{builder}.log",
        quiet=False,
        jobs=os.environ.get("SPHINXJOBS", "auto"),
        env=env,
    )
    output = result.log
    run = result
    executed = len(result.executed)
    if run.returncode:
        print(output[-6000:], file=sys.stderr)
        fail(
            f"the {lang} {builder} build failed (messages above, warnings in "
            f"_build/{lang}/print-{builder}-warnings.log)"
        )
    if executed:
        fail(
            f"the {lang} {builder} build executed {executed} notebook(s): the print editions must "
            "reuse the outputs of `make html` (same code, same kernelspec, same cache)"
        )
    return executed


def latex_checks(log: str, lang: str) -> None:
    problems = []
    missing = sorted(set(re.findall(r"Missing character: There is no (.) \((U\+[0-9A-F]+)\)", log)))
    if missing:
        problems.append(
            "characters missing from the fonts: " + ", ".join(f"{c} {u}" for c, u in missing)
        )
    undefined = sorted(set(re.findall(r"Reference `([^']+)' on page \d+ undefined", log)))
    if undefined:
        problems.append("undefined references: " + ", ".join(undefined))
    if re.search(r"Font shape `[^']*' undefined", log):
        problems.append(
            "a font shape is missing: " + re.search(r"Font shape `[^']*' undefined", log).group(0)
        )
    if problems:
        fail(
            f"the {lang} PDF has problems (see _build/{lang}/latex/*.log):\n  "
            + "\n  ".join(problems)
        )


def build_pdf(lang: str, env: dict) -> dict:
    executed = sphinx("latex", lang, env)
    folder = BUILD / lang / "latex"
    name = BASENAME.format(lang=lang)
    for stale in (
        folder / f"{name}.{ext}" for ext in ("aux", "toc", "out", "fls", "fdb_latexmk", "xdv")
    ):
        stale.unlink(missing_ok=True)
    run = subprocess.run(
        [
            "latexmk",
            "-pdfxe",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-file-line-error",
            f"{name}.tex",
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    log_path = folder / f"{name}.log"
    log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    if run.returncode:
        errors = "\n".join(re.findall(r"^(?:.*:\d+: |! ).*(?:\n.*){0,3}", log, re.M)[:5])
        print(errors or (run.stdout + run.stderr)[-4000:], file=sys.stderr)
        fail(f"xelatex failed on the {lang} book (full log: {log_path.relative_to(ROOT)})")
    latex_checks(log, lang)
    target = SITE / lang / f"{name}.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(folder / f"{name}.pdf", target)
    return {
        "executed": executed,
        "file": str(target.relative_to(ROOT)),
        "bytes": target.stat().st_size,
    }


def build_epub(lang: str, env: dict) -> dict:
    executed = sphinx("epub", lang, env)
    folder = BUILD / lang / "epub"
    name = BASENAME.format(lang=lang)
    drop_hidden_code(folder)
    declare_mathml(folder)
    prune_static(folder)
    fix_ncx(folder)
    target = SITE / lang / f"{name}.epub"
    target.parent.mkdir(parents=True, exist_ok=True)
    zip_epub(folder, target, int(env["SOURCE_DATE_EPOCH"]))
    return {
        "executed": executed,
        "file": str(target.relative_to(ROOT)),
        "bytes": target.stat().st_size,
    }


HIDDEN_CODE = re.compile(r'<details class="admonition hide above-input">.*?</details>\n?', re.S)


def drop_hidden_code(folder: Path) -> None:
    """A cell whose code the site folds away (``hide-input``) shows only its result in the
    EPUB: a book has no fold-out buttons, and XHTML forbids the site's ``<p>`` in
    ``<summary>``."""
    for page in folder.glob("*.xhtml"):
        text = page.read_text(encoding="utf-8")
        cleaned = HIDDEN_CODE.sub("", text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")


def declare_mathml(folder: Path) -> None:
    """EPUB 3 wants ``properties="mathml"`` on every page that contains MathML."""
    opf = folder / "content.opf"
    text = opf.read_text(encoding="utf-8")

    def item(match: re.Match) -> str:
        tag = match.group(0)
        href = re.search(r'href="([^"]+)"', tag).group(1)
        page = folder / href
        if (
            href.endswith(".xhtml")
            and page.exists()
            and "<math" in page.read_text(encoding="utf-8")
            and "properties=" not in tag
        ):
            return tag[:-2].rstrip() + ' properties="mathml"/>'
        return tag

    opf.write_text(re.sub(r"<item\b[^>]*/>", item, text), encoding="utf-8")


def fix_ncx(folder: Path) -> None:
    """Sphinx writes the identifier's element id into toc.ncx where the identifier belongs."""
    opf = (folder / "content.opf").read_text(encoding="utf-8")
    identifier = re.search(r"<dc:identifier[^>]*>([^<]+)</dc:identifier>", opf).group(1)
    ncx = folder / "toc.ncx"
    text = re.sub(
        r'(<meta name="dtb:uid" content=")[^"]*"',
        rf'\g<1>{identifier}"',
        ncx.read_text(encoding="utf-8"),
    )
    ncx.write_text(text, encoding="utf-8")


def prune_static(folder: Path) -> None:
    """Drop from the manifest the site's stylesheets and scripts that no EPUB page uses."""
    opf = folder / "content.opf"
    text = opf.read_text(encoding="utf-8")
    pages = "".join(p.read_text(encoding="utf-8") for p in folder.glob("*.xhtml"))
    used_css = "".join(
        (folder / h).read_text(encoding="utf-8")
        for h in re.findall(r'href="(_static/[^"]+\.css)"', pages)
        if (folder / h).exists()
    )

    def item(match: re.Match) -> str:
        href = re.search(r'href="([^"]+)"', match.group(0)).group(1)
        name = href.rsplit("/", 1)[-1]
        if href.startswith("_static/") and href not in pages and name not in used_css:
            return ""
        return match.group(0)

    opf.write_text(re.sub(r"[ \t]*<item\b[^>]*/>\n?", item, text), encoding="utf-8")


def manifest_files(folder: Path) -> list[Path]:
    text = (folder / "content.opf").read_text(encoding="utf-8")
    hrefs = re.findall(r'<item\b[^>]*\bhref="([^"]+)"', text)
    return [
        folder / "META-INF" / "container.xml",
        folder / "content.opf",
        *sorted(folder / h for h in set(hrefs)),
    ]


def zip_epub(folder: Path, target: Path, epoch: int) -> None:
    """The EPUB container: ``mimetype`` first and stored, then the manifest's files, fixed dates."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    files = manifest_files(folder)
    with zipfile.ZipFile(target, "w") as book:
        info = zipfile.ZipInfo("mimetype", stamp)
        info.compress_type = zipfile.ZIP_STORED
        book.writestr(info, (folder / "mimetype").read_bytes())
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            book.writestr(info, path.read_bytes())


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in {"pdf", "epub"}:
        fail("usage: python tools/print_book.py pdf|epub [ko en]")
    kind, langs = argv[0], argv[1:] or list(LANGS)
    env = dict(
        os.environ, SOURCE_DATE_EPOCH=source_date_epoch(), FORCE_SOURCE_DATE="1", PYTHONHASHSEED="0"
    )
    for lang in langs:
        start = time.perf_counter()
        record = (build_pdf if kind == "pdf" else build_epub)(lang, env)
        record["seconds"] = round(time.perf_counter() - start, 1)
        record["source_date_epoch"] = int(env["SOURCE_DATE_EPOCH"])
        (BUILD / lang / f"print-{kind}.json").write_text(json.dumps(record, indent=1) + "\n")
        print(
            f"{kind} {lang}: {record['file']} ({record['bytes'] / 1e6:.1f} MB) in {record['seconds']} s, "
            f"{record['executed']} notebooks executed"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
