"""Write tests/drawn_digits.json: 50 digits drawn as mouse paths, for the digit pad's test.

Run once (``python tests/drawn_digits.py``); the JSON file is what the test reads.
How they were made: each digit has two pen skeletons written by hand from the way
people write it (a plain 1 and one with a flag, a closed and an open 4, a 7 with and
without a bar, an 8 in one stroke and as two rings, …), as strokes in a unit box in
the order a hand draws them. Nothing here comes from the data set. Five drawings per
digit, each from a generator with a fixed seed:

- ``large``: the first skeleton, about 75% of the pad's height, near the middle;
- ``small``: the first skeleton, about 40% of the height, somewhere near the middle;
- ``slanted``: the first skeleton leaning right by a shear of 0.25–0.35;
- ``off-centre``: the second skeleton, about half the height, pushed toward an edge;
- ``second form``: the second skeleton, two thirds of the height, a slight lean.

Every drawing gets a wobbly hand (smooth random bends of 1–2% of its size), a width
scaled by 85–115%, a turn of up to ±4°, and points spaced as a mouse reports them
(every 1.5–3.5% of the pad, unevenly). Points are fractions of the pad's width and
height (0 = left/top, 1 = right/bottom).
"""

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).with_name("drawn_digits.json")
VARIANTS = ("large", "small", "slanted", "off-centre", "second form")


def arc(cx, cy, rx, ry, start, end, n=40):
    """Points on an ellipse from angle ``start`` to ``end`` (degrees; 90 = top, 180 = left)."""
    a = np.radians(np.linspace(start, end, n))
    return np.column_stack([cx + rx * np.cos(a), cy - ry * np.sin(a)])


def line(*points):
    return np.array(points, float)


def join(*parts):
    return np.concatenate(parts)


def figure_eight(top=0.22, bottom=0.28, cross=0.45):
    t = np.linspace(0, 2 * np.pi, 80)
    upper = np.cos(t) > 0
    x = 0.5 - np.where(upper, top, bottom) * np.sin(2 * t)
    y = cross - np.where(upper, cross - 0.04, 0.96 - cross) * np.cos(t)
    return np.column_stack([x, y])


# Two skeletons per digit: lists of strokes, each an (n, 2) array of (x, y) in a unit box.
SKELETONS = {
    0: (
        [arc(0.5, 0.5, 0.3, 0.45, 100, 465)],
        [arc(0.5, 0.5, 0.24, 0.46, 60, 410)],
    ),
    1: (
        [line((0.5, 0.04), (0.5, 0.96))],
        [line((0.3, 0.24), (0.52, 0.04), (0.52, 0.96))],
    ),
    2: (
        [join(arc(0.5, 0.3, 0.27, 0.25, 165, -25), line((0.2, 0.95), (0.82, 0.95)))],
        [
            join(
                arc(0.5, 0.28, 0.26, 0.24, 175, -45), line((0.22, 0.93), (0.45, 0.95), (0.84, 0.92))
            )
        ],
    ),
    3: (
        [join(arc(0.48, 0.27, 0.25, 0.23, 155, -90), arc(0.48, 0.72, 0.28, 0.24, 90, -155))],
        [
            join(
                line((0.22, 0.05), (0.76, 0.05), (0.46, 0.42)),
                arc(0.48, 0.69, 0.29, 0.27, 105, -150),
            )
        ],
    ),
    4: (
        [line((0.62, 0.04), (0.17, 0.66), (0.83, 0.66)), line((0.64, 0.3), (0.64, 0.97))],
        [line((0.26, 0.04), (0.22, 0.55), (0.8, 0.55)), line((0.67, 0.08), (0.67, 0.97))],
    ),
    5: (
        [
            join(
                line((0.76, 0.05), (0.3, 0.05), (0.27, 0.46)), arc(0.5, 0.69, 0.28, 0.27, 130, -155)
            )
        ],
        [
            join(line((0.3, 0.06), (0.27, 0.45)), arc(0.5, 0.68, 0.28, 0.27, 128, -150)),
            line((0.3, 0.06), (0.79, 0.04)),
        ],
    ),
    6: (
        [join(line((0.7, 0.04), (0.5, 0.15), (0.34, 0.36)), arc(0.5, 0.72, 0.26, 0.24, 165, 520))],
        [join(line((0.64, 0.04), (0.3, 0.58)), arc(0.5, 0.76, 0.22, 0.2, 190, 530))],
    ),
    7: (
        [line((0.18, 0.06), (0.82, 0.06), (0.4, 0.96))],
        [
            line((0.2, 0.1), (0.3, 0.05), (0.82, 0.06), (0.5, 0.5), (0.38, 0.96)),
            line((0.3, 0.5), (0.72, 0.5)),
        ],
    ),
    8: (
        [figure_eight()],
        [arc(0.5, 0.27, 0.2, 0.21, 20, 380), arc(0.5, 0.71, 0.26, 0.25, 95, 455)],
    ),
    9: (
        [join(arc(0.5, 0.3, 0.24, 0.24, 5, 362), line((0.74, 0.3), (0.7, 0.96)))],
        [
            join(
                arc(0.48, 0.29, 0.23, 0.22, 0, 358),
                line((0.72, 0.33), (0.7, 0.7), (0.6, 0.92), (0.4, 0.96)),
            )
        ],
    ),
}


