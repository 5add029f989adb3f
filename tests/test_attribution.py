"""Licences and credits: every data set is credited on each page that uses it, and the
licence files, the package metadata, the data cards and the page footers agree.

Which data sets a page uses is read independently of the extension that writes the
credits (``conf/_ext/book_credits.py``): from the loader calls in the page's code
cells and the file each loader of ``lessons/data.py`` reads.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import tomllib
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGS, PAGES, ROOT

CARD = ROOT / "src" / "lessons" / "datasets" / "README.md"
CC_BY_SA = "creativecommons.org/licenses/by-sa/4.0"
PUBLIC_DOMAIN = {"ko": "공개 저작물", "en": "public domain"}


@cache
def loader_files() -> dict[str, str]:
    """Each loader of ``lessons/data.py`` and the CSV file it reads (from its source)."""
    tree = ast.parse((ROOT / "src" / "lessons" / "data.py").read_text(encoding="utf-8"))
    found = {}
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and function.name.startswith("load_"):
            for node in ast.walk(function):
                if isinstance(node, ast.Constant) and str(node.value).endswith(".csv"):
                    found[function.name] = node.value
    return found


def data_sets_used(lang: str, page: str) -> set[str]:
    text = (ROOT / "book" / lang / f"{page}.md").read_text(encoding="utf-8")
    code = "\n".join(re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, flags=re.M | re.S))
    files = loader_files()
    return {files[name] for name in re.findall(r"\b(load_\w+)\s*\(", code) if name in files}


@cache
def cards() -> dict[str, str]:
    """Data file name -> its section of the data card."""
    text = CARD.read_text(encoding="utf-8")
    parts = re.split(r"^## `([^`]+)`", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def card_field(name: str, field: str) -> str:
    match = re.search(rf"- \*\*{field}\*\*(.*?)(?=^- \*\*|\Z)", cards()[name], flags=re.M | re.S)
    assert match, f"the data card of {name} has no **{field}**"
    return " ".join(match.group(1).split())


def credits_on(site: Path, lang: str, page: str) -> dict[str, BeautifulSoup]:
    soup = BeautifulSoup((site / lang / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return {li["data-dataset"]: li for li in soup.select(".book-data-credits li[data-dataset]")}


def test_the_chapters_use_shipped_data():
    used = {name for lang in LANGS for page in PAGES for name in data_sets_used(lang, page)}
    assert used and used <= set(cards()), f"data without a card: {used - set(cards())}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_every_page_credits_exactly_the_data_it_uses(site, lang, page):
    assert set(credits_on(site, lang, page)) == data_sets_used(lang, page)


@pytest.mark.parametrize("lang", LANGS)
def test_cc_by_sa_data_carry_title_author_source_and_licence(site, lang):
    """CC BY-SA 4.0 §3(a): the author, a link to the source, the licence and its link."""
    share_alike = [n for n in cards() if "CC BY-SA" in card_field(n, "Licence")]
    assert share_alike, "the study-hours table (Wikipedia) is CC BY-SA"
    checked = 0
    for page in PAGES:
        for name, credit in credits_on(site, lang, page).items():
            if name not in share_alike:
                continue
            links = [a["href"] for a in credit.find_all("a")]
            assert any(CC_BY_SA in href for href in links), f"{lang}/{page}: no licence link"
            assert any(href.startswith("https://en.wikipedia.org/wiki/") for href in links)
            assert any("action=history" in href for href in links), "authors: the page history"
            text = credit.get_text(" ")
            assert "CC BY-SA 4.0" in text and "Logistic regression" in text
            assert ("위키백과 기여자" if lang == "ko" else "Wikipedia contributors") in text
            checked += 1
    assert checked, "no page credits a CC BY-SA data set"


@pytest.mark.parametrize("lang", LANGS)
def test_public_domain_credits_say_so(site, lang):
    public = {n for n in cards() if "public domain" in card_field(n, "Licence")}
    for page in PAGES:
        for name, credit in credits_on(site, lang, page).items():
            if name in public:
                assert PUBLIC_DOMAIN[lang] in credit.get_text(" "), f"{lang}/{page}: {name}"


def _book_credits():
    path = ROOT / "conf" / "_ext" / "book_credits.py"
    spec = importlib.util.spec_from_file_location("book_credits_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_data_card_has_an_attribution_and_a_credit_in_both_languages():
    credits = _book_credits().CREDITS
    credited = dict(credits.values())
    assert set(credited) == set(cards())
    for name in cards():
        assert card_field(name, "Attribution")
        assert set(credited[name]) == set(LANGS)
    assert set(credits) == set(loader_files()), "every loader of lessons.data has a credit"


def test_the_cars_card_quotes_only_what_its_sources_say():
    """The Source quotes the installed vega_datasets; the one licence sentence it does not
    contain is attributed to the npm package that does."""
    import vega_datasets

    package = Path(vega_datasets.__file__).parent
    texts = " ".join(
        " ".join(p.read_text(encoding="utf-8", errors="replace").split())
        for p in package.rglob("*")
        if p.suffix in (".json", ".py", ".txt")
    )
    source = card_field("cars.csv", "Source")
    quotes = re.findall(r'"([^"]{20,})"', source)
    assert quotes, "the card quotes the package's own description"
    for quote in quotes:
        assert quote in texts, f"not in vega_datasets: {quote!r}"
    licence = card_field("cars.csv", "Licence")
    assert "educational and scientific purposes" not in texts  # vega_datasets never says it
    assert "npm package `vega-datasets`" in licence and "datapackage.json" in licence


def test_licence_files_and_package_metadata_agree():
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "CC BY-SA 4.0" in licence
    assert "LICENSE-CC-BY-SA-4.0" in licence
    content = (ROOT / "LICENSE-CC-BY-SA-4.0").read_text(encoding="utf-8")
    assert content.startswith("Attribution-ShareAlike 4.0 International")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert set(re.split(r"\s+AND\s+", project["license"])) == {"MIT", "CC-BY-SA-4.0"}
    assert set(project["license-files"]) == {"LICENSE", "LICENSE-CC-BY-SA-4.0"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_footer_names_both_licences(site, lang):
    for path in sorted((site / lang).glob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        footer = soup.select_one(".book-licence")
        assert footer is not None, f"{path.name}: no licence line"
        links = {a["href"] for a in footer.find_all("a", rel="license")}
        assert any(CC_BY_SA in href for href in links), path.name
        assert any("LICENSE" in href or "mit" in href.lower() for href in links), path.name
        assert "CC BY-SA 4.0" in footer.get_text() and "MIT" in footer.get_text()
        assert ("라이선스" in footer.get_text()) == (lang == "ko")
