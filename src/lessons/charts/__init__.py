"""The Vega-Altair charts the chapters draw, and how they are rendered offline.

Pure presentation, split by role:

- :mod:`lessons.charts.render` — the offline renderer (inline SVG at build
  time; Vega in the browser only for charts with sliders or buttons), colours,
  sizes and the helpers the builders share;
- :mod:`lessons.charts.figures` — static figures;
- :mod:`lessons.charts.explorers` — interactive figures;
- :mod:`lessons.charts.classification` — chapter 8's digits, confusion matrix and digit pad.

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

from lessons.charts.classification import (confusion_heatmap, digit_images, digit_pad,
                                           learning_curves, probability_bars, words)
from lessons.charts.explorers import (clt_explorer, descent_explorer, least_squares_explorer,
                                      sigmoid_explorer, training_explorer)
from lessons.charts.figures import (curve, histogram_with_curve, line_through_points,
                                    nested_sets, network_diagram, regression_transform_line,
                                    scatter, scatter_with_lines)
from lessons.charts.render import shown_points, spec_html, to_html

__all__ = ["clt_explorer", "confusion_heatmap", "curve", "descent_explorer", "digit_images",
           "digit_pad", "histogram_with_curve", "learning_curves", "probability_bars", "words",
           "least_squares_explorer", "line_through_points", "nested_sets", "network_diagram",
           "regression_transform_line", "scatter", "scatter_with_lines", "shown_points",
           "sigmoid_explorer", "spec_html", "to_html", "training_explorer"]

# chapters 1–4 (branch chA)
from lessons.charts.figures import ai_map, residual_plot  # noqa: E402

__all__ += ["ai_map", "residual_plot"]
