"""Serve the built site/ for preview (``opcc serve``) and for the browser tests."""

from __future__ import annotations

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class SiteHandler(SimpleHTTPRequestHandler):
    # Pagefind fetches its WebAssembly and index chunks; give them the types a browser expects.
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".xml": "application/xml",
        ".json": "application/json",
    }

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
