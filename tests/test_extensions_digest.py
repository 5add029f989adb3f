"""An edited extension rebuilds every page (a stale page keeps the old code's output).

Sphinx rewrites only the pages whose sources changed; the project's extensions
put menus, labels and fonts on every page, so a label fixed in
``conf/_ext/book_downloads.py`` stayed wrong on pages nobody had touched (a
cold read found "(pdf)" on two pages and "(PDF)" on the rest).
``conf/_ext/book_rebuild.py`` registers the hash of the build code as a config
value that re-reads the whole book when it changes.
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "conf" / "_ext"))

import book_rebuild  # noqa: E402


def copy_of_the_build_code(tmp_path: Path) -> Path:
    conf = tmp_path / "conf"
    shutil.copytree(ROOT / "conf" / "_ext", conf / "_ext")
    shutil.copytree(ROOT / "conf" / "locale", conf / "locale")
    shutil.copy(ROOT / "conf" / "conf.py", conf / "conf.py")
    (tmp_path / "tools").mkdir()
    shutil.copy(ROOT / "tools" / "bookinfo.py", tmp_path / "tools" / "bookinfo.py")
    return conf


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_copy_of_the_build_code_hashes_like_the_original(tmp_path):
    conf = copy_of_the_build_code(tmp_path)
    assert book_rebuild.extensions_digest(conf) == book_rebuild.extensions_digest()


def test_the_digest_changes_when_an_extension_conf_py_or_a_translation_changes(tmp_path):
    conf = copy_of_the_build_code(tmp_path)
    seen = {book_rebuild.extensions_digest(conf)}
    edit(conf / "_ext" / "book_downloads.py", "책 전체(PDF)", "책 전체(pdf)")
    seen.add(book_rebuild.extensions_digest(conf))
    edit(conf / "conf.py", 'html_theme = "sphinx_book_theme"', 'html_theme = "alabaster"')
    seen.add(book_rebuild.extensions_digest(conf))
    po = conf / "locale" / "ko" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seen.add(book_rebuild.extensions_digest(conf))
    assert len(seen) == 4, "an edit of the build code left the digest unchanged"


def test_the_book_registers_it_so_that_a_change_re_reads_every_page():
    registered = {}

    class App:
        def add_config_value(self, name, default, rebuild, types=()):
            registered[name] = (default, rebuild)

    book_rebuild.setup(App())
    assert registered == {
        "book_extensions_digest": (book_rebuild.extensions_digest(), "env"),
        "book_static_digest": (book_rebuild.digest_of(book_rebuild.static_files()), "html"),
    }


def test_the_static_digest_covers_the_scripts_and_styles_pages_link(tmp_path):
    """A page links book-widgets.css?v=<checksum>; a page not rewritten after the file
    changed would keep the old checksum, and a browser its cached copy."""
    names = {p.name for p in book_rebuild.static_files()}
    assert {"book.css", "book-widgets.css", "book-widgets.js", "package-lock.json"} <= names
    static = tmp_path / "conf" / "_static"
    shutil.copytree(ROOT / "conf" / "_static", static)
    shutil.copy(ROOT / "package-lock.json", tmp_path / "package-lock.json")
    before = book_rebuild.digest_of(book_rebuild.static_files(tmp_path / "conf"), tmp_path)
    (static / "book-widgets.css").write_text("/* edited */", encoding="utf-8")
    after = book_rebuild.digest_of(book_rebuild.static_files(tmp_path / "conf"), tmp_path)
    assert after != before
    conf = (ROOT / "conf" / "conf.py").read_text(encoding="utf-8")
    assert '"book_rebuild"' in conf, "conf.py does not load book_rebuild"


def test_a_throwaway_copy_of_the_book_holds_every_file_the_build_hashes():
    """`make bench` and `make verify` build copies made by tools/build.make_copy; a file the
    digests read but the copy lacks crashed their builds (package-lock.json did)."""
    sys.path.insert(0, str(ROOT / "tools"))
    import build

    copied = {"book", "conf", "src", "tools", "requirements.lock", "node_modules"}
    copied |= set(build.NPM_FILES) | set(build.WHEEL_FILES)
    hashed = book_rebuild.build_code() + book_rebuild.static_files()
    missing = {p.relative_to(ROOT).parts[0] for p in hashed} - copied
    assert missing == set(), f"make_copy leaves out {missing}"
    source = (ROOT / "tools" / "build.py").read_text(encoding="utf-8")
    assert '"requirements.lock", *NPM_FILES, *WHEEL_FILES' in source
