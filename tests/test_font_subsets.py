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
