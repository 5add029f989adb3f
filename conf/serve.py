"""`make serve`: serve the site on 127.0.0.1 and rebuild when a source changes.

Watches `book/`, `src/lessons/` and `conf/`; on a change it runs `make html`
(which re-executes only what changed) and the browser tab can simply be
reloaded. Uses only the standard library.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "site"
WATCHED = [ROOT / "book", ROOT / "src" / "lessons", ROOT / "conf"]
PORT = int(os.environ.get("PORT", "8000"))


def snapshot() -> dict[Path, float]:
    return {path: path.stat().st_mtime for folder in WATCHED for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


def watch() -> None:
    before = snapshot()
    while True:
        time.sleep(1.0)
        now = snapshot()
        if now != before:
            changed = sorted(str(p.relative_to(ROOT)) for p in set(now) ^ set(before)
                             | {p for p in now if before.get(p) != now[p]})
            print(f"changed: {', '.join(changed[:5])}; rebuilding …", flush=True)
            subprocess.run(["make", "--no-print-directory", "html"], cwd=ROOT)
            before = snapshot()


def main() -> None:
    threading.Thread(target=watch, daemon=True).start()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(SITE))
    with http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler) as httpd:
        print(f"serving {SITE} on http://127.0.0.1:{PORT}/ (Ctrl-C stops)", flush=True)
        httpd.serve_forever()


if __name__ == "__main__":
    main()
