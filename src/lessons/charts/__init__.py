"""The Vega-Altair charts the chapters draw, and how they are rendered offline.

Pure presentation, split by role:

- :mod:`lessons.charts.render` — the offline renderer (inline SVG at build
  time; Vega in the browser only for charts with sliders or buttons), colours,
  sizes and the helpers the builders share;
- :mod:`lessons.charts.figures` — static figures;
- :mod:`lessons.charts.explorers` — interactive figures;
- :mod:`lessons.charts.classification` — chapter 8's digits, confusion matrix and digit pad;
- :mod:`lessons.charts.widgets` — predict-then-reveal questions and the backpropagation stepper.

Builders receive data the chapter computed and the chart's words in the
page's language; they import no other lesson module, so editing
:mod:`lessons.ols` re-runs only the pages that use ``ols`` (see
``conf/_ext/book_lessons_cache.py``). Importing this package switches Altair to
the ``book`` renderer.

>>> import pandas as pd
>>> chart = scatter(pd.DataFrame({"x": [1, 2, 3], "y": [2, 4, 5]}), "x", "y", title="Points",
...                 x_title="x", y_title="y", description="Three points rising to the right.")
>>> to_html(chart).startswith('<figure class="book-chart"')
True
"""

from lessons.charts import classification, explorers, figures, render, widgets


def _builders(module) -> dict:
    """The public functions a chart module defines (its builders and helpers)."""
    return {
        name: value
        for name, value in vars(module).items()
        if callable(value)
        and not name.startswith("_")
        and getattr(value, "__module__", None) == module.__name__
    }


_public = {
    **_builders(render),
    **_builders(figures),
    **_builders(explorers),
    **_builders(classification),
    **_builders(widgets),
}
globals().update(_public)
__all__ = sorted(_public)
