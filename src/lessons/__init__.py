"""The lesson code of *딥러닝 첫걸음 / First Steps into Deep Learning*.

One module per idea, in the order the book teaches them:

- :mod:`lessons.data` — the real data sets the chapters use;
- :mod:`lessons.stats` — descriptive statistics, the normal curve, the central limit theorem;
- :mod:`lessons.ols` — a line through points by ordinary least squares;
- :mod:`lessons.bins` — averages within bins of x, to see where a line misses;
- :mod:`lessons.neuron` — the sigmoid and an artificial neuron;
- :mod:`lessons.gradient_descent` — fitting the same line by gradient descent;
- :mod:`lessons.propagation` — forward and backward propagation in a small network;
- :mod:`lessons.charts` — the Vega-Altair charts the chapters draw.
"""

__version__ = "0.1.0"
