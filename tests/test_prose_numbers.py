"""Numbers in the prose are glued from computed values, never typed by hand.

Outside code cells, inline code and roles (glue, ref, term …), a chapter's
prose -- maths included -- contains no number that states a measured
quantity. Caught: every decimal (0.80, 166.3), in text or in maths; every
percentage; every integer of three or more digits or with a thousands
separator (5,175 adults, 340 people). Allowed: small whole numbers (chapter
numbers, "five points", "10 cm", n = 30: counts), years, a number that the
page's own code sets (a chosen setting such as ``learning_rate=0.09`` or
``height = 185``: the prose names the input, the code uses the same literal),
and the few constants listed here, each with its reason.
"""

import re

import pytest

from conftest import LANGS, PAGES, ROOT

ALLOWED = {
    "1.08": "Galton's scaling of women's heights (a definition of his data)",
    "2.54": "centimetres per inch (a definition)",
    "0.5": "the decision threshold p > 0.5 (a definition)",
    "68%": "the share within one standard deviation of a normal distribution (a fact of the curve)",
    "68 %": "the same, English spacing",
    "4.0": "the version of the CC BY-SA licence a data set is under (a name)",
    "8.5": "the preface's e-notation example, 8.5e-17 written as 8.5 × 10⁻¹⁷ (a notation)",
}
YEAR = r"(?:1[89]\d\d|20\d\d)(?:s|년대?|–\d{2,4})?"


def prose(text: str, keep_maths: bool = False) -> str:
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = re.sub(r"^(```|:::)\{?(code-cell|toctree)\}?.*?^\1", " ", text, flags=re.M | re.S)
    text = re.sub(r"^```.*?^```", " ", text, flags=re.M | re.S)  # other fences
    text = re.sub(r"^:(label|class|tags|name|numbered|maxdepth):.*$", " ", text, flags=re.M)
    text = re.sub(r"\{[\w:-]+\}`[^`]*`", " ", text)  # roles: glue, ref, term
    text = re.sub(r"`[^`]*`", " ", text)  # inline code
    text = re.sub(r"\((?:ch|ex|sec)-[\w-]+\)=", " ", text)  # labels
    text = re.sub(r"https?://\S+", " ", text)  # links
    if not keep_maths:
        text = re.sub(r"\$\$.*?\$\$", " ", text, flags=re.S)
        text = re.sub(r"\$[^$\n]+\$", " ", text)
    return text


def maths(text: str) -> str:
    body = prose(text, keep_maths=True)
    return " ".join(re.findall(r"\$\$.*?\$\$|\$[^$\n]+\$", body, flags=re.S))


def settings(text: str) -> set[str]:
    """Number literals in the page's code cells: values the page chose, not measured."""
    code = "\n".join(re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S))
    return set(re.findall(r"(?<![\w.])\d+(?:\.\d+)?(?![\w])", code))


def typed_numbers(text: str) -> list[str]:
    chosen = settings(text)
    body = prose(text)
    body = re.sub(rf"(?<![\w.,]){YEAR}(?![\w.,])", " ", body)
    found = re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", body)
    found += re.findall(r"(?<![\w.,])\d+(?:\.\d+)?\s?%", body)
    found += re.findall(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{3,})(?![\w.,])", body)
    found += re.findall(r"(?<![\w.\\])\d+\.\d+(?![\w.])", maths(text))
    return [n for n in found if n not in ALLOWED and n.rstrip(" %").replace(",", "") not in chosen]


def test_the_check_catches_typed_numbers():
    assert typed_numbers("The slope is 0.80 {glue:text}`x:.2f`.") == ["0.80"]
    assert typed_numbers("We measured 5,175 adults and 340 people.") == ["5,175", "340"]
    assert typed_numbers("A share of 68.3% is high.") == ["68.3", "68.3%"]
    assert typed_numbers("So $r = 0.44$ here.") == ["0.44"]
    assert (
        typed_numbers(
            "In 1886 Galton, chapter 5, five points, $n = 30$, {glue:text}`slope:.2f`, `x = 1.5`."
        )
        == []
    )
    page = (
        "With $\\alpha = 0.09$ at 185 cm:\n\n```{code-cell} ipython3\nfit(alpha=0.09, h=185)\n```\n"
    )
    assert typed_numbers(page) == []
    assert typed_numbers(page.replace("alpha=0.09", "alpha=0.1")) == ["0.09"]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_no_hand_typed_measurement_in_the_prose(lang, page):
    text = (ROOT / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
    typed = typed_numbers(text)
    assert typed == [], (
        f"book/{lang}/{page}.md: glue these numbers instead (or, if one is a "
        f"definition, add it to ALLOWED with its reason): {typed}"
    )
