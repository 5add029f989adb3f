"""Self-checks (conf/_ext/book_selfcheck.py): the same questions in both languages, keys glued.

The fast tests read the sources: every ``{selfcheck}`` names an answer (and a
tolerance, if any) that a hidden cell of its page glues before it, and both
languages ask the same self-checks in the same order with the same keys. The
build tests build tiny books: a self-check whose key was never glued, or whose
glued value cannot be its answer, fails the strict build naming the file.
"""

from __future__ import annotations

import json
import re
import sys

import pytest

from conftest import BOOK, CHAPTERS, LANGS, NOTEBOOK_FRONT_MATTER, ROOT, build_tiny_book

sys.path.insert(0, str(ROOT / "conf" / "_ext"))

SELFCHECK = re.compile(r"^(:{3,})\{selfcheck\} (\S+)\n((?::[\w-]+:.*\n)*)", re.M)
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)


def selfchecks(text: str) -> list[dict]:
    """Each self-check of a page: its name, options and where it starts.

    >>> selfchecks("::::{selfcheck} a-b\\n:answer: k:.1f\\n:unit: kg\\n\\nQ?\\n::::\\n")
    [{'name': 'a-b', 'at': 0, 'answer': 'k:.1f', 'unit': 'kg'}]
    """
    found = []
    for match in SELFCHECK.finditer(text):
        options = dict(re.findall(r"^:([\w-]+): *(.*)$", match.group(3), re.M))
        found.append({"name": match.group(2), "at": match.start(), **options})
    return found


def glued_before(text: str, at: int) -> set[str]:
    """Keys glued by code cells that come before position ``at``."""
    keys = set()
    for cell in CODE_CELL.finditer(text):
        if cell.start() < at:
            keys |= set(re.findall(r"""\bglue\(\s*["']([\w-]+)["']""", cell.group(1)))
    return keys


def page(lang: str, name: str) -> str:
    return (BOOK / lang / f"{name}.md").read_text(encoding="utf-8")


def test_the_book_has_self_checks_where_the_issue_asks():
    for name in CHAPTERS[:8]:
        count = len(selfchecks(page("en", name)))
        assert 3 <= count <= 6, f"{name} has {count} self-checks; chapters 1-8 have 3 to 6"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", CHAPTERS)
def test_every_self_check_has_its_key_glued_above_it(lang, name):
    text = page(lang, name)
    for check in selfchecks(text):
        where = f"{lang}/{name}.md, self-check {check['name']!r}"
        assert "answer" in check, f"{where}: no `:answer: <glue key>`"
        assert check.get("kind", "number") in ("number", "choice", "order"), where
        keys = glued_before(text, check["at"])
        key = check["answer"].split(":")[0]
        assert key in keys, f"{where}: its answer {key!r} is not glued in a cell above it"
        tolerance = check.get("tolerance")
        if tolerance and not tolerance.endswith("%"):
            assert tolerance in keys, f"{where}: its tolerance {tolerance!r} is not glued above it"


@pytest.mark.parametrize("name", CHAPTERS)
def test_both_languages_ask_the_same_self_checks(name):
    def signature(lang):
        return [
            (c["name"], c.get("kind", "number"), c.get("answer"), c.get("tolerance"))
            for c in selfchecks(page(lang, name))
        ]

    assert signature("ko") == signature("en")


@pytest.mark.parametrize("name", CHAPTERS)
def test_self_checks_sit_in_the_same_section_in_both_languages(name):
    def sections(lang):
        text = page(lang, name)
        return [text[: c["at"]].count("\n## ") for c in selfchecks(text)]

    assert sections("ko") == sections("en")


def test_the_default_tolerance_is_half_the_last_digit_shown():
    from book_selfcheck import default_tolerance

    assert default_tolerance(".1f") == pytest.approx(0.05)
    assert default_tolerance(",.0f") == 0.5
    assert default_tolerance(".0%") == 0.5  # the answer is typed in percent
    assert default_tolerance("d") == 0.5
    assert default_tolerance("g") is None


def test_the_script_and_its_css_stay_small():
    for name in ("book-selfcheck.js", "book-selfcheck.css"):
        size = (ROOT / "conf" / "_static" / name).stat().st_size
        assert size < 12_000, f"{name} is {size} bytes"


# --- the build checks each key ----------------------------------------------------

INDEX = "# Tiny book\n\n```{toctree}\npage\n```\n"
GLUE = (
    "```{code-cell} ipython3\n:tags: [remove-cell]\n\nfrom myst_nb import glue\n"
    "glue('right', 0.25, display=False)\nglue('which', 1, display=False)\n"
    "glue('label', 'not a number', display=False)\n```\n\n"
)


def tiny_page(check: str) -> str:
    return NOTEBOOK_FRONT_MATTER + "\n# A page\n\n" + GLUE + check


