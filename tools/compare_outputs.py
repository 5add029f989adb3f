"""Compare every glued value and every cell output of two builds' executed notebooks.

    cp -r _build/ko/jupyter_execute /tmp/before/ko   # (and en), before a change; after it:
    .venv/bin/python tools/compare_outputs.py /tmp/before _build/<lang>/… book
    # BEFORE and AFTER hold <lang>/<page>.ipynb and <lang>/<page>.glue.json

Prints each difference and whether it shows on the page; exit status 1 if any does.

1. glue: text/plain identical? If not, every use of the key in the page's prose
   ({glue:text}`key:fmt`, {glue}`key`, …) is formatted with both values: identical as displayed?
2. outputs (stream text, text/plain, text/html incl. chart SVG and data tables), cell by cell:
   identical? If not, identical after rounding every number with more than 9 significant
   digits to 9 (so a difference in a float's last digits shows as such)?
"""

import json
import re
import sys
from pathlib import Path

ROLE = re.compile(r"\{glue(?::[a-z]+)?\}`([A-Za-z0-9_]+)(?::([^`]*))?`")
LONG = re.compile(r"-?\d+\.\d{6,}(?:e[+-]?\d+)?")


def glue(path):
    out = {}
    for k, v in json.loads(path.read_text()).items():
        p = v["data"].get("text/plain", "")
        out[k] = "".join(p) if isinstance(p, list) else p
    return out


def outputs(path):
    nb = json.loads(path.read_text())
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        items = []
        for o in cell.get("outputs", []):
            if o.get("metadata", {}).get("scrapbook"):
                continue
            if o["output_type"] == "stream":  # one stream may come in chunks: join them
                text = "".join(o["text"]) if isinstance(o["text"], list) else o["text"]
                if items and items[-1][0] == "stream":
                    items[-1] = ("stream", items[-1][1] + text)
                else:
                    items.append(("stream", text))
            for mime, data in sorted(o.get("data", {}).items()):
                items.append((mime, "".join(data) if isinstance(data, list) else str(data)))
        cells.append(("".join(cell["source"])[:60].replace("\n", " | "), items))
    return cells


CHART_ID = re.compile(r"chart-[0-9a-f]{12}")


def rounded(text):
    """Numbers to 9 significant digits; a chart's id (a hash of its content) left out."""
    return CHART_ID.sub("chart-ID", LONG.sub(lambda m: f"{float(m.group()):.9g}", text))


def displayed(value, spec):
    try:
        number = float(value)
    except ValueError:
        return value
    try:
        return format(number, spec or "")
    except Exception:
        return value


def main() -> int:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    before, after, book = map(Path, sys.argv[1:4])
    totals = {
        "glue": 0,
        "glue_exact": 0,
        "glue_displayed": 0,
        "outputs": 0,
        "out_exact": 0,
        "out_rounded": 0,
    }
    problems = []
    for lang_dir in sorted(p for p in before.iterdir() if p.is_dir()):
        lang = lang_dir.name
        for old_nb in sorted(lang_dir.glob("*.ipynb")):
            page = old_nb.stem
            new_nb = after / lang / old_nb.name
            old_g, new_g = (
                glue(lang_dir / f"{page}.glue.json"),
                glue(after / lang / f"{page}.glue.json"),
            )
            prose = (book / lang / f"{page}.md").read_text()
            uses = {}
            for key, spec in ROLE.findall(prose):
                uses.setdefault(key, set()).add(spec)
            for key in sorted(set(old_g) | set(new_g)):
                totals["glue"] += 1
                if key not in new_g or key not in old_g:
                    problems.append(
                        f"{lang}/{page}: glue {key} only in {'before' if key in old_g else 'after'}"
                    )
                    continue
                if old_g[key] == new_g[key]:
                    totals["glue_exact"] += 1
                    continue
                specs = uses.get(key, {""})
                shown = [
                    (s, displayed(old_g[key], s), displayed(new_g[key], s)) for s in sorted(specs)
                ]
                if all(a == b for _, a, b in shown):
                    totals["glue_displayed"] += 1
                    print(
                        f"  {lang}/{page}: glue {key}: {old_g[key]} -> {new_g[key]}; displayed "
                        + ", ".join(f"{{:{s}}} = {a!r}" for s, a, _ in shown)
                        + " both"
                    )
                else:
                    problems.append(f"{lang}/{page}: glue {key} displayed differently: {shown}")
            old_c, new_c = outputs(old_nb), outputs(new_nb)
            if len(old_c) != len(new_c):
                print(
                    f"  {lang}/{page}: {len(old_c)} code cells before, {len(new_c)} after (matched by source)"
                )
            new_by_src = {}
            for src, items in new_c:
                new_by_src.setdefault(src, []).append(items)
            for src, items in old_c:
                candidates = new_by_src.get(src) or [None]
                new_items = candidates.pop(0) if len(candidates) > 1 else candidates[0]
                for i, (mime, text) in enumerate(items):
                    totals["outputs"] += 1
                    if new_items is None or i >= len(new_items):
                        problems.append(f"{lang}/{page}: output missing after: [{src}] {mime}")
                        continue
                    new_text = new_items[i][1]
                    if new_text == text:
                        totals["out_exact"] += 1
                    elif rounded(new_text) == rounded(text):
                        totals["out_rounded"] += 1
                        a, b = LONG.findall(text), LONG.findall(new_text)
                        diffs = [(x, y) for x, y in zip(a, b) if x != y]
                        ids = CHART_ID.search(text) and CHART_ID.search(text).group() != (
                            CHART_ID.search(new_text) and CHART_ID.search(new_text).group()
                        )
                        print(
                            f"  {lang}/{page}: [{src}] {mime}: {len(diffs)} number(s) differ only past "
                            f"9 significant digits, e.g. {diffs[:2]}"
                            + ("; the chart's id (a hash of its content) with them" if ids else "")
                        )
                    else:
                        problems.append(f"{lang}/{page}: [{src}] {mime} differs")
    print(totals)
    print(
        "NOT IDENTICAL AS DISPLAYED:"
        if problems
        else "every glued value and output identical as displayed"
    )
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
