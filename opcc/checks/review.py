"""What a person must look at: every review flag on every stored record, spend source and spend row,
public and private, every sheet of a spend source that was not read, and every duty of the Order
that is not met (opcc.checks.duties)."""

from __future__ import annotations

import re
from pathlib import Path

from opcc.checks.duties import check, unknown_duties
from opcc.core.settings import Settings
from opcc.gate import public_data, unpublished_records
from opcc.scrutiny.match import unsure_items
from opcc.spend_data import (
    SPEND_DIR,
    describe_ledger,
    ledger_path,
    load_ledgers,
    load_spend,
    month_path,
    overrides_path,
)
from opcc.store import OVERRIDES_SUFFIX, Store, record_kinds


def review_items(settings: Settings) -> list[str]:
    return flag_items(settings) + body_items(settings) + duty_items(settings)


def body_items(settings: Settings) -> list[str]:
    """A line for each record, and each body's spend, in data/ of a body the site does not publish."""
    store = Store(settings)
    lines = [f"{record.kind} {_label(record)} ({_relative(settings, path)}): a record of {record.body}, "
             f"which this site does not publish; to publish it, name the body under publishes: in opcc.yml"
             for path, record in unpublished_records(store)]
    published = {body.slug for body in settings.bodies}
    spend = store.public / SPEND_DIR
    for folder in sorted(spend.glob("*/")) if spend.exists() else []:
        if folder.is_dir() and folder.name not in published:
            lines.append(f"spend {_relative(settings, folder)}: the spend of a body this site does not "
                         f"publish ({folder.name}); to publish it, name the body under publishes: in opcc.yml")
    return lines


def _label(record) -> str:
    return getattr(record, "reference", None) or getattr(record, "title", None) or record.kind


def duty_items(settings: Settings) -> list[str]:
    """A line for each duty missing or late (verified ones first), and each record naming no known duty."""
    results = [r for r in check(settings) if r.fails or r.warns]
    lines = [f"duty {r.duty.id}: {r.status}{' (verified: fails opcc check)' if r.fails else ' (unverified rule: a warning)'}"
             f": {r.reason}. What would meet it: {r.duty.meets}" for r in sorted(results, key=lambda r: not r.fails)]
    return lines + unknown_duties(settings)


def flag_items(settings: Settings) -> list[str]:
    """A line for each flag: what, the file it is in, and what a person writes to clear it."""
    store = Store(settings)
    items = []
    for root in (store.public, store.private):
        for kind in record_kinds():
            if not (root / kind.folder).exists():
                continue
            for path, record in store.record_files(kind, root):
                # Corrections go beside the record in data/, for a held record too (beside its stub).
                overrides = _relative(settings, _overrides(store.public / path.relative_to(root)))
                for flag in record.review:
                    where = f" (page {flag.page})" if flag.page else ""
                    items.append(f"{record.kind} {_label(record)}: {flag.field}: {flag.reason}{where} "
                                 f"[{_relative(settings, path)}; to clear: in {overrides}, give the right "
                                 f"{flag.field}, or list it under reviewed: if it is right]")
    spend = store.public / SPEND_DIR
    for folder in sorted(p for p in spend.glob("*") if p.is_dir()) if spend.exists() else []:
        for entry in load_ledgers(store.public, folder.name):
            ledger = _relative(settings, ledger_path(store.public, folder.name, entry["source"]))
            fix = (f"[{ledger}; to clear: correct its rows in their months' overrides files, or correct the "
                   f"source and ingest it again]")
            for reason in entry["review"]:
                items.append(f"spend source {entry['filename']}: {reason} ({describe_ledger(entry)}) {fix}")
            for part in entry["tables"]:
                if part.get("not_read"):
                    items.append(f"spend source {entry['filename']}: sheet {part['table']!r} not read "
                                 f"({part['not_read']}) {fix}")
    rows = load_spend(store.public)
    for row in rows[rows["review"].notna()].itertuples():
        month = row.date[:7] if re.match(r"\d{4}-\d{2}", str(row.date)) else None
        csv = month_path(store.public / SPEND_DIR / row.body, month)
        items.append(f"spend {row.date} {row.supplier} £{row.amount} (transaction {row.transaction_id}): {row.review} "
                     f"[{_relative(settings, csv)}; to clear: in {_relative(settings, overrides_path(csv))}, under "
                     f"'{row.row_key}': give the row's right values, and review: null]")
    if store.panel_reports():
        public = public_data(store)  # papers are matched to the payments the site publishes
        items += unsure_items(public.panel_reports, public.spend)
    return items


def _overrides(record_path: Path) -> Path:
    return record_path.with_name(record_path.name.removesuffix(".yaml") + OVERRIDES_SUFFIX)


def _relative(settings: Settings, path: Path) -> str:
    """A path as a person in the project folder types it (the private store may be elsewhere)."""
    try:
        return path.relative_to(settings.root).as_posix()
    except ValueError:
        return str(path)
