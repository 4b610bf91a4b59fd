"""Serve the built site/ for preview (``opcc serve``) and for the browser tests."""

from __future__ import annotations

import functools
import gzip
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
"""What GitHub Pages (and any ordinary static host) sends gzip-compressed; previews and
measurements should see the same bytes as the published site does."""


@functools.lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class SiteHandler(SimpleHTTPRequestHandler):
    # Pagefind fetches its WebAssembly and index chunks; give them the types a browser expects.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".xml": "application/xml",
        ".json": "application/json",
    }

    def translate_path(self, path: str) -> str:
        # The site's pages link relatively, but its 404 page cannot (it answers any address), so
        # it links from the path of the published site (/opcc/ for example.github.io/opcc/):
        # serve the site under that path as well as at the root.
        base = self.server.base  # type: ignore[attr-defined]
        if base != "/" and (path == base.rstrip("/") or path.startswith(base)):
            path = "/" + path[len(base):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page is answered with the site's own 404 page, as GitHub Pages does."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # the stdlib redirects to the folder's URL with a slash
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and ctype.startswith(COMPRESSED_TYPES)):
            return super().do_GET()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0, verbose: bool = False,
                base: str = "/") -> ThreadingHTTPServer:
    """A server for site_dir, not yet started; port 0 picks a free port (``server.server_port``).
    ``base`` is the path the site is published under (that of site.url in opcc.yml): the site is
    served there too, so that its 404 page, which links from it, finds its style sheets."""
    if not (Path(site_dir) / "index.html").exists():
        raise FileNotFoundError(f"{site_dir}: no built site (run `opcc build` first)")
    server = ThreadingHTTPServer((host, port), functools.partial(SiteHandler, directory=str(site_dir)))
    server.verbose = verbose  # type: ignore[attr-defined]
    server.base = "/" + base.strip("/") + "/" if base.strip("/") else "/"  # type: ignore[attr-defined]
    return server


def serve(site_dir: Path, host: str, port: int, base: str = "/") -> None:
    try:
        server = make_server(site_dir, host, port, verbose=True, base=base)
    except OSError as exc:  # a port in use, or nothing built yet: one line, no traceback
        raise SystemExit(f"opcc: serve: {exc.strerror or exc} ({host}:{port})") from None
    print(f"Serving {site_dir} at http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
