"""What a person must look at: every review flag on every stored record and spend row, public and private."""

from __future__ import annotations

from opcc.core.settings import Settings
from opcc.spend_data import load_spend
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
    spend = load_spend(store.public)
    for row in spend[spend["review"].notna()].itertuples():
        items.append(f"spend {row.date} {row.supplier} £{row.amount} (transaction {row.transaction_id}): {row.review}")
    return items
