"""From raw cells to canonical spend columns, vectorised: the one place values are read.

Every reader (CSV, XLSX, XLS, PDF table, OCR lines) ends by handing
:func:`build_frame` a table of raw text cells whose columns are already named by
field (``date``, ``supplier``, ``amount``, ...). This module then, in order:

1. collapses whitespace in the text cells;
2. drops blank rows (no date, supplier or amount: spacers, sentinels), rows that only
   carry a label (a section heading, a note) and printed totals (:mod:`ingest.spend.totals`);
3. reads amounts into exact decimal strings and dates into ISO strings, flagging
   the rows whose cells cannot be read exactly, and drops the rows with neither a
   readable date nor a readable amount: they are not payments (junk, a wrapped
   note), and the return is flagged for them;
4. marks redactions and suppliers that may be private individuals.

Every row dropped is counted by why and by the table it came from (its ``part``),
so the return's ledger (:mod:`ingest.spend.ledger`) accounts for it.

The work is done on Arrow arrays with pyarrow's compute kernels: amounts are read
with string operations over the whole column and never pass through ``float``.
Work that depends only on a cell's text (dates, text clean-up, redaction) is done
once per distinct value and spread back, since a month of payments has a few dozen
dates and a few hundred suppliers.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pyarrow as pa
import pyarrow.compute as pc

from ingest.dates import numeric_order, parse_date
from ingest.money import CELL_PATTERN, parse_amount
from opcc.core.kinds.expenditure import SPEND_COLUMNS
from opcc.core.model import ReviewFlag, TableLedger
from opcc.core.privacy import PRIVATE_INDIVIDUAL, capitalised_phrase, is_private_individual, redaction_label
from opcc.core.text import collapse, comparable

from .totals import TEXT_FIELDS, reconcile, return_total, total_rows

RAW_FIELDS = ("date", "amount", *TEXT_FIELDS)

PART = "part"
"""The raw column saying which of a source's tables (a sheet, say) a row is from."""
ROW = "__row"
"""Each row's place in the source's rows, kept through the filters (totals are read in that order)."""

PADDING = "\u2020"
"""Some Oracle report dumps print a dagger where the report had padding (Lambeth); it is whitespace."""
WHITESPACE = " \t\r\n\u00a0\u202f" + PADDING

UNIQUE_PER_ROW = ("amount", "transaction_id")
"""Columns whose values are mostly distinct: trimmed in one vectorised pass instead of per value."""

_SPACES = "[\u00a0\u202f\u2009]"  # no-break and thin spaces, as opcc.core.text.normalise maps them to " "
_MINUS = "[\u2212\u2010-\u2015]"  # typographic minus signs and dashes, mapped to "-" the same way
_CANONICAL = r"^-?(?:0|[1-9]\d*)\.\d\d$"  # and not "-0.00": one pattern without alternatives is RE2's fastest
_BRACKETED = r"^\(?(?:0|[1-9]\d{0,2}(?:,\d{3})*)\.\d\d\)?$"  # brackets must pair: checked below

_FLOAT_NOISE = r"^\s*-?\d+\.\d\d(?:0{6,}|9{6,})\d{0,4}\s*$"
"""``1136.8400000000001``: a binary float written with 17 digits by an export; it is the penny amount."""

SHORT_DATE = 20
"""A cell this long that holds a date is a date ("4 April 2018"), not a note that mentions one."""

_FUSED_DATE_AMOUNT = re.compile(r"\d{1,2}/\d{1,2}/\d{4}\d+(?:\.\d+)?")
"""``25/06/2012900``: an export that lost the separator between date and amount."""


@dataclass
class SpendMetadata:
    """What a reader learnt about a file beside its rows."""

    body: str | None = None
    period: str | None = None
    total: Decimal | None = None
    review: list[ReviewFlag] = field(default_factory=list)
    heading: list[str] = field(default_factory=list)
    skipped: dict[str, Counter] = field(default_factory=dict)
    """Rows dropped as not payments, by why (``blank``, ``note``, ``total``, ``unreadable``), per part."""
    amount_basis: str | None = None
    """``net`` or ``gross``, as the amount column's header says (:mod:`ingest.spend.basis`)."""
    read: Counter = field(default_factory=Counter)
    """Rows read as payments, per part."""
    unreadable_example: str | None = None
    """Why one of the unreadable rows could not be read, for the flag a person sees."""
    details: dict[str, str] = field(default_factory=dict)
    ledger: list[TableLedger] = field(default_factory=list)

    @property
    def dropped_blank_rows(self) -> int:
        return sum(self.skipped.get("blank", Counter()).values())

    @property
    def dropped_label_rows(self) -> int:
        return sum(self.skipped.get("note", Counter()).values())


