"""Personal data is found in real-looking text, and official contact details are let through."""

from __future__ import annotations

from pathlib import Path

import pytest

from opcc import gate
from opcc.core.kinds.decision import Decision
from opcc.core.kinds.panel_report import PanelItem, PanelReport
from opcc.core.privacy import (
    OfficialContacts,
    find_personal_data,
    is_private_individual,
)
from opcc.core.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
KENT = OfficialContacts.from_settings(load_settings(REPO / "opcc.yml"))


def whats(text: str) -> list[str]:
    return [finding.what for finding in find_personal_data(text, KENT)]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("For queries contact Jane Smith on jane.smith1970@gmail.com.", "e-mail address"),
        ("The complainant (j.bloggs@btinternet.com) was informed.", "e-mail address"),
        ("Mrs Patel can be reached on 07700 900123 after 6pm.", "phone number"),
        ("Call him at home on (01632) 960 001.", "phone number"),
        ("Mobile: +44 7700 900456", "phone number"),
        ("Claimant NI number AB 12 34 56 C was recorded.", "National Insurance number"),
        ("Refund paid to sort code 20-00-00, account 55779911.", "bank details"),
        ("Bank: 40-47-84 a/c 12345678", "bank details"),
        ("Pay to IBAN GB82 WEST 1234 5698 7654 32 by Friday.", "bank details (IBAN)"),
        ("The officer lives at 14 Acacia Avenue, Ruislip HA4 7QX.", "home address"),
        ("Correspondence to: Flat 2, 7 Mill Lane\nCanterbury\nCT1 2AB", "home address"),
    ],
)
def test_finds_personal_data_of_private_individuals(text, what):
    assert what in whats(text)


@pytest.mark.parametrize(
    "text",
    [
        # The body's own contact details, from opcc.yml, as the Kent notices print them.
        "Office telephone: 01622 677055 Email: contactus@kent-pcc.gov.uk",
        "Kent Police and Crime Commissioner, Sutton Road, Maidstone, Kent ME15 9BZ",
        # Officials at public bodies, as the corpus's Essex and Hertfordshire reports print them.
        "Enquiries to: Sunita Patel – sunita.patel@herts.pcc.police.uk",
        "Enquiries to: Dawn Clark – dawn.clark@essex.pnn.police.uk",
        "contactyourpcc@kent.police.uk www.kent-pcc.gov.uk",
        # Organisations' shared mailboxes and numbers.
        "Victim Support: info@victimsupport.org.uk or 0808 168 9111 (free), or 0300 303 1977.",
        # Figures that look like numbers but are not personal data.
        "The programme costs £5,460,000 (ref 2017/18, decision 089/2017) dated 06/10/2023.",
        "Transaction 100215 of £60,000.00 on 10-04-18.",
        "QQ 12 34 56 C",  # not a valid NI number: Q is never a first letter
        "GB82 WEST 1234 5698 7654 31",  # fails the IBAN check digits
    ],
)
def test_lets_official_contacts_and_ordinary_figures_through(text):
    assert whats(text) == []


def test_official_domains_include_the_body_s_own_from_its_contact_e_mail(tmp_path):
    config = tmp_path / "opcc.yml"
    config.write_text("body: {name: Test PCC}\nsite: {title: T, url: https://t.example/}\n"
                      "contact: {email: enquiries@test-pcc.org.uk, phone: 01234 567890}\n")
    official = OfficialContacts.from_settings(load_settings(config))
    assert find_personal_data("Write to a.person@test-pcc.org.uk or ring 01234 567890.", official) == []
    assert [f.what for f in find_personal_data("a.person@test-pcc.org.uk", None)] == ["e-mail address"]


@pytest.mark.parametrize("supplier", ["Mr J Smith", "MRS A PATEL", "Dr. Helen Jones", "MISS MANN DAYA"])
def test_a_supplier_with_a_title_and_no_company_word_is_a_private_individual(supplier):
    assert is_private_individual(supplier)


@pytest.mark.parametrize(
    "supplier",
    ["The Police ICT Company Ltd", "Lambert Smith Hampton", "Dandelion Time", "Dr Martens Ltd",
     "Mr Lock Locksmiths Services", "REDACTED", None],
)
def test_a_company_or_a_redaction_is_not_a_private_individual(supplier):
    assert not is_private_individual(supplier)


def test_record_findings_name_the_fields_that_hold_personal_data():
    decision = Decision(
        reference="OPCC.D.001.24",
        summary="Compensation to the claimant, reachable on 07700 900123.",
        recommendation="Approve the payment.",
        impact_assessments={"privacy": "Data held at 3 Elm Road, Ashford TN23 1AA."},
        decision_maker="Matthew Scott",  # an office holder's name: published by law, never flagged
    )
    assert gate.findings(decision, KENT) == {"summary": ["phone number"], "impact_assessments": ["home address"]}


def test_a_panel_item_paid_to_a_person_is_a_finding():
    report = PanelReport(title="Items of expenditure", items=[
        PanelItem(supplier="Dandelion Time", amount="16258.50"),
        PanelItem(supplier="Mr J Smith", amount="750.00"),
    ])
    assert gate.findings(report, KENT) == {"items": ["private individual"]}


@pytest.mark.parametrize("supplier", ["J. Smith", "John Smith", "Smith, John", "SMITH J MR", "Patel A (Dr)",
                                      "Councillor Jane Doe", "Smith J"])
def test_a_person_named_without_a_title_is_a_private_individual(supplier):
    assert is_private_individual(supplier)


@pytest.mark.parametrize("supplier", ["John Smith Plumbing Ltd", "Smith & Sons", "John Lewis Partnership",
                                      "Sussex District Council", "Age UK Bedfordshire", "Victim Support"])
def test_a_trading_name_stays_public(supplier):
    assert not is_private_individual(supplier)
