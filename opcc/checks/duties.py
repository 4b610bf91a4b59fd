"""The duty checker: for every duty of the Order (``duties.yml``), whether the body meets it.

Each duty is judged by its rule, as on one day (``as_of``: today, or ``checks.as_of`` in
opcc.yml, or ``opcc check --as-of``), from the evidence of :mod:`opcc.checks.evidence`. A
rule turns the duty into *obligations*, each with the day it falls due: one per month of
spend and spending body, one per financial year's budget, one per decision, one for "in force
now"... and each obligation is

``met``      published, and by the day it was due
``late``     published after the day it was due (or, for information kept current, not
             reviewed within its time)
``missing``  not published, and the day it was due has passed; or published without a part
             the duty asks for (a contract with no copy)
``due``      not published yet, and not due yet
``waived``   missing or late, and a waiver in ``data/waivers.yaml`` gives the reason

A duty takes the worst status of its obligations (missing, late, waived, met, due: a duty
whose past obligations are all met is met, whatever is coming). Only a verified part can fail:
a missing duty fails when the duty is V or V2, a late one when its timing is. The rest warn.

Obligations start at ``checks.since`` in opcc.yml (periods starting before it, and events whose
obligation fell due before it, are not checked), or at the duty's ``in_force`` date if later; without ``since``, at the earliest
evidence of the duty, so that a gap after an office started publishing is found without
demanding what came before. Evidence first published after ``as_of`` did not exist yet, and
is not counted; evidence not yet committed counts as published on ``as_of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from opcc.checks.evidence import Evidence, by_duty, gather
from opcc.core.periods import EVERY, Period, add_months, financial_year_of, month_of, periods
from opcc.core.settings import Settings
from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml
from opcc.history import History
from opcc.store import Store, load_yaml

if TYPE_CHECKING:
    import pandas as pd

DUTIES_FILE = Path(__file__).with_name("duties.yml")
WAIVERS_FILE = "waivers.yaml"  # in data/
STATUSES = ("missing", "late", "waived", "met", "due")
"""Worst first: a duty takes the first of these that any of its obligations has."""
FAILING = {"missing", "late"}
VERIFIED = {"V", "V2"}
STATUS_WORDS = {
    "met": "Met",
    "missing": "Missing",
    "late": "Late",
    "due": "Not due yet",
    "waived": "Waived",
}


# -- the duties, as data ---------------------------------------------------------------------------

class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    type: str
    within_months: int | None = None
    every: str | None = None
    bodies: tuple[str, ...] = ()
    days: int | str | None = None  # a number, or the name of a setting under checks (decision_days)
    before: bool = False  # due the day before the event instead
    event: str = "event"  # what an event is, in words: "decision", "meeting"
    events_from: str | None = None


class Duty(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: str
    ref: str
    group: str
    words: str
    timing: str
    certainty: str = Field(pattern="^(V|V2|U)$")
    timing_certainty: str = Field(pattern="^(V|V2|U)$")
    rule: Rule
    class_: str = Field(alias="class")
    meets: str
    in_force: dt.date | None = None
    applies_when: str | None = None


@cache
def all_duties() -> tuple[Duty, ...]:
    """Every duty in ``duties.yml``, in the Order's order."""
    return tuple(Duty.model_validate(item) for item in read_yaml(DUTIES_FILE)["duties"])


def duties_for(settings: Settings) -> list[Duty]:
    """The duties that apply to the publishing body (a Welsh body's, a fire authority's)."""
    return [d for d in all_duties() if d.applies_when is None or getattr(settings.body, d.applies_when)]


def duty_ids() -> set[str]:
    return {d.id for d in all_duties()}


# -- waivers ---------------------------------------------------------------------------------------