# --- helpers ----------------------------------------------------------------------------------

Column = pa.ChunkedArray | pa.Array
STRING = pa.string()
REMEMBERED_VALUES = 1 << 16  # per job, across the files one process reads


def distinct(values: Column) -> pa.DictionaryArray:
    """The column as its distinct values and an index into them (null cells have a null index)."""
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    return pc.dictionary_encode(values)


def per_distinct(
    values: Column | pa.DictionaryArray, job: Callable[[str], object], kind: pa.DataType = STRING
) -> pa.Array:
    """``job`` (a function of the cell alone) applied once per distinct non-null value and spread back; null cells stay null."""
    encoded = values if isinstance(values, pa.DictionaryArray) else distinct(values)
    remembered = _remembering(job)
    results = pa.array([remembered(value) for value in encoded.dictionary.to_pylist()], type=kind)
    if results.equals(encoded.dictionary) and values.type == kind:
        return values  # the job changed nothing (text already clean): no need to spread it back
    return results.take(encoded.indices)


@functools.cache
def _remembering(job: Callable[[str], object]) -> Callable[[str], object]:
    """``job`` with a memory: returns repeat their suppliers, descriptions and dates month after month."""
    return functools.lru_cache(maxsize=REMEMBERED_VALUES)(job)


def join_reasons(reasons: list[Column]) -> Column:
    """Several review-reason columns (null = no reason) joined with ``"; "``; null where there is none."""
    given = [r for r in reasons if r.null_count < len(r)] or reasons[:1]
    out = given[0]
    for more in given[1:]:
        both = pc.binary_join_element_wise(out, more, "; ")  # null unless both have a reason
        out = pc.coalesce(both, out, more)
    return out


def clean_text(cell: str) -> str | None:
    return collapse(cell.replace(PADDING, " "))


def clean_column(values: Column, name: str) -> Column:
    """A field's cells with whitespace collapsed and empty cells as null."""
    if name in UNIQUE_PER_ROW:
        trimmed = pc.utf8_trim(values, WHITESPACE)
        return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.string()), trimmed)
    return per_distinct(values, clean_text)


# --- values ---------------------------------------------------------------------------------


def read_amounts(cells: Column) -> Column:
    """Exact decimal strings with two places (``"-1234.50"``); null where a cell is not exactly one amount.

    Agrees with :func:`ingest.money.parse_amount` (tested), but runs on a whole column.
    A column written in one common style throughout takes a path of a few passes; any
    other column the general one.
    """
    if _every(cells, pc.and_(pc.match_substring_regex(cells, _CANONICAL), pc.not_equal(cells, "-0.00"))):
        return cells  # "-1234.50" throughout, as modern exports write
    paired = pc.equal(pc.starts_with(cells, "("), pc.ends_with(cells, ")"))
    if _every(cells, pc.and_(pc.match_substring_regex(cells, _BRACKETED), paired)):
        # "1,234.56" and "(1,234.56)" throughout, as older finance systems write
        digits = pc.replace_substring(pc.utf8_trim(cells, "()"), ",", "")
        return _signed(digits, pc.starts_with(cells, "("))
    return _read_any_style(cells)


def _every(cells: Column, test: Column) -> bool:
    """Whether every non-empty cell passes the test."""
    return pc.all(test, skip_nulls=True).as_py() is not False


def _signed(digits: Column, negative: Column) -> Column:
    """Digits (``"1234.50"``) with a minus where negative; zero is never negative."""
    negative = pc.and_(negative, pc.not_equal(digits, "0.00"))
    return pc.if_else(negative, pc.binary_join_element_wise("-", digits, ""), digits)


