"""What a person must look at: every review flag on every stored record, spend source and spend row,
public and private, and every sheet of a spend source that was not read."""

from __future__ import annotations

from opcc.core.settings import Settings
from opcc.spend_data import describe_ledger, load_ledgers, load_spend
from opcc.store import Store, record_kinds


def review_items(settings: Settings) -> list[str]:
    store = Store(settings)
    items = []
    for root in (store.public, store.private):
        for kind in record_kinds():
            if not (root / kind.folder).exists():
                continue
            for record in store.records(kind, root):
                label = getattr(record, "reference", None) or getattr(record, "title", None) or record.kind
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
