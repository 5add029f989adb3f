"""Re-execute exactly the pages whose lesson code changed.

jupyter-cache keys a notebook on its code cells and its ``kernelspec`` only,
so editing a function in ``src/lessons`` would otherwise keep serving outputs
computed by the old code. This extension closes that gap:

1. For every page it finds the ``lessons`` modules its code cells import,
   follows their imports of other ``lessons`` modules, and hashes their *code*
   -- the syntax tree without docstrings, so comments, docstrings and
   formatting do not count -- plus the shipped data for ``lessons.data``, and
   ``requirements.lock`` since a new NumPy may change a printed digit, into a
   *lessons digest*. (``lessons.charts`` imports no other lesson module, so a
   page that draws charts re-runs for ``ols`` only if it calls ``ols``.)
2. ``source-read`` writes that digest into the page's ``kernelspec`` metadata,
   which jupyter-cache hashes: a changed digest can never match a cached run.
3. ``env-get-outdated`` tells Sphinx to re-read the pages whose digest changed
   (Sphinx itself only notices edits to the page file).

Prose-only edits leave the code cells and the digest unchanged, so the cached
outputs are reused. A build that warned forgets its environment, so the next
build re-reads every page and cannot pass by skipping the failed one.
"""

from __future__ import annotations

import ast
import hashlib
import importlib.util
import os
import pickle
import re
from functools import cache
from pathlib import Path

import yaml
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
#: The lessons package the kernels import (a throwaway copy's own, under PYTHONPATH).
PACKAGE = Path(importlib.util.find_spec("lessons").origin).parent
LOCK = PACKAGE.parents[1] / "requirements.lock"
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.M | re.S)


def _module_file(module: str) -> Path | None:
    parts = module.split(".")[1:]
    base = PACKAGE.joinpath(*parts) if parts else PACKAGE
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


#: What parsing a text gave, by the hash of the text: (the ``lessons`` modules it
#: imports, those it may import -- ``from lessons import x`` where x may be a
#: module --, the hash of its code fingerprint). Kept between builds in
#: ``book_lessons.pickle`` beside the doctrees, so each module and each page's
#: code is parsed once, and again only when its text changes.
_PARSED: dict[str, tuple[frozenset[str], frozenset[str], bytes | None]] = {}
_USED: set[str] = set()


def _parse(source: str) -> tuple[frozenset[str], frozenset[str], bytes | None]:
    key = hashlib.sha256(source.encode()).hexdigest()
    _USED.add(key)
    if key not in _PARSED:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            _PARSED[key] = (frozenset(), frozenset(), None)
            return _PARSED[key]
        certain: set[str] = set()
        possible: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                certain |= {a.name for a in node.names if a.name.split(".")[0] == "lessons"}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] != "lessons":
                    continue
                certain.add(node.module)
                possible |= {f"{node.module}.{a.name}" for a in node.names}
        fingerprint = hashlib.sha256(_tree_fingerprint(tree)).digest()
        _PARSED[key] = (frozenset(certain), frozenset(possible), fingerprint)
    return _PARSED[key]


def _imported_lessons(source: str) -> set[str]:
    """The ``lessons`` modules a piece of Python imports (``from lessons import x`` counts x)."""
    certain, possible, _ = _parse(source)
    return set(certain) | {name for name in possible if _module_file(name)}