def _read_any_style(cells: Column) -> Column:
    """Every style ``parse_amount`` reads: '£', spaces, brackets, minus signs, CR/DR, 0-2 decimals."""
    noisy = pc.match_substring_regex(cells, _FLOAT_NOISE)
    if pc.any(noisy).as_py():
        cells = pc.if_else(noisy, per_distinct(cells, _round_float_noise), cells)
    text = pc.replace_substring_regex(pc.replace_substring_regex(cells, _SPACES, " "), _MINUS, "-")
    brackets_pair = pc.equal(pc.count_substring(text, "("), pc.count_substring(text, ")"))
    one_sign = pc.less_equal(pc.count_substring(text, "-"), 1)
    valid = pc.and_(pc.and_(pc.match_substring_regex(text, CELL_PATTERN), brackets_pair), one_sign)
    # In a valid cell a minus can only be a sign, and the figure is its only digits and point.
    negative = pc.or_(pc.match_substring(text, "-"), pc.match_substring(text, "("))
    negative = pc.or_(negative, pc.match_substring_regex(text, r"C[Rr]\s*$"))
    digits = pc.utf8_ltrim(pc.replace_substring_regex(text, "[^0-9.]", ""), "0")
    digits = pc.if_else(pc.starts_with(digits, "."), pc.binary_join_element_wise("0", digits, ""), digits)
    digits = pc.if_else(pc.equal(digits, ""), "0", digits)
    point = pc.find_substring(digits, ".")
    places = pc.subtract(pc.subtract(pc.utf8_length(digits), point), 1)
    padding = pc.if_else(pc.equal(point, -1), ".00", pc.if_else(pc.equal(places, 1), "0", ""))
    digits = pc.binary_join_element_wise(digits, padding, "")
    return pc.if_else(valid, _signed(digits, negative), pa.scalar(None, pa.string()))


def _round_float_noise(cell: str) -> str:
    return f"{Decimal(cell.strip()).quantize(Decimal('0.01'))}"


def _iso_date(cell: str) -> str | None:
    date = parse_date(cell)
    return date.isoformat() if date else None


def _date_problem(cell: str) -> str | None:
    if parse_date(cell) is not None:
        return None
    if _FUSED_DATE_AMOUNT.fullmatch(cell):
        return f"date and amount fused in one field: {cell!r}"
    return f"date not readable: {cell!r}"


def spending_body(cell: str) -> str | None:
    """'PCC' or 'Chief Constable' when a body cell or heading names one of them."""
    text = comparable(cell)
    force = "chief constable" in text or "constabulary" in text
    commissioner = re.search(r"\bo?pf?cc\b|commissioner", text) is not None
    if force and commissioner:
        return None  # both named ("... Commissioner and Chief Constable"): the cell does not say which
    if force:
        return "Chief Constable"
    if commissioner:
        return "PCC"
    if re.fullmatch(r"cc|(?:the )?force", text) or re.search(r"\bpolice (?:force|service)\b", text):
        return "Chief Constable"  # the force's own spend, under the chief constable
    return None


def with_heading_body(raw: pa.Table, heading: list[str]) -> pa.Table:
    """``raw`` with a spending-body column from the lines above its table (``Chief Constable of
    Kent``), where no column gives one."""
    body = next((b for b in map(spending_body, heading) if b), None)
    given = raw.column("spending_body") if "spending_body" in raw.column_names else None
    if body is None or (given is not None and given.null_count < len(given)):
        return raw
    column = pa.repeat(pa.scalar(body, STRING), raw.num_rows)
    if given is None:
        return raw.append_column("spending_body", column)
    return raw.set_column(raw.column_names.index("spending_body"), "spending_body", column)


def _body_name(values: Column) -> str | None:
    """The publishing body from a body column that names an organisation rather than PCC/CC."""
    names = pc.unique(pc.drop_null(values)).to_pylist()
    if len(names) == 1 and spending_body(names[0]) is None and sum(ch.isalpha() for ch in names[0]) >= 4:
        return names[0]
    return None


@dataclass
class Labels:
    """Rows that only carry a label, and what the labels say of the rows under them."""

    rows: Column
    body: Column | None = None
    """Per row, the spending body the section it stands in is headed by (a label naming one)."""
    group: Column | None = None
    """Per row, the group heading it stands under ("Estates", "ICT"): its expense type, where the
    table has no column for one."""


