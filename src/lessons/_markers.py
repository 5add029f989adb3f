"""Names shared by the lesson code and the book's Sphinx extensions.

The chart renderer (:mod:`lessons.charts.render`) writes these class names
into the HTML; ``conf/_ext/book_assets.py`` looks for them to decide which
pages load Vega. Both import them from here, so they cannot drift apart.
This module imports nothing: the Sphinx process reads it without loading
Altair.
"""

#: Every chart figure carries this class.
CHART_CLASS = "book-chart"
#: Figures whose Vega spec is handed to the browser (sliders, buttons) also carry this one.
LIVE_CHART_CLASS = "book-chart-live"
#: The ``<script type="application/json">`` holding a live chart's compiled Vega spec.
SPEC_CLASS = "book-chart-spec"
#: The digit pad of chapter 8 (``lessons.charts.digit_pad``); pages with one load its script.
PAD_CLASS = "book-digit-pad"
#: The stepper and "teach it" under the pad (``lessons.charts.pad_stepper``): the pad's script too.
PAD_STEPPER_CLASS = "book-pad-stepper"
#: The widgets a reader answers or steps through (``lessons.charts.widgets``); pages with one
#: load book-widgets.js and book-widgets.css.
WIDGET_CLASS = "book-widget"
