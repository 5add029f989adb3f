"""A chart's description (its alt text) comes from a hidden cell, not from the reader's code.

The code a reader sees draws a chart with its title and axis titles only::

    ```{code-cell} ipython3
    :alt: heights_alt

    charts.scatter(body, "height_cm", "weight_kg", title="Weight against height", ...)
    ```

A hidden cell (``:tags: [remove-cell]``) writes the description from the
computed values and glues it under the key the chart cell names::

    glue("heights_alt", f"Weights of {len(body):,} adults against their heights ...",
         display=False)

While the page is read, this transform puts that text into the chart's figure
as its ``<figcaption>`` and ``aria-describedby``, exactly where
:func:`lessons.charts.render.spec_html` would have put a description passed in
code. The print build (``conf/pdf``) then uses it as the image's alt text.

Each of these is a warning naming the page, so the strict build fails:

- a chart cell's ``:alt:`` key that no cell glued;
- an ``:alt:`` on a cell that draws no chart;
- a chart in a shown cell with no description at all.
"""

from __future__ import annotations

import ast
import html as html_lib
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

FIGURE = re.compile(r'<figure class="book-chart[^"]*" id="(chart-[0-9a-f]+)"[^>]*>')


def glued_text(glue: dict, key: str) -> str | None:
    """The text a cell glued under ``key`` (``glue(key, "…")`` stores the string's repr).

    >>> glued_text({"k": {"data": {"text/plain": "'Two points.'"}}}, "k")
    'Two points.'
    >>> glued_text({}, "k") is None
    True
    """
    entry = glue.get(key)
    if entry is None:
        return None
    plain = entry.get("data", {}).get("text/plain", "")
    if isinstance(plain, list):
        plain = "".join(plain)
    try:
        value = ast.literal_eval(plain)
    except (ValueError, SyntaxError):
        return plain
    return value if isinstance(value, str) else plain


def describe(html: str, text: str) -> str:
    """``html`` (one chart figure) with ``text`` as its description.

    >>> out = describe('<figure class="book-chart" id="chart-0a" aria-labelledby="chart-0a-name">'
    ...                '<div></div></figure>', "Two <points>.")
    >>> 'aria-describedby="chart-0a-desc"' in out
    True
    >>> out.endswith('<figcaption class="book-sr-only" id="chart-0a-desc">Two &lt;points&gt;.'
    ...              '</figcaption></figure>')
    True
    """
    found = FIGURE.search(html)
    if not found:
        raise ValueError("no chart figure")
    chart_id = found.group(1)
    head = found.group(0)
    new_head = head[:-1] + f' aria-describedby="{chart_id}-desc">'
    caption = (
        f'<figcaption class="book-sr-only" id="{chart_id}-desc">'
        f"{html_lib.escape(text, quote=False)}</figcaption>"
    )
    body = html[found.end() :]
    at = body.rfind("</figure>")
    # live charts end with their spec script; the caption goes before it, as spec_html puts it
    script = body.rfind('<script type="application/json"', 0, at)
    cut = script if script != -1 else at
    return html[: found.start()] + new_head + body[:cut] + caption + body[cut:]


def _glue_data(app: Sphinx, docname: str) -> dict:
    path = Path(app.outdir).parent / "jupyter_execute" / f"{docname}.glue.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


class AttachChartDescriptions(SphinxTransform):
    default_priority = 410

    def apply(self, **kwargs) -> None:
        glue = None
        for cell in self.document.findall(nodes.container):
            if cell.get("nb_element") != "cell_code":
                continue
            metadata = cell.get("cell_metadata", {}) or {}
            key = metadata.get("alt")
            raws = [
                raw
                for raw in cell.findall(nodes.raw)
                if "html" in raw.get("format", "") and FIGURE.search(raw.astext())
            ]
            if key is None:
                for raw in raws:
                    if "aria-describedby" not in FIGURE.search(raw.astext()).group(0):
                        self._warn(
                            cell,
                            "a chart has no description: give its cell the option "
                            "`:alt: <key>` and glue the description under <key> in a hidden cell",
                        )
                continue
            if glue is None:
                glue = _glue_data(self.app, self.env.docname)
            text = glued_text(glue, str(key))
            if text is None:
                self._warn(cell, f"the chart's description {key!r} (`:alt:`) was never glued")
                continue
            if not raws:
                self._warn(cell, f"`:alt: {key}` is on a cell that draws no chart")
                continue
            for raw in raws:
                new = describe(raw.astext(), text)
                raw.replace_self(nodes.raw("", new, format=raw["format"]))

    def _warn(self, cell, message: str) -> None:
        logger.warning(message, location=cell, type="book", subtype="alt")


def setup(app: Sphinx) -> dict:
    app.add_transform(AttachChartDescriptions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