def _label_rows(cells: dict[str, Column], blank: Column) -> Labels:
    """Rows that only carry a label: a section or group heading ("Chief Constable", "Estates") or a
    note under the table ("Report run on 05/05/2021"), with no amount and one text cell that is
    not just a date."""
    unpriced = pc.and_(pc.is_null(cells["amount"]), pc.invert(blank))
    if not pc.any(unpriced).as_py():  # the usual case: every row has its amount
        return Labels(pc.and_(unpriced, False))
    texts = [cells[name] for name in ("date", *TEXT_FIELDS)]
    filled = functools.reduce(pc.add, [pc.cast(pc.is_valid(t), pa.int8()) for t in texts])
    text = pc.coalesce(*texts)
    labels = pc.and_(pc.and_(unpriced, pc.equal(filled, 1)), per_distinct(text, _is_label, pa.bool_()))
    label_text = pc.if_else(labels, text, pa.scalar(None, STRING))
    body = per_distinct(label_text, spending_body)
    group = pc.if_else(pc.is_null(body), per_distinct(label_text, _group_heading), pa.scalar(None, STRING))
    # A heading holds for the rows under it until the next heading of its kind.
    return Labels(
        labels,
        pc.fill_null_forward(body) if body.null_count < len(body) else None,
        pc.fill_null_forward(pc.if_else(labels, pc.coalesce(group, ""), group)) if group.null_count < len(group) else None,
    )


GROUP_HEADING_WORDS = 6
"""A group heading is a few words ("Estates and Facilities"), without figures: not a note."""


def _group_heading(text: str) -> str | None:
    if len(text.split()) > GROUP_HEADING_WORDS or any(ch.isdigit() for ch in text) or text.endswith((".", ":")):
        return None
    return text


