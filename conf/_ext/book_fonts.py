"""Ship the book's own Korean font, cut down to the characters the site uses.

Korean renders only where the reader's machine has a Korean font; a machine
without one shows boxes. So every page carries Pretendard (SIL Open Font
License, npm ``pretendard``, pinned in ``package-lock.json``), subset at build
time with fontTools:

- ``_static/fonts/book-sans-400.woff2`` holds exactly the characters of this
  language's built pages (text, chart labels, interface strings), Latin
  included; ``-700`` the Hangul the pages show in bold (:func:`bold_characters`)
  and every other character; their ``unicode-range`` lists what they hold;
- ``_static/fonts/book-sans-hangul.woff2`` holds the 2,350 Hangul syllables
  of KS X 1001 and the jamo, declared for the whole Hangul ranges. A browser
  fetches it only for a syllable the pages do not use, such as one a reader
  types into the search box.

``book-fonts.css`` declares the faces under the family name ``Book Sans``;
``book.css`` puts it first on Korean pages (body, headings, charts) and last
on English pages, where it only draws the Korean in the language switch.
The subsets are written when the build has finished, from the pages it wrote.

Charts draw their text in the font they were laid out with. vl-convert (pinned in ``requirements.lock``) measures chart text with the
Liberation Sans it carries inside its library (SIL Open Font License 1.1; its
"sans-serif"). The build cuts ``_static/fonts/chart-sans-400.woff2`` and
``-700`` from those same bytes, to the characters the English charts use, and
declares them as ``Book Chart Sans`` (a cut-down copy may not keep the reserved
name), the family the charts name first (``lessons.charts.render``): a title or
a caption is as wide on the page as vl-convert made room for (a wider system
font, DejaVu Sans, once cut titles off and ran captions together). Korean
charts draw their Latin letters and digits in it too, and their Hangul in
``Book Sans`` (no wider than the CJK face vl-convert measures Hangul with).

KaTeX's fonts (``_static/katex/fonts``) are cut down to the site's characters too.

The theme's icon fonts (Font Awesome Free, SIL OFL 1.1 for the fonts, vendored
by pydata-sphinx-theme) are cut down the same way: ``fa-solid-900.woff2``
alone is 112 KB, the heaviest file of a page after Vega, for the 20 icons the
theme shows. :meth:`SiteScan.icons` keeps every icon a page or a loaded
script names by class and every icon character written into the theme's CSS
(admonitions, external links, the "on this page" arrow).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import pickle
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import book_background
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "node_modules" / "pretendard" / "dist" / "public" / "static"
CACHE = ROOT / "_build" / ".font-cache"
WEIGHTS = {400: "Pretendard-Regular.otf", 700: "Pretendard-Bold.otf"}
FAMILY = "Book Sans"
CSS_NAME = "book-fonts.css"
#: Printable ASCII and Latin-1 are always kept (what a reader may type), with the
#: punctuation the pages use.
ALWAYS = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
HANGUL_RANGES = "U+1100-11FF, U+3130-318F, U+AC00-D7A3"
#: The family vl-convert lays chart text out with, the name of the site's copy, the weights.
SOURCE_FAMILY = "Liberation Sans"
CHART_FAMILY = "Book Chart Sans"
CHART_WEIGHTS = {400: "Regular", 700: "Bold"}
_FIGURE = re.compile(r'<figure class="book-chart.*?</figure>', re.S)


def ranges(codepoints) -> str:
    """A CSS ``unicode-range`` value for a set of code points.

    >>> ranges({0x41, 0x42, 0x43, 0xAC00, 0xAC01, 0xD55C})
    'U+41-43, U+AC00-AC01, U+D55C'
    """
    points = sorted(codepoints)
    parts: list[str] = []
    start = prev = None
    for point in points + [None]:
        if point is not None and prev is not None and point == prev + 1:
            prev = point
            continue
        if start is not None:
            parts.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        start = prev = point
    return ", ".join(parts)


def chart_fonts() -> dict[int, Path]:
    """Liberation Sans Regular and Bold as vl-convert carries them, renamed, in the font cache.

    vl-convert-python builds the fonts into its library (``include_bytes!``):
    each is a whole TrueType file there, found by its header and table directory
    and checked by its names, so the page gets the very font the layout used.
    "Liberation" is a Reserved Font Name of the SIL Open Font License, which a
    cut-down copy may not carry: the copy is named ``Book Chart Sans``.
    """
    import struct
    from io import BytesIO

    import vl_convert
    from fontTools.ttLib import TTFont

    library = next(Path(vl_convert.__file__).parent.glob("vl_convert*.so"), None)
    wanted = {f"{SOURCE_FAMILY} {style}": weight for weight, style in CHART_WEIGHTS.items()}
    wanted[SOURCE_FAMILY] = wanted.pop(f"{SOURCE_FAMILY} Regular")
    found: dict[int, Path] = {}
    if library is not None:
        key = hashlib.sha256(f"{library.stat().st_size} {vl_convert.__version__}".encode())
        targets = {w: CACHE / f"chart-{key.hexdigest()[:12]}-{w}.ttf" for w in wanted.values()}
        if all(t.exists() for t in targets.values()):
            return dict(sorted(targets.items()))
        blob = library.read_bytes()
        start = blob.find(b"\x00\x01\x00\x00")
        while start >= 0 and len(found) < len(wanted):
            tables = struct.unpack(">H", blob[start + 4 : start + 6])[0]
            directory = blob[start + 12 : start + 12 + 16 * tables]
            if 8 <= tables <= 40 and b"name" in directory and b"glyf" in directory:
                end = max(
                    sum(struct.unpack(">II", directory[16 * k + 8 : 16 * k + 16]))
                    for k in range(tables)
                )
                try:
                    font = TTFont(BytesIO(blob[start : start + end]), recalcTimestamp=False)
                    name = font["name"].getDebugName(4)
                except Exception:  # noqa: BLE001 - bytes that only look like a font header
                    name = None
                if name in wanted and wanted[name] not in found:
                    weight = wanted[name]
                    style = CHART_WEIGHTS[weight]
                    full = CHART_FAMILY if weight == 400 else f"{CHART_FAMILY} {style}"
                    names = font["name"]
                    names.names = [n for n in names.names if n.nameID in (0, 2, 5, 13, 14)]
                    for number, text in (
                        (1, CHART_FAMILY),
                        (3, f"{full}; subset of {name}"),
                        (4, full),
                        (6, f"{CHART_FAMILY.replace(' ', '')}-{style}"),
                    ):
                        names.setName(text, number, 3, 1, 0x409)
                    CACHE.mkdir(parents=True, exist_ok=True)
                    font.save(str(targets[weight]))
                    found[weight] = targets[weight]
            start = blob.find(b"\x00\x01\x00\x00", start + 1)
    if len(found) != len(wanted):
        raise ConfigError(
            f"vl-convert carries no {sorted(wanted)} (found weights {sorted(found)} in {library}):"
            " the font charts are laid out with, which the site ships"
        )
    return dict(sorted(found.items()))


ICON_FONTS = ("fa-solid-900.woff2", "fa-regular-400.woff2", "fa-brands-400.woff2")
#: Icon characters live in Unicode's private use areas.
_PRIVATE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd]")
#: A rule's selectors start after a brace (or at the start): without the look-behind the
#: engine tried every position of a 370 KB stylesheet and took a second per file.
_ICON_RULE = re.compile(r'(?<![^{}])([^{}]+)\{--fa:"\\([0-9a-f]+)"\}')
_ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")


#: What the site's CSS draws bold (weight 600 or more: the 700 face), by tag
#: and by class; an element inside one of them is bold too. From the theme's
#: CSS (``dt``, ``strong``, ``th``, admonition titles, the sidebars' captions
#: and links, the current page's entry in the tables of contents, ...) and
#: ``conf/_static/*.css``. Headings are kept although the theme draws them at
#: 500 (the 400 face): their text is bold in the tables of contents anyway. The
#: browser test ``test_bold_text_is_in_the_bold_font`` finds any this misses.
BOLD_TAGS = frozenset("h1 h2 h3 h4 h5 h6 strong b th dt summary button".split())
BOLD_CLASSES = frozenset(
    """h1 h2 h3 h4 h5 h6 admonition-title caption caption-number rubric sidebar-title
    topic-title prev-next-title onthispage sidebar-header-items__title
    sidebar-indices-items__title breadcrumb-item bd-links toc-entry sd-card-header
    sd-summary-title sd-tab-set sd-badge badge sd-step-title sd-aside-title guilabel
    menuselection versionmodified pasted-text sig-name -Color-Bold gs
    book-widget-title book-pad-title book-pad-readout book-pad-digit book-pad-step-name
    book-pad-before-after book-data-credits-title book-selfcheck-status
    book-stepper-value book-stepper-line book-stepper-name book-stepper-position
    book-alias book-widget-run-label book-widget-train-label book-widget-test-label
    book-widget-guess-label book-widget-best-label""".split()
)


def bold_characters(text: str) -> set[str]:
    """The characters an HTML page can show in bold (weight 600 or more).

    Text inside an element :data:`BOLD_TAGS` or :data:`BOLD_CLASSES` name, a link's
    code, an SVG ``<text>`` a chart draws bold, and all of the JSON the book's
    scripts read (interface strings they may draw bold: a stepper's position
    line, a chart's title).

    >>> page = '<h2>제목</h2><p>본문 <strong>굵게</strong></p><p class="x rubric">규</p>'
    >>> bold_characters(page) == set("제목굵게규")
    True
    >>> bold_characters('<svg><text font-weight="bold">축</text><text>눈</text></svg>')
    {'축'}
    >>> bold_characters('<script type="application/json">["단계"]</script>') == set('["단계"]')
    True
    """
    parser = _BoldText()
    parser.feed(text)
    parser.close()
    return parser.found


#: Elements that have no end tag (an <img> holds no text to make bold).
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _BoldText(HTMLParser):
    """:func:`bold_characters` in one pass: a stack of the open elements, each marked bold
    or not (a tree built by BeautifulSoup found the same characters in three times as long)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []
        self.bold = self.links = 0
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            return
        found = dict(attrs)
        weight = str(found.get("font-weight") or "")
        if weight.isdigit():
            weight = "bold" if int(weight) >= 600 else ""
        bold = (
            tag in BOLD_TAGS
            or not BOLD_CLASSES.isdisjoint((found.get("class") or "").split())
            or (tag == "code" and self.links > 0)
            or (tag == "text" and weight in ("bold", "bolder"))
            or (tag == "script" and found.get("type") == "application/json")
        )
        self.open.append((tag, bold))
        self.bold += bold
        self.links += tag == "a"

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # <path/>, <br/>: nothing opens

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):  # closes what is left open inside
            if self.open[index][0] == tag:
                for name, bold in self.open[index:]:
                    self.bold -= bold
                    self.links -= name == "a"
                del self.open[index:]
                return

    def handle_data(self, data: str) -> None:
        if self.bold:
            self.found.update(data)


