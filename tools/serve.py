"""`make serve`: a live preview of the site on 127.0.0.1 (sphinx-autobuild's watcher and reload).

Watches `book/`, `conf/` and `src/lessons/`. On a save it rebuilds only the
language whose files changed (a change to the configuration, the lesson code
or the table of contents rebuilds both; `make serve LANG=ko` rebuilds Korean
only), with the same runner as `make html`, and every open tab reloads itself
when the build is done. After a failed build every page is the failure page
with the build's messages (never a stale site), until a save fixes it.

Built from sphinx-autobuild's parts (its watcher, reload websocket and script
injector) around the project's runner: sphinx-autobuild's own command builds
one Sphinx project, and this site is two of them plus the assembly step.

    make serve [LANG=ko]     # or: .venv/bin/python tools/serve.py [--lang ko] [--port 8000]
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import BUILD, LANGS, ROOT, SITE  # noqa: E402
from build import FAILED_MARK, build_languages  # noqa: E402

WATCHED = [ROOT / "book", ROOT / "conf", ROOT / "src" / "lessons"]
#: Editor droppings and caches: saving a page must not rebuild twice.
IGNORED = [r"__pycache__", r"\.ipynb_checkpoints", r"\.sw[a-p]$", r"~$", r"/\.#", r"4913$"]


def languages_for(changed: list[Path], chosen: tuple[str, ...]) -> list[str]:
    """The languages a change rebuilds, among ``chosen``.

    >>> r = ROOT / "book"
    >>> languages_for([r / "ko" / "03-regression.md"], LANGS)
    ['ko']
    >>> languages_for([r / "en" / "index.md"], LANGS)  # the chapter list: both
    ['ko', 'en']
    >>> languages_for([ROOT / "src" / "lessons" / "ols.py"], ("ko",))
    ['ko']
    """
    wanted: set[str] = set()
    for path in changed:
        parts = path.relative_to(ROOT).parts if path.is_relative_to(ROOT) else ()
        if parts[:1] == ("book",) and len(parts) > 2 and parts[1] in LANGS:
            wanted.add(parts[1])
            if parts[1:] != ("en", "index.md"):
                continue
        wanted |= set(LANGS)
    return [lang for lang in LANGS if lang in wanted and lang in chosen]


class Rebuild:
    """The watcher's callback (run in a worker process, so it must pickle)."""

    def __init__(self, chosen: tuple[str, ...], jobs: str):
        self.chosen, self.jobs = chosen, jobs

    def __call__(self, *, changed_paths) -> None:
        langs = languages_for(list(changed_paths), self.chosen)
        if FAILED_MARK.exists():  # the failure page stays until every language builds again
            langs = list(self.chosen)
        if langs:
            names = ", ".join(str(p.relative_to(ROOT)) for p in changed_paths[:5])
            print(f"serve: changed {names}; rebuilding {' and '.join(langs)}", flush=True)
            build_languages(langs, self.jobs)


def failure_page() -> str:
    return (
        "<!DOCTYPE html><meta charset='utf-8'><title>Build failed</title>"
        "<h1>The last build failed</h1><p>Fix the page and save it: the site "
        "rebuilds by itself and this tab reloads.</p><pre>"
        + html.escape(FAILED_MARK.read_text(encoding="utf-8"))
        + "</pre>"
    )


def make_app(chosen: tuple[str, ...], jobs: str, host: str):
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from sphinx_autobuild.server import RebuildServer
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    static = StaticFiles(directory=SITE, html=True, check_dir=False)

    async def site(scope, receive, send):
        """The site -- or, after a failed build, a page that says so (never a stale site)."""
        if FAILED_MARK.exists():
            await HTMLResponse(failure_page(), status_code=503)(scope, receive, send)
        else:
            await static(scope, receive, send)

    watcher = RebuildServer(
        WATCHED, IgnoreFilter([], IGNORED), change_callback=Rebuild(chosen, jobs)
    )
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=site, name="site"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=host)],
        lifespan=watcher.lifespan,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", nargs="+", choices=LANGS, default=list(LANGS))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--jobs", default=os.environ.get("SPHINXJOBS", "auto"))
    args = parser.parse_args()
    chosen = tuple(lang for lang in LANGS if lang in args.lang)
    # first build: the chosen languages, and any other that was never built (the site needs both)
    first = [
        lang
        for lang in LANGS
        if lang in chosen or not (BUILD / lang / "html" / "index.html").exists()
    ]
    build_languages(first, args.jobs)
    import uvicorn

    host = f"127.0.0.1:{args.port}"
    print(
        f"serve: http://{host}/ (rebuilds {' and '.join(chosen)} on save; Ctrl-C stops)", flush=True
    )
    uvicorn.run(
        make_app(chosen, args.jobs, host), host="127.0.0.1", port=args.port, log_level="warning"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