def _is_label(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and not (parse_date(text) and len(text) <= SHORT_DATE)


def _unread_dates(dates: pa.DictionaryArray, iso_dates: Column, absent: Column) -> Column:
    """Why each date cell that has text could not be read; null elsewhere (``absent`` when all were read)."""
    if iso_dates.null_count == dates.null_count:
        return absent
    return per_distinct(dates, _date_problem)


def _doubtful_dates(dates: pa.DictionaryArray, absent: Column) -> Column:
    """Where a return also prints month-first dates (04/13/2018), why its dates that read either
    way (04/05/2018) are in doubt: they were read day first, but may be month first too."""
    order = _remembering(numeric_order)
    cells = dates.dictionary.to_pylist()
    orders = [order(cell) for cell in cells]
    if "month first" not in orders:
        return absent
    example = cells[orders.index("month first")]
    reason = f"read day first, but the return also has month-first dates such as {example!r}"
    return pa.array([reason if o == "either" else None for o in orders], type=STRING).take(dates.indices)


def _unread_amounts(cells: Column, amounts: Column, absent: Column) -> Column:
    """The same for amounts: the cell as printed, where it is not exactly one amount."""
    if amounts.null_count == cells.null_count:
        return absent
    unreadable = pc.binary_join_element_wise("amount not readable: '", cells, "'", "")
    return pc.if_else(pc.is_null(amounts), unreadable, pa.scalar(None, pa.string()))


def _where_null(condition: Column, text: str, otherwise: Column) -> Column:
    return pc.if_else(condition, pa.scalar(text), otherwise)


def common_month(iso_dates: pa.Array | pa.ChunkedArray) -> str | None:
    """``YYYY-MM`` when every ISO date given falls in one month (empty cells aside), else ``None``."""
    # ISO dates sort as text in date order, so the earliest and latest decide it in one pass.
    bounds = pc.min_max(iso_dates).as_py()
    first, last = bounds["min"], bounds["max"]
    return first[:7] if first is not None and first[:7] == last[:7] else None



# --- the frame ---------------------------------------------------------------------------------


def build_frame(raw: pa.Table) -> tuple[pa.Table, SpendMetadata]:
    """Canonical spend columns (``SPEND_COLUMNS`` order, all text except ``redacted``/``page``) and metadata.

    ``raw`` has a text column per field found (null when empty) and may carry ``page``
    (PDFs), ``problem`` (a reader's reason to review a row, e.g. a ragged CSV line) and
    ``part`` (which of the source's tables a row is from; one table if absent).
    """
    meta = SpendMetadata()
    # One chunk per column, so that the kernels below return plain arrays.
    table = {name: raw.column(name).combine_chunks() for name in raw.column_names}
    if "debit" in table or "credit" in table:
        table["amount"] = _debit_less_credit(table, raw.num_rows)
    if PART not in table:
        table[PART] = pa.repeat(pa.scalar(0, pa.int32()), raw.num_rows)
    table[ROW] = pc.subtract(pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), raw.num_rows)), 1)
    none = pa.nulls(raw.num_rows, pa.string())
    cells = {name: clean_column(table[name], name) if name in table else none for name in RAW_FIELDS}

    blank = pc.and_(
        pc.and_(pc.is_null(cells["date"]), pc.is_null(cells["supplier"])), pc.is_null(cells["amount"])
    )
    found = _label_rows(cells, blank)
    labels = found.rows
    if found.body is not None:
        cells["spending_body"] = pc.coalesce(cells["spending_body"], found.body)
    totals = pc.and_(total_rows(cells), pc.invert(blank))
    printed: list[Decimal] = []
    printed_at: list[int] = []
    breaks: list[int] = []
    dropped = pc.or_(pc.or_(blank, labels), totals)
    if pc.any(dropped).as_py():  # else, as in most exports, every row is a payment line
        total_cells = pc.filter(cells["amount"], totals)
        printed = _printed_totals(total_cells, meta)
        if printed:
            readable = pc.is_valid(read_amounts(total_cells))
            printed_at = pc.filter(pc.filter(table[ROW], totals), readable).to_pylist()
        for reason, rows in (("blank", blank), ("note", labels), ("total", totals)):
            _count(meta, reason, table[PART], rows)
        breaks = pc.filter(table[ROW], pc.or_(labels, totals)).to_pylist()
        if found.group is not None and cells["expense_type"].null_count == len(cells["expense_type"]):
            cells["expense_type"] = pc.if_else(pc.equal(found.group, ""), pa.scalar(None, STRING), found.group)
        cells, table = _keep(cells, table, pc.invert(dropped))

    dates = distinct(cells["date"])
    iso_dates = per_distinct(dates, _iso_date)
    amount = read_amounts(cells["amount"])
    unreadable = pc.and_(pc.is_null(amount), pc.is_null(iso_dates))
    if pc.any(unreadable).as_py():  # neither a date nor an amount: not a payment
        _count(meta, "unreadable", table[PART], unreadable)
        meta.unreadable_example = _why_unreadable(cells, unreadable)
        cells, table = _keep(cells, table, pc.invert(unreadable))
        dates = distinct(cells["date"])
        iso_dates, amount = pc.filter(iso_dates, pc.invert(unreadable)), pc.filter(amount, pc.invert(unreadable))

    subtotals = _subtotals_by_arithmetic(cells, amount, iso_dates, table[ROW], breaks)
    if subtotals is not None:
        _count(meta, "total", table[PART], subtotals)
        found_at = pc.filter(table[ROW], subtotals).to_pylist()
        found = [Decimal(value) for value in pc.filter(amount, subtotals).to_pylist()]
        printed = [value for _, value in sorted(zip(printed_at + found_at, printed + found, strict=True))]
        cells, table = _keep(cells, table, pc.invert(subtotals))
        dates = distinct(cells["date"])
        iso_dates, amount = pc.filter(iso_dates, pc.invert(subtotals)), pc.filter(amount, pc.invert(subtotals))

    supplier, date_cells, amount_cells = cells["supplier"], cells["date"], cells["amount"]
    suppliers = distinct(supplier)
    label = per_distinct(suppliers, redaction_label)
    redacted = pc.is_valid(label)
    individual = pc.and_(
        pc.fill_null(per_distinct(suppliers, is_private_individual, pa.bool_()), False), pc.invert(redacted)
    )
    absent = none[: len(supplier)]
    placeholders = _recurring_phrases(suppliers, amount)
    reasons = [
        table.get("problem", absent),
        _where_null(pc.is_null(date_cells), "no date", _unread_dates(dates, iso_dates, absent)),
        _doubtful_dates(dates, absent),
        _where_null(pc.is_null(amount_cells), "no amount", _unread_amounts(amount_cells, amount, absent)),
        pc.if_else(pc.is_null(supplier), pa.scalar("no supplier"), pa.scalar(None, pa.string())),
        pc.if_else(individual, pa.scalar(PRIVATE_INDIVIDUAL), pa.scalar(None, pa.string())),
        placeholders if placeholders is not None else absent,
    ]
    columns = {
        "date": iso_dates,
        "supplier": supplier,
        "amount": amount,
        "description": cells["description"],
        "expense_type": cells["expense_type"],
        "service_area": cells["service_area"],
        "transaction_id": cells["transaction_id"],
        "redacted": redacted,
        "redaction_label": label,
        "spending_body": per_distinct(cells["spending_body"], spending_body),
        "value_for_money_reason": cells["value_for_money_reason"],
        "source_sha256": absent,
        "page": table["page"] if "page" in table else pa.nulls(len(supplier), pa.int64()),
        "review": join_reasons(reasons),
    }
    out = pa.table(columns).select(SPEND_COLUMNS)
    meta.read = _per_part(table[PART])

    meta.body = _body_name(cells["spending_body"])
    meta.period = common_month(iso_dates)
    meta.total = return_total(printed, amount) if printed else None
    meta.review += reconcile(amount, meta.total)
    return out, meta