def _read_file(kind: str, text: str) -> tuple:
    """What one built file tells the subsets (see :class:`SiteScan`).

    ``page`` (HTML): its characters, the icon classes it names, the characters
    of its charts and those it shows in bold; ``book`` (the book's scripts): the
    same, all its characters counting as bold (the messages they write, such as
    a self-check's verdict, may be); ``script``: icon classes only; ``css``: its
    icon rules and the icon characters it writes itself.

    >>> _read_file("page", '<i class="fa-solid fa-bars"></i>&amp;한')[0] >= {ord("&"), ord("한")}
    True
    >>> sorted(_read_file("page", '<p>본문</p><th>표</th>')[3])
    [54364]
    >>> sorted(_read_file("script", 'x = "fa-bars fa-xmark"')[1])
    ['fa-bars', 'fa-xmark']
    """
    if kind == "css":
        rules = [
            (name, int(point, 16))
            for selectors, point in _ICON_RULE.findall(text)
            for name in re.findall(r"\.(fa-[a-z0-9-]+)", selectors)
        ]
        rest = _ICON_RULE.sub("", text)
        found = {ord(ch) for ch in _PRIVATE.findall(rest)}
        found |= {int(p, 16) for p in re.findall(r'"\\([ef][0-9a-f]{3})"', rest)}
        return (rules, frozenset(found))
    classes = frozenset(_ICON_CLASS.findall(text))
    if kind == "script":
        return (frozenset(), classes)
    unescaped = html.unescape(text)
    charts = {ch for figure in _FIGURE.findall(text) for ch in html.unescape(figure)}
    bold = set(unescaped) if kind == "book" else bold_characters(text)
    return (
        frozenset(ord(ch) for ch in set(unescaped) if ord(ch) >= 0x20),
        classes,
        frozenset(ord(ch) for ch in charts if ord(ch) >= 0x20),
        frozenset(ord(ch) for ch in bold if ord(ch) >= 0x20),
    )


