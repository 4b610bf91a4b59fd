"""Public meetings (Order, Schedule 1 para 5(a) to 5(c)): the date, time and place of each public
meeting to be held, its agenda and the papers for its items, and its minutes; and the minutes of
each private meeting where matters of significant public interest were discussed. One YAML file
per meeting, updated as its papers and minutes are published::

    kind: meeting
    title: Performance and Delivery Board
    date: 2018-05-16
    time: "10:00"
    place: Kent Police headquarters, Sutton Road, Maidstone
    public: true
    agenda: {title: Agenda, url: https://...}
    papers:
      - {title: Force performance report, url: https://...}
    minutes: {title: Minutes, url: https://...}

The history of the file says when each part was first published: the meeting when it was
listed, its agenda and minutes when they were added.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field

from opcc.core.model import Provenanced, Record
from opcc.core.registry import Claim, Kind, Section
from opcc.core.text import slugify


class Paper(Record):
    title: str
    url: str | None = None


class Meeting(Provenanced):
    """A meeting held by the body."""

    kind: Literal["meeting"] = "meeting"
    body: str | None = None
    title: str
    date: dt.date
    time: str | None = None
    place: str | None = None
    public: bool = True
    significant_public_interest: bool = Field(
        default=False, description="A private meeting where matters of significant public interest were discussed: "
                                   "its minutes are published (5(c)).")
    agenda: Paper | None = None
    papers: list[Paper] = []
    minutes: Paper | None = None
    note: str | None = None


def relpath(record: Meeting, default_body: str) -> PurePosixPath:
    return PurePosixPath(slugify(record.body or default_body), str(record.date.year),
                         f"{record.date.isoformat()}-{slugify(record.title)}.yaml")


def claims(record: Meeting) -> list[Claim]:
    label = f"{record.title}, {record.date.isoformat()}"
    anchor = f"meeting-{record.date.isoformat()}-{slugify(record.title)}"
    common = {"event": record.date, "subject": label, "anchor": anchor}
    found = []
    if record.public:
        found.append(Claim("meetings.schedule", label, **common))
        found.append(Claim("meetings.papers", label, part=("agenda",), **common,
                           gap=None if record.agenda else "no agenda is published"))
    if record.public or record.significant_public_interest:
        found.append(Claim("meetings.minutes", label, part=("minutes",), **common,
                           gap=None if record.minutes else "no minutes are published"))
    return found


KIND = Kind(
    name="meeting",
    title="Meetings",
    model=Meeting,
    folder="meetings",
    sources=("yaml",),
    relpath=relpath,
    personal_fields=("note",),
    section=Section("registers/meetings", "Public meetings",
                    intro="The date, time and place of each public meeting we hold, its agenda and papers, and its "
                          "minutes; and the minutes of private meetings where matters of significant public interest "
                          "were discussed (Schedule 1, paragraph 5(a) to 5(c))."),
    downloads=True,
    duties=("meetings.schedule", "meetings.papers", "meetings.minutes"),
    claims=claims,
)