PLACEHOLDER_PAYMENTS = 10
"""An unknown capitalised phrase paid at least this many different amounts may be a placeholder
for withheld names (a redaction marker not in the list), not one supplier."""


def _recurring_phrases(suppliers: pa.DictionaryArray, amount: Column) -> Column | None:
    """Why each row's supplier may be a redaction placeholder, or ``None`` when none may be."""
    phrases = per_distinct(suppliers, capitalised_phrase, pa.bool_())
    if not pc.any(phrases).as_py():
        return None
    pairs = pa.table({"supplier": suppliers.indices, "amount": amount}).filter(pc.fill_null(phrases, False))
    counts = pairs.group_by("supplier").aggregate([("amount", "count_distinct")])
    many = pc.filter(counts["supplier"], pc.greater_equal(counts["amount_count_distinct"], PLACEHOLDER_PAYMENTS))
    if not len(many):
        return None
    reason = pa.scalar(
        f"supplier may be a redaction placeholder: a capitalised phrase paid {PLACEHOLDER_PAYMENTS} or more "
        "different amounts, with no word of an organisation", STRING,
    )
    return pc.if_else(pc.is_in(suppliers.indices, value_set=many), reason, pa.scalar(None, STRING))


NIL = re.compile(r"\s*(?:[-\u2010-\u2015]|nil)?\s*", re.IGNORECASE)
"""A debit or credit cell that says nothing is owed on that side: empty, a dash, ``nil``."""


def _debit_less_credit(table: dict[str, Column], rows: int) -> Column:
    """The amount of a return that prints debits and credits in columns of their own: the debit
    less the credit (a credit is a refund, whatever sign it is printed with). A row with an
    amount column of its own keeps it; a cell that cannot be read is passed on to be flagged."""
    none = pa.nulls(rows, STRING)
    given, debit, credit = (table.get(name, none) for name in ("amount", "debit", "credit"))
    out = []
    for amount, dr, cr in zip(given.to_pylist(), debit.to_pylist(), credit.to_pylist(), strict=True):
        if amount is not None or (dr is None and cr is None):
            out.append(amount)
            continue
        dr, cr = (None if cell is None or NIL.fullmatch(cell) else cell for cell in (dr, cr))
        if dr is None and cr is None:
            out.append("0.00")
            continue
        pair = [parse_amount(dr), parse_amount(cr)]
        if any(value is None and cell is not None for value, cell in zip(pair, (dr, cr), strict=True)):
            out.append(dr if pair[0] is None else cr)  # unreadable: flagged as the amount not readable
            continue
        out.append(f"{(pair[0] or 0) - abs(pair[1] or 0):.2f}")
    return pa.array(out, type=STRING)


