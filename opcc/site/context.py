"""What every page generator is handed: settings, gated data, folders and the templates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml
from markupsafe import escape

from opcc.core.files import atomic_write_text
from opcc.core.settings import Settings
from opcc.gate import PublicData
from opcc.history import History

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def inert(value: object) -> str:
    """Text from a source document as plain text: control characters dropped, then HTML-escaped.

    Generated pages put every value inside raw HTML blocks, where Markdown is not
    interpreted, so escaping HTML keeps ``<script>``, ``[x](javascript:)`` and ``{{ }}``
    inert. Backticks and tildes are escaped too: MkDocs' fenced-code extension reads
    a line of ``` or ~~~ before raw HTML blocks are set aside.
    """
    text = _CONTROL.sub("", "" if value is None else str(value))
    return str(jinja2.utils.markupsafe.escape(text)).replace("`", "&#96;").replace("~", "&#126;")


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its extension: values are never trusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.finalize = _strip_controls
    return env


def _strip_controls(value: object) -> object:
    """Every value printed by a template made inert; Markup (a macro's own output) is already safe."""
    if isinstance(value, jinja2.utils.markupsafe.Markup):
        return jinja2.utils.markupsafe.Markup(_CONTROL.sub("", value))
    return jinja2.utils.markupsafe.Markup(inert(value)) if isinstance(value, str) else value


@dataclass
class BuildContext:
    settings: Settings
    public: PublicData
    docs_dir: Path  # the generated Markdown tree MkDocs builds from
    site_dir: Path  # the finished site
    env: jinja2.Environment = field(default_factory=environment)
    history: History | None = None  # the git history of data/: first published, last updated
    duties: list = field(default_factory=list)  # the duty checker's results (opcc.checks.duties.Result)
    cache: dict = field(default_factory=dict)  # what several generators compute once per build
    updated: dict = field(default_factory=dict)  # page path (docs relpath) -> the day its records last changed

    def __post_init__(self) -> None:
        if self.history is None:
            self.history = History.of(self.settings.data_dir)

    def write_page(self, relpath: str, template: str, *, title: str, meta: dict | None = None,
                   updated: dt.date | None = None, description: str | None = None, **values) -> None:
        """Render a page template to ``docs_dir/relpath`` with YAML front matter (title, search meta).

        ``updated``: the day the page's records last changed, for the sitemap; a page given its
        record's ``dates`` (:class:`opcc.site.dates.Dates`) takes it from them. ``description``: the
        page's meta description (else the site's), escaped here: Material prints it as it is."""
        if description:
            meta = {**(meta or {}), "description": str(escape(" ".join(description.split())[:300]))}
        dates = values.get("dates")
        updated = updated or getattr(dates, "last_updated", None)
        if updated:
            self.updated[relpath] = updated
        # Pages are written as HTML, so Material's table of contents (built from Markdown headings)
        # would be an empty "Table of contents" landmark on every page: hidden.
        front = yaml.safe_dump({"title": title, "hide": ["toc"], **(meta or {})}, allow_unicode=True, sort_keys=True)
        body = self.env.get_template(template).render(settings=self.settings, title=title, **values)
        atomic_write_text(self.docs_dir / relpath, f"---\n{front}---\n\n{body}")

    def write_file(self, relpath: str, text: str) -> Path:
        """Write a file straight into the finished site (downloads, data shards, feeds)."""
        path = self.site_dir / relpath
        atomic_write_text(path, text)
        return path
