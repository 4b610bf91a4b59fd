"""Published source files: copied into ``site/sources/`` under their own SHA-256 (as in
``data/sources/``: a name that never collides and says nothing withheld), and linked with the
``download`` attribute under a name a reader can file: ``OPCC.D.033.23 – Sale of IP Addresses.pdf``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

from opcc.site.context import BuildContext
from opcc.store import Store

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows, macOS or Linux refuse in a file name
LONGEST = 120  # characters before the extension: long titles are cut, not the extension


def public_files(ctx: BuildContext) -> dict[str, Path]:
    """SHA-256 -> the public copy in data/sources/, of every source file that may be published;
    the source index read once a build (``Store.source_path`` reads it on each call)."""
    if "public_files" not in ctx.cache:
        store = Store(ctx.settings)
        folder = store.public / "sources"
        ctx.cache["public_files"] = {sha256: folder / entry["file"]
                                     for sha256, entry in store.source_index(store.public).items()
                                     if (folder / entry["file"]).exists()}
    return ctx.cache["public_files"]


def url_of(path: Path) -> str:
    """Where a published source file lives, relative to the site root."""
    return f"sources/{path.name}"


def download_name(label: str | None, filename: str) -> str:
    """``label`` as a file name with the extension of ``filename``; ``filename`` itself without a label."""
    name = UNSAFE.sub("-", label or "").strip(" .-")
    if not name:
        return filename
    return name[:LONGEST].rstrip(" .-") + PurePath(filename).suffix.lower()


def publish_file(ctx: BuildContext, path: Path) -> str:
    """Copy a public source file into the site (once); returns its URL under the site root."""
    url = url_of(path)
    target = ctx.site_dir / url
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return url
