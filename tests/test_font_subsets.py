"""A cold build cuts its font subsets in parallel; the files are those a serial cut makes."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_fonts  # noqa: E402

FONTS = sorted(book_fonts.KATEX_FONTS.glob("*.woff2"))[:3]
WANTED = set(range(0x20, 0x7F)) | {0x3B1, 0x3B2}  # ASCII, α, β


def cut_serially(tmp_path: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setattr(book_fonts, "CACHE", tmp_path / "serial-cache")
    cut = {}
    for font in FONTS:
        book_fonts.subset(font, tmp_path / "serial" / font.name, WANTED)
        cut[font.name] = (tmp_path / "serial" / font.name).read_bytes()
    return cut


def test_prewarmed_subsets_are_the_serial_ones_byte_for_byte(tmp_path, monkeypatch):
    assert len(FONTS) == 3, "KaTeX's fonts are missing: run `make setup` (npm ci)"
    serial = cut_serially(tmp_path, monkeypatch)
    monkeypatch.setattr(book_fonts, "CACHE", tmp_path / "parallel-cache")
    assert book_fonts.prewarm([(font, WANTED) for font in FONTS], workers=2) == 3
    assert book_fonts.prewarm([(font, WANTED) for font in FONTS], workers=2) == 0, (
        "a second prewarm cut the fonts again instead of finding them in the cache"
    )
    for font in FONTS:
        book_fonts.subset(font, tmp_path / "parallel" / font.name, WANTED)
        assert (tmp_path / "parallel" / font.name).read_bytes() == serial[font.name], font.name
        assert len(serial[font.name]) < font.stat().st_size, f"{font.name} was not cut"


def test_the_bold_scan_keeps_what_the_css_draws_bold_and_nothing_else():
    page = """<html><body>
    <nav class="bd-links"><ul><li class="current"><a href="#">경사</a></li></ul></nav>
    <h1>하강<a class="headerlink">#</a></h1>
    <p>본문의 <strong>강조</strong>와 <span class="xref std std-term">용어</span></p>
    <table><tr><th>열</th><td>칸</td></tr></table>
    <dl class="glossary"><dt>손실</dt><dd>오차</dd></dl>
    <div class="admonition note"><p class="admonition-title">참고</p><p>설명</p></div>
    <svg><text font-weight="bold">가중치</text><text>눈금</text></svg>
    <script type="application/json" class="book-widget-data">{"next": "다음"}</script>
    <p class="book-stepper-position"></p>
    </body></html>"""
    hangul = {ch for ch in book_fonts.bold_characters(page) if "가" <= ch <= "힣"}
    assert hangul == set("경사하강강조열손실참고가중치다음"), "".join(sorted(hangul))


def test_icon_rules_are_found_after_any_brace():
    # the rule pattern starts a selector only after a brace (a look-behind that made a
    # 370 KB stylesheet's scan a hundred times faster); rules in @media and after an
    # @charset statement are still found
    css = (
        '@charset "UTF-8";.fa-a{--fa:"\\f001"}.x{color:red}'
        '@media print{.fa-b,.fa-c{--fa:"\\f002"}}.fa-d::before{content:"\\f003"}'
    )
    rules, written = book_fonts._read_file("css", css)
    assert rules == [("fa-a", 0xF001), ("fa-b", 0xF002), ("fa-c", 0xF002)]
    assert written == {0xF003}


def test_a_parallel_scan_finds_what_a_serial_scan_finds(tmp_path):
    site = tmp_path / "site"
    (site / "_static").mkdir(parents=True)
    for i in range(6):
        (site / f"p{i}.html").write_text(f"<p>본문 {i}</p><h2>제목{i}</h2>", encoding="utf-8")
    (site / "_static" / "theme.css").write_text('.fa-bars{--fa:"\\f0c9"}', encoding="utf-8")
    serial, parallel = book_fonts.SiteScan(site), book_fonts.SiteScan(site, workers=2)
    assert parallel.parsed == serial.parsed == 7
    assert parallel.characters() == serial.characters() >= {ord("본"), ord("5")}
    assert parallel.bold_characters() == serial.bold_characters() == set(map(ord, "제목012345"))
