"""Documents that meet a duty: the budget, the precept, policies, the annual report, HMICFRS reports
and the responses to them, the accessibility statement and the rest.

A document arrives as a PDF with a side-car YAML beside it (``budget-2018-19.pdf`` and
``budget-2018-19.yaml``) saying which duties it meets and the period it covers, or as a
YAML file alone that links to where it is published (``url``)::

    kind: document
    title: Revenue budget and medium term financial plan 2018/19
    duties: [finance.budget, finance.revenue_sources, finance.proposed_spend]
    period: 2018/19
    last_reviewed: 2018-02-06      # optional: when it was last reviewed, for duties reviewed yearly
    event_date: 2018-03-28         # optional: the day the duty's clock starts (an HMICFRS report's publication)
    responds_to: PEEL 2017 effectiveness   # optional: the report a response answers

A PDF whose own text marks it as confidential or not for publication is held, as a stub,
until a person decides (``opcc.gate``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Provenanced
from opcc.core.periods import PeriodField
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify


class Document(Provenanced):
    """A document published to meet one or more duties of the Order."""

    kind: Literal["document"] = "document"
    body: str | None = None
    title: str
    duties: list[str] = Field(min_length=1, description="Ids of the duties the document meets (opcc check lists them).")
    summary: str | None = None
    period: PeriodField | None = Field(default=None, description="The period the document covers.")
    last_reviewed: dt.date | None = None
    event_date: dt.date | None = Field(
        default=None, description="The day the duty's clock starts from, e.g. when HMICFRS published the report "
                                  "a response answers.")
    responds_to: str | None = Field(default=None, description="The title of the report a response answers.")
    url: str | None = Field(default=None, description="Where the document is published, when it is not a file here.")
    withheld_reason: str | None = Field(
        default=None, description="Why the document is withheld from publication, if it is: only a stub is published.")

    @property
    def withheld(self) -> bool:
        return self.withheld_reason is not None


def relpath(record: Document, default_body: str) -> PurePosixPath:
    """``<body>/<first duty>/<period>-<title>.yaml``."""
    stem = "-".join(part for part in [slugify(str(record.period or "")), slugify(record.title)] if part)
    return PurePosixPath(slugify(record.body or default_body), record.duties[0], f"{stem}.yaml")


def claims(record: Document) -> list[Claim]:
    return [
        Claim(duty, record.title, period=record.period, event=record.event_date, subject=record.responds_to or record.title,
              reviewed=record.last_reviewed, anchor=slugify(record.title))
        for duty in record.duties
    ]


KIND = Kind(
    name="document",
    title="Documents",
    model=Document,
    folder="documents",
    sources=("pdf", "yaml"),
    relpath=relpath,
    personal_fields=("title", "summary"),
    stub_fields=("kind", "body", "title", "duties", "period", "withheld_reason", "published"),
    section=Section("documents", "Documents we publish",
                    intro="The documents that meet a duty of the Order, in the order of the duties they meet, each "
                          "with the period it covers and when it was published and last reviewed."),
    downloads=True,
    claims=claims,
)
