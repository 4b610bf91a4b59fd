"""The ``opcc`` command: a thin face over the library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ingest.errors import RefusedInput
from opcc.core.registry import KIND_MODULES
from opcc.core.settings import load_settings


def fail(path: Path | str, reason: str, code: int = 2) -> None:
    """One line on stderr naming the file and the reason, and the exit status."""
    click.echo(f"opcc: {path}: {reason}", err=True)
    sys.exit(code)


@click.group()
@click.version_option(package_name="opcc", message="opcc %(version)s")
@click.option("--settings", "settings_path", type=click.Path(dir_okay=False), default=None,
              help="The publishing body's settings file (default: ./opcc.yml or $OPCC_SETTINGS).")
@click.pass_context
def main(ctx: click.Context, settings_path: str | None) -> None:
    """Publish a Police and Crime Commissioner's open data: sources -> ingest -> data/ -> site."""
    ctx.obj = {"settings_path": settings_path}


def _settings(ctx: click.Context):
    try:
        return load_settings(ctx.obj["settings_path"])
    except (FileNotFoundError, ValueError) as exc:
        fail("settings", str(exc).splitlines()[0])


@main.command("extract")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON (the default and only format).")
@click.option("--kind", type=click.Choice(KIND_MODULES), default=None,
              help="Force the kind of document instead of detecting it.")
def extract_cmd(file: Path, as_json: bool, kind: str | None) -> None:
    """Read one source file and print its record as one JSON object."""
    from ingest.extract import extract

    try:
        record = extract(file, kind)
    except RefusedInput as exc:
        fail(file, str(exc))
    except Exception as exc:  # noqa: BLE001 - never a traceback for a bad input
        fail(file, f"could not be read ({type(exc).__name__}: {exc})")
    click.echo(json.dumps(record.model_dump(mode="json"), ensure_ascii=False, indent=1))


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--kind", type=click.Choice(KIND_MODULES), default=None,
              help="Read every file as this kind of record instead of detecting it.")
@click.option("--jobs", type=int, default=None, help="Worker processes (default: one per core).")
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[Path, ...], kind: str | None, jobs: int | None) -> None:
    """Ingest source files and folders into data/ (withheld records into the private store).

    Lists every file with its outcome (new, updated, unchanged, failed, or skipped with the reason),
    then a summary; a failure, a warning and a source's skipped or flagged rows are also said on stderr."""
    from opcc.batch import STATUSES, ingest_paths, skipped_files, summarise
    from opcc.store import Store, StoreBusy

    store = Store(_settings(ctx))
    try:
        outcomes = ingest_paths(list(paths), store, kind=kind, jobs=jobs, progress=sys.stderr.isatty())
    except StoreBusy as exc:
        fail("ingest", str(exc), 3)
    for outcome in outcomes:
        click.echo(f"{outcome.status}: {outcome.path}" + (f": {outcome.reason}" if outcome.reason else ""))
        if outcome.status == "failed":
            click.echo(f"opcc: {outcome.path}: {outcome.reason}", err=True)
        for warning in outcome.warnings:
            click.echo(f"opcc: {outcome.path}: warning: {warning}", err=True)
        if outcome.ledger and (outcome.warnings or "not read" in outcome.ledger or "unreadable" in outcome.ledger):
            click.echo(f"opcc: {outcome.path}: {outcome.ledger}", err=True)
    skipped = skipped_files(list(paths))
    for path, reason in skipped:
        click.echo(f"skipped: {path}: {reason}")
    counts = summarise(outcomes)
    click.echo(", ".join(f"{counts.get(status, 0)} {status}" for status in STATUSES) + f", {len(skipped)} skipped")
    if counts.get("failed"):
        sys.exit(1)


@main.command("review")
@click.pass_context
def review_cmd(ctx: click.Context) -> None:
    """List what needs a person's look before it is trusted or published."""
    from opcc.checks.review import review_items

    items = review_items(_settings(ctx))
    for item in items:
        click.echo(item)
    click.echo(f"{len(items)} item(s) to review")


@main.command("check")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Check as on this day (YYYY-MM-DD) instead of today (or checks.as_of in opcc.yml).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per duty instead of a line each.")
@click.pass_context
def check_cmd(ctx: click.Context, as_of, as_json: bool) -> None:
    """Whether each duty of the Order is met, missing, late, due or waived; exit 1 if a verified one fails."""
    from opcc.checks.duties import check, summary

    try:
        results = check(_settings(ctx), as_of.date() if as_of else None)
    except ValueError as exc:
        fail("check", str(exc).splitlines()[0])
    if as_json:
        click.echo(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=1))
    else:
        for r in results:
            mark = "FAIL" if r.fails else "warn" if r.warns else "    "
            reason = f": {r.reason}" if r.reason else ""
            click.echo(f"{mark} {r.status:<8} {r.duty.id:<34} [{r.certainty}] {r.rule}{reason}")
    click.echo(summary(results), err=as_json)
    if any(r.fails for r in results):
        sys.exit(1)


@main.command("schema")
@click.option("--out", type=click.Path(path_type=Path), default=None, help="Folder (default: data/schema).")
@click.pass_context
def schema_cmd(ctx: click.Context, out: Path | None) -> None:
    """Write the JSON Schemas of the record model."""
    from opcc.schema import write_schemas

    for path in write_schemas(out or _settings(ctx).data_dir / "schema"):
        click.echo(path)


@main.command("build")
@click.pass_context
def build_cmd(ctx: click.Context) -> None:
    """Build the static site from data/ into site/, index it for search and check it."""
    from opcc.site.build import build_site

    try:
        report = build_site(_settings(ctx))
    except RuntimeError as exc:
        fail("build", str(exc), 1)
    click.echo(report)


@main.command("serve")
@click.option("--port", type=int, default=8000, show_default=True, help="The port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to serve on (0.0.0.0 to let other machines see the preview).")
@click.pass_context
def serve_cmd(ctx: click.Context, port: int, host: str) -> None:
    """Serve the built site/ for preview."""
    from urllib.parse import urlsplit

    from opcc.site.serve import serve

    settings = _settings(ctx)
    serve(settings.site_dir, host, port, base=urlsplit(settings.site.url).path)


@main.command("scan")
@click.pass_context
def scan_cmd(ctx: click.Context) -> None:
    """Search site/ and the repository for any withheld text (the leak scan)."""
    from opcc.checks.leakscan import scan

    hits = scan(_settings(ctx))
    for hit in hits:
        click.echo(f"opcc: {hit}", err=True)
    if hits:
        sys.exit(1)
    click.echo("leak scan: nothing withheld found")


@main.command("paper")
@click.argument("selection", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("draft"), show_default=True,
              help="Folder the draft is written to.")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The paper's date (default: today).")
@click.option("--name", default=None, help="File name of the draft, without .md/.docx "
                                           "(default: update-on-expenditure-DATE).")
@click.pass_context
def paper_cmd(ctx: click.Context, selection: Path, out: Path, date, name: str | None) -> None:
    """Draft a paper to the Police and Crime Panel on the payments in SELECTION (a CSV of published spend)."""
    from opcc.gate import public_data
    from opcc.scrutiny.paper import SelectionError, write_paper
    from opcc.store import Store

    settings = _settings(ctx)
    try:
        written = write_paper(selection, out, public_data(Store(settings)), settings,
                              date.date() if date else None, name)
    except SelectionError as error:
        fail(selection, str(error).removeprefix(f"{selection}: "))
    for path in written:
        click.echo(f"wrote {path}")


if __name__ == "__main__":
    main()