class Waiver(BaseModel):
    """A person's reason, published, why a duty (or one period of it) is not met."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    duty: str
    reason: str = Field(min_length=1)
    period: str | None = None  # only this period's obligation, e.g. 2018-05
    spending_body: str | None = None

    def covers(self, obligation: Obligation) -> bool:
        if self.period is not None and (obligation.period is None or obligation.period.text != str(self.period)):
            return False
        return self.spending_body is None or self.spending_body == obligation.body


def load_waivers(settings: Settings) -> list[Waiver]:
    """``data/waivers.yaml``: a list of ``{duty, reason, period?, spending_body?}``."""
    path = settings.data_dir / WAIVERS_FILE
    if not path.exists():
        return []
    try:
        waivers = [Waiver.model_validate(item) for item in load_yaml(path) or []]
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{path}: {str(exc).splitlines()[0]}") from exc
    unknown = sorted({w.duty for w in waivers} - duty_ids())
    if unknown:
        raise ValueError(f"{path}: no such duty: {', '.join(unknown)} (opcc check --json lists the duties)")
    return waivers



# -- obligations and results -----------------------------------------------------------------------

@dataclass
class Obligation:
    label: str  # "May 2018, Chief Constable", "financial year 2018/19", "OPCC.D.033.23"
    due: dt.date | None
    status: str
    evidence: list[Evidence] = field(default_factory=list)
    published: dt.date | None = None  # when it was (first) published; for "current" duties, last reviewed
    note: str = ""
    period: Period | None = None
    body: str | None = None
    waiver: str | None = None  # the reason it is waived

    def as_json(self, root: Path) -> dict:
        return {
            "label": self.label, "status": self.status, "due": _iso(self.due), "published": _iso(self.published),
            "period": self.period.text if self.period else None, "spending_body": self.body, "note": self.note or None,
            "waiver": self.waiver, "evidence": [_evidence_json(e, root) for e in self.evidence],
        }


@dataclass
class Result:
    """One duty, as on the day checked."""

    duty: Duty
    status: str
    rule: str  # the rule in words
    obligations: list[Obligation]
    as_of: dt.date
    root: Path  # the project's folder: evidence files are named relative to it

    @property
    def certainty(self) -> str:
        """How sure the part of the duty that decided the status is."""
        return self.duty.timing_certainty if self.status == "late" else self.duty.certainty

    @property
    def fails(self) -> bool:
        return self.status in FAILING and self.certainty in VERIFIED

    @property
    def warns(self) -> bool:
        return self.status in FAILING and not self.fails

    @property
    def failing(self) -> list[Obligation]:
        return [o for o in self.obligations if o.status in FAILING]

    @property
    def due(self) -> dt.date | None:
        """The day the first failing obligation fell due, or else the next one that falls due."""
        if self.failing:
            return min((o.due for o in self.failing if o.due), default=None)
        upcoming = [o.due for o in self.obligations if o.due and o.due >= self.as_of and o.status in ("due", "met")]
        return min(upcoming, default=None)

    @property
    def evidence(self) -> list[Evidence]:
        seen, found = set(), []
        for item in (e for o in self.obligations for e in o.evidence):
            key = (item.path, item.claim.label)
            if key not in seen:
                seen.add(key)
                found.append(item)
        return found

    @property
    def last_published(self) -> dt.date | None:
        """When the evidence was last published: its last change, or its first publication."""
        dates = [e.changed or e.published_by(self.as_of) for e in self.evidence]
        return max(dates, default=None)

    @property
    def link(self) -> str | None:
        """Where the duty is met on the site: its most recent evidence's page."""
        dated = sorted(self.evidence, key=lambda e: (e.published_by(self.as_of), e.claim.label))
        return next((e.link for e in reversed(dated) if e.link), None)

    @property
    def reason(self) -> str:
        """Why the duty has its status, in a sentence or two."""
        if self.status == "waived":
            return "; ".join(sorted({o.waiver for o in self.obligations if o.waiver}))
        if self.failing:
            shown = [f"{o.label}: {o.note or STATUS_WORDS[o.status].lower()}" for o in self.failing[:MAX_LISTED]]
            more = len(self.failing) - len(shown)
            return "; ".join(shown) + (f"; and {more} more" if more else "")
        due = [o for o in self.obligations if o.status == "due"]
        if self.status == "due" and due:
            return due[0].note or f"{due[0].label}: due on {_iso(due[0].due)}"
        return "; ".join(sorted({o.note for o in self.obligations if o.note})) or ""

    def as_json(self) -> dict:
        return {
            "duty": self.duty.id,
            "ref": self.duty.ref,
            "words": self.duty.words,
            "status": self.status,
            "rule": self.rule,
            "certainty": self.certainty,
            "timing_certainty": self.duty.timing_certainty,
            "fails": self.fails,
            "due": _iso(self.due),
            "last_published": _iso(self.last_published),
            "evidence": [_evidence_json(e, self.root) for e in self.evidence],
            "reason": self.reason or None,
            "meets": self.duty.meets if self.status in FAILING | {"due", "waived"} else None,
            "link": self.link,
            "obligations": [o.as_json(self.root) for o in self.obligations],
        }


