"""What every record is made of: money, provenance, review flags.

Each kind of record has its own module in :mod:`opcc.core.kinds`, built from these
parts and registered in :mod:`opcc.core.registry`. The YAML in ``data/``, the JSON
printed by ``opcc extract``, the JSON Schemas in ``data/schema/``, the CSV columns and
the site's Table Schemas are all derived from those models. Field names and value
formats follow the corpus truth files: money is a decimal string with two places,
dates are ISO, absent values are ``null``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

TWO_PLACES = Decimal("0.01")


def _to_money(value: object) -> Decimal | None:
    # A float has already lost the exact pennies, so it is refused rather than rounded.
    if value is None or isinstance(value, Decimal):
        return value.quantize(TWO_PLACES) if isinstance(value, Decimal) else None
    if isinstance(value, float):
        raise ValueError("money must be a Decimal or a decimal string, never a float")
    if isinstance(value, int):
        return Decimal(value).quantize(TWO_PLACES)
    try:
        return Decimal(str(value).strip()).quantize(TWO_PLACES)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc


Money = Annotated[
    Decimal,
    BeforeValidator(_to_money),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    Field(json_schema_extra={"type": "string", "pattern": r"^-?\d+\.\d{2}$"}),
]
"""An amount in pounds, exact to the penny; written as ``"16258.50"``."""


class Record(BaseModel):
    # Validators are built on a model's first use, not at import: most commands use a few of
    # these models, and building them all would add about 16 ms to every start.
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    @property
    def withheld_fields(self) -> dict[str, str]:
        """Fields whose values may not be published, each with the reason (the gate blanks them):
        a senior employee's name without their consent, say. None by default."""
        return {}


class Location(Record):
    """Where in a source a value was read: the page (1-based) and its top edge in points."""

    page: int
    top: float | None = None


class SourceFile(Record):
    """One source document a record was read from, kept content-addressed by its SHA-256."""

    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    filename: str
    media_type: str
    pages: int | None = None
    ocr: bool = False


HIDDEN_TEXT = "hidden_text"
"""The review flag's ``field`` for text its source PDF hides (under a box, invisible, white on white).

The hidden text itself is never read into any field; the record is held (a decision as its
public stub only) until a person, having looked at the source, lists ``hidden_text`` under
``reviewed:`` in its overrides file."""


class ReviewFlag(Record):
    """A value that a person must look at before it is trusted or published."""

    field: str
    reason: str
    value: str | None = None
    page: int | None = None


class Provenanced(Record):
    """Keys every record carries beside its truth-file fields; readers may ignore them."""

    sources: list[SourceFile] = []
    provenance: dict[str, Location] = {}
    review: list[ReviewFlag] = []
    reviewed: list[str] = Field(
        default=[],
        description="Fields a person has checked and cleared for publication (set through overrides).",
    )
    published: dt.date | None = Field(
        default=None,
        description="When the record was first published, only for one published before its history "
                    "was kept in git (a migrated archive); otherwise the git history of data/ says.",
    )

    @property
    def withheld(self) -> bool:
        """Whether the whole record is withheld (only its kind's stub is published)."""
        return False


class TableLedger(Record):
    """How every row of one table of a source was accounted for: a CSV's table, a sheet, a PDF's table.

    The rows it has are its entries (``read``) and its skipped rows by why, which must
    add up: nothing of a source is dropped without a reason a person can see.
    """

    table: str | None = Field(default=None, description="The sheet's name, for a workbook.")
    rows: int = Field(description="The rows (a PDF's lines) the table has in the source.")
    read: int = Field(default=0, description="Rows read as entries (payments).")
    skipped: dict[str, int] = Field(
        default={}, description="Rows not read as entries, by why: title, header, blank, total, note, unreadable..."
    )
    not_read: str | None = Field(default=None, description="Why the whole table (a sheet) was not read.")

    @property
    def balanced(self) -> bool:
        return self.read + sum(self.skipped.values()) == self.rows
