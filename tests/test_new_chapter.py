"""`make chapter`: the scaffold is a valid chapter, and its placeholders cannot reach main.

The scaffold is written into a copy of the book, and the source checks a
contributor meets first (the chapter contract, the terms test and the parity
test) run on that copy as they run on the book; a tiny book built from the
scaffold alone proves it builds strictly in both languages.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import new_chapter
import pytest
import test_chapters
from test_language import stray_english

from conftest import BOOK, CHAPTERS, LANGS, ROOT, build_tiny_book

TITLES = {"ko": "시험 장", "en": "Trial chapter"}
SOURCE_CHECKS = ["tests/test_chapters.py", "tests/test_terms.py", "tests/test_parity.py"]
NOT_MAIN = (
    "CI",
    "GITHUB_ACTIONS",
    "GITHUB_BASE_REF",
    "GITHUB_REF",
)  # as on a contributor's machine


def scaffold_into_a_copy(tmp_path: Path) -> tuple[Path, str]:
    book = tmp_path / "book"
    shutil.copytree(BOOK, book)
    name = f"{len(CHAPTERS) + 1:02d}-trial"
    new_chapter.scaffold(name, TITLES, book)
    return book, name


@pytest.mark.build  # a pytest process of its own (the checks read BOOK_DIR when imported)
def test_an_untouched_scaffold_passes_the_chapter_terms_and_parity_tests(tmp_path):
    book, name = scaffold_into_a_copy(tmp_path)
    env = {key: value for key, value in os.environ.items() if key not in NOT_MAIN}
    plugins = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest"]  # these files need neither
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-v", "-rs", *plugins, *SOURCE_CHECKS],
        cwd=ROOT,
        env=dict(env, BOOK_DIR=str(book)),
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout[-5000:] + run.stderr
    for check in SOURCE_CHECKS:  # each file checked the new chapter itself
        assert any(
            line.startswith(f"{check}::") and f"{name}" in line and " PASSED" in line
            for line in run.stdout.splitlines()
        ), f"{check} did not check {name}:\n{run.stdout[-3000:]}"
    # its placeholders are listed, as a skip on a branch
    assert "fine on a branch, fails in a pull request to main" in run.stdout, run.stdout[-3000:]
    assert f"book/ko/{name}.md:" in run.stdout and f"book/en/{name}.md:" in run.stdout


def test_the_scaffolds_placeholders_fail_a_pull_request_to_main(tmp_path, monkeypatch):
    book, name = scaffold_into_a_copy(tmp_path)
    monkeypatch.setattr(test_chapters, "BOOK", book)
    monkeypatch.setattr(test_chapters, "CHAPTERS", (name,))  # only the new chapter
    found = {lang: test_chapters.placeholders(lang, name) for lang in LANGS}
    assert len(found["ko"]) == len(found["en"]) >= 5, found
    for variable in NOT_MAIN:
        monkeypatch.delenv(variable, raising=False)
    with pytest.raises(pytest.skip.Exception):
        test_chapters.test_no_placeholder_reaches_main()
    monkeypatch.setenv("GITHUB_ACTIONS", "true")  # a pull request into main
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    with pytest.raises(pytest.fail.Exception) as failed:
        test_chapters.test_no_placeholder_reaches_main()
    message = str(failed.value)
    assert f"{len(found['ko']) + len(found['en'])} placeholders" in message
    assert "delete its `% TODO(chapter):` line" in message
    assert all(line in message for line in found["ko"] + found["en"]), message


TINY_INDEX = "# {title}\n\n```{{toctree}}\n:numbered:\n\n```\n\n```{{toctree}}\n\nglossary\n```\n"
TINY_GLOSSARY = {
    "ko": "# 용어집\n\n:::{glossary}\n가설\n  hypothesis · 답이 가져야 할 모양.\n:::\n",
    "en": "# Glossary\n\n:::{glossary}\nhypothesis\n  The shape the answer should have.\n:::\n",
}
DESCRIBED = {"ko": "오른쪽으로 올라가는 점", "en": "points rising to the right"}


@pytest.mark.build
@pytest.mark.parametrize("lang", LANGS)
def test_an_untouched_scaffold_builds_strictly_and_leaves_nothing_once_deleted(tmp_path, lang):
    book = tmp_path / "book"
    for each in LANGS:
        (book / each).mkdir(parents=True)
        (book / each / "index.md").write_text(TINY_INDEX.format(title=TITLES[each]), "utf-8")
        (book / each / "glossary.md").write_text(TINY_GLOSSARY[each], encoding="utf-8")
    new_chapter.scaffold("01-trial", TITLES, book)
    run = build_tiny_book(tmp_path, {}, lang, write=False)
    assert run.ok, run.log
    assert run.executed == ["01-trial"], run.log
    html = (tmp_path / f"_build/{lang}/html/01-trial.html").read_text(encoding="utf-8")
    assert "<svg" in html and DESCRIBED[lang] in html  # the chart, with its description
    assert "TODO(chapter)" not in html  # the placeholders' marks are comments, not text
    if lang == "ko":
        assert not stray_english(html, "01-trial"), stray_english(html, "01-trial")
    # deleted again (its page and its toctree line): an incremental build keeps none of it
    html_dir = tmp_path / f"_build/{lang}/html"
    left = ["01-trial.html", "_sources/01-trial.md", "notebooks/01-trial.ipynb"]
    assert all((html_dir / name).is_file() for name in left), sorted(html_dir.rglob("*trial*"))
    for each in LANGS:
        (book / each / "01-trial.md").unlink()
        index = book / each / "index.md"
        index.write_text(index.read_text(encoding="utf-8").replace("01-trial\n", ""), "utf-8")
    run = build_tiny_book(tmp_path, {}, lang, write=False)
    assert run.ok, run.log
    assert "01-trial" not in run.executed, run.log
    stale = sorted(p.relative_to(html_dir).as_posix() for p in html_dir.rglob("*01-trial*"))
    assert not stale, f"a deleted chapter left its outputs in the site: {stale}"
    assert (html_dir / "glossary.html").is_file() and (html_dir / "search.html").is_file()
