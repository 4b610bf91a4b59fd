"""Whether a return's amounts are net of VAT or gross, by the words of the amount column's header.

The Local Government Transparency Code defines the amount as the net figure. Where a
return prints both, the vocabulary takes the net column (its words come first) and a
VAT column is never an amount. Where it prints one, that one is taken and its basis
recorded; where it prints several amount columns and the one taken does not say which
it is, the return is flagged: a person must say which is the payment.
"""

from __future__ import annotations

import re
from functools import cache

from ingest.tables.vocabulary import VOCAB_DIR, Vocabulary, header_key
from opcc.core.model import ReviewFlag
from opcc.core.yaml_io import read_yaml


@cache
def _basis_words(vocabulary: str) -> dict[str, list[str]]:
    raw = read_yaml(VOCAB_DIR / f"{vocabulary}.yml")
    return {basis: [header_key(w) for w in words] for basis, words in raw.get("amount_basis", {}).items()}


@cache
def basis_of(header: str, vocabulary: str) -> str | None:
    """``net``, ``gross`` or ``None`` for one amount header (``"Net Amount (£)"`` -> ``net``)."""
    key = f" {header_key(header)} "
    for basis, words in _basis_words(vocabulary).items():
        if any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", key) for word in words):
            return basis
    return None


def net_first(header: list[str], columns: dict[int, str], vocabulary: Vocabulary, name: str) -> dict[int, str]:
    """The column map with the amount moved to the net column, where the header's words took a
    gross or unqualified column but another column's heading says net ("Nett", "Value Excl VAT")."""
    taken = next((i for i, field in columns.items() if field == "amount"), None)
    if taken is None or basis_of(header[taken], name) == "net":
        return columns
    net = [
        i for i, cell in enumerate(header)
        if i != taken and basis_of(cell, name) == "net" and header_key(cell) not in vocabulary.other
        and columns.get(i) in (None, "amount")
    ]
    if len(net) != 1:
        return columns
    moved = {i: field for i, field in columns.items() if i != taken}
    moved[net[0]] = "amount"
    return dict(sorted(moved.items()))


def amount_basis(headers: list[list[str]], columns: list[dict[int, str]], vocabulary: Vocabulary,
                 name: str) -> tuple[str | None, list[ReviewFlag]]:
    """The basis of a return's amounts from its tables' headers and column maps, and any flag."""
    found: set[str | None] = set()
    flags = []
    for header, mapping in zip(headers, columns, strict=True):
        taken = [i for i, field in mapping.items() if field == "amount"]
        if not taken:
            continue
        basis = basis_of(header[taken[0]], name)
        found.add(basis)
        rivals = [h for i, h in enumerate(header) if i != taken[0] and (m := vocabulary.match(h)) and m.field == "amount"]
        if basis is None and rivals:
            flags.append(ReviewFlag(field="amount", reason=(
                f"the return prints several amount columns and the one read ({header[taken[0]].strip()!r}) "
                "does not say whether it is net of VAT: check which is the payment"
            )))
    if len(found) > 1:
        flags.append(ReviewFlag(field="amount", reason="the return's tables print amounts on different bases (net, gross)"))
        return None, flags
    return next(iter(found), None), flags
