"""What a person must look at: every review flag on every stored record, spend source and spend row,
public and private, every sheet of a spend source that was not read, and every duty of the Order
that is not met (opcc.checks.duties)."""

from __future__ import annotations

from opcc.checks.duties import check, unknown_duties
from opcc.core.settings import Settings
from opcc.gate import public_data
from opcc.scrutiny.match import unsure_items
from opcc.spend_data import describe_ledger, load_ledgers, load_spend
from opcc.store import Store, record_kinds


def review_items(settings: Settings) -> list[str]:
    return flag_items(settings) + duty_items(settings)


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
    if store.panel_reports():
        public = public_data(store)  # papers are matched to the payments the site publishes
        items += unsure_items(public.panel_reports, public.spend)
    return items
