"""Numbers in the prose are glued from computed values, never typed by hand.

The rule checked: outside code cells, inline code, maths and glue roles, the
prose of a chapter contains no decimal number (like 0.80 or 166.3). Whole
numbers are allowed (chapter numbers, "five points", "10 cm"), because they
are counts or chosen settings, not measurements. The few decimal constants
that are definitions rather than measurements are listed here explicitly.
"""

import re

import pytest

from conftest import PAGES, ROOT

ALLOWED = {
    "1.08": "Galton's scaling of the mother's height (a definition of his data)",
    "2.54": "centimetres per inch (a definition)",
    "4.0": "the version of the digits' licence, Creative Commons Attribution 4.0 (chapter 8)",
}


def prose(text: str) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^```.*?^```", " ", text, flags=re.M | re.S)          # code cells, fences
    text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)                   # display maths
    text = re.sub(r"\$[^$\n]+\$", " ", text)                                # inline maths
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)                        # roles: glue, ref, term
    text = re.sub(r"`[^`]*`", " ", text)                                    # inline code
    return text


def test_the_check_catches_a_typed_number():
    assert re.findall(r"\d+\.\d+", prose("The slope is 0.80 {glue:text}`x:.2f`.")) == ["0.80"]
    assert re.findall(r"\d+\.\d+", prose("The slope is {glue:text}`slope:.2f` and $a = 0.5$.")) == []


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_hand_typed_decimal_in_the_prose(lang, page):
    text = (ROOT / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
    typed = [n for n in re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", prose(text)) if n not in ALLOWED]
    assert typed == [], f"{lang}/{page}.md: glue these numbers instead: {typed}"
