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


def make_server(site_dir: Path, host: str = "127.0.0.1", port: int = 0, verbose: bool = False) -> ThreadingHTTPServer:
    """A server for site_dir, not yet started; port 0 picks a free port (``server.server_port``)."""
    if not (Path(site_dir) / "index.html").exists():
        raise FileNotFoundError(f"{site_dir}: no built site (run `opcc build` first)")
    server = ThreadingHTTPServer((host, port), functools.partial(SiteHandler, directory=str(site_dir)))
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def serve(site_dir: Path, host: str, port: int) -> None:
    try:
        server = make_server(site_dir, host, port, verbose=True)
    except OSError as exc:  # a port in use, or nothing built yet: one line, no traceback
        raise SystemExit(f"opcc: serve: {exc.strerror or exc} ({host}:{port})") from None
    print(f"Serving {site_dir} at http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