#: Part of each file's cache key: changes when what :func:`_read_file` returns changes.
SCAN_VERSION = 3


class SiteScan:
    """Characters and icons of a built site, read in one pass over its files.

    Each file's findings are kept (in ``cache``, a pickle beside the doctrees)
    under the hash of its bytes, so a rebuild reads again only the files whose
    output changed: a no-op build hashes the files and parses none.
    """

    def __init__(self, outdir: Path, cache: Path | None = None, workers: int = 1):
        self.outdir, self.cache = outdir, cache
        self.known: dict[str, tuple] = {}
        if cache is not None and cache.exists():
            try:
                self.known = pickle.loads(cache.read_bytes())
            except Exception:  # an unreadable cache is only a slower build
                self.known = {}
        static = outdir / "_static"
        files = [(p, "page") for p in sorted(outdir.rglob("*.html"))]
        files += [(p, "book") for p in sorted(static.glob("book-*.js"))]
        files += [
            (p, "script")
            for p in sorted(static.rglob("*.js"))
            if p.name != "fontawesome.js"
            and not (p.parent == static and p.name.startswith("book-"))
        ]
        files += [(p, "css") for p in sorted(static.rglob("*.css"))]
        self.read: dict[str, tuple] = {}
        todo: dict[str, tuple[str, str]] = {}
        for path, kind in files:
            data = path.read_bytes()
            key = f"{kind} {SCAN_VERSION} {hashlib.sha256(data).hexdigest()}"
            if key not in self.known:
                todo[key] = (kind, data.decode("utf-8", errors="replace"))
            self.read[str(path.relative_to(outdir))] = (kind, key)
        self.parsed = len(todo)
        # a cold build parses every page (seconds of HTML parsing): ``workers`` at a time
        if workers > 1 and len(todo) > 4:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=workers) as pool:
                found = pool.map(_read_file, *zip(*todo.values()), chunksize=2)
                self.known.update(zip(todo, found))
        else:
            self.known.update((key, _read_file(*job)) for key, job in todo.items())
        if cache is not None and self.parsed:
            used = {key for _, key in self.read.values()}
            _write_atomic(cache, pickle.dumps({k: self.known[k] for k in used}, protocol=4))

    def _results(self, *kinds: str):
        return [self.known[key] for k, key in self.read.values() if k in kinds]

    def characters(self) -> set[int]:
        """Every character the built pages can show (HTML text, chart specs, book scripts)."""
        return set().union(*(found[0] for found in self._results("page", "book")))

    def chart_characters(self) -> set[int]:
        """Every character the built pages' charts can show (their SVG and their Vega specs)."""
        return set().union(*(found[2] for found in self._results("page", "book")))

    def bold_characters(self) -> set[int]:
        """Every character the built pages can show in bold (:func:`bold_characters`)."""
        return set().union(*(found[3] for found in self._results("page", "book")))

    def icons(self) -> set[int]:
        """The Font Awesome icons the built site can show.

        An icon is shown either by a class (``<i class="fa-solid fa-bars">``) in a
        page or a script the pages load, mapped to its character by the theme's
        ``.fa-bars{--fa:"\\f0c9"}`` rules, or by a character the CSS writes itself.
        """
        by_class: dict[str, int] = {}
        found: set[int] = set()
        for rules, written in self._results("css"):
            by_class.update(rules)
            found |= written
        for found_in_file in self._results("page", "book", "script"):
            found |= {by_class[n] for n in found_in_file[1] if n in by_class}
        return found


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` so that a reader (another build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def ks_x_1001_hangul() -> set[int]:
    """The 2,350 Hangul syllables of KS X 1001 (what EUC-KR encodes), plus compatibility jamo.

    >>> len([p for p in ks_x_1001_hangul() if 0xAC00 <= p <= 0xD7A3])
    2350
    """
    found = set(range(0x3131, 0x318F))
    for point in range(0xAC00, 0xD7A4):
        try:
            encoded = chr(point).encode("euc_kr")
        except UnicodeEncodeError:
            continue
        if len(encoded) == 2:  # the others are spelled as 8-byte jamo sequences
            found.add(point)
    return found


#: Changes whenever :func:`subset`'s options change (part of the cache key).
SUBSET_OPTIONS = (
    "drop-FFTM woff2 kern liga calt ccmp locl mark mkmk names0-6,13,14 no-hinting desubr v2"
)


def _cache_key(source: Path, codepoints: set[int]) -> str:
    """The name a subset of ``source`` to ``codepoints`` is kept under in ``CACHE``."""
    return hashlib.sha256(
        f"{source.name} {source.stat().st_size} {SUBSET_OPTIONS} {sorted(codepoints)}".encode()
    ).hexdigest()[:20]


def subset(source: Path, target: Path, codepoints: set[int]) -> set[int]:
    """Write a WOFF2 subset of ``source``; returns the code points it really holds.

    Subsets are kept in ``_build/.font-cache`` under the hash of the font and
    the characters asked for, so a rebuild whose pages use the same characters
    neither cuts the font again nor opens it.
    """
    key = _cache_key(source, codepoints)
    cached, held = CACHE / f"{key}.woff2", CACHE / f"{key}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists() and held.exists():
        shutil.copyfile(cached, target)
        return set(json.loads(held.read_text(encoding="utf-8")))
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), recalcTimestamp=False)
    kept = codepoints & set(font.getBestCmap())
    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "calt", "ccmp", "locl", "mark", "mkmk"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep the copyright and licence
    options.hinting = False
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a browser reads
    options.desubroutinize = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=kept)
    subsetter.subset(font)
    font.flavor = "woff2"
    CACHE.mkdir(parents=True, exist_ok=True)
    temporary = CACHE / f".{key}.{os.getpid()}.woff2"
    font.save(str(temporary), reorderTables=False)
    os.replace(temporary, cached)
    _write_atomic(held, json.dumps(sorted(kept)).encode())
    shutil.copyfile(cached, target)
    return kept


def _subset_into_cache(job: tuple[Path, frozenset[int]]) -> None:
    """One :func:`subset` for :func:`prewarm` (in a worker process): fills the cache only."""
    source, codepoints = job
    scratch = Path(tempfile.mkdtemp(prefix="book-font-"))
    try:
        subset(source, scratch / "subset.woff2", set(codepoints))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def prewarm(jobs: list[tuple[Path, set[int]]], workers: int) -> int:
    """Cut, ``workers`` at a time, the subsets of ``jobs`` the cache lacks; returns how many.

    A cold build cuts some 28 subsets (the Hangul block, the text weights, the
    charts', icons' and maths' fonts), each taking seconds; one after the other
    they were a third of a cold build's time. Each is written to the cache under
    its key, so the calls that follow only copy files (byte for byte what a
    serial cut makes: the subsetter is deterministic).
    """
    missing = []
    for source, codepoints in jobs:
        key = _cache_key(source, codepoints)
        if not ((CACHE / f"{key}.woff2").exists() and (CACHE / f"{key}.json").exists()):
            missing.append((source, frozenset(codepoints)))
    if len(missing) > 1 and workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(missing))) as pool:
            list(pool.map(_subset_into_cache, missing))
    return len(missing)


def _check(app: Sphinx, config) -> None:
    missing = [name for name in WEIGHTS.values() if not (FONTS / name).exists()]
    if missing:
        raise ConfigError(f"missing fonts {missing} in {FONTS}: run `make html` (it runs `npm ci`)")
    app.add_css_file(CSS_NAME, priority=400)


def _cut_hangul_early(app: Sphinx) -> None:
    """Start cutting the Hangul block (the same on every page) while the pages are read.

    It is the slowest subset to cut (some 2.7 s) and depends on no page, so a
    process of its own fills the cache with it during the reading, where a cold
    build has a core to spare; :func:`_write` waits for it, then finds it cached.
    """
    if app.builder.format != "html":
        return
    source = FONTS / WEIGHTS[400]
    key = _cache_key(source, ks_x_1001_hangul())
    if (CACHE / f"{key}.woff2").exists() and (CACHE / f"{key}.json").exists():
        return
    book_background.start(
        app,
        "hangul",
        "import book_fonts as f;"
        " f._subset_into_cache((f.FONTS / f.WEIGHTS[400], frozenset(f.ks_x_1001_hangul())))",
    )


def _write(app: Sphinx, exception) -> None:
    book_background.finish(app, "hangul", exception)  # cut while the pages were read
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    fonts = outdir / "_static" / "fonts"
    scan = SiteScan(outdir, Path(app.doctreedir) / "book_fonts.pickle", workers=app.parallel)
    wanted = scan.characters() | ALWAYS
    if app.config.language != "ko":
        # English pages draw their text in the system font; the book's font only
        # draws the Korean they show (the language switch, the glossary's terms)
        wanted = {
            p
            for p in wanted
            if 0x1100 <= p <= 0x11FF or 0x3130 <= p <= 0x318F or 0xAC00 <= p <= 0xD7A3
        }
    # the bold face: the Hangul shown in bold, every other character (Latin, digits,
    # symbols: a few KB); a syllable it lacks would be drawn as a smeared 400 ("faux bold")
    bold = {p for p in wanted if not 0xAC00 <= p <= 0xD7A3} | (wanted & scan.bold_characters())
    cuts = {400: wanted, 700: bold}
    charts = scan.chart_characters() | set(range(0x20, 0x7F)) | {0x2212}
    icons, maths = _icon_fonts(outdir), _maths_fonts(outdir)
    icon_points, maths_points = scan.icons(), scan.characters() | set(range(0x20, 0x7F))
    # every cut below as (font, file, characters): cut in parallel first, then each call
    # of subset() finds its cut in the cache
    hangul = (FONTS / WEIGHTS[400], fonts / "book-sans-hangul.woff2", ks_x_1001_hangul())
    text = {w: (FONTS / n, fonts / f"book-sans-{w}.woff2", cuts[w]) for w, n in WEIGHTS.items()}
    chart = {
        w: (source, fonts / f"chart-sans-{w}.woff2", charts) for w, source in chart_fonts().items()
    }
    every = [hangul, *text.values(), *chart.values()]
    every += [(s, t, icon_points) for s, t in icons] + [(s, t, maths_points) for s, t in maths]
    prewarm([(source, points) for source, _, points in every], workers=max(1, app.parallel))
    rules = [
        # Declared first, so the page's own subset (declared after it) wins for its characters.
        '@font-face { font-family: "%s"; font-style: normal; font-weight: 400; font-display: swap;'
        ' src: url("fonts/book-sans-hangul.woff2") format("woff2"); unicode-range: %s; }'
        % (FAMILY, HANGUL_RANGES)
    ]
    subset(*hangul)
    for weight in WEIGHTS:
        kept = subset(*text[weight])
        rules.append(
            '@font-face { font-family: "%s"; font-style: normal; font-weight: %d; font-display: swap;'
            ' src: url("fonts/book-sans-%d.woff2") format("woff2"); unicode-range: %s; }'
            % (FAMILY, weight, weight, ranges(kept))
        )
    notice = (
        "/* Pretendard (c) 2021 Kil Hyung-jin, SIL Open Font License 1.1 (fonts/LICENSE.txt);"
        " subset to this site's characters by conf/_ext/book_fonts.py. */\n"
    )
    # the charts' characters (the font has no Hangul: Korean falls through to Book Sans),
    # with ASCII and the minus sign for what a live chart may print (``charts`` above)
    for weight in chart:
        kept = subset(*chart[weight])
        rules.append(
            '@font-face { font-family: "%s"; font-style: normal; font-weight: %d;'
            ' font-display: swap; src: url("fonts/chart-sans-%d.woff2") format("woff2");'
            " unicode-range: %s; }" % (CHART_FAMILY, weight, weight, ranges(kept))
        )
    notice += (
        "/* Book Chart Sans: Liberation Sans (c) 2010 Google Corporation, (c) 2012 Red Hat,"
        " Inc., SIL Open Font License 1.1 (fonts/LICENSE-chart-sans.txt), cut down and"
        " renamed by conf/_ext/book_fonts.py from the copy vl-convert lays charts out with. */\n"
    )
    (outdir / "_static" / CSS_NAME).write_text(notice + "\n".join(rules) + "\n", encoding="utf-8")
    _subset_icons(outdir, icons, icon_points)
    _subset_maths(outdir, maths, maths_points)
    licence = FONTS.parent.parent / "LICENSE.txt"
    (fonts / "LICENSE.txt").write_bytes(licence.read_bytes())
    ofl = licence.read_text(encoding="utf-8")
    (fonts / "LICENSE-chart-sans.txt").write_text(
        f"{CHART_FAMILY} is Liberation Sans 2.00.1 cut down to the characters of this site's\n"
        "charts and renamed (conf/_ext/book_fonts.py).\n\n"
        "Digitized data copyright (c) 2010 Google Corporation,\n"
        "with Reserved Font Arimo, Tinos and Cousine.\n"
        "Copyright (c) 2012 Red Hat, Inc.\nwith Reserved Font Name Liberation.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n\n"
        + ofl[ofl.index("-----") :],
        encoding="utf-8",
    )
    sizes = ", ".join(
        f"{p.name} {p.stat().st_size / 1024:.0f} KB" for p in sorted(fonts.glob("*.woff2"))
    )
    logger.info("book fonts: %s", sizes)


def _icon_fonts(outdir: Path) -> list[tuple[Path, Path]]:
    """The theme's icon fonts to cut: (its copy, the site's file), when the site has them."""
    import pydata_sphinx_theme

    source = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme"
    source = source / "static" / "vendor" / "fontawesome" / "webfonts"
    target = outdir / "_static" / "vendor" / "fontawesome" / "webfonts"
    if not target.is_dir():
        return []
    return [(source / name, target / name) for name in ICON_FONTS if (source / name).exists()]


def _subset_icons(outdir: Path, fonts: list[tuple[Path, Path]], wanted: set[int]) -> None:
    if not fonts:
        return
    for source, target in fonts:
        subset(source, target, wanted)
    logger.info(
        "book fonts: %d icons; %s",
        len(wanted),
        ", ".join(f"{t.name} {t.stat().st_size / 1024:.1f} KB" for _, t in fonts),
    )


KATEX_FONTS = ROOT / "node_modules" / "katex" / "dist" / "fonts"


def _maths_fonts(outdir: Path) -> list[tuple[Path, Path]]:
    """KaTeX's fonts to cut: (npm's copy, the site's file), when the site has KaTeX."""
    target = outdir / "_static" / "katex" / "fonts"
    if not target.is_dir():
        return []
    return [(font, target / font.name) for font in sorted(KATEX_FONTS.glob("*.woff2"))]


def _subset_maths(outdir: Path, fonts: list[tuple[Path, Path]], wanted: set[int]) -> None:
    """Cut KaTeX's fonts (SIL OFL 1.1) to the characters the site's pages hold.

    KaTeX pre-renders formulas as HTML text in its fonts, so every character a
    formula draws is in the page (with ASCII besides): KaTeX_Main-Regular goes
    from 26 to about 10 KB, KaTeX_Math-Italic from 16 to about 6 KB.
    """
    for source, target in fonts:
        subset(source, target, wanted)


#: Stylesheets written into ``_static`` only when a build has finished (this
#: extension's, sphinx-exercise's, myst-nb's). A clean build writes its pages
#: before they exist, so Sphinx links them without a ``?v=`` checksum; a rebuild
#: would find last build's copies and add one. Removed before pages are written,
#: a rebuilt page links them exactly as a clean build does (tools/reproduce.py).
LATE_ASSETS = (CSS_NAME, "exercise.css", "mystnb.*.css")


def _forget_late_assets(app: Sphinx, builder) -> None:
    if builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for pattern in LATE_ASSETS:
        for path in static.glob(pattern):
            path.unlink()


def _preload(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name != "html":  # the site only; the EPUB has its own head
        return
    # Korean pages draw everything in the book's font: fetch it with the page, so the
    # text is not drawn first in a fallback and then moved when the font arrives
    if app.config.language != "ko":
        return
    links = "".join(
        f'\n    <link rel="preload" href="{context["pathto"](f"_static/fonts/book-sans-{w}.woff2", 1)}"'
        ' as="font" type="font/woff2" crossorigin>'
        for w in WEIGHTS
    )
    context["metatags"] = context.get("metatags", "") + links


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _check)
    app.connect("builder-inited", _cut_hangul_early)
    app.connect("html-page-context", _preload)
    app.connect("write-started", _forget_late_assets)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
