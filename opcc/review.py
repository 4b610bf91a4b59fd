"""What a person must look at: every review flag on every stored record, public and private."""

from __future__ import annotations

from opcc.settings import Settings
from opcc.store import Store


def review_items(settings: Settings) -> list[str]:
    store = Store(settings)
    items = []
    for root in (store.public, store.private):
        for kind in ("decision", "panel_report"):
            folder = root / {"decision": "decisions", "panel_report": "panel_reports"}[kind]
            if not folder.exists():
                continue
            for record in store.records(kind, root):
                label = getattr(record, "reference", None) or getattr(record, "title", None) or record.kind
                for flag in record.review:
                    where = f" (page {flag.page})" if flag.page else ""
                    items.append(f"{record.kind} {label}: {flag.field}: {flag.reason}{where}")
    return items
