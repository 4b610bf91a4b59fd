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

Spend payees are judged here too, one cell at a time: :func:`redaction_label` tells a
redaction placeholder (``Redacted - personal data``) from a name, and
:func:`is_private_individual` a person from an organisation.

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

from pydantic import BaseModel

from opcc.core.model import Provenanced
from opcc.core.settings import Settings
from opcc.core.text import comparable
from opcc.core.yaml_io import read_yaml

VOCAB = Path(__file__).resolve().parent / "vocab"
VOCAB_PATH = VOCAB / "personal_data.yml"
MARKERS_PATH = VOCAB / "redaction_markers.yml"

PRIVATE_INDIVIDUAL = "supplier may be a private individual"
"""The row review reason the publication gate looks for."""


@dataclass(frozen=True)
class Finding:
    what: str  # e.g. "e-mail address"; used in the review reason "personal data: <what>"
    text: str  # the matched text, for tests and for a person's eyes (never written to data/)


@lru_cache(maxsize=1)
def _vocabulary() -> dict:
    return read_yaml(VOCAB_PATH)


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


def _strings(value: object, payees: frozenset[str], key: str = "") -> Iterator[tuple[str, bool]]:
    """Every string inside a field value, nested lists, dicts and sub-records included, each with
    whether it stands under a payee key (a name that may be a private individual's)."""
    if isinstance(value, str):
        yield value, key in payees
    elif isinstance(value, BaseModel):
        yield from _strings(value.model_dump(), payees, key)
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, payees, str(name))
    elif isinstance(value, Iterable):
        for item in value:
            yield from _strings(item, payees, key)


def record_findings(
    record: Provenanced, fields: Iterable[str], payees: Iterable[str] = (), official: OfficialContacts | None = None
) -> dict[str, list[str]]:
    """``{field: [what, ...]}`` for every one of ``fields`` that holds personal data.

    ``payees`` names the keys, inside those fields, whose values are payees: such a value
    that reads as a private individual is personal data too.
    """
    payee_keys = frozenset(payees)
    found: dict[str, list[str]] = {}
    for name in fields:
        whats = []
        for text, is_payee in _strings(getattr(record, name), payee_keys):
            whats += [f.what for f in find_personal_data(text, official)]
            if is_payee and is_private_individual(text):
                whats.append("private individual")
        if whats:
            found[name] = sorted(set(whats))
    return found


# -- spend payees ---------------------------------------------------------------------


def _key(text: str) -> str:
    """Case-folded, punctuation as spaces, spaces collapsed: ``"Redacted - personal data"`` -> ``"redacted personal data"``."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/]", " ", comparable(text))).strip()


@lru_cache(maxsize=1)
def _markers() -> dict:
    raw = read_yaml(MARKERS_PATH)
    return {
        "markers": {_key(k): v for k, v in raw["markers"].items()},
        "prefixes": [_key(p) for p in raw["prefixes"]],
        "suffixes": [_key(p) for p in raw["suffixes"]],
        "withheld_what": {_key(w) for w in raw["withheld_what"]},
        "keywords": [(_key(item["keyword"]), item["label"]) for item in raw["label_keywords"]],
        "default": raw["default_label"],
        "titles": set(raw["individual_titles"]),
        "first_names": set(raw["first_names"]),
        "organisation": {_key(w) for w in raw["organisation_words"]},
    }


def redaction_label(supplier: str | None) -> str | None:
    """The LGA label when ``supplier`` is a redaction marker, else ``None``.

    >>> redaction_label("Redacted - personal data"), redaction_label("REDACTIVE MEDIA SALES LIMITED")
    ('REDACTED PERSONAL DATA', None)
    """
    if not supplier:
        return None
    vocab = _markers()
    key = _key(supplier)
    if key in vocab["markers"]:
        return vocab["markers"][key]
    # The prefix must end at a word break, so "redactive" is not "redacted".
    if any(key == prefix or key.startswith(prefix + " ") for prefix in vocab["prefixes"]):
        padded = f" {key} "
        return next((label for word, label in vocab["keywords"] if f" {word} " in padded), vocab["default"])
    for suffix in vocab["suffixes"]:
        if key.endswith(" " + suffix) and key[: -len(suffix) - 1] in vocab["withheld_what"]:
            return vocab["markers"].get("personal data", vocab["default"])
    return None


PLACEHOLDER_WORDS = 3
"""A placeholder is a short phrase (``THIRD PARTY``, ``NOT FOR RELEASE``)."""


def capitalised_phrase(supplier: str | None) -> bool:
    """Whether a supplier is a short unknown phrase in capitals with no word of an organisation
    (``NOT FOR RELEASE``): a placeholder if it recurs for many different payments."""
    if not supplier or not supplier.isupper() or any(ch.isdigit() for ch in supplier):
        return False
    if len(supplier.split()) > PLACEHOLDER_WORDS:
        return False
    return redaction_label(supplier) is None and not any(w in _markers()["organisation"] for w in _key(supplier).split())


_INITIAL = re.compile(r"^[A-Za-z]\.?$")
_NAME_WORD = re.compile(r"^[A-Za-z][A-Za-z'-]+$")


@lru_cache(maxsize=1 << 16)  # the gate asks again for every return, and suppliers recur month after month
def is_private_individual(supplier: str | None) -> bool:
    """Whether a (non-redacted) supplier reads as a person's name, with no organisation word or "&":

    * a title, wherever it stands: ``Mr J Smith``, ``SMITH J MR``, ``Patel A (Dr)``, ``Councillor Jane Doe``;
    * an initial and a surname, either way round: ``J. Smith``, ``Smith J``;
    * a common forename and a surname, either way round: ``John Smith``, ``Smith, John``.
    """
    if not supplier or "&" in supplier or any(ch.isdigit() for ch in supplier):
        return False
    vocab = _markers()
    words = _key(supplier).split()
    if len(words) < 2 or any(word in vocab["organisation"] for word in words):
        return False
    if any(word in vocab["titles"] for word in (words[0], words[-1])):
        return True
    raw = [w for w in re.split(r"[\s,()]+", supplier.strip()) if w]
    if len(raw) == 2 and (_INITIAL.match(raw[0]) and _NAME_WORD.match(raw[1])
                          or _NAME_WORD.match(raw[0]) and _INITIAL.match(raw[1])):
        return True
    first = words[-1] if "," in supplier else words[0]
    return 2 <= len(words) <= 3 and first in vocab["first_names"] and all(_NAME_WORD.match(w) for w in raw)