@cache
def _closure(module: str) -> frozenset[str]:
    """A module with every ``lessons`` module it imports, transitively (and its parents)."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b.c runs a and a.b first
            parent = ".".join(parts[:i])
            if parent in seen or _module_file(parent) is None:
                continue
            seen.add(parent)
            todo.extend(_imported_lessons(_module_file(parent).read_text(encoding="utf-8")))
    return frozenset(seen)


def _module_files(module: str) -> list[Path]:
    files = [_module_file(module)]
    if module == "lessons.data":
        files += sorted((PACKAGE / "datasets").glob("*.csv"))
    return files


def code_fingerprint(source: str) -> bytes:
    r"""What of a module can change a result: its syntax tree without docstrings.

    >>> a = 'def f(x):\n    "Twice x."\n    return 2 * x  # double\n'
    >>> b = 'def f(x):\n    "Doubles."\n\n    return 2*x\n'
    >>> code_fingerprint(a) == code_fingerprint(b)
    True
    >>> code_fingerprint(a) == code_fingerprint(a.replace("2 * x", "3 * x"))
    False
    """
    return _tree_fingerprint(ast.parse(source))


def _tree_fingerprint(tree: ast.AST) -> bytes:
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return ast.dump(tree, include_attributes=False).encode()


def _fingerprint(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".py":
        try:
            fingerprint = _parse(data.decode("utf-8"))[2]
        except UnicodeDecodeError:
            fingerprint = None
        if fingerprint is not None:
            return fingerprint
    # data, or a module that does not parse (the kernel will say where): its bytes
    return hashlib.sha256(data).digest()


def lessons_digest(page_text: str) -> str:
    """The digest of the lesson code (and data and pinned packages) a page's code uses."""
    # a cell's options (":tags: [remove-cell]" lines or a YAML block) are not Python
    code = "\n".join(
        re.sub(r"\A(?:---\n.*?\n---\n|(?::[\w-]+:[^\n]*\n)+)", "", cell, flags=re.S)
        for cell in CODE_CELL.findall(page_text)
    )
    modules: set[str] = set()
    for name in _imported_lessons(code):
        modules |= _closure(name)
    digest = hashlib.sha256(LOCK.read_bytes() if LOCK.exists() else b"")
    for module in sorted(modules):
        for path in _module_files(module):
            digest.update(str(path.relative_to(PACKAGE)).encode())
            digest.update(_fingerprint(path))
    return digest.hexdigest()[:16]


def stamp_front_matter(text: str, digest: str) -> str:
    """Put ``digest`` into the front matter's kernelspec, keeping every line number.

    >>> page = "---\\nkernelspec:\\n  name: python3\\n---\\n# Title\\n"
    >>> print(stamp_front_matter(page, "abc"))
    ---
    {kernelspec: {lessons_digest: abc, name: python3}}
    <BLANKLINE>
    ---
    # Title
    <BLANKLINE>
    """
    match = re.match(r"---\n(.*?\n)---\n", text, re.S)
    if not match:
        return text
    meta = yaml.safe_load(match.group(1)) or {}
    if not isinstance(meta.get("kernelspec"), dict):
        return text
    meta["kernelspec"]["lessons_digest"] = digest
    line = yaml.safe_dump(meta, default_flow_style=True, width=10**9, allow_unicode=True).strip()
    padding = "\n" * (match.group(1).count("\n") - 1)
    return f"---\n{line}\n{padding}---\n" + text[match.end() :]


def _read_page(env, docname: str) -> str:
    return Path(env.doc2path(docname)).read_text(encoding="utf-8")


def _source_read(app: Sphinx, docname: str, source: list[str]) -> None:
    source[0] = stamp_front_matter(source[0], lessons_digest(source[0]))


def _outdated(app: Sphinx, env, added, changed, removed) -> list[str]:
    previous = getattr(env, "book_lessons_digests", {})
    store = Path(app.doctreedir) / "book_lessons.pickle"
    if not _PARSED and store.exists():
        try:
            _PARSED.update(pickle.loads(store.read_bytes()))
        except Exception:  # an unreadable store only means parsing again
            _PARSED.clear()
    known = set(_PARSED)
    pages = {doc: _read_page(env, doc) for doc in env.found_docs}
    # only notebooks (pages with code cells) execute; prose pages have nothing to re-run
    current = {doc: lessons_digest(text) for doc, text in pages.items() if CODE_CELL.search(text)}
    env.book_lessons_digests = current
    if set(_PARSED) != known:
        partial = store.with_name(f".{store.name}.{os.getpid()}")
        store.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps({k: _PARSED[k] for k in _USED}, protocol=4))
        os.replace(partial, store)
    stale = sorted(
        doc
        for doc, digest in current.items()
        if doc in previous and previous[doc] != digest and doc not in changed
    )
    if stale:  # printed, not logged: -q must not hide why pages re-run
        print(
            f"book [{app.config.language}]: lesson code changed; re-executing {', '.join(stale)}",
            flush=True,
        )
    return stale


def _init_cache(app: Sphinx, config) -> None:
    # Create the cache database once, before parallel readers race to create it.
    from jupyter_cache import get_cache

    Path(config.nb_execution_cache_path).mkdir(parents=True, exist_ok=True)
    get_cache(config.nb_execution_cache_path).db  # noqa: B018 (creates tables)


def _forget_failed_build(app: Sphinx, exception) -> None:
    if exception is not None or app._warncount:
        pickle = Path(app.doctreedir) / "environment.pickle"
        pickle.unlink(missing_ok=True)


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _init_cache)
    app.connect("source-read", _source_read)
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _forget_failed_build)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
