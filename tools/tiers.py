"""Run make targets one after the other and print how long each took.

`make test` and `make verify` are tiers run in order (lint, the fast tier, the
build, print, the slow tier); this runs each as ``make <target>``, stops at the
first that fails, and ends with a table of their times, so the suite's cost
stays visible (the figures are printed, never asserted).

    python tools/tiers.py lint check html print test-slow
"""

from __future__ import annotations

import subprocess
import sys
import time


def table(rows: list[tuple[str, float, str]]) -> str:
    """The summary printed at the end.

    >>> print(table([("lint", 12.3, "ok"), ("html", 75.0, "failed")]))
    tier               time  result
    lint             12.3 s  ok
    html         1 min 15 s  failed
    total        1 min 27 s
    """

    def clock(seconds: float) -> str:
        minutes, rest = divmod(round(seconds, 1), 60)
        return f"{int(minutes)} min {rest:02.0f} s" if minutes else f"{rest:.1f} s"

    total = sum(seconds for _, seconds, _ in rows)
    lines = [f"{'tier':<12}{'time':>11}  result"]
    lines += [f"{name:<12}{clock(seconds):>11}  {result}" for name, seconds, result in rows]
    lines.append(f"{'total':<12}{clock(total):>11}")
    return "\n".join(lines)


def main(targets: list[str]) -> int:
    rows: list[tuple[str, float, str]] = []
    code = 0
    for target in targets:
        start = time.monotonic()
        code = subprocess.run(["make", "--no-print-directory", target]).returncode
        rows.append((target, time.monotonic() - start, "ok" if code == 0 else f"failed ({code})"))
        if code:
            break
    print("\n" + table(rows), flush=True)
    return code


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
