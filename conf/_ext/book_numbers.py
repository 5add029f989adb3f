"""Glued numbers typeset like the maths: − for minus, powers of ten for e-notation.

A chapter glues plain floats and picks the precision (``{glue:text}`gap:.1e```);
this transform turns what Python printed into what a book prints, in both
languages, so no page formats these by hand:

- ``-8.4`` → ``−8.4`` (the minus sign U+2212, as in the maths);
- ``3.6e-15`` → ``3.6 × 10⁻¹⁵`` and ``1e-14`` → ``10⁻¹⁴``.

The same typography reaches what a shown code cell prints: a reader's code
just ``print(errors)``, and the page shows ``[−1.2  0.5]`` (the minus sign in
printed text, in a printed table's cells and in a table's HTML). Only a
hyphen-minus that starts a number is touched: ``n-1``, ``x - y`` and
``2026-12-07`` stay as printed, and e-notation stays as Python prints it (it
is code the reader will see in their own notebook).

A glued value that displays as a signed zero (``-0.0``) or as a zero in
e-notation (``0.0e+00``) says nothing true about the quantity: it is a warning
naming the page, so the strict build fails until the page glues something
honest (a bound, or "exactly zero", checked).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

MINUS = "\u2212"
SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
E_NOTATION = re.compile(r"(?<![\w.])([-\u2212]?)(\d+(?:\.\d+)?)[eE]([-+]?)(\d+)(?![\w.])")
NEGATIVE = re.compile(r"(?<![\w.\d])-(?=\d)")
SIGNED_ZERO = re.compile(r"(?<![\w.\d])[-\u2212]0(?:\.0+)?(?![\d.]|[eE])")
# printed text: a hyphen-minus that starts a number (or inf), and one between spaces before a number
PRINTED_NEGATIVE = re.compile(r"(?<![\w.\d-])-(?=\d|\.\d|inf\b)")
PRINTED_BINARY = re.compile(r"(?<=\w) - (?=\d)")
ZERO_E = re.compile(r"(?<![\w.\d])0(?:\.0+)?[eE][-+]?\d+")


def typeset(text: str) -> str:
    """A number as Python printed it, as a book prints it.

    >>> typeset("-8.4"), typeset("3.6e-15"), typeset("1e-14"), typeset("2.0e+03")
    ('−8.4', '3.6 × 10⁻¹⁵', '10⁻¹⁴', '2.0 × 10³')
    >>> typeset("between -1 and 1, 68.3%")
    'between −1 and 1, 68.3%'
    """

    def power(match: re.Match) -> str:
        sign, mantissa, exp_sign, exponent = match.groups()
        exponent = str(int(exponent))
        ten = "10" + (("-" if exp_sign == "-" else "") + exponent).translate(SUPERSCRIPT)
        head = f"{MINUS if sign else ''}"
        return head + (ten if mantissa == "1" else f"{mantissa} × {ten}")

    text = E_NOTATION.sub(power, text)
    return NEGATIVE.sub(MINUS, text)


def meaningless(text: str) -> str | None:
    """Why a displayed value is not an honest number, or None.

    >>> meaningless("-0.0"), meaningless("0.0e+00"), meaningless("-0.5"), meaningless("10.0")
    ('a signed zero', 'zero in e-notation', None, None)
    """
    if SIGNED_ZERO.search(text):
        return "a signed zero"
    if ZERO_E.search(text):
        return "zero in e-notation"
    return None


def typeset_printed(text: str) -> str:
    """What a cell printed, with the minus sign before numbers.

    >>> typeset_printed("[-1.2  0.5] at n-1, 2026-12-07, x - 3, 1e-05, -inf")
    '[−1.2  0.5] at n-1, 2026-12-07, x − 3, 1e-05, −inf'
    """
    text = PRINTED_NEGATIVE.sub(MINUS, text)
    return PRINTED_BINARY.sub(" \u2212 ", text)


def typeset_html_table(html: str) -> str:
    """A printed table's HTML with the minus sign in its cells (never inside tags).

    >>> typeset_html_table('<td class="x-1">-0.5</td><td>a-b</td>')
    '<td class="x-1">−0.5</td><td>a-b</td>'
    """
    return re.sub(r">([^<]+)<", lambda m: ">" + typeset_printed(m.group(1)) + "<", html)


class TypesetPrintedOutput(SphinxTransform):
    """The minus sign in what shown cells print (streams, plain results, tables)."""

    default_priority = 400

    def apply(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.literal_block)):
            classes = node.get("classes", [])
            if "output" not in classes or not ({"stream", "text_plain"} & set(classes)):
                continue
            text = node.astext()
            new = typeset_printed(text)
            if new != text:
                node.children = [nodes.Text(new)]
                node.rawsource = new
        for node in list(self.document.findall(nodes.raw)):
            text = node.astext()
            if 'class="dataframe' not in text:
                continue
            new = typeset_html_table(text)
            if new != text:
                node.replace_self(
                    nodes.raw(
                        "", new, format=node.get("format", "html"), classes=node.get("classes", [])
                    )
                )


class TypesetGluedNumbers(SphinxTransform):
    default_priority = 400

    def apply(self, **kwargs) -> None:
        for node in self.document.findall(nodes.inline):
            if "pasted-text" not in node.get("classes", []):
                continue
            text = node.astext()
            problem = meaningless(text)
            if problem:
                logger.warning(
                    "a glued value displays as %r (%s): glue a bound or say "
                    "'exactly zero' (checked) instead",
                    text,
                    problem,
                    location=node,
                    type="book",
                    subtype="numbers",
                )
            new = typeset(text)
            if new != text:
                node.clear()
                node += nodes.Text(new)


def setup(app: Sphinx) -> dict:
    app.add_transform(TypesetGluedNumbers)
    app.add_transform(TypesetPrintedOutput)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