@pytest.mark.build
@pytest.mark.parametrize(
    "check, words",
    [
        (":::{selfcheck} q\n:answer: missing:.2f\n\nHow much?\n:::\n", "'missing' was never glued"),
        (":::{selfcheck} q\n:answer: label:.2f\n\nHow much?\n:::\n", "not a number"),
        (
            ":::{selfcheck} q\n:kind: choice\n:answer: which\n\nWhich?\n\n- one\n:::\n",
            "at least two items",
        ),
        (
            ":::{selfcheck} q\n:kind: choice\n:answer: right\n\nWhich?\n\n- one\n- two\n:::\n",
            "not the index",
        ),
        (":::{selfcheck} q\n:answer: right:g\n\nHow much?\n:::\n", "give `:tolerance:`"),
        (
            ":::{selfcheck} q\n:answer: right:.2f\n:tolerance: nope\n\nHow much?\n:::\n",
            "'nope' was never glued",
        ),
    ],
)
def test_a_self_check_without_a_good_key_fails_the_build_naming_the_page(tmp_path, check, words):
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": tiny_page(check)})
    assert not run.ok
    assert words in run.log, run.log
    assert "page.md" in run.log, run.log


@pytest.mark.build
def test_a_good_self_check_builds_with_its_answer_in_a_toggle(tmp_path):
    check = (
        "::::{selfcheck} q\n:answer: right:.2f\n:unit: kg\n\nHow much?\n\n"
        ":::{hint}\nThink.\n:::\n\n:::{explanation}\nBecause.\n:::\n::::\n\n"
        ":::{selfcheck} r\n:answer: right:.1%\n:tolerance: 10%\n\nWhat share?\n:::\n"
    )
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": tiny_page(check)})
    assert run.ok, run.log
    html = (tmp_path / "_build/en/html/page.html").read_text(encoding="utf-8")
    assert 'data-answer="0.25"' in html and 'data-tolerance="0.005"' in html
    # a percentage is typed in percent; a relative tolerance is worked out from the answer
    assert (
        'data-answer="25.0"' in html and 'data-tolerance="2.5"' in html and 'data-unit="%"' in html
    )
    details = html[html.index("<details") : html.index("</details>")]
    assert "0.25" in details and "Think." in details and "Because." in details
    assert "book-selfcheck.js" in html
    other = (tmp_path / "_build/en/html/index.html").read_text(encoding="utf-8")
    assert "book-selfcheck" not in other, "the script loads on a page without a self-check"


@pytest.mark.build
def test_no_self_check_name_makes_the_same_id_as_another_ones_part(tmp_path):
    """Parts were ``selfcheck-<name>-0``, ``-input``, ``-status``…: a self-check named ``a-0``
    or ``a-input`` got the id of a part of ``a``, and label/aria links went to the wrong one."""
    check = (
        ":::{selfcheck} a\n:kind: choice\n:answer: which\n\nWhich?\n\n- one\n- two\n:::\n\n"
        ":::{selfcheck} a-0\n:answer: right:.2f\n\nHow much?\n:::\n\n"
        ":::{selfcheck} b\n:answer: right:.2f\n\nHow much?\n:::\n\n"
        ":::{selfcheck} b-input\n:answer: right:.2f\n\nHow much?\n:::\n\n"
        ":::{selfcheck} b-status\n:answer: right:.2f\n\nHow much?\n:::\n\n"
        ":::{selfcheck} b-title\n:answer: right:.2f\n\nHow much?\n:::\n"
    )
    run = build_tiny_book(tmp_path, {"index": INDEX, "page": tiny_page(check)})
    assert run.ok, run.log
    html = (tmp_path / "_build/en/html/page.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]+)"', html)
    twice = sorted({i for i in ids if ids.count(i) > 1})
    assert twice == [], f"ids used twice: {twice}"
    for target in re.findall(
        r'\s(?:for|aria-describedby|aria-controls|aria-labelledby)="([^"]+)"', html
    ):
        assert target in ids, f"a link to the missing id {target}"


#: words of the self-check's form and toggle, per language, that every chapter has
INTERFACE_WORDS = {"en": ["clear", "pick", "hint"], "ko": ["지우기", "힌트"]}


@pytest.mark.site
@pytest.mark.parametrize("lang", LANGS)
def test_the_search_finds_a_form_word_only_in_chapters_whose_text_has_it(site, lang):
    """Searching "clear" listed all eight chapters, for the button under each self-check."""
    text = (site / lang / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    chapters = {i: name for i, name in enumerate(index["docnames"]) if name in CHAPTERS}
    assert len(chapters) == len(CHAPTERS)
    for word in INTERFACE_WORDS[lang]:
        found = index["terms"].get(word, [])
        listed = {
            chapters[i] for i in ([found] if isinstance(found, int) else found) if i in chapters
        }
        written = {name for name in CHAPTERS if word in page(lang, name).lower()}
        assert listed <= written, f"{word!r} finds {sorted(listed - written)}, whose text lacks it"
        assert len(listed) < len(CHAPTERS), f"{word!r} finds every chapter"
