"""The preface says exactly what the build changes in printed output (issue 22, K14 A3).

Step 3 of "Run the code yourself" lists which hyphens the page turns into the
minus sign and which it keeps; ``book_numbers.typeset_printed`` is what does it.
If either changes alone, this fails.
"""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "conf" / "_ext"))
from book_numbers import MINUS, typeset_printed  # noqa: E402

CHANGED = {"-3": "−3", "10^-17": "10^−17", "n - 1": "n − 1"}
KEPT = ["n-1", "2026-12-07", "8.5e-17"]
SAYS = {
    "en": [f"`{code}` becomes {shown}" for code, shown in CHANGED.items()],
    "ko": [f"`{code}`은 {shown}" for code, shown in CHANGED.items()],
}


def test_the_examples_are_typeset_as_the_preface_says():
    for printed, shown in CHANGED.items():
        assert typeset_printed(printed) == shown
        assert MINUS in shown
    for printed in KEPT:
        assert typeset_printed(printed) == printed


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_preface_names_the_examples(lang):
    text = " ".join((ROOT / "book" / lang / "index.md").read_text(encoding="utf-8").split())
    for phrase in SAYS[lang] + [f"`{code}`" for code in KEPT]:
        assert phrase in text, f"book/{lang}/index.md no longer says {phrase!r}"
