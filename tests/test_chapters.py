"""The chapter contract: what every chapter has, in both languages.

Each failure says what is missing and how to add it; `make chapter NAME=08-slug`
scaffolds a chapter that already satisfies all of it (see CONTRIBUTING.md,
"Adding a chapter"), with each placeholder marked by a ``% TODO(chapter): …``
line that says what to write there: fine on a branch, a failure in a pull
request to main.
"""

import os
import re

import pytest

from conftest import BOOK, CHAPTERS, LANGS, pages

WORDS = {
    "ko": {"goals": ":::{admonition} 학습 목표", "summary": "## 정리", "exercises": "## 연습 문제"},
    "en": {
        "goals": ":::{admonition} Learning goals",
        "summary": "## Summary",
        "exercises": "## Exercises",
    },
}
FRONT_MATTER = ("format_name: myst", "kernelspec:")
#: How tools/chapter_template marks what is still to be written (a MyST comment: not rendered).
PLACEHOLDER = re.compile(r"^% TODO\(chapter\): (.*)$", re.M)


def read(lang: str, name: str) -> str:
    return (BOOK / lang / f"{name}.md").read_text(encoding="utf-8")


def code_cells(text: str) -> list[str]:
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S)


def problems(lang: str, name: str) -> list[str]:
    """Everything the chapter lacks, each with how to fix it."""
    text = read(lang, name)
    words = WORDS[lang]
    found = []
    if not all(key in text.split("\n---\n", 1)[0] for key in FRONT_MATTER):
        found.append(
            "front matter with `jupytext: text_representation: format_name: myst` "
            "and a `kernelspec` (copy it from another chapter)"
        )
    slug = name.split("-", 1)[1]
    if not re.search(rf"^\(ch-{re.escape(slug)}\)=\n# \S", text, flags=re.M):
        found.append(f"the label `(ch-{slug})=` on the line just above the `# Title`")
    if words["goals"] not in text:
        found.append(f"learning goals at the top: `{words['goals']}` with `:class: tip`")
    sections = re.findall(
        r"^## (.+)$", re.sub(r"^```.*?^```", "", text, flags=re.M | re.S), flags=re.M
    )
    teaching = [s for s in sections if f"## {s}" not in (words["summary"], words["exercises"])]
    if len(teaching) < 2:
        found.append(
            f"at least 2 teaching sections (`## …`) before the summary; found {len(teaching)}"
        )
    if "{term}`" not in text:
        found.append("at least one {term}`…` link to a glossary entry")
    if not any("charts." in cell for cell in code_cells(text)):
        found.append("at least one chart: a code cell that calls `charts.…` (lessons.charts)")
    if "{glue:text}`" not in text:
        found.append(
            'numbers in the prose glued from code: `glue("key", value, display=False)` '
            "in a cell and {glue:text}`key` in the text"
        )
    for key in ("summary", "exercises"):
        if words[key] not in text:
            found.append(f"a `{words[key]}` section")
    exercises = text.count(":::{exercise}")
    if not 2 <= exercises <= 4:
        found.append(f"2 to 4 exercises (`:::{{exercise}}` with a `:label:`); found {exercises}")
    if exercises != text.count(":::{solution}"):
        found.append("a `:::{solution} <label>` (with `:class: dropdown`) after every exercise")
    return found


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_chapter_keeps_the_contract(lang, name):
    missing = problems(lang, name)
    assert not missing, f"book/{lang}/{name}.md needs:\n  - " + "\n  - ".join(missing)


def test_both_tables_of_contents_list_the_same_pages():
    assert pages("ko") == pages("en"), (
        "add the page to the toctree of both book/ko/index.md and book/en/index.md"
    )


def test_chapters_are_numbered_in_order():
    numbers = [int(name.split("-", 1)[0]) for name in CHAPTERS]
    assert numbers == list(range(1, len(numbers) + 1)), (
        f"chapter files must be numbered 01, 02, … in toctree order; got {CHAPTERS}"
    )


def test_the_contract_catches_a_chapter_without_exercises(tmp_path, monkeypatch):
    name = CHAPTERS[0]
    broken = re.sub(r":::\{(exercise|solution)\}.*?\n:::\n", "", read("en", name), flags=re.S)
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / f"{name}.md").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "BOOK", tmp_path)
    assert any("2 to 4 exercises" in p for p in problems("en", name))


def placeholders(lang: str, name: str) -> list[str]:
    """The placeholders `make chapter` left in a page, each as ``file:line: what to write``."""
    text = read(lang, name)
    return [
        f"book/{lang}/{name}.md:{text.count(chr(10), 0, found.start()) + 1}: {found.group(1)}"
        for found in PLACEHOLDER.finditer(text)
    ]


def bound_for_main(environ=os.environ) -> bool:
    """Whether this run checks what goes to main, where no placeholder may go.

    On GitHub Actions: a pull request into main, or a push to main. Any other
    CI (``CI`` set: `.ci/run` on what is submitted to main): yes. A
    contributor's machine: no.
    """
    if environ.get("GITHUB_ACTIONS") == "true":
        return (
            environ.get("GITHUB_BASE_REF") == "main"
            or environ.get("GITHUB_REF") == "refs/heads/main"
        )
    return environ.get("CI", "").lower() not in ("", "0", "false")


def test_no_placeholder_reaches_main():
    left = [found for name in CHAPTERS for lang in LANGS for found in placeholders(lang, name)]
    if not left:
        return
    message = (
        f"{len(left)} placeholders from `make chapter` are still in the book; write what each "
        "asks for, then delete its `% TODO(chapter):` line:\n  " + "\n  ".join(left)
    )
    if bound_for_main():
        pytest.fail(message, pytrace=False)
    pytest.skip(f"fine on a branch, fails in a pull request to main: {message}")


def test_placeholders_fail_only_on_the_way_to_main():
    github = {"CI": "true", "GITHUB_ACTIONS": "true"}
    assert bound_for_main({**github, "GITHUB_BASE_REF": "main", "GITHUB_REF": "refs/pull/7/merge"})
    assert bound_for_main({**github, "GITHUB_REF": "refs/heads/main"})  # the push after the merge
    assert not bound_for_main(
        {**github, "GITHUB_BASE_REF": "draft", "GITHUB_REF": "refs/pull/7/merge"}
    )
    assert not bound_for_main({**github, "GITHUB_REF": "refs/heads/issue-26"})  # a branch's push
    assert bound_for_main({"CI": "true"})  # .ci/run on a submission to main
    assert not bound_for_main({}) and not bound_for_main({"CI": "false"})  # a contributor's machine
