"""Nil statements: that there was nothing to publish for a duty in a period ("no grants were
made in May 2024"), so that period is met, not missing.

Written as YAML by a person::

    kind: nil_statement
    duty: grants.cdr
    period: 2018-05
    statement: No crime and disorder reduction grants were made in May 2018.
    spending_body: Chief Constable     # only for a duty owed by each spending body (spend over £500)
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Provenanced
from opcc.core.periods import PeriodField
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify


class NilStatement(Provenanced):
    """That nothing fell to be published under a duty in a period."""

    kind: Literal["nil_statement"] = "nil_statement"
    body: str | None = None
    duty: str = Field(description="The id of the duty (opcc check lists them).")
    period: PeriodField | None = Field(default=None, description="The period nothing was published for; "
                                                                  "none for a duty with no period.")
    statement: str
    spending_body: str | None = Field(default=None, description="'PCC' or 'Chief Constable', for spend over £500.")

    @property
    def title(self) -> str:
        return self.statement


def relpath(record: NilStatement, default_body: str) -> PurePosixPath:
    """``<body>/<duty>/<period>[-<spending body>].yaml``."""
    stem = "-".join(part for part in [slugify(str(record.period or "standing")), slugify(record.spending_body or "")]
                    if part)
    return PurePosixPath(slugify(record.body or default_body), record.duty, f"{stem}.yaml")


def claims(record: NilStatement) -> list[Claim]:
    label = f"Nil statement{f' for {record.period.label}' if record.period else ''}: {record.statement}"
    anchor = "-".join(part for part in ["nil", record.duty.replace(".", "-"), slugify(str(record.period or ""))] if part)
    return [Claim(record.duty, label, period=record.period, body=record.spending_body, anchor=anchor)]


KIND = Kind(
    name="nil_statement",
    title="Nil statements",
    model=NilStatement,
    folder="nil_statements",
    sources=("yaml",),
    relpath=relpath,
    personal_fields=("statement",),
    section=Section("registers/nil-statements", "Nil statements",
                    intro="Where there was nothing to publish under a duty for a period, we say so here, "
                          "so that a gap in a register is never a silent one."),
    downloads=True,
    claims=claims,
)
