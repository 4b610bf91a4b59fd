"""Spotting personal data in text before it is published.

What counts (the checks below, in this order):

* e-mail addresses, except official ones (a public body's domain, the publishing
  body's own contact address, or a shared mailbox such as ``info@``);
* UK phone numbers, except the body's own and organisation numbers (freephone,
  03xx and other non-geographic ranges);
* National Insurance numbers;
* bank details: a sort code with an account number, or a valid IBAN;
* home addresses: a house-number street line followed by a postcode;
* spend suppliers that read as a private individual (a title, no company word).

A finding blocks publication of the field it is in (see :mod:`opcc.gate`) until a
person marks the field reviewed in the record's overrides file, or it is redacted.
The detectors lean towards flagging: a false alarm costs a person a look, a miss
publishes someone's details.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

from ingest.spend.redaction import may_be_individual
from opcc.model import PanelReport, Provenanced
from opcc.settings import Settings

VOCAB_PATH = Path(__file__).resolve().parent.parent / "ingest" / "vocab" / "personal_data.yml"

TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "decision": ("title", "summary", "recommendation", "decision", "originator", "reason_if_confidential",
                 "background_documents", "impact_assessments", "cost_tables"),
    "panel_report": ("title", "items"),
}
"""Per record kind, the fields searched. Names and roles of decision makers and
signatories are left out on purpose: office holders' names are published by law."""


@dataclass(frozen=True)
class Finding:
    what: str  # e.g. "e-mail address"; used in the review reason "personal data: <what>"
    text: str  # the matched text, for tests and for a person's eyes (never written to data/)


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return yaml.safe_load(VOCAB_PATH.read_text(encoding="utf-8"))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _phone_key(text: str) -> str:
    """A UK number as its national digits, whatever its punctuation: ``+44 (0)1622 677055`` -> ``01622677055``."""
    digits = _digits(text)
    if digits.startswith("44"):
        digits = "0" + digits[2:].removeprefix("0")
    return digits


def _postcode_key(text: str) -> str:
    return re.sub(r"\s", "", text).upper()


@dataclass(frozen=True)
class OfficialContacts:
    """Contact details that are the body's (or another public body's) own, and may be published."""

    domains: frozenset[str]
    emails: frozenset[str] = frozenset()
    phones: frozenset[str] = frozenset()
    postcodes: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings | None) -> OfficialContacts:
        """The public-body domains, plus the publishing body's contact details from ``opcc.yml``."""
        domains = {d.lower() for d in _vocabulary()["official_domains"]}
        if settings is None:
            return cls(frozenset(domains))
        contact = settings.contact
        emails = {contact.email.lower()} if contact.email else set()
        domains |= {email.rsplit("@", 1)[1] for email in emails}
        phones = {_phone_key(contact.phone)} if contact.phone else set()
        postcodes = {_postcode_key(m.group()) for m in POSTCODE.finditer(contact.address or "")}
        return cls(frozenset(domains), frozenset(emails), frozenset(phones), frozenset(postcodes))

    def official_email(self, address: str) -> bool:
        local, _, domain = address.lower().rpartition("@")
        return (
            address.lower() in self.emails
            or any(domain == d or domain.endswith("." + d) for d in self.domains)
            or local in _vocabulary()["role_mailboxes"]
        )

    def official_phone(self, number: str) -> bool:
        key = _phone_key(number)
        return key in self.phones or key.startswith(tuple(_vocabulary()["organisation_phone_prefixes"]))


EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# A UK number: +44 or a leading 0, then 9-10 more digits in any grouping of spaces,
# hyphens and brackets. Not part of a longer number, a date or a reference.
PHONE = re.compile(r"(?<![\w+/.,-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-()]{0,2}\d){8,9}(?![\w/-])")
NI_NUMBER = re.compile(r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b")
SORT_CODE_AND_ACCOUNT = re.compile(
    r"(?i:sort\s*code)\W{0,5}\d{2}[- ]?\d{2}[- ]?\d{2}"  # "Sort code 20-00-00"
    r"|\b\d{2}-\d{2}-\d{2}\b\W{1,20}(?:(?i:a/?c|account)\W{0,5}(?:(?i:no|number)\W{0,3})?)?\d{8}\b"  # "20-00-00 55779911"
    r"|(?i:account\s*(?:no\.?|number))\W{0,5}\d{8}\b"  # "Account number: 55779911"
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
POSTCODE = re.compile(r"\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")


@lru_cache(maxsize=1)
def _home_address() -> re.Pattern:
    """A house-number street line ("14 Acacia Avenue", "Flat 2, 7 Mill Lane") then, within 100 characters, a postcode."""
    streets = "|".join(sorted(map(re.escape, _vocabulary()["street_words"]), key=len, reverse=True))
    return re.compile(
        rf"\b\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\s+){{1,3}}(?i:{streets})\b\.?"
        rf"[^@]{{0,100}}?(?P<postcode>{POSTCODE.pattern})"
    )


def _valid_iban(text: str) -> bool:
    """The ISO 13616 check: move the first four characters to the end, letters to numbers, mod 97 is 1."""
    code = re.sub(r"\s", "", text)
    if not 15 <= len(code) <= 34:
        return False
    rearranged = code[4:] + code[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1


def find_personal_data(text: str | None, official: OfficialContacts | None = None) -> list[Finding]:
    """Every piece of personal data in ``text`` that is not an official contact detail."""
    if not text:
        return []
    official = official or OfficialContacts.from_settings(None)
    found: list[Finding] = []
    found += [Finding("e-mail address", m.group()) for m in EMAIL.finditer(text) if not official.official_email(m.group())]
    found += [
        Finding("phone number", m.group())
        for m in PHONE.finditer(text)
        if len(_phone_key(m.group())) in (10, 11) and not official.official_phone(m.group())
    ]
    found += [Finding("National Insurance number", m.group()) for m in NI_NUMBER.finditer(text)]
    found += [Finding("bank details", m.group()) for m in SORT_CODE_AND_ACCOUNT.finditer(text)]
    found += [Finding("bank details (IBAN)", m.group()) for m in IBAN.finditer(text) if _valid_iban(m.group())]
    found += [
        Finding("home address", m.group())
        for m in _home_address().finditer(text)
        if _postcode_key(m.group("postcode")) not in official.postcodes
    ]
    return found


def looks_like_private_individual(supplier: str | None) -> bool:
    """A payee that reads as a person ("Mr J Smith", "MISS MANN DAYA"), by the spend parser's own rule."""
    return may_be_individual(supplier)


def _strings(value: object) -> Iterator[str]:
    """Every string inside a field value: nested lists, dicts and sub-records included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        yield from _strings(value.model_dump())
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _strings(item)


def record_findings(record: Provenanced, official: OfficialContacts | None = None) -> dict[str, list[str]]:
    """``{field: [what, ...]}`` for every field of a record that holds personal data."""
    found: dict[str, list[str]] = {}
    for name in TEXT_FIELDS.get(record.kind, ()):
        whats = [f.what for s in _strings(getattr(record, name)) for f in find_personal_data(s, official)]
        if isinstance(record, PanelReport) and name == "items":
            whats += ["private individual"] * sum(looks_like_private_individual(i.supplier) for i in record.items)
        if whats:
            found[name] = sorted(set(whats))
    return found