MAX_LISTED = 5  # failing obligations named in a duty's reason


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _evidence_json(item: Evidence, root: Path) -> dict:
    path = item.path.relative_to(root) if item.path and item.path.is_relative_to(root) else item.path
    return {"label": item.claim.label, "kind": item.kind, "file": str(path) if path else None,
            "published": _iso(item.published), "pending": item.pending, "link": item.link,
            "gap": item.claim.gap}


# -- the rules ---------------------------------------------------------------------------------------

@dataclass
class Context:
    """What every rule is given besides the duty and its evidence."""

    settings: Settings
    as_of: dt.date
    evidence: dict[str, list[Evidence]]  # duty -> its evidence, published by as_of

    def days(self, rule: Rule) -> int:
        return rule.days if isinstance(rule.days, int) else getattr(self.settings.checks, rule.days)

    def start(self, duty: Duty, items: list[Evidence], first_day: Callable[[Evidence], dt.date | None]) -> dt.date:
        """The first day obligations are counted from: ``since``, else the earliest evidence, else today;
        never before the duty came into force."""
        since = self.settings.checks.since
        if since is None:
            days = [d for d in map(first_day, items) if d]
            since = min(days, default=self.as_of)
        return max(since, duty.in_force or since)


def _timely(obligation: Obligation, as_of: dt.date, *, every_item: bool = False) -> Obligation:
    """Met or late by when its evidence was first published; missing or due without any.

    Where each item is owed by the day (``every_item``: each grant or payment of a month), the
    last to be published decides; otherwise the first that meets the obligation does (a later,
    revised budget does not make the first one late)."""
    if obligation.evidence:
        first = (e.published_by(as_of) for e in obligation.evidence)
        obligation.published = max(first) if every_item else min(first)
        late = obligation.due is not None and obligation.published > obligation.due
        obligation.status = "late" if late else "met"
        if late:
            obligation.note = f"published {_iso(obligation.published)}, due by {_iso(obligation.due)}"
    else:
        obligation.status = "missing" if obligation.due is not None and obligation.due < as_of else "due"
        if obligation.status == "due":
            obligation.note = f"due by {_iso(obligation.due)}"
    return obligation


def _gaps(items: Iterable[Evidence]) -> list[Obligation]:
    """A part the duty asks for that a record lacks is missing (a contract over £10,000 with no copy)."""
    return [Obligation(e.claim.label, None, "missing", [e], note=e.claim.gap, period=e.claim.period)
            for e in items if e.claim.gap]