def resample(stroke, rng):
    """Points along the stroke at uneven spacing, as a mouse reports them."""
    steps = np.hypot(*np.diff(stroke, axis=0).T)
    along = np.concatenate([[0], np.cumsum(steps)])
    at = [0.0]
    while at[-1] < along[-1]:
        at.append(at[-1] + rng.uniform(0.015, 0.035))
    at[-1] = along[-1]
    return np.column_stack([np.interp(at, along, stroke[:, i]) for i in (0, 1)])


def wobble(stroke, rng, size):
    """Smooth random bends along the stroke (a hand is not a ruler)."""
    t = np.linspace(0, 1, len(stroke))[:, None]
    bend = sum(
        rng.uniform(0.01, 0.02) * np.sin(2 * np.pi * (k * t + rng.uniform(size=2))) for k in (1, 2)
    )
    return stroke + bend


def draw(digit, variant, rng):
    form = 1 if variant in ("off-centre", "second form") else 0
    size = {"large": 0.75, "small": 0.4, "slanted": 0.62, "off-centre": 0.5, "second form": 0.66}[
        variant
    ]
    lean = rng.uniform(0.25, 0.35) if variant == "slanted" else rng.uniform(-0.05, 0.12)
    turn = np.radians(rng.uniform(-4, 4))
    width = rng.uniform(0.85, 1.15)
    if variant == "off-centre":
        centre = 0.5 + rng.choice([-1, 1], 2) * rng.uniform([0.12, 0.1], [0.22, 0.2])
    else:
        centre = 0.5 + rng.uniform(-0.06, 0.06, 2)
    strokes = []
    for stroke in SKELETONS[digit][form]:
        x, y = (wobble(stroke, rng, size) - 0.5).T
        x = width * x + lean * (-y)  # lean right: the top moves right
        x, y = np.cos(turn) * x - np.sin(turn) * y, np.sin(turn) * x + np.cos(turn) * y
        points = np.column_stack([x, y]) * size + centre
        strokes.append(np.clip(resample(points, rng), 0.01, 0.99).round(3).tolist())
    return strokes


def main():
    rng = np.random.default_rng(23)
    drawings = [
        {"digit": digit, "variant": variant, "strokes": draw(digit, variant, rng)}
        for digit in SKELETONS
        for variant in VARIANTS
    ]
    OUT.write_text(json.dumps(drawings, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {len(drawings)} drawings to {OUT}")


if __name__ == "__main__":
    main()
