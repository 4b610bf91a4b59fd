"""What a person must look at: every review flag on every stored record, spend source and spend row,
public and private, every sheet of a spend source that was not read, and every duty of the Order
that is not met (opcc.checks.duties)."""

from __future__ import annotations

from opcc.checks.duties import check, unknown_duties
from opcc.core.settings import Settings
from opcc.gate import unpublished_records
from opcc.spend_data import SPEND_DIR, describe_ledger, load_ledgers, load_spend
from opcc.store import Store, record_kinds


def review_items(settings: Settings) -> list[str]:
    return flag_items(settings) + body_items(settings) + duty_items(settings)


def body_items(settings: Settings) -> list[str]:
    """A line for each record, and each body's spend, in data/ of a body the site does not publish."""
    store = Store(settings)
    lines = [f"{record.kind} {_label(record)} ({path.relative_to(settings.root)}): a record of {record.body}, "
             f"which this site does not publish; to publish it, name the body under publishes: in opcc.yml"
             for path, record in unpublished_records(store)]
    published = {body.slug for body in settings.bodies}
    spend = store.public / SPEND_DIR
    for folder in sorted(spend.glob("*/")) if spend.exists() else []:
        if folder.is_dir() and folder.name not in published:
            lines.append(f"spend {folder.relative_to(settings.root)}: the spend of a body this site does not "
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
    store = Store(settings)
    items = []
    for root in (store.public, store.private):
        for kind in record_kinds():
            if not (root / kind.folder).exists():
                continue
            for record in store.records(kind, root):
                label = _label(record)
                for flag in record.review:
                    where = f" (page {flag.page})" if flag.page else ""
                    items.append(f"{record.kind} {label}: {flag.field}: {flag.reason}{where}")
    for entry in load_ledgers(store.public):
        for reason in entry["review"]:
            items.append(f"spend source {entry['filename']}: {reason} ({describe_ledger(entry)})")
        for part in entry["tables"]:
            if part.get("not_read"):
                items.append(f"spend source {entry['filename']}: sheet {part['table']!r} not read ({part['not_read']})")
    spend = load_spend(store.public)
    for row in spend[spend["review"].notna()].itertuples():
        items.append(f"spend {row.date} {row.supplier} £{row.amount} (transaction {row.transaction_id}): {row.review}")
    return items