def current(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """The information in force on the day checked, reviewed within ``within_months`` (by the date the
    record gives, or else by its last change).

    Records apply on the day unless they are in force for a time that excludes it (an office
    holder's term). Records about different things (each office holder's register of
    interests: their ``subject``) are each held to the rule; of several about the same thing,
    the most recently reviewed counts.
    """
    months = duty.rule.within_months or 12
    live = [e for e in items if e.claim.in_force is None or e.claim.in_force.covers(ctx.as_of)]
    if not live:
        return [Obligation(f"in force on {_iso(ctx.as_of)}", ctx.as_of, "missing",
                           note="nothing in force is published")]
    obligations = []
    subjects: dict[str | None, list[Evidence]] = {}
    for item in live:
        subjects.setdefault(item.claim.subject, []).append(item)
    for subject, group in sorted(subjects.items(), key=lambda pair: pair[0] or ""):
        def reviewed(item: Evidence) -> dt.date:
            # What the record says a person last reviewed it on; else its last change, which for a
            # file not yet committed (published by this build) is its given publication date, or today.
            return item.claim.reviewed or item.changed or item.published or ctx.as_of

        latest = max(group, key=lambda e: (reviewed(e), e.claim.label))
        when = reviewed(latest)
        due = add_months(when, months)
        late = due < ctx.as_of
        obligations.append(Obligation(
            subject or latest.claim.label, due, "late" if late else "met", [latest], published=when,
            note=f"last reviewed {_iso(when)}; a review was due by {_iso(due)}" if late else ""))
    return obligations + _gaps(live)


def periodic(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """Every ``every`` (month, quarter) from the start, published within the service level of its end;
    for each spending body in ``bodies``. A nil statement for the period meets it too."""
    every = duty.rule.every or "month"
    bodies = duty.rule.bodies or (None,)
    start = ctx.start(duty, items, lambda e: e.claim.period.start if e.claim.period else None)
    service = ctx.settings.checks.service_level_months
    obligations = []
    for period in periods(every, start, ctx.as_of):
        due = month_of(add_months(month_of(period.end).start, service)).end if service else period.end
        in_period = [e for e in items if e.claim.period and e.claim.period.within(period)]
        unattributed = [e for e in in_period if e.claim.body is None] if bodies != (None,) else []
        for body in bodies:
            mine = [e for e in in_period if body is None or e.claim.body == body]
            if period.end >= ctx.as_of and not mine:
                continue  # not over yet, and nothing published early
            label = f"{period.label}, {body}" if body else period.label
            obligation = _timely(Obligation(label, due, "", mine, period=period, body=body), ctx.as_of,
                                 every_item=True)
            if unattributed and obligation.status in ("missing", "due"):
                obligation.note = (f"{'; '.join(e.claim.label for e in unattributed)}: "
                                   "these rows do not say which body spent them")
            obligations.append(obligation)
    return obligations or [_not_yet(duty, ctx, every, service)]


def _not_yet(duty: Duty, ctx: Context, every: str, service: int) -> Obligation:
    """The first period to fall due, when none has yet (the duty came into force, or publishing began, lately)."""
    period = EVERY[every](ctx.start(duty, [], lambda e: None))
    due = month_of(add_months(month_of(period.end).start, service)).end
    return Obligation(period.label, due, "due", period=period, note=f"{period.label} falls due by {_iso(due)}")


def before_period(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """For every financial year from the start, published before the year begins (the budget)."""
    start = ctx.start(duty, items, lambda e: e.claim.period.start if e.claim.period else None)
    obligations = []
    for year in periods("financial_year", financial_year_of(start).start, ctx.as_of):
        mine = [e for e in items if e.claim.period and (e.claim.period.covers(year.start) or e.claim.period.within(year))]
        obligations.append(_timely(Obligation(f"financial year {year.text}", year.start - dt.timedelta(days=1),
                                              "", mine, period=year), ctx.as_of))
    upcoming = financial_year_of(ctx.as_of)
    upcoming = financial_year_of(upcoming.end + dt.timedelta(days=1))
    mine = [e for e in items if e.claim.period and e.claim.period.covers(upcoming.start)]
    if mine:  # next year's, published early
        obligations.append(_timely(Obligation(f"financial year {upcoming.text}", upcoming.start - dt.timedelta(days=1),
                                              "", mine, period=upcoming), ctx.as_of))
    return obligations


def annual(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """In every financial year from the start, the item covering the year before, published by the year's end."""
    start = ctx.start(duty, items, lambda e: e.claim.period.end + dt.timedelta(days=1) if e.claim.period else None)
    obligations = []
    for year in periods("financial_year", financial_year_of(start).start, ctx.as_of):
        previous = financial_year_of(year.start - dt.timedelta(days=1))
        mine = [e for e in items if e.claim.period and (e.claim.period.covers(previous.start)
                                                        or e.claim.period.within(previous))]
        obligations.append(_timely(Obligation(f"financial year {year.text}: the item for {previous.text}", year.end,
                                              "", mine, period=previous), ctx.as_of))
    return obligations


def event_due(rule: Rule, day: dt.date, ctx: Context) -> dt.date:
    """Within ``days`` beginning with the day of the event (56 days from an HMICFRS report's
    publication end on its 55th day after), or the day before it."""
    if rule.before:
        return day - dt.timedelta(days=1)
    return day + dt.timedelta(days=ctx.days(rule) - 1)


def after_event(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """Within ``days`` of each event (a decision taken, a report published), or before it (a
    meeting). Events are the evidence's own, and those of ``events_from`` (each HMICFRS report
    needs a response, matched by the report's title)."""
    events: dict[tuple[dt.date, str], list[Evidence]] = {}
    for item in items:
        if item.claim.event:
            events.setdefault((item.claim.event, comparable(item.claim.subject or item.claim.label)), []).append(item)
    others = ctx.evidence.get(duty.rule.events_from, []) if duty.rule.events_from else []
    for item in others:
        if item.claim.event:
            events.setdefault((item.claim.event, comparable(item.claim.subject or item.claim.label)), [])
    start = ctx.start(duty, items + others, lambda e: e.claim.event)
    obligations = []
    def counted(day: dt.date) -> bool:  # it has happened, and its obligation falls due in the period checked
        return day <= ctx.as_of and event_due(duty.rule, day, ctx) >= start

    for (day, subject), mine in sorted(events.items()):
        if not counted(day):
            continue
        label = mine[0].claim.label if mine else next(e.claim.label for e in others
                                                      if comparable(e.claim.subject or e.claim.label) == subject)
        obligations.append(_timely(Obligation(label, event_due(duty.rule, day, ctx), "", mine), ctx.as_of))
    obligations += _gaps(e for e in items if e.claim.event and counted(e.claim.event))
    if not obligations:
        status = "met" if items or others else "missing"
        note = "nothing fell due in the period checked" if status == "met" else "nothing is published"
        obligations.append(Obligation("the register", None, status, items[-1:], note=note))
    return obligations


def covering(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """One in force on the day checked (a police and crime plan covering it)."""
    mine = [e for e in items if e.claim.period and e.claim.period.covers(ctx.as_of)]
    if mine:
        return [Obligation(f"in force on {_iso(ctx.as_of)}", None, "met", mine,
                           published=min(e.published_by(ctx.as_of) for e in mine))]
    return [Obligation(f"in force on {_iso(ctx.as_of)}", ctx.as_of, "missing",
                       note="none published covers this day")]


def exists(duty: Duty, items: list[Evidence], ctx: Context) -> list[Obligation]:
    """Published at least once."""
    if items:
        return [Obligation("published", None, "met", items, published=min(e.published_by(ctx.as_of) for e in items))]
    return [Obligation("published", ctx.as_of, "missing", note="nothing is published")]


RULES: dict[str, Callable[[Duty, list[Evidence], Context], list[Obligation]]] = {
    "current": current, "periodic": periodic, "before_period": before_period, "annual": annual,
    "after_event": after_event, "covering": covering, "exists": exists,
}


def rule_words(duty: Duty, settings: Settings) -> str:
    """The rule in words, with the settings it uses."""
    rule = duty.rule
    service = settings.checks.service_level_months
    if rule.type == "periodic":
        bodies = f", for each of: {', '.join(rule.bodies)}" if rule.bodies else ""
        return (f"every {rule.every}, within {service} calendar month{'s' * (service != 1)} of its end{bodies}")
    if rule.type == "current":
        return f"kept current: reviewed within {rule.within_months} months"
    if rule.type == "after_event":
        if rule.before:
            return f"before the day of each {rule.event}"
        days = rule.days if isinstance(rule.days, int) else getattr(settings.checks, rule.days)
        return f"within {days} days beginning with the day of each {rule.event}"
    return {
        "before_period": "for every financial year, before it starts",
        "annual": "in every financial year, for the year before",
        "covering": "one in force on the day checked",
        "exists": "published",
    }[rule.type]


# -- the check -----------------------------------------------------------------------------------------

def _aggregate(obligations: list[Obligation]) -> str:
    present = {o.status for o in obligations}
    return next(status for status in STATUSES if status in present)


def check_duty(duty: Duty, items: list[Evidence], ctx: Context, waivers: list[Waiver]) -> Result:
    if duty.in_force and ctx.as_of < duty.in_force:
        obligations = [Obligation(f"in force from {_iso(duty.in_force)}", duty.in_force, "due",
                                  note=f"in force from {_iso(duty.in_force)}")]
    else:
        obligations = RULES[duty.rule.type](duty, items, ctx)
    for obligation in obligations:
        if obligation.status in FAILING:
            waiver = next((w for w in waivers if w.duty == duty.id and w.covers(obligation)), None)
            if waiver:
                obligation.status, obligation.waiver = "waived", waiver.reason
    return Result(duty, _aggregate(obligations), rule_words(duty, ctx.settings), obligations, ctx.as_of,
                  ctx.settings.root)


def as_of_date(settings: Settings, as_of: dt.date | None = None) -> dt.date:
    return as_of or settings.checks.as_of or dt.date.today()


def check(settings: Settings, as_of: dt.date | None = None, *, spend: pd.DataFrame | None = None) -> list[Result]:
    """Every duty that applies to the body, in the Order's order, as on ``as_of``. ``spend``: the
    body's spend rows, if already loaded (the build's, through the gate)."""
    day = as_of_date(settings, as_of)
    store = Store(settings)
    with History.of(settings.data_dir) as history:
        evidence = [e for e in gather(store, history, spend) if e.published_by(day) <= day and _started(e, day)]
    grouped = by_duty(evidence)
    ctx = Context(settings, day, grouped)
    waivers = load_waivers(settings)
    return [check_duty(duty, grouped.get(duty.id, []), ctx, waivers) for duty in duties_for(settings)]


def _started(item: Evidence, day: dt.date) -> bool:
    """Evidence of an event after the day checked (a decision not yet taken) did not exist then."""
    return not (item.claim.event and item.claim.event > day)


def unknown_duties(settings: Settings) -> list[str]:
    """Records naming a duty that is not in duties.yml: one line each, for opcc review."""
    store = Store(settings)
    known = duty_ids()
    with History.of(settings.data_dir) as history:
        return sorted({f"{e.path}: names no known duty {e.claim.duty!r}" for e in gather(store, history)
                       if e.claim.duty not in known})


def summary(results: list[Result]) -> str:
    """One line: how many duties have each status, and how many fail or warn."""
    counts = {status: sum(r.status == status for r in results) for status in STATUSES}
    parts = [f"{n} {STATUS_WORDS[s].lower()}" for s, n in counts.items() if n]
    fails, warns = sum(r.fails for r in results), sum(r.warns for r in results)
    return (f"duties as of {results[0].as_of.isoformat() if results else '-'}: {', '.join(parts)}; "
            f"{fails} verified duty(ies) failing, {warns} warning(s)")

