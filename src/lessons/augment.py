"""More training digits from the ones we have: turned, narrower or wider, thicker or thinner (chapter 8).

The data hold only 8×8 counts, the ink of each 4×4 block of a 32×32 bitmap.
To change a digit, each copy goes back to a 32×32 picture: the counts are read
between block centres by bilinear interpolation through a random affine map
(a turn and a change of width), and a pixel is ink where that reading is at
least half full. The strokes are then made thicker or thinner by whole pixels
(dilation: a pixel next to ink becomes ink; erosion: a pixel next to paper
becomes paper), the ink is fitted into the frame the way the book's digit pad
fits a drawing (full height, centred, aspect kept unless that makes it wider
than :data:`WIDEST` pixels), and the on pixels of each 4×4 block are counted again.

Shifts and sizes are not drawn: the pad moves and scales every drawing into
the frame, so the network never sees a digit off-centre or small.

>>> counts = np.zeros((1, 64)); counts[0, [3, 11, 19, 27, 35, 43, 51, 59]] = 16
>>> new, labels = augment(counts, [1], copies=3, seed=0)
>>> new.shape, labels.tolist(), int(new.max()) <= 16
((3, 64), [1, 1, 1], True)
"""

from __future__ import annotations

import numpy as np

from lessons._checks import as_floats, positive_int, seed_int, within_size
from lessons.classifier import MAX_COUNT
from lessons.softmax import class_labels

SIDE, BLOCK = 8, 4
N = SIDE * BLOCK  # the 32×32 bitmaps the counts were made from
#: The widest a digit is fitted (pixels of 32): the data's digits span the six middle block columns.
WIDEST = 24