def _subtotals_by_arithmetic(cells: dict[str, Column], amount: Column, iso_dates: Column, rows: Column,
                             breaks: list[int]) -> Column | None:
    """Rows that are subtotals by their sum, though no label says so: a row without a date (or
    with nothing but a date and an amount) whose amount is the sum of the two or more rows just
    above it, since the last subtotal or group heading (``breaks``: where such rows stood among
    the source's ``rows``). ``None`` when there is none (the usual case)."""
    if not iso_dates.null_count and not cells["supplier"].null_count:
        return None  # every row is dated and names its payee: the usual case, in two counts
    bare = functools.reduce(pc.and_, [pc.is_null(cells[name]) for name in TEXT_FIELDS])
    candidate = pc.and_(pc.is_valid(amount), pc.or_(pc.is_null(iso_dates), bare))
    if not pc.any(candidate).as_py():
        return None
    # A row with no date and no payee may be the subtotal of a group of one row; any other
    # candidate must add up two or more, lest it be taken for a repeated payment.
    unnamed = pc.and_(pc.is_null(iso_dates), pc.is_null(cells["supplier"]))
    pence = pc.fill_null(pc.cast(pc.replace_substring(amount, ".", ""), pa.int64()), 0).to_pylist()
    least = pc.if_else(unnamed, 1, 2).to_pylist()
    flags = candidate.to_pylist()
    found = [False] * len(pence)
    places = rows.to_pylist()
    running, since = 0, {0: 0}  # the running sum of the rows, and the sums seen since the group began
    for index, (value, is_candidate) in enumerate(zip(pence, flags, strict=True)):
        if index and bisect.bisect(breaks, places[index - 1]) != bisect.bisect(breaks, places[index]):
            running, since = 0, {0: index}  # a heading or a total stood between: a new group
        start = since.get(running - value) if is_candidate else None
        if start is not None and index - start >= least[index]:
            found[index] = True
            running, since = 0, {0: index + 1}
            continue
        running += value
        since.setdefault(running, index + 1)
    return pa.array(found) if any(found) else None


def _keep(cells: dict[str, Column], table: dict[str, Column], keep: Column) -> tuple[dict, dict]:
    """The rows ``keep`` selects, of both the cleaned cells and the raw columns (no copy when all are kept)."""
    if pc.all(keep).as_py():
        return cells, table
    return (
        {name: pc.filter(values, keep) for name, values in cells.items()},
        {name: pc.filter(values, keep) for name, values in table.items()},
    )


def _count(meta: SpendMetadata, reason: str, parts: Column, rows: Column) -> None:
    """Note how many rows of each part were dropped for ``reason``."""
    if pc.any(rows).as_py():
        counts = pc.value_counts(pc.filter(parts, rows)).to_pylist()
        meta.skipped.setdefault(reason, Counter()).update({c["values"]: c["counts"] for c in counts})


def _per_part(parts: Column) -> Counter:
    bounds = pc.min_max(parts).as_py()
    if bounds["min"] == bounds["max"]:  # one table, as most sources are: no need to count
        return Counter({bounds["min"]: len(parts)}) if len(parts) else Counter()
    return Counter({c["values"]: c["counts"] for c in pc.value_counts(parts).to_pylist()})


def _why_unreadable(cells: dict[str, Column], unreadable: Column) -> str:
    """Why the first unreadable row is: its date and amount cells described (never quoted whole)."""
    date = pc.filter(cells["date"], unreadable)[0].as_py()
    amount = pc.filter(cells["amount"], unreadable)[0].as_py()
    if date and _FUSED_DATE_AMOUNT.fullmatch(date):
        return "date and amount fused in one field"
    return f"date {'not readable' if date else 'empty'}, amount {'not readable' if amount else 'empty'}"


def _printed_totals(cells: Column, meta: SpendMetadata) -> list[Decimal]:
    """The printed totals as Decimals, in order; none, and a review flag, when the last cannot be read exactly."""
    read = read_amounts(cells).to_pylist()
    if read and read[-1] is None:
        meta.review.append(ReviewFlag(field="total", reason="printed total not readable", value=cells[-1].as_py()))
        return []
    return [Decimal(value) for value in read if value is not None]
