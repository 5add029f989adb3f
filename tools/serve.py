"""`make serve`: serve the site on 127.0.0.1 and rebuild when a source changes.

Watches `book/`, `src/lessons/` and `conf/`; on a change it runs `make html`
(which re-executes only what changed) and the browser tab can simply be
reloaded. Uses only the standard library.
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bookinfo import ROOT, SITE  # noqa: E402
from build import FAILED_MARK  # noqa: E402

WATCHED = [ROOT / "book", ROOT / "src" / "lessons", ROOT / "conf"]


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site -- or, after a failed build, a page that says so (never a stale site)."""

    def do_GET(self):
        if FAILED_MARK.exists():
            body = (
                "<!DOCTYPE html><meta charset='utf-8'><title>Build failed</title>"
                "<h1>The last build failed</h1><p>Fix the page and save it: the site "
                "rebuilds by itself.</p><pre>"
                + html.escape(FAILED_MARK.read_text(encoding="utf-8"))
                + "</pre>"
            ).encode()
            self.send_response(503)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


PORT = int(os.environ.get("PORT", "8000"))


def snapshot() -> dict[Path, float]:
    return {
        path: path.stat().st_mtime
        for folder in WATCHED
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def watch() -> None:
    before = snapshot()
    while True:
        time.sleep(1.0)
        now = snapshot()
        if now != before:
            changed = sorted(
                str(p.relative_to(ROOT))
                for p in set(now) ^ set(before) | {p for p in now if before.get(p) != now[p]}
            )
            print(f"changed: {', '.join(changed[:5])}; rebuilding …", flush=True)
            subprocess.run(["make", "--no-print-directory", "html"], cwd=ROOT)
            before = snapshot()


def main() -> None:
    threading.Thread(target=watch, daemon=True).start()
    handler = functools.partial(Handler, directory=str(SITE))
    with http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler) as httpd:
        print(f"serving {SITE} on http://127.0.0.1:{PORT}/ (Ctrl-C stops)", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
