"""What every register is made of: a list of entries with the register's own particulars.

A register (gifts and hospitality, interests, grants, contracts...) is kept by the office
as one YAML file a person edits, or as a CSV or workbook, one entry a row. Each becomes
one record in ``data/``: its ``entries``, and its ``title``, ``last_reviewed`` and
``note``. Ingesting a new version of the same file replaces the stored register, and the
git history of ``data/`` dates each entry by the version it first appeared in (the kind's
``entry_key`` tells entries apart).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import PurePosixPath

from pydantic import Field

from opcc.core.model import Provenanced, Record
from opcc.core.periods import Period
from opcc.core.registry import Claim
from opcc.core.text import slugify


class Register(Provenanced):
    """The parts every register shares; a kind adds ``kind`` and its ``entries``."""

    body: str | None = None
    title: str
    last_reviewed: dt.date | None = Field(default=None, description="When a person last checked the register was complete.")
    note: str | None = Field(default=None, description="What the register covers, in words, shown above it.")
    entries: list = []


def register_relpath(record: Register, default_body: str) -> PurePosixPath:
    """``<body>/<name>.yaml``, named after the file it came from (so a new version of the file
    replaces it), or after its title."""
    name = slugify(record.sources[0].filename.rsplit(".", 1)[0]) if record.sources else slugify(record.title)
    return PurePosixPath(slugify(record.body or default_body), f"{name}.yaml")


def entry_key(entry: Record | dict, fields: tuple[str, ...]) -> str:
    """An entry's identity within its register, from its kind's ``entry_key`` fields."""
    data = entry if isinstance(entry, dict) else entry.model_dump(mode="json")
    return "|".join(str(data.get(name) or "") for name in fields)


def record_anchor(record: Register) -> str:
    """A register's place on its kind's page: its title, as an HTML id."""
    return slugify(record.title)


def whole_register(duty: str, record: Register, anchor: str | None = None) -> Claim:
    """The register as evidence for a duty met by keeping it up to date."""
    return Claim(duty, record.title, reviewed=record.last_reviewed, anchor=anchor or record_anchor(record))


def entry_claims(duty: str, record: Register, fields: tuple[str, ...], period_of: Callable[[Record], Period | None],
                 label: Callable[[Record], str], gap: Callable[[Record], str | None] = lambda entry: None) -> list[Claim]:
    """One claim per entry, for a duty kept period by period (grants month by month)."""
    return [
        Claim(duty, label(entry), period=period_of(entry), reviewed=record.last_reviewed, gap=gap(entry),
              part=("entries", entry_key(entry, fields)), anchor=entry_anchor(entry, fields))
        for entry in record.entries
    ]


def entry_anchor(entry: Record | dict, fields: tuple[str, ...]) -> str:
    """An entry's row on its kind's page, as an HTML id."""
    return f"entry-{slugify(entry_key(entry, fields))}"