def _read(grids: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Bilinear reading of each (n, h, w) grid at (row, col) points, 0 outside the grid."""
    n, h, w = grids.shape
    flat = np.pad(grids, ((0, 0), (2, 2), (2, 2))).reshape(n, -1)  # a border of empty cells
    rows, cols = np.clip(rows + 2, 0, h + 3), np.clip(cols + 2, 0, w + 3)
    r0, c0 = np.minimum(np.floor(rows), h + 2), np.minimum(np.floor(cols), w + 2)
    down, right = rows - r0, cols - c0
    r0, c0 = r0.astype(int), c0.astype(int)

    def at(dr, dc):
        return np.take_along_axis(flat, (r0 + dr) * (w + 4) + c0 + dc, axis=1)

    top = (1 - right) * at(0, 0) + right * at(0, 1)
    bottom = (1 - right) * at(1, 0) + right * at(1, 1)
    return (1 - down) * top + down * bottom


def _bitmaps(counts: np.ndarray, matrices: np.ndarray) -> np.ndarray:
    """32×32 bitmaps: pixel p is ink where the counts, read at matrix·p (about the centre), are ≥ half."""
    centre = (N - 1) / 2
    grid = np.mgrid[0:N, 0:N].reshape(2, -1) - centre
    points = np.einsum("kij,jp->kip", matrices, grid) + centre
    # pixel (r, c) of the 32×32 frame lies at (r + 0.5) / 4 − 0.5 in block units
    rows, cols = (points[:, 0] + 0.5) / BLOCK - 0.5, (points[:, 1] + 0.5) / BLOCK - 0.5
    grey = _read(counts.reshape(-1, SIDE, SIDE) / MAX_COUNT, rows, cols)
    return (grey >= 0.5).reshape(-1, N, N)


def _thicken(bitmaps: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """Grow (steps > 0) or shrink (steps < 0) the ink by one pixel per step, up, down and sideways."""
    out = bitmaps.copy()
    for _ in range(int(np.abs(steps).max(initial=0))):
        padded = np.pad(out, ((0, 0), (1, 1), (1, 1)), constant_values=False)
        near = [padded[:, 1:-1, 1:-1], padded[:, :-2, 1:-1], padded[:, 2:, 1:-1],
                padded[:, 1:-1, :-2], padded[:, 1:-1, 2:]]  # fmt: skip
        grown, shrunk = np.any(near, axis=0), np.all(near, axis=0)
        out = np.where(
            (steps > 0)[:, None, None], grown, np.where((steps < 0)[:, None, None], shrunk, out)
        )
        steps = steps - np.sign(steps)
    return out


def _fit_to_frame(bitmaps: np.ndarray) -> np.ndarray:
    """Each bitmap's ink scaled to the frame's full height and centred, as the pad fits a drawing.

    Across, the scale is the same unless the digit would be wider than WIDEST: then it is narrowed.

    >>> dot = np.zeros((1, 32, 32), bool); dot[0, 10:14, 20:21] = True
    >>> fitted = _fit_to_frame(dot)[0]
    >>> np.flatnonzero(fitted.any(axis=1))[[0, -1]].tolist(), int(fitted.any(axis=0).sum())
    ([0, 31], 8)
    """
    fitted = np.zeros_like(bitmaps)
    for k, bitmap in enumerate(bitmaps):
        rows, cols = np.flatnonzero(bitmap.any(axis=1)), np.flatnonzero(bitmap.any(axis=0))
        if len(rows) == 0:
            continue
        down = N / (rows[-1] - rows[0] + 1)
        across = min(down, WIDEST / (cols[-1] - cols[0] + 1))
        # each output pixel shows the input pixel nearest to it once the scale is undone
        offsets = np.arange(N) + 0.5 - N / 2
        r = np.floor(offsets / down + (rows[0] + rows[-1] + 1) / 2).astype(int)
        c = np.floor(offsets / across + (cols[0] + cols[-1] + 1) / 2).astype(int)
        inside_r, inside_c = (r >= 0) & (r < N), (c >= 0) & (c < N)
        fitted[k][np.ix_(inside_r, inside_c)] = bitmap[np.ix_(r[inside_r], c[inside_c])]
    return fitted


def augment(
    images,
    labels,
    *,
    copies: int,
    seed: int,
    rotation: float = 15.0,
    width: float = 0.2,
    stroke: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """``copies`` changed copies of every digit in ``images`` (counts 0–16, 64 per row), and their labels.

    Each copy draws, from a generator seeded by ``seed``: a turn of up to
    ``rotation`` degrees either way, a width scaled by up to ``width`` (0.2:
    80% to 120%) before the digit is fitted to the frame, and a stroke made
    thicker or thinner by up to ``stroke`` pixels. Same arguments, same copies,
    in order: all of the first copy, then the second, and so on.

    >>> new, labels = augment(np.full((2, 64), 8), [3, 5], copies=2, seed=1)
    >>> labels.tolist()
    [3, 5, 3, 5]
    >>> augment(np.full((1, 64), 8), [3], copies=1, seed=1, rotation=-5)
    Traceback (most recent call last):
    ...
    ValueError: rotation must be between 0 and 45 degrees, got -5
    """
    images = as_floats(images, "images", ndim=2)
    if images.shape[1] != SIDE * SIDE:
        raise ValueError(f"images must have 64 counts per row (8×8), got shape {images.shape}")
    if images.min() < 0 or images.max() > MAX_COUNT:
        raise ValueError(f"images must hold counts from 0 to {MAX_COUNT}")
    labels = class_labels(labels, np.iinfo(np.int32).max)
    if len(labels) != len(images):
        raise ValueError(f"labels has {len(labels)} entries but images has {len(images)} rows")
    copies = positive_int(copies, "copies")
    within_size(copies * images.size * BLOCK * BLOCK, "the augmented pictures")
    for name, value, top, unit in (
        ("rotation", rotation, 45, " degrees"),
        ("width", width, 0.5, ""),
    ):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= top:
            raise ValueError(f"{name} must be between 0 and {top}{unit}, got {value!r}")
    if not isinstance(stroke, int) or isinstance(stroke, bool) or not 0 <= stroke <= 3:
        raise ValueError(f"stroke must be a whole number of pixels from 0 to 3, got {stroke!r}")
    rng = np.random.default_rng(seed_int(seed))
    n, out = len(images), []
    for _ in range(copies):
        angle = np.radians(rng.uniform(-rotation, rotation, n))
        stretch = 1 + rng.uniform(-width, width, n)
        cos, sin = np.cos(angle), np.sin(angle)
        # output pixel p shows the input at turn⁻¹·(p / stretch across)
        matrices = np.stack(
            [np.stack([cos, sin / stretch], 1), np.stack([-sin, cos / stretch], 1)], 1
        )
        bitmaps = _thicken(_bitmaps(images, matrices), rng.integers(-stroke, stroke + 1, n))
        fitted = _fit_to_frame(bitmaps)
        out.append(fitted.reshape(n, SIDE, BLOCK, SIDE, BLOCK).sum(axis=(2, 4)).reshape(n, -1))
    return np.concatenate(out), np.tile(labels, copies)
