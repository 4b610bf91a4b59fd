"""Random "spend over £500" returns (CSV, XLSX, PDF, scanned PDF) with exact ground truth.

Each family is a template of the kind real Police and Crime Commissioners, forces and
councils publish (the Local Government Transparency Code layout and its relatives),
heavily randomised: header spellings, column order, extra and spacer columns, byte
encodings, line endings, separators, date and amount styles, credits, totals and
subtotals, redaction placeholders, title blocks and page furniture.

The generator knows nothing about the project's readers: it writes what publishers
print, and the truth is derived from the very cells it printed.

    python -m tests.generators.spend OUT_DIR --seed 7 --count 40 [--scanned 0.1] [--family ID]

Families (the truth's ``layout``; ``h-`` ones are holdouts, see :data:`HOLDOUT_FAMILIES`):

- ``g-csv-lgtc``: the LGTC 13/12-column template and relatives (Derbyshire-, West Mercia-,
  Oxford-style column sets), one or two bodies, split invoices, trailers.
- ``g-csv-ledger``: finance-system export: report parameters above, cp850/cp437/cp1252,
  tab/semicolon/bar, CR-only lines, header at the end, Grand Total / lone total / counts.
- ``g-csv-drcr``: Debit and Credit columns or one column with CR/DR; multi-line cells,
  blank first line, ragged rows, 'Totals' and 'Net expenditure' lines.
- ``g-csv-welsh``: Welsh bodies, 'Dyddiad / Date' headings, UTF-16, bilingual title/total.
- ``g-csv-grouped``: group headings with sub-totals (labelled or not) and a grand total.
- ``g-xlsx-yearly``: a sheet a month; from October '* ' headings and a renamed column.
- ``g-xlsx-stacked``: two tables in one sheet (PCC / Chief Constable, or revenue /
  capital), the second with its amount column elsewhere.
- ``g-xlsx-report``: title block, summary and notes sheets, hidden columns, whole-pound
  formats, wrapped cells, serial numbers among date cells, net/VAT/gross.
- ``g-xlsx-gpc``: procurement-card transactions, most under £500, summary sheet first.
- ``g-pdf-grid``, ``g-pdf-zebra``, ``g-pdf-grouped``, ``g-pdf-mono``: ruled grid;
  unruled zebra with headings over two lines; grouped with sub-totals (bilingual for
  Welsh bodies); monospace finance print with run headers and fields cut to width.
- ``h-pdf-supplier-blocks`` (holdout): payments under supplier headings, supplier totals,
  a second line per payment, '(continued)' headings.
- ``h-xlsx-carried`` (holdout): invoice lines; date, payee, reference and invoice total
  only on an invoice's first line (blank means as above).
- ``h-csv-quarter`` (holdout): a quarter in one CSV, heading over two rows (Welsh over
  English, or group words over field words), Month column, monthly totals, net/VAT/gross.

The PDF families also come scanned (image-only; 150-300 dpi, greyscale JPEG or 1-bit,
skewed up to 1 degree, noise, specks, an edge shadow).

Truth follows the corpus README (``shared/corpus/expenditure/README.md``) ("Ground truth"), with extra
keys: per row ``private_individual`` (a person's name printed as payee); per file
``features`` (quirks used), ``amount_basis`` (``net`` when the row amount is the net
figure of a file that prints net with VAT and/or gross, ``gross`` when the only figure is
labelled gross, ``single`` when one neutral amount is printed), ``months`` (every month
covered; ``period`` is the first of them), ``encoding`` for CSVs, and ``subtotals`` where
a file prints totals of parts but the truth ``total`` is the grand total only.

Decisions where the corpus README is silent: a group heading gives its rows their
``expense_type`` / ``service_area`` only when the file has no such column; a supplier printed
once over its payments (a heading, or carried down in a blank cell) is every such row's
supplier; where a file prints only part totals (sheet, table or group totals) ``total`` is
null; a procurement-card file's transaction date (not its posting date) is the date; in a
print that cuts fields to width the truth is the cut text; a PDF printed in whole pounds
has whole-pound truth (there are no hidden pennies on paper), while a workbook cell keeps
its pennies whatever its number format shows.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import io
import json
import random
import re
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

TWO = Decimal("0.01")
ZERO = Decimal("0")

# ---- bodies -------------------------------------------------------------------------

# (area, publishing body, Chief Constable / force)
PCC_BODIES = [
    ("Avon and Somerset", "Avon and Somerset Police and Crime Commissioner", "Chief Constable of Avon and Somerset Constabulary"),
    ("Bedfordshire", "Bedfordshire Police and Crime Commissioner", "Chief Constable of Bedfordshire Police"),
    ("Cambridgeshire", "Cambridgeshire Police and Crime Commissioner", "Chief Constable of Cambridgeshire Constabulary"),
    ("Cheshire", "Cheshire Police and Crime Commissioner", "Chief Constable of Cheshire Constabulary"),
    ("Cleveland", "Cleveland Police and Crime Commissioner", "Chief Constable of Cleveland Police"),
    ("Cumbria", "Cumbria Police and Crime Commissioner", "Chief Constable of Cumbria Constabulary"),
    ("Derbyshire", "Derbyshire Police and Crime Commissioner", "Chief Constable of Derbyshire Constabulary"),
    ("Devon and Cornwall", "Devon and Cornwall Police and Crime Commissioner", "Chief Constable of Devon and Cornwall Police"),
    ("Dorset", "Dorset Police and Crime Commissioner", "Chief Constable of Dorset Police"),
    ("Durham", "Durham Police, Crime and Victims' Commissioner", "Chief Constable of Durham Constabulary"),
    ("Essex", "Essex Police, Fire and Crime Commissioner", "Chief Constable of Essex Police"),
    ("Gloucestershire", "Gloucestershire Police and Crime Commissioner", "Chief Constable of Gloucestershire Constabulary"),
    ("Hampshire", "Police and Crime Commissioner for Hampshire and the Isle of Wight", "Chief Constable of Hampshire and Isle of Wight Constabulary"),
    ("Hertfordshire", "Hertfordshire Police and Crime Commissioner", "Chief Constable of Hertfordshire Constabulary"),
    ("Humberside", "Humberside Police and Crime Commissioner", "Chief Constable of Humberside Police"),
    ("Kent", "Kent Police and Crime Commissioner", "Chief Constable of Kent Police"),
    ("Lancashire", "Lancashire Police and Crime Commissioner", "Chief Constable of Lancashire Constabulary"),
    ("Leicestershire", "Leicestershire Police and Crime Commissioner", "Chief Constable of Leicestershire Police"),
    ("Lincolnshire", "Lincolnshire Police and Crime Commissioner", "Chief Constable of Lincolnshire Police"),
    ("Merseyside", "Merseyside Police and Crime Commissioner", "Chief Constable of Merseyside Police"),
    ("Norfolk", "Norfolk Police and Crime Commissioner", "Chief Constable of Norfolk Constabulary"),
    ("North Yorkshire", "North Yorkshire Police, Fire and Crime Commissioner", "Chief Constable of North Yorkshire Police"),
    ("Northamptonshire", "Northamptonshire Police, Fire and Crime Commissioner", "Chief Constable of Northamptonshire Police"),
    ("Northumbria", "Northumbria Police and Crime Commissioner", "Chief Constable of Northumbria Police"),
    ("Nottinghamshire", "Nottinghamshire Police and Crime Commissioner", "Chief Constable of Nottinghamshire Police"),
    ("South Yorkshire", "South Yorkshire Police and Crime Commissioner", "Chief Constable of South Yorkshire Police"),
    ("Staffordshire", "Staffordshire Commissioner for Police, Fire and Rescue and Crime", "Chief Constable of Staffordshire Police"),
    ("Suffolk", "Suffolk Police and Crime Commissioner", "Chief Constable of Suffolk Constabulary"),
    ("Surrey", "Surrey Police and Crime Commissioner", "Chief Constable of Surrey Police"),
    ("Sussex", "Sussex Police and Crime Commissioner", "Chief Constable of Sussex Police"),
    ("Thames Valley", "Thames Valley Police and Crime Commissioner", "Chief Constable of Thames Valley Police"),
    ("Warwickshire", "Warwickshire Police and Crime Commissioner", "Chief Constable of Warwickshire Police"),
    ("West Mercia", "West Mercia Police and Crime Commissioner", "Chief Constable of West Mercia Police"),
    ("West Midlands", "West Midlands Police and Crime Commissioner", "Chief Constable of West Midlands Police"),
    ("Wiltshire", "Police and Crime Commissioner for Wiltshire and Swindon", "Chief Constable of Wiltshire Police"),
]
# (area, English name, Welsh name, English force, Welsh force)
WELSH_BODIES = [
    ("Dyfed-Powys", "Dyfed-Powys Police and Crime Commissioner", "Comisiynydd Heddlu a Throseddu Dyfed-Powys",
     "Chief Constable of Dyfed-Powys Police", "Prif Gwnstabl Heddlu Dyfed-Powys"),
    ("Gwent", "Gwent Police and Crime Commissioner", "Comisiynydd Heddlu a Throseddu Gwent",
     "Chief Constable of Gwent Police", "Prif Gwnstabl Heddlu Gwent"),
    ("North Wales", "North Wales Police and Crime Commissioner", "Comisiynydd Heddlu a Throseddu Gogledd Cymru",
     "Chief Constable of North Wales Police", "Prif Gwnstabl Heddlu Gogledd Cymru"),
    ("South Wales", "South Wales Police and Crime Commissioner", "Comisiynydd Heddlu a Throseddu De Cymru",
     "Chief Constable of South Wales Police", "Prif Gwnstabl Heddlu De Cymru"),
]
COUNCIL_BODIES = [
    ("Oxfordshire", "Oxfordshire County Council", None),
    ("Somerset", "Somerset Council", None),
    ("Leeds", "Leeds City Council", None),
    ("Bristol", "Bristol City Council", None),
    ("Cornwall", "Cornwall Council", None),
    ("Reading", "Reading Borough Council", None),
    ("Wiltshire", "Wiltshire Council", None),
    ("Lambeth", "London Borough of Lambeth", None),
]
NEIGHBOUR_FORCES = ["Avon and Somerset Constabulary", "Metropolitan Police Service", "West Midlands Police",
                    "Greater Manchester Police", "Thames Valley Police", "Kent Police", "Essex Police",
                    "Hampshire and Isle of Wight Constabulary", "Surrey Police", "Lancashire Constabulary"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WELSH_MONTHS = ["Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi",
                "Hydref", "Tachwedd", "Rhagfyr"]

# ---- suppliers, by category -------------------------------------------------------
# Each category: suppliers (with "{area}" filled from the body), creditor type, expense
# types, descriptions ("{mon}", "{yyyy}", "{fy}", "{q}", "{reg}", "{n}", "{ref}" filled),
# net amount range (log-uniform), VAT rate, weight for an OPCC-only and a joint return.

CATEGORIES: dict[str, dict] = {
    "ict": dict(
        suppliers=["Microsoft Ltd", "Softcat plc", "Computacenter (UK) Ltd", "Insight Direct (UK) Ltd",
                   "Bytes Software Services Ltd", "CDW Ltd", "Phoenix Software Ltd", "SCC plc",
                   "Capita Business Services Ltd", "Sopra Steria Ltd", "NEC Software Solutions UK Ltd",
                   "Civica UK Ltd", "Oracle Corporation UK Ltd", "The Police ICT Company Ltd",
                   "Axon Public Safety UK Ltd", "Motorola Solutions UK Ltd", "Airwave Solutions Ltd",
                   "Vodafone Ltd", "EE Ltd", "British Telecommunications plc", "Virgin Media Business Ltd",
                   "Dell Corporation Ltd", "Xerox (UK) Ltd", "Niche Technology (UK) Ltd"],
        ctype="Company", types=["Computer Software", "Software Licences", "ICT Hardware", "IT Maintenance & Support",
                                 "Telephones", "Mobile Phones", "Airwave Charges", "Data Lines", "Printing & Copying"],
        desc=["Software licence renewal {fy}", "Annual support and maintenance {fy}", "Laptops x {n}",
              "Mobile data charges {mon} {yyyy}", "Airwave service charges {mon} {yyyy}", "Body worn video cameras",
              "Network support Q{q}", "Microsoft 365 E3 licences", "Server hardware - data centre refresh",
              "Multi-function printer lease Q{q}", "Telephony line rental {mon} {yyyy}", "Digital evidence storage",
              "Records management system licence", "Docking stations and monitors"],
        lo=520, hi=180000, vat=True, w_opcc=1.0, w_joint=3.0),
    "fleet": dict(
        suppliers=["Ford Motor Company Ltd", "BMW (UK) Ltd", "Volvo Car UK Ltd", "Kwik Fit (GB) Ltd",
                   "Halfords Autocentres Ltd", "Allstar Business Solutions Ltd", "Certas Energy UK Ltd",
                   "Arval UK Ltd", "Lex Autolease Ltd", "Venson Automotive Solutions Ltd",
                   "Bristol Street Motors", "Babcock Vehicle Engineering Ltd", "Bridgestone UK Ltd",
                   "{area} Vehicle Recovery Ltd", "Enterprise Rent-A-Car UK Ltd", "Autoglass Ltd",
                   "Toyota (GB) plc", "Jennings Ford Direct Ltd"],
        ctype="Company", types=["Vehicle Repairs & Maintenance", "Vehicle Purchase", "Fuel", "Tyres",
                                 "Vehicle Conversion", "Vehicle Recovery", "Vehicle Hire", "Vehicle Parts"],
        desc=["Service and repair {reg}", "Tyres {reg}", "Fuel card charges {mon} {yyyy}",
              "Conversion of {n} response vehicles", "Recovery of vehicle {reg}", "Hire vehicle {reg}",
              "Replacement windscreen {reg}", "Bulk fuel delivery - HQ", "Purchase of {n} x marked vehicles",
              "Accident repair {reg}", "Parts for {reg}"],
        lo=500, hi=250000, vat=True, w_opcc=0.1, w_joint=3.0),
    "estates": dict(
        suppliers=["Mitie Facilities Services Ltd", "ISS Facility Services Ltd", "Kier Construction Ltd",
                   "Wates Construction Ltd", "Willmott Dixon Construction Ltd", "Morgan Sindall Construction & Infrastructure Ltd",
                   "EDF Energy Customers Ltd", "British Gas Business", "npower Ltd", "Total Gas & Power Ltd",
                   "Anglian Water Business (National) Ltd", "Severn Trent Water Ltd", "Thames Water Utilities Ltd",
                   "Wessex Water Services Ltd", "Veolia ES (UK) Ltd", "Biffa Waste Services Ltd",
                   "Rentokil Initial UK Ltd", "Chubb Fire & Security Ltd", "Otis Ltd", "Lambert Smith Hampton",
                   "{area} County Council", "Sodexo Ltd", "Bouygues E&S FM UK Ltd"],
        ctype="Company", types=["Repairs & Maintenance", "Electricity", "Gas", "Water Charges", "Cleaning",
                                 "Waste Disposal", "Building Works", "Rent", "Business Rates", "Security",
                                 "Planned Maintenance", "Capital - Buildings"],
        desc=["Electricity - HQ {mon} {yyyy}", "Gas supply {mon} {yyyy}", "Water charges Q{q}",
              "Cleaning contract {mon} {yyyy}", "Reactive repairs - {place} police station",
              "Refurbishment of custody suite", "Rent - {place} police station Q{q}",
              "Business rates {fy}", "Waste collection {mon} {yyyy}", "Lift maintenance",
              "Fire alarm servicing", "Pest control", "Roof repairs - {place}", "Planned maintenance"],
        lo=500, hi=900000, vat=True, w_opcc=0.4, w_joint=3.0),
    "custody": dict(
        suppliers=["Mitie Care & Custody Ltd", "G4S Health Services (UK) Ltd", "Medacs Healthcare plc",
                   "Tascor Medical Services Ltd", "CJ Medical Ltd", "Saxon Health Ltd"],
        ctype="Company", types=["Custody Healthcare", "Medical Fees", "Forensic Medical Examiners", "Custody Services"],
        desc=["Custody healthcare contract {mon} {yyyy}", "Forensic medical examinations {mon}",
              "Healthcare professionals - custody Q{q}", "Detainee meals {mon} {yyyy}"],
        lo=600, hi=150000, vat=True, w_opcc=0.05, w_joint=1.0),
    "forensic": dict(
        suppliers=["Eurofins Forensic Services Ltd", "Cellmark Forensic Services", "Key Forensic Services Ltd",
                   "LGC Ltd", "Forensic Analytical Sciences Ltd", "CCL Solutions Group Ltd",
                   "Hampshire Forensic Toxicology", "Forensic Access Ltd", "Evidence Talks Ltd"],
        ctype="Company", types=["Forensic Services", "Forensic Science", "Digital Forensics", "Toxicology"],
        desc=["Drugs analysis Op {op}", "DNA analysis - case {ref}", "Toxicology {mon} {yyyy}",
              "Digital forensic examination - {n} devices", "Fingerprint development", "Forensic submissions {mon}"],
        lo=500, hi=120000, vat=True, w_opcc=0.0, w_joint=1.5),
    "legal": dict(
        suppliers=["DWF LLP", "Weightmans LLP", "Browne Jacobson LLP", "Bevan Brittan LLP", "Kennedys Law LLP",
                   "HM Courts & Tribunals Service", "Government Legal Department", "No5 Barristers' Chambers",
                   "St Philips Chambers", "Crown Prosecution Service", "Withers LLP"],
        ctype="Company", types=["Legal Fees", "Legal Costs", "Counsel Fees", "Court Fees", "Compensation"],
        desc=["Legal advice - claim {ref}", "Counsel fees - inquest", "Court fees {mon}",
              "Employment tribunal - case {ref}", "Settlement of civil claim {ref}",
              "Legal services – misconduct hearing"],
        lo=500, hi=200000, vat=True, w_opcc=0.6, w_joint=1.0),
    "language": dict(
        suppliers=["thebigword Group Ltd", "DA Languages Ltd", "Language Line Services UK Ltd", "Clarion UK Ltd",
                   "Pearl Linguistics Ltd"],
        ctype="Company", types=["Interpreters", "Translation Services"],
        desc=["Interpreting services {mon} {yyyy}", "Telephone interpreting {mon}", "Translation of documents"],
        lo=500, hi=40000, vat=True, w_opcc=0.05, w_joint=0.8),
    "grants": dict(
        suppliers=["Victim Support", "Catch22 Charity Ltd", "St Giles Trust", "Nacro", "Barnardo’s",
                   "Citizens Advice {area}", "{area} Women's Aid", "Crimestoppers Trust", "Samaritans",
                   "Mind in {area}", "Restorative Solutions CIC", "The Children's Society", "SafeLives",
                   "Rape Crisis {area}", "Changing Lives", "Turning Point", "Change Grow Live", "Dandelion Time",
                   "SignHealth", "Age UK {area}", "YMCA {area}", "Street Pastors {area}",
                   "Neighbourhood Watch Network", "Julie’s Bicycle", "Off The Record (Youth Counselling)",
                   "The Lucy Faithfull Foundation", "{area} Rural Community Council", "Llamau"],
        ctype="Charity", types=["Grants", "Grants to Voluntary Organisations", "Commissioned Services",
                                "Victim Services", "Community Safety Fund", "Violence Reduction Unit"],
        desc=["Grant - {purpose} {fy}", "Victims' services contract Q{q} {fy}", "Community Safety Fund grant {fy}",
              "Domestic abuse support services", "Independent Sexual Violence Advisers Q{q}",
              "Youth diversion project", "Restorative justice service {mon} {yyyy}",
              "Safer Streets Fund – {place}", "Hate crime advocacy service", "Serious violence duty funding"],
        lo=500, hi=400000, vat=False, w_opcc=5.0, w_joint=1.2),
    "public": dict(
        suppliers=["{area} County Council", "{area} District Council", "Home Office", "College of Policing Ltd",
                   "National Police Chiefs' Council", "HM Revenue & Customs", "Association of Police and Crime Commissioners",
                   "{force}", "NHS {area} Integrated Care Board", "{area} Fire and Rescue Service",
                   "Independent Office for Police Conduct", "Disclosure and Barring Service", "Mayor's Office for Policing and Crime",
                   "{area} Youth Offending Service", "Cyngor Sir Powys", "Ynys Môn County Council"],
        ctype="Public Body", types=["Contributions to Other Bodies", "Collaboration Costs", "Subscriptions", "Mutual Aid",
                                    "Partnership Contributions", "Recharges", "Audit Fees", "Training"],
        desc=["Contribution to regional collaboration Q{q}", "APCC subscription {fy}", "Mutual aid - Op {op}",
              "Community safety partnership contribution {fy}", "Recharge - shared services {mon}",
              "National ICT charges {fy}", "CCTV monitoring contribution {fy}", "Vetting checks {mon} {yyyy}"],
        lo=500, hi=600000, vat=False, w_opcc=1.5, w_joint=1.5),
    "professional": dict(
        suppliers=["Grant Thornton UK LLP", "Ernst & Young LLP", "KPMG LLP", "Mazars LLP", "TIAA Ltd",
                   "RSM Risk Assurance Services LLP", "Zurich Municipal", "Marsh Ltd", "Hays Specialist Recruitment Ltd",
                   "Reed Specialist Recruitment Ltd", "Penna plc", "Opinion Research Services", "Ipsos MORI UK Ltd",
                   "The Data Protection People Ltd", "Thirdway Interiors Ltd", "Individual Training Solutions Ltd"],
        ctype="Company", types=["External Audit Fees", "Internal Audit", "Insurance", "Consultancy", "Agency Staff",
                                "Recruitment", "Professional Fees", "Surveys"],
        desc=["External audit fee {fy}", "Internal audit days Q{q}", "Insurance premium {fy}",
              "Consultancy - estates strategy", "Agency staff w/e {day}/{mm}/{yyyy}", "Recruitment advertising",
              "Public confidence survey Q{q}", "Data protection training", "Office design services"],
        lo=500, hi=300000, vat=True, w_opcc=1.5, w_joint=1.0),
    "equipment": dict(
        suppliers=["Aspli Safety Ltd", "Ballyclare Ltd", "Arco Ltd", "Lyreco UK Ltd", "Office Depot UK Ltd",
                   "Banner Group Ltd", "Royal Mail Group Ltd", "Pitney Bowes Ltd", "Viking Direct",
                   "Sabre Personal Protection Ltd", "Securitas Security Services (UK) Ltd", "Dodson & Horrell Ltd",
                   "{area} Veterinary Group"],
        ctype="Company", types=["Uniforms", "Protective Equipment", "Stationery", "Printing", "Postage",
                                "Operational Equipment", "Furniture", "Police Dogs", "Veterinary Fees"],
        desc=["Body armour x {n}", "Uniform - {n} x trousers", "Stationery {mon} {yyyy}", "Postage {mon} {yyyy}",
              "Franking machine rental", "Dog food and kennel supplies", "Veterinary treatment - police dog {dog}",
              "Office furniture - {place}", "Handcuffs and batons", "High visibility jackets"],
        lo=500, hi=90000, vat=True, w_opcc=0.6, w_joint=1.5),
    "training": dict(
        suppliers=["Premier Inn Hotels Ltd", "Travelodge Hotels Ltd", "Trainline.com Ltd", "Capita Travel and Events Ltd",
                   "Redfern Travel Ltd", "Calder Conferences Ltd", "Redactive Events Ltd", "REDACTIVE MEDIA SALES LIMITED",
                   "Redactive Publishing Ltd", "Personal Best Coaching Ltd", "Skills for Justice", "Leeds Beckett University",
                   "University of {area}", "Canterbury Christ Church University", "Private Eye Training Ltd"],
        ctype="Company", types=["Training", "Conference Fees", "Accommodation", "Travel", "Course Fees",
                                "Advertising", "Police Education Qualifications Framework"],
        desc=["Conference places x {n}", "Accommodation - course attendance", "Rail travel {mon} {yyyy}",
              "PEQF tuition fees {fy}", "Leadership coaching", "Recruitment advertisement", "Exhibition stand"],
        lo=500, hi=150000, vat=True, w_opcc=1.0, w_joint=1.2),
    "trader": dict(
        suppliers=["J Roberts t/a Roberts Locksmiths", "A. Patel Plumbing & Heating", "Dave's Tyres",
                   "K Hughes Electrical", "Mark Evans Photography", "S & J Cleaning Services", "Steve Jones Decorators",
                   "P. O'Brien Glazing", "Green Acre Grounds Maintenance", "M & S Carpets", "Rowe's Garage",
                   "Café Nero", "Crèche Kids Childcare"],
        ctype="Sole Trader", types=["Locksmith", "Building Repairs", "Photography", "Cleaning", "Grounds Maintenance",
                                    "Catering", "Repairs & Maintenance"],
        desc=["Replacement locks - {place}", "Boiler repair - {place}", "Photography - awards evening",
              "Window cleaning Q{q}", "Grounds maintenance {mon}", "Catering - community event", "Carpet replacement"],
        lo=500, hi=12000, vat=False, w_opcc=0.6, w_joint=0.8),
    "person": dict(
        suppliers=[],  # private individuals: names made up per payment
        ctype="Individual", types=["Independent Members' Allowances", "Panel Member Expenses", "Volunteer Expenses",
                                   "Expert Witness Fees", "Compensation", "Custody Visitors' Expenses", "Refunds"],
        desc=["Independent custody visitor expenses {mon}", "Audit committee member allowance Q{q}",
              "Expert witness report", "Settlement of claim {ref}", "Independent member fee - misconduct hearing",
              "Legally qualified chair fee", "Refund of firearms licence fee"],
        lo=500, hi=9000, vat=False, w_opcc=0.8, w_joint=0.4),
}

SERVICE_AREAS = ["Local Policing", "Crime & Public Protection", "Operational Support", "Estates", "ICT", "Fleet",
                 "Criminal Justice", "Contact Management", "Professional Standards", "Corporate Services",
                 "Office of the PCC", "Commissioning", "Victim Services", "Headquarters", "Learning & Development",
                 "Roads Policing", "Custody", "People Services", "Finance", "Joint Protective Services",
                 "Regional Organised Crime Unit", "Major Crime", "Forensic Services", "Specialist Operations"]
AREA_FOR_CATEGORY = {
    "ict": ["ICT", "Corporate Services", "Contact Management"], "fleet": ["Fleet", "Roads Policing", "Operational Support"],
    "estates": ["Estates", "Headquarters", "Custody"], "custody": ["Custody", "Criminal Justice"],
    "forensic": ["Forensic Services", "Major Crime", "Crime & Public Protection"],
    "legal": ["Professional Standards", "Corporate Services", "Office of the PCC"],
    "language": ["Criminal Justice", "Custody", "Contact Management"], "grants": ["Commissioning", "Victim Services", "Office of the PCC"],
    "public": ["Office of the PCC", "Joint Protective Services", "Regional Organised Crime Unit", "Finance"],
    "professional": ["Finance", "People Services", "Office of the PCC", "Corporate Services"],
    "equipment": ["Operational Support", "Local Policing", "Specialist Operations"],
    "training": ["Learning & Development", "People Services", "Office of the PCC"],
    "trader": ["Estates", "Local Policing", "Office of the PCC"], "person": ["Office of the PCC", "Professional Standards", "Legal Services"],
}
PLACES = ["Ashford", "Bodmin", "Canterbury", "Chelmsford", "Taunton", "Yeovil", "Truro", "Exeter", "Boston", "Grantham",
          "Bedford", "Luton", "Kendal", "Carlisle", "Hinckley", "Loughborough", "Ipswich", "Lowestoft", "Guildford",
          "Staines", "Brecon", "Llanelli", "Wrexham", "Cwmbran", "Bridgend", "Newport", "Banbury", "Swindon"]
PURPOSES = ["victim support services", "youth outreach", "domestic abuse refuge", "knife crime prevention",
            "rural crime partnership", "restorative justice", "modern slavery support", "neighbourhood watch"]
OPS = ["Encompass", "Sentinel", "Viper", "Kingfisher", "Orion", "Harbour", "Bluebell", "Granite", "Tern"]
DOGS = ["Rex", "Bella", "Max", "Storm", "Jet", "Nova"]
FIRST_NAMES = ["John", "Jane", "Susan", "David", "Sarah", "Michael", "Amanda", "Robert", "Priya", "Mohammed",
               "Gareth", "Siân", "Emma", "Paul", "Helen", "Yusuf", "Rhys", "Claire", "Anita", "Peter"]
SURNAMES = ["Smith", "Jones", "Patel", "Williams", "Taylor", "Brown", "Davies", "Evans", "Khan", "Wilson", "Thomas",
            "Roberts", "Ali", "Hughes", "O'Neill", "Macdonald", "Wright", "Chapman", "Okafor", "Lewis", "Doe"]

REDACTIONS = ["REDACTED", "Redacted", "REDACTED PERSONAL DATA", "Redacted personal data", "Redacted - personal data",
              "REDACTED UNDER DP ACT", "Personal data removed", "Personal Data", "Private individual", "PRIVATE INDIVIDUAL",
              "Individual", "THIRD PARTY", "Withheld", "WITHHELD", "Name withheld", "[Redacted]", "Data Protection Act",
              "Withheld - Data Protection Act 2018", "Redacted - Data Protection", "Personal information withheld",
              "Not disclosed - personal data", "Sensitive payment", "Confidential"]
WELSH_REDACTIONS = ["Wedi'i olygu / Redacted", "Data personol / Personal data", "Unigolyn preifat / Private individual",
                    "Wedi'i atal / Withheld"]


def pick(rng: random.Random, options, weights=None):
    return rng.choices(options, weights=weights)[0] if weights else rng.choice(options)


def chance(rng: random.Random, p: float) -> bool:
    return rng.random() < p


# ---- a body, a period and its payments --------------------------------------------


@dataclass
class Body:
    area: str
    name: str  # the publisher, as the truth's ``body``
    force: str | None  # the Chief Constable, for two-body files
    welsh: str | None = None
    welsh_force: str | None = None
    council: bool = False


def pick_body(rng: random.Random, welsh: bool = False, council_share: float = 0.0) -> Body:
    if welsh:
        area, en, cy, force, cyforce = rng.choice(WELSH_BODIES)
        return Body(area, en, force, cy, cyforce)
    if chance(rng, council_share):
        area, name, _ = rng.choice(COUNCIL_BODIES)
        return Body(area, name, None, council=True)
    area, name, force = rng.choice(PCC_BODIES)
    return Body(area, name, force)


@dataclass
class Payment:
    date: dt.date
    supplier: str  # the name, or the redaction text when redacted
    net: Decimal
    vat: Decimal
    description: str | None
    expense_type: str
    service_area: str
    txn: str
    invoice: str
    supplier_id: str
    vat_reg: str
    expense_code: str
    creditor_type: str
    category: str
    redacted: bool = False
    private: bool = False
    spending_body: str = "PCC"  # or "CC"
    cc_code: str = ""
    posted: dt.date | None = None

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat


def fy_label(d: dt.date) -> str:
    start = d.year if d.month >= 4 else d.year - 1
    return f"{start}/{str(start + 1)[2:]}"


def quarter(d: dt.date) -> int:
    return ((d.month - 4) % 12) // 3 + 1


def reg_plate(rng: random.Random, d: dt.date) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    age = rng.randint(max(d.year - 8, 2010), d.year) % 100 + rng.choice([0, 50])
    return f"{rng.choice(letters)}{rng.choice(letters)}{age:02d} {''.join(rng.choice(letters) for _ in range(3))}"


def person_name(rng: random.Random, style: str) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    title = rng.choice(["Mr", "Mrs", "Ms", "Miss", "Dr"])
    return {
        "initial": f"{first[0]}. {last}",
        "initial_nodot": f"{first[0]} {last}",
        "full": f"{first} {last}",
        "surname_first": f"{last}, {first}",
        "ledger": f"{last.upper()} {first[0]} {title.upper()}",
        "ledger_full": f"{title.upper()} {last.upper()} {first.upper()}",
        "titled": f"{title} {first[0]} {last}",
        "titled_full": f"{title} {first} {last}",
        "councillor": f"Councillor {first} {last}",
        "cllr": f"Cllr {first[0]} {last}",
    }[style]


PERSON_STYLES = ["initial", "initial_nodot", "full", "surname_first", "ledger", "ledger_full", "titled",
                 "titled_full", "councillor", "cllr"]


@dataclass
class Spec:
    """What one return's payments look like."""

    body: Body
    months: list[tuple[int, int]]
    n: int
    joint: bool = True  # the return covers the force's spend too (not only the OPCC's)
    two_bodies: bool = False  # rows carry PCC / Chief Constable
    credit_share: float = 0.03
    split_share: float = 0.08
    small_share: float = 0.02
    person_share: float = 0.04
    redaction: str = "redact"  # redact | name | mixed
    placeholders: list[str] = field(default_factory=lambda: ["REDACTED"])
    person_style: str = "initial"
    txn_style: str = "numeric"
    sort: str = "date"  # date | supplier | none
    gpc: bool = False


def random_spec(rng: random.Random, body: Body | None = None, *, n: tuple[int, int] = (30, 600),
                months: int = 1, year_range=(2013, 2025), welsh: bool = False) -> Spec:
    body = body or pick_body(rng, welsh=welsh, council_share=0.1)
    y = rng.randint(*year_range)
    m = rng.randint(1, 12)
    ms = []
    for _ in range(months):
        ms.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    redaction = pick(rng, ["redact", "name", "mixed"], [0.65, 0.15, 0.2])
    placeholders = rng.sample(WELSH_REDACTIONS if welsh and chance(rng, 0.6) else REDACTIONS, k=pick(rng, [1, 2], [0.8, 0.2]))
    return Spec(
        body=body, months=ms, n=rng.randint(*n), joint=chance(rng, 0.7) or body.council,
        credit_share=pick(rng, [0.0, 0.02, 0.05, 0.1], [0.15, 0.45, 0.3, 0.1]),
        split_share=pick(rng, [0.0, 0.05, 0.15], [0.3, 0.4, 0.3]),
        small_share=pick(rng, [0.0, 0.02, 0.06], [0.4, 0.4, 0.2]),
        person_share=pick(rng, [0.0, 0.03, 0.08], [0.2, 0.5, 0.3]),
        redaction=redaction, placeholders=placeholders, person_style=rng.choice(PERSON_STYLES),
        txn_style=rng.choice(TXN_STYLES), sort=pick(rng, ["date", "supplier", "none"], [0.7, 0.15, 0.15]),
    )


TXN_STYLES = ["numeric", "ap", "tr", "sap", "slash", "line_us", "line_dash", "pi"]


class TxnNumbers:
    def __init__(self, rng: random.Random, style: str, year: int):
        self.rng, self.style, self.year = rng, style, year
        self.n = rng.randint(100000, 9900000) if style in ("numeric", "line_us", "line_dash") else rng.randint(1000, 899999)

    def next(self) -> str:
        self.n += self.rng.choice([1, 1, 1, 2, 3, 7])
        return {
            "numeric": f"{self.n}",
            "ap": f"AP{self.n:06d}",
            "tr": f"TR{self.n:06d}",
            "sap": f"51{self.n:08d}",
            "slash": f"{self.year}/{self.n:06d}",
            "line_us": f"{self.n}",
            "line_dash": f"{self.n}",
            "pi": f"PI{self.n:07d}",
        }[self.style]

    def line(self, base: str, k: int) -> str:
        if self.style == "line_us":
            return f"{base}_{k}"
        if self.style == "line_dash":
            return f"{base} - {k}"
        return base


def log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    import math

    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def money_value(rng: random.Random, lo: float, hi: float) -> Decimal:
    value = log_uniform(rng, lo, hi)
    if hi > 20000 and chance(rng, 0.1):  # a few very large ones are rarer than log-uniform suggests
        value = log_uniform(rng, lo, min(hi, 20000))
    if chance(rng, 0.18):
        return Decimal(int(value))
    return Decimal(str(value)).quantize(TWO, ROUND_HALF_UP)


def fill(rng: random.Random, template: str, d: dt.date, body: Body) -> str:
    values = {
        "mon": MONTHS[d.month - 1], "mon3": MONTHS[d.month - 1][:3], "yyyy": str(d.year), "fy": fy_label(d),
        "q": str(quarter(d)), "reg": reg_plate(rng, d), "n": str(rng.randint(2, 40)), "ref": f"{rng.randint(10, 99)}/{rng.randint(1000, 9999)}",
        "place": rng.choice(PLACES), "purpose": rng.choice(PURPOSES), "op": rng.choice(OPS), "dog": rng.choice(DOGS),
        "day": f"{rng.randint(1, 28):02d}", "mm": f"{d.month:02d}", "area": body.area,
    }
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


def month_days(y: int, m: int) -> list[dt.date]:
    days = [dt.date(y, m, d) for d in range(1, calendar.monthrange(y, m)[1] + 1)]
    return [d for d in days if d.weekday() < 5]


def make_payments(rng: random.Random, spec: Spec) -> list[Payment]:
    """The month's payments, in the order the file lists them."""
    cats = list(CATEGORIES)
    weights = [CATEGORIES[c]["w_joint" if spec.joint else "w_opcc"] for c in cats]
    person_w = spec.person_share * sum(weights) / max(1e-9, 1 - spec.person_share)
    weights[cats.index("person")] = person_w
    year = spec.months[0][0]
    txns = TxnNumbers(rng, spec.txn_style, year)
    runs = {}  # payment-run days per month: most payments fall on them
    for y, m in spec.months:
        days = month_days(y, m)
        runs[(y, m)] = (days, rng.sample(days, k=min(len(days), rng.randint(3, 9))))
    supplier_ids: dict[str, str] = {}
    id_style = rng.choice(["S0", "digits", "V"])
    vat_style = rng.choice(["GB", "plain", "spaced"])
    code_style = rng.choice(["digits", "alpha"])
    codes: dict[str, str] = {}
    cc_codes: dict[str, str] = {}
    cc_prefix = rng.choice(["C", "CC", "K", ""])
    out: list[Payment] = []
    while len(out) < spec.n:
        cat = rng.choices(cats, weights)[0]
        c = CATEGORIES[cat]
        ym = rng.choice(spec.months)
        days, run_days = runs[ym]
        date = rng.choice(run_days) if chance(rng, 0.8) else rng.choice(days)
        private = redacted = False
        if cat == "person":
            name = person_name(rng, spec.person_style if chance(rng, 0.85) else rng.choice(PERSON_STYLES))
            policy = spec.redaction
            if policy == "mixed":
                policy = "name" if chance(rng, 0.4) else "redact"
            if policy == "redact":
                supplier, redacted = rng.choice(spec.placeholders), True
            else:
                supplier, private = name, True
        else:
            supplier = rng.choice(c["suppliers"]).replace("{area}", spec.body.area)
            supplier = supplier.replace("{force}", rng.choice(NEIGHBOUR_FORCES))
        etype = rng.choice(c["types"])
        area = rng.choice(AREA_FOR_CATEGORY[cat] if chance(rng, 0.8) else SERVICE_AREAS)
        net = money_value(rng, c["lo"], c["hi"])
        if chance(rng, spec.small_share):
            net = money_value(rng, 20, 499)
        credit = chance(rng, spec.credit_share)
        desc = fill(rng, rng.choice(c["desc"]), date, spec.body)
        if credit:
            net = -net if net > 50 else -(net + 120)
            if chance(rng, 0.4):
                desc = pick(rng, ["Credit note - ", "Refund - ", "CREDIT "]) + desc
        if chance(rng, 0.05):
            desc = None
        key = supplier if not (redacted or private) else f"person:{len(out)}"
        if key not in supplier_ids:
            supplier_ids[key] = {"S0": f"S{rng.randint(1000, 99999):06d}", "digits": str(rng.randint(10000, 999999)),
                                 "V": f"V{rng.randint(10000, 99999)}"}[id_style]
        if etype not in codes:
            codes[etype] = str(rng.randint(1000, 9999)) if code_style == "digits" else f"{rng.choice('ABCDE')}{rng.randint(10000, 99999)}"
        vat_reg = ""
        if c["vat"] and not (redacted or private):
            digits = f"{rng.randint(100000000, 999999999)}"
            vat_reg = {"GB": f"GB{digits}", "plain": digits, "spaced": f"{digits[:3]} {digits[3:7]} {digits[7:]}"}[vat_style]
        rate = Decimal("0.2") if c["vat"] and not (redacted or private) and chance(rng, 0.9) else ZERO
        base = txns.next()
        invoice = pick(rng, [f"SI{rng.randint(100000, 999999)}", f"INV-{rng.randint(1000, 99999)}",
                             f"{rng.randint(1000000, 99999999):08d}", f"{rng.choice('ABCDEFGH')}{rng.randint(1000, 9999)}/{date.year % 100}"])
        spending = "PCC"
        if spec.two_bodies:
            spending = "PCC" if cat in ("grants", "person") and chance(rng, 0.8) or chance(rng, 0.08) else "CC"
        parts = [net]
        if chance(rng, spec.split_share) and abs(net) > 300 and not spec.gpc:
            k = rng.randint(2, 4)
            cuts = sorted(rng.sample(range(1, 100), k - 1))
            shares = [b - a for a, b in zip([0] + cuts, cuts + [100], strict=True)]
            parts = [(net * s / 100).quantize(TWO, ROUND_HALF_UP) for s in shares]
            parts[-1] = net - sum(parts[:-1])
            parts = [p for p in parts if p != 0] or [net]
        for k, part in enumerate(parts, 1):
            line_type = etype if k == 1 else rng.choice(c["types"])
            line_area = area if k == 1 else rng.choice(AREA_FOR_CATEGORY[cat] + SERVICE_AREAS[:4])
            if line_type not in codes:
                codes[line_type] = str(rng.randint(1000, 9999)) if code_style == "digits" else f"{rng.choice('ABCDE')}{rng.randint(10000, 99999)}"
            out.append(Payment(
                date=date, supplier=supplier, net=part, vat=(part * rate).quantize(TWO, ROUND_HALF_UP),
                description=desc, expense_type=line_type, service_area=line_area,
                txn=txns.line(base, k) if len(parts) > 1 or spec.txn_style.startswith("line") else base,
                invoice=invoice, supplier_id=supplier_ids[key], vat_reg=vat_reg, expense_code=codes[line_type],
                creditor_type=c["ctype"], category=cat, redacted=redacted, private=private, spending_body=spending,
                cc_code=cc_codes.setdefault(line_area, f"{cc_prefix}{rng.randint(1000, 9999)}"),
            ))
    out = out[: spec.n] if len(out) > spec.n + 3 else out
    if spec.sort == "date":
        out.sort(key=lambda p: (p.date, p.txn))
    elif spec.sort == "supplier":
        out.sort(key=lambda p: (p.supplier.lower(), p.date))
    if spec.two_bodies and chance(rng, 0.5):
        out.sort(key=lambda p: p.spending_body != "PCC")  # stable: the PCC's rows first, then the force's
    return out


# ---- printing dates and money -----------------------------------------------------

DATE_STYLES = ["dmy4", "dmy2", "iso", "isotime", "dmon4", "dmon2", "DMON4", "long", "dotted", "dmy4_nz",
               "dashes", "dmonsp", "DMON2"]


def fmt_date(d: dt.date, style: str) -> str:
    mon = MONTHS[d.month - 1]
    return {
        "dmy4": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "dmy2": f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        "iso": d.isoformat(),
        "isotime": f"{d.isoformat()} 00:00:00",
        "dmon4": f"{d.day:02d}-{mon[:3]}-{d.year}",
        "dmon2": f"{d.day:02d}-{mon[:3]}-{d.year % 100:02d}",
        "DMON4": f"{d.day:02d}-{mon[:3].upper()}-{d.year}",
        "DMON2": f"{d.day:02d}-{mon[:3].upper()}-{d.year % 100:02d}",
        "long": f"{d.day} {mon} {d.year}",
        "dotted": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dmy4_nz": f"{d.day}/{d.month}/{d.year}",
        "dashes": f"{d.day:02d}-{d.month:02d}-{d.year}",
        "dmonsp": f"{d.day} {mon[:3]} {d.year}",
    }[style]


@dataclass
class MoneyStyle:
    thousands: bool = False
    pound: bool = False
    neg: str = "minus"  # minus | paren | trailing | cr | crnospace | pound_minus
    dr: bool = False  # ' DR' after debits when credits say CR
    pad: bool = False  # Excel accounting: ' 1,234.56 ' / ' (1,234.56)'
    dec: str = "2"  # 2 | trim (whole pounds without .00) | float (as a float prints: 8310.6, 1925)

    def describe(self) -> str:
        bits = [self.neg]
        bits += [b for b, on in (("thousands", self.thousands), ("pound", self.pound), ("DR", self.dr),
                                 ("accounting", self.pad)) if on]
        if self.dec != "2":
            bits.append(f"dec-{self.dec}")
        return "amount:" + "+".join(bits)


def random_money_style(rng: random.Random, negs=None, allow_pound: bool = True) -> MoneyStyle:
    st = MoneyStyle()
    kind = pick(rng, ["plain", "thousands", "pound", "accounting", "float"], [0.3, 0.25, 0.15 if allow_pound else 0, 0.15, 0.15])
    st.thousands = kind in ("thousands", "pound", "accounting")
    st.pound = kind == "pound"
    st.pad = kind == "accounting"
    st.dec = "float" if kind == "float" else pick(rng, ["2", "trim"], [0.85, 0.15])
    if st.pad:
        st.neg = "paren"
    else:
        st.neg = rng.choice(negs or ["minus", "minus", "paren", "trailing", "cr", "crnospace"])
    if st.pound and st.neg == "minus" and chance(rng, 0.5):
        st.neg = "pound_minus"
    st.dr = st.neg in ("cr", "crnospace") and chance(rng, 0.3)
    return st


def fmt_money(x: Decimal, st: MoneyStyle) -> str:
    a = abs(x)
    if st.dec == "float":
        s = repr(float(a))
        s = s[:-2] if s.endswith(".0") else s
    elif st.dec == "trim" and a == a.to_integral_value():
        s = f"{int(a):,}" if st.thousands else f"{int(a)}"
    else:
        s = f"{a:,.2f}" if st.thousands else f"{a:.2f}"
    if st.pad:
        return f" ({s})" if x < 0 else f" {s} "
    if x < 0:
        if st.neg == "pound_minus":
            return f"-£{s}"
        if st.pound:
            s = "£" + s
        return {"minus": f"-{s}", "paren": f"({s})", "trailing": f"{s}-", "cr": f"{s} CR", "crnospace": f"{s}CR"}[st.neg]
    if st.pound or st.neg == "pound_minus":
        s = "£" + s
    return f"{s} DR" if st.dr else s


def q2(x: Decimal) -> str:
    return f"{x.quantize(TWO):.2f}"


# ---- headings -----------------------------------------------------------------------

HEADERS = {
    "body": ["Body", "Organisation", "Org", "Entity", "Body Code", "Organisation Code", "Client"],
    "body_name": ["Body Name", "Name of Body", "Organisation Name", "Body name", "Entity Name", "Company Name", "ENEntity Name"],
    "date": ["Date", "Transaction Date", "Payment Date", "Date Paid", "Paid Date", "Posting Date", "Invoice Date",
             "Pay Date", "Trans Date", "Date of Payment", "Payment date", "Txn Date", "Date of Transaction", "PymtDate",
             "Invoice Payment Date", "Cheque/BACS Date", "Effective Date"],
    "txn": ["Transaction Number", "Transaction No", "Transaction No.", "Trans No", "Transaction ID", "Transaction Ref",
            "Doc No", "Document Number", "Doc Ref", "Payment Reference", "Payment Ref", "Voucher Number", "Voucher No",
            "Reference", "Ref", "Ref No", "URN", "UNIQUE REF", "Unique Reference", "Journal No", "Transaction number"],
    "invoice": ["Invoice Number", "Invoice No", "Invoice Ref", "Supplier Invoice No", "Inv No", "Invoice Reference"],
    "amount": ["Amount", "Amount (£)", "Amount £", "£", "Value", "Value (£)", "Sum Paid (£)", "Sum Paid", "Paid Amount",
               "Payment Amount", "Amount Paid", "Spend", "Expenditure", "Transaction Amount", "Line Amount", "Total",
               "Amount Paid (£)", "Value £"],
    "amount_net": ["Net Amount", "Net Amount(£)", "Net Amount (£)", "Net Value", "Amount (Excl VAT)", "Amount £ (Excl VAT)",
                   "Invoice Nett Amount", "Amount (net of VAT)", "Net £", "Net"],
    "amount_gross": ["Gross", "Gross Amount", "Gross Amount (£)", "Gross Value (£)", "Amount (inc VAT)", "Gross Value"],
    "net": ["Net", "Net Amount", "Net Amount(£)", "Net Amount (£)", "Net Value", "Net £", "Nett", "Amount (Net)",
            "Net Cost", "SumOfNet Amt", "Value Excl VAT", "Amount excl. VAT"],
    "vat": ["VAT", "VAT Amount", "VAT (£)", "Vat", "VAT £", "Tax", "SumOfVatAmt", "VAT Value", "Recoverable VAT"],
    "gross": ["Gross", "Gross Amount", "Gross Amount (£)", "Gross Value", "Total (inc VAT)", "Amount incl. VAT",
              "SumOfGross Amt", "Gross £", "Total Gross"],
    "debit": ["Debit", "Debit (£)", "Dr", "DR", "Debit £", "Payments", "Debits", "Dr Amount"],
    "credit": ["Credit", "Credit (£)", "Cr", "CR", "Credit £", "Refunds", "Credits", "Cr Amount"],
    "supplier": ["Supplier", "Supplier Name", "Supplier name", "Name", "Payee", "Payee Name", "Creditor", "Creditor Name",
                 "Vendor", "Vendor Name", "Merchant", "Merchant Name", "Beneficiary", "Paid To", "Recipient",
                 "Supplier/Payee", "Trader", "Account Name", "Suppliers Name", "Supplier Name (Payee)", "Creditor / Supplier"],
    "supplier_id": ["Supplier ID", "Supplier Id", "Supplier No", "Supplier Number", "Supplier Code", "Vendor ID",
                    "Creditor No", "Creditor Number", "Supplier Ref", "Vendor No"],
    "vat_reg": ["VAT Reg No", "VAT Registration Number", "VAT Reg no", "Vat Reg No", "VAT Number", "VAT No", "Supplier VAT No"],
    "service_area": ["Expense Area", "Service Area", "Department", "Directorate", "Service", "Cost Centre", "Cost Centre Name",
                     "Business Unit", "Service Division", "Service Division Org.", "Organisational Unit", "Portfolio",
                     "Service Area Categorisation", "Division", "Command", "Responsible Unit"],
    "expense_type": ["Expense Type", "Expenditure Type", "Expenditure Category", "Expense Category", "Category", "Subjective",
                     "Subjective Description", "Account Description", "G/L Description", "GL Description",
                     "Detailed Expense Type", "Expense Description", "Type of Spend", "Spend Category", "Purchase Category",
                     "Cost Type", "Nature of Expenditure", "Element Description", "Subj Description", "Proclass Description"],
    "expense_code": ["Expense Code", "Expenditure Code", "Subjective Code", "G/L Code", "GL Code", "Account Code",
                     "Expense Type Code", "Cost Element", "Nominal Code", "Nominal"],
    "creditor_type": ["Creditor Type", "Supplier Type", "Vendor Type", "Type of Supplier", "Supplier Category"],
    "description": ["Description", "Narrative", "Details", "Text", "Purpose", "Purpose of Expenditure", "Transaction Description",
                    "Line Description", "Item Description", "Summary of Purpose", "Invoice Description", "Comments",
                    "Description of Goods/Services", "Purchase Description", "Purpose of Spend"],
    "cc_code": ["Cost Centre Code", "CC Code", "Cost Ctr", "Cost Centre No", "Cost Code"],
    "capital_revenue": ["Capital/Revenue", "Cap/Rev", "Revenue/Capital", "caporrev", "Capital or Revenue"],
    "payment_method": ["Payment Method", "Pay Method", "Payment Type"],
    "invoice_total": ["Total Invoice Amount", "Invoice Total", "Invoice Value"],
    "inv_crn": ["INV/CRN", "Doc Type", "Invoice/Credit"],
    "approver": ["Approver", "Authorised By", "Budget Holder"],
    "month": ["Month", "Period", "Accounting Period"],
    "uri": ["URI", "Line No", "Row"],
}
WELSH_HEADERS = {
    "date": "Dyddiad", "amount": "Swm", "supplier": "Cyflenwr", "description": "Disgrifiad",
    "expense_type": "Math o Wariant", "service_area": "Maes Gwasanaeth", "txn": "Rhif Trafodiad", "body": "Corff",
    "body_name": "Enw'r Corff", "net": "Swm Net", "vat": "TAW", "gross": "Swm Gros", "supplier_id": "Rhif Cyflenwr",
    "invoice": "Rhif Anfoneb", "expense_code": "Cod Gwariant", "creditor_type": "Math o Gyflenwr", "debit": "Debyd",
    "credit": "Credyd", "cc_code": "Cod Canolfan Gost", "month": "Mis", "vat_reg": "Rhif TAW",
    "capital_revenue": "Cyfalaf/Refeniw", "payment_method": "Dull Talu",
}
WELSH_ENGLISH = {
    "date": "Date", "amount": "Amount", "supplier": "Supplier", "description": "Description", "expense_type": "Expense Type",
    "service_area": "Service Area", "txn": "Transaction Number", "body": "Body", "body_name": "Body Name", "net": "Net Amount",
    "vat": "VAT", "gross": "Gross Amount", "supplier_id": "Supplier ID", "invoice": "Invoice Number",
    "expense_code": "Expense Code", "creditor_type": "Supplier Type", "debit": "Debit", "credit": "Credit",
    "cc_code": "Cost Centre Code", "month": "Month", "vat_reg": "VAT Reg No", "capital_revenue": "Capital/Revenue",
    "payment_method": "Payment Method",
}
TYPOS = {"Supplier": "Suplier", "Transaction": "Transacton", "Category": "Catergory", "Organisational": "Organisatonal",
         "Description": "Desciption", "Amount": "Ammount", "Expenditure": "Expenditre", "Reference": "Refernce",
         "Number": "Numbr", "Service": "Serivce", "Payment": "Paymnet"}


@dataclass
class HeadStyle:
    case: str = "as"  # as | upper | lower | title | snake
    star: bool = False
    pad: set = field(default_factory=set)  # column keys whose heading gets a trailing (or both-side) space
    typo: str | None = None  # a column key whose heading gets a typo

    def features(self) -> list[str]:
        out = [] if self.case == "as" else [f"header-case:{self.case}"]
        out += ["header-star-prefix"] * self.star + ["header-padded"] * bool(self.pad) + ["header-typo"] * bool(self.typo)
        return out


def random_head_style(rng: random.Random, keys: list[str]) -> HeadStyle:
    hs = HeadStyle(case=pick(rng, ["as", "upper", "lower", "title", "snake"], [0.62, 0.15, 0.08, 0.08, 0.07]))
    hs.star = chance(rng, 0.07)
    if chance(rng, 0.25):
        hs.pad = set(rng.sample(keys, k=min(len(keys), rng.randint(1, 3))))
    if chance(rng, 0.2):
        hs.typo = rng.choice(keys)
    return hs


def style_heading(text: str, key: str, hs: HeadStyle, rng: random.Random) -> str:
    if hs.typo == key:
        for right, wrong in TYPOS.items():
            if right in text:
                text = text.replace(right, wrong, 1)
                break
    if hs.case == "upper":
        text = text.upper()
    elif hs.case == "lower":
        text = text.lower()
    elif hs.case == "title":
        text = " ".join(w[:1].upper() + w[1:] for w in text.split(" "))
    elif hs.case == "snake":
        text = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or text
    if hs.star:
        text = "* " + text
    if key in hs.pad:
        text = pick(rng, [text + " ", " " + text + " ", text + "  "])
    return text


def heading_for(rng: random.Random, key: str, options: list[str] | None = None) -> str:
    """A heading for ``key``: the common spellings (listed first) more often than the rare ones."""
    options = options or HEADERS[key]
    return rng.choice(options[:3] if chance(rng, 0.5) else options)


# ---- text as printed ----------------------------------------------------------------

ASCIIFY = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}


def fit(text: str, encoding: str) -> str:
    """The text as a file in ``encoding`` can hold it (curly quotes and dashes straightened when they cannot)."""
    enc = {"utf-8-sig": "utf-8", "utf-16": "utf-8"}.get(encoding, encoding)
    out = []
    for ch in text:
        try:
            ch.encode(enc)
            out.append(ch)
        except UnicodeEncodeError:
            alt = ASCIIFY.get(ch)
            if alt is None:
                alt = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode() or "?"
            out.append(alt)
    return "".join(out)


def collapse(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


# ---- the printed table and its truth -----------------------------------------------


@dataclass
class Line:
    """One printed line (row) of a table: a payment, or furniture around the payments."""

    kind: str  # data | header | total | subtotal | blank | title | note | group
    cells: list
    pay: Payment | None = None
    amount: Decimal | None = None
    over: dict = field(default_factory=dict)  # truth fields not read from this line's cells


TRUTH_TEXT = ("supplier", "description", "expense_type", "service_area", "transaction_id")


def truth_row(line: Line, cols: dict[str, int | None]) -> dict:
    """A payment line's truth: text fields as printed in the columns ``cols`` maps them to."""
    p = line.pay
    row = {"date": p.date.isoformat(), "supplier": None, "amount": q2(line.amount)}
    for f in TRUTH_TEXT:
        if f in line.over:
            row[f] = collapse(line.over[f])
            continue
        idx = cols.get(f)
        cell = line.cells[idx] if idx is not None and idx < len(line.cells) else None
        row[f] = collapse(cell) if isinstance(cell, str) or cell is None else collapse(str(cell))
    out = {k: row[k] for k in ("date", "supplier", "amount", "description", "expense_type", "service_area", "transaction_id")}
    out["redacted"] = p.redacted
    if p.private:
        out["private_individual"] = True
    return out


def make_truth(layout: str, body: Body, spec: Spec, rows: list[dict], total: Decimal | None, *,
               scanned: bool = False, features: list[str], basis: str, **extra) -> dict:
    truth = {
        "kind": "expenditure", "layout": layout, "scanned": scanned, "body": body.name,
        "period": f"{spec.months[0][0]}-{spec.months[0][1]:02d}", "rows": rows,
        "total": None if total is None else q2(total),
        "amount_basis": basis, "months": [f"{y}-{m:02d}" for y, m in spec.months],
        "features": sorted(set(features)),
    }
    truth.update(extra)
    return truth


# ---- CSV bytes ----------------------------------------------------------------------

NEWLINES = {"crlf": "\r\n", "lf": "\n", "cr": "\r"}
DELIMS = {"comma": ",", "tab": "\t", "semicolon": ";", "bar": "|"}


def csv_text(rows: list[list[str]], delim: str = ",", newline: str = "\r\n", quote_all: bool = False,
             quote_padded: bool = True) -> str:
    def q(cell: str) -> str:
        cell = "" if cell is None else str(cell)
        need = quote_all and cell != "" or any(ch in cell for ch in (delim, '"', "\n", "\r"))
        need = need or (quote_padded and cell != cell.strip())
        return '"' + cell.replace('"', '""') + '"' if need else cell

    return "".join(delim.join(q(c) for c in r) + newline for r in rows)


def encode_text(text: str, encoding: str) -> bytes:
    if encoding == "utf-16":
        return b"\xff\xfe" + text.encode("utf-16-le")
    return text.encode(encoding)


def lines_to_csv(lines: list[Line], *, delim: str, newline: str, encoding: str, quote_all: bool = False,
                 blank_first: bool = False) -> bytes:
    rows = [[fit("" if c is None else str(c), encoding) for c in ln.cells] for ln in lines]
    text = csv_text(rows, delim, newline, quote_all)
    if blank_first:
        text = newline + text
    return encode_text(text, encoding)


def fit_lines(lines: list[Line], encoding: str) -> None:
    """Make every printed text something ``encoding`` can hold, before the truth is read from it."""
    for ln in lines:
        ln.cells = [fit(c, encoding) if isinstance(c, str) else c for c in ln.cells]
        ln.over = {k: fit(v, encoding) if isinstance(v, str) else v for k, v in ln.over.items()}


# ---- columns ------------------------------------------------------------------------

TRUTH_KEYS = {"supplier": "supplier", "description": "description", "expense_type": "expense_type",
              "service_area": "service_area", "transaction_id": "txn"}
AMOUNT_KEYS = ("amount", "amount_net", "amount_gross", "net", "vat", "gross", "debit", "credit")


@dataclass
class Col:
    key: str
    head: str = ""


@dataclass
class Render:
    """How one file prints a payment's fields."""

    body: Body
    date_style: str = "dmy4"
    money: MoneyStyle = field(default_factory=MoneyStyle)
    alt_date_style: str | None = None  # a second style some rows use
    alt_date_share: float = 0.0
    upper_supplier: bool = False
    pad_supplier: int = 0
    zero_other: str = ""  # what the empty side of a debit/credit pair prints
    redact_invoice: bool = False
    body_codes: dict = field(default_factory=lambda: {"PCC": "PCC", "CC": "CC"})
    body_names: dict = field(default_factory=dict)
    invoice_totals: dict = field(default_factory=dict)
    upper_text: bool = False
    counter: int = 0

    def next_number(self) -> int:
        self.counter += 1
        return self.counter

    def text_features(self) -> list[str]:
        """Features that hold for typed (workbook) cells too: not the printed date and amount styles."""
        return [f for f in self.features() if not f.startswith(("date:", "amount:", "dates-mixed:"))]

    def features(self) -> list[str]:
        out = [f"date:{self.date_style}", self.money.describe()]
        if self.alt_date_style:
            out.append(f"dates-mixed:{self.alt_date_style}")
        out += ["supplier-upper"] * self.upper_supplier + ["supplier-padded"] * bool(self.pad_supplier)
        out += ["redaction-in-invoice-number"] * self.redact_invoice
        return out


def random_render(rng: random.Random, body: Body, *, dates=None, negs=None, allow_pound=True) -> Render:
    r = Render(body=body, date_style=rng.choice(dates or DATE_STYLES), money=random_money_style(rng, negs, allow_pound))
    if chance(rng, 0.1):
        r.alt_date_style = rng.choice([s for s in (dates or DATE_STYLES) if s != r.date_style])
        r.alt_date_share = rng.uniform(0.1, 0.5)
    r.upper_supplier = chance(rng, 0.2)
    r.pad_supplier = rng.choice([40, 50]) if chance(rng, 0.12) else 0
    r.zero_other = pick(rng, ["", "0.00", "-", "0"], [0.6, 0.2, 0.1, 0.1])
    r.body_codes = pick(rng, [{"PCC": "PCC", "CC": "CC"}, {"PCC": "OPCC", "CC": "Force"}, {"PCC": "1", "CC": "2"},
                              {"PCC": "PCC", "CC": "CC"}])
    if body.force:
        pcc_short = pick(rng, [body.name, f"Office of the {body.name}", "Police and Crime Commissioner"])
        r.body_names = {"PCC": pcc_short, "CC": body.force}
    else:
        r.body_names = {"PCC": body.name, "CC": body.name}
    return r


def supplier_text(p: Payment, r: Render) -> str:
    s = p.supplier
    if r.upper_supplier and not p.redacted:
        s = s.upper()
    if r.pad_supplier:
        s = s.ljust(r.pad_supplier)
    return s


def amount_of(p: Payment, cols: list[Col]) -> Decimal:
    keys = {c.key for c in cols}
    if "amount_gross" in keys and not keys & {"amount", "amount_net", "net"}:
        return p.gross
    return p.net


def basis_of(cols: list[Col]) -> str:
    keys = {c.key for c in cols}
    if keys & {"net", "amount_net"} or ({"debit"} <= keys and keys & {"vat", "gross"}):
        return "net"
    if "amount_gross" in keys:
        return "gross"
    return "single"


def cell_text(p: Payment, key: str, r: Render, rng: random.Random) -> str:
    m = r.money
    if key == "date":
        style = r.alt_date_style if r.alt_date_style and rng.random() < r.alt_date_share else r.date_style
        return fmt_date(p.date, style)
    if key in ("amount", "amount_net", "net"):
        return fmt_money(p.net, m)
    if key == "amount_gross" or key == "gross":
        return fmt_money(p.gross, m)
    if key == "vat":
        return fmt_money(p.vat, m)
    if key == "debit":
        return fmt_money(p.net, m) if p.net >= 0 else r.zero_other
    if key == "credit":
        return fmt_money(-p.net, m) if p.net < 0 else r.zero_other
    if key == "supplier":
        return supplier_text(p, r)
    if key == "description":
        d = p.description or ""
        return d.upper() if r.upper_text else d
    if key == "txn":
        return p.txn
    if key == "invoice":
        return p.supplier if (p.redacted and r.redact_invoice) else p.invoice
    if key == "supplier_id":
        return "" if (p.redacted or p.private) and sum(map(ord, p.txn)) % 2 else p.supplier_id
    if key in ("service_area", "expense_type"):
        v = getattr(p, key)
        return v.upper() if r.upper_text else v
    if key in ("vat_reg", "expense_code", "creditor_type", "cc_code"):
        return getattr(p, key)
    if key == "capital_revenue":
        return "Capital" if p.expense_type.startswith("Capital") or p.expense_type == "Vehicle Purchase" else "Revenue"
    if key == "payment_method":
        return "BACS" if p.category not in ("person",) else pick(rng, ["BACS", "Cheque"])
    if key == "invoice_total":
        return fmt_money(r.invoice_totals.get(p.txn.split("_")[0].split(" - ")[0], p.gross), m)
    if key == "inv_crn":
        return "CRN" if p.net < 0 else "INV"
    if key == "approver":
        return f"{rng.choice(FIRST_NAMES)[0]}. {rng.choice(SURNAMES)}"
    if key == "month":
        return f"{MONTHS[p.date.month - 1]} {p.date.year}"
    if key == "body":
        return r.body_codes[p.spending_body]
    if key == "body_name":
        return r.body_names[p.spending_body]
    if key == "spacer":
        return ""
    if key == "uri":
        return str(r.next_number())
    raise KeyError(key)


def invoice_totals(pays: list[Payment]) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for p in pays:
        base = p.txn.split("_")[0].split(" - ")[0]
        out[base] = out.get(base, ZERO) + p.gross
    return out


def data_lines(pays: list[Payment], cols: list[Col], r: Render, rng: random.Random) -> list[Line]:
    return [Line("data", [cell_text(p, c.key, r, rng) for c in cols], p, amount_of(p, cols)) for p in pays]


def col_index(cols: list[Col]) -> dict[str, int | None]:
    keys = [c.key for c in cols]
    return {f: (keys.index(k) if k in keys else None) for f, k in TRUTH_KEYS.items()}


def header_line(cols: list[Col]) -> Line:
    return Line("header", [c.head for c in cols])


def add_spacers(rng: random.Random, keys: list[str], share: float = 0.15) -> list[str]:
    """Sometimes an empty column or two (no heading, no values) among ``keys``."""
    if not chance(rng, share):
        return keys
    out = list(keys)
    for _ in range(rng.randint(1, 2)):
        out.insert(rng.randint(1, len(out) - 1), "spacer")
    return out


def headed(rng: random.Random, keys: list[str], hs: HeadStyle | None = None, choices: dict | None = None) -> list[Col]:
    """Columns for ``keys`` with headings drawn from ``choices`` (else the general vocabulary), styled by ``hs``."""
    hs = hs or random_head_style(rng, keys)
    cols = []
    for k in keys:
        if k == "spacer":
            cols.append(Col(k, ""))
            continue
        options = (choices or {}).get(k)
        head = rng.choice(options) if options else heading_for(rng, k)
        cols.append(Col(k, style_heading(head, k, hs, rng)))
    return cols


def maybe_shuffle(rng: random.Random, keys: list[str], p: float = 0.3) -> list[str]:
    """Sometimes move a few columns (real files move some rather than scramble all); the money
    columns (net, VAT, gross; debit, credit) stay side by side, in their order."""
    keys = list(keys)
    if not chance(rng, p):
        return keys
    money = [k for k in keys if k in AMOUNT_KEYS]
    at = keys.index(money[0]) if money else 0
    rest = [k for k in keys if k not in AMOUNT_KEYS]
    for _ in range(rng.randint(1, 3)):
        i, j = rng.randrange(len(rest)), rng.randrange(len(rest))
        rest[i], rest[j] = rest[j], rest[i]
    if money and chance(rng, 0.3):
        at = rng.randint(1, len(rest))
    return rest[:at] + money + rest[at:]


def blank_row(n: int) -> Line:
    return Line("blank", [""] * n)


def label_row(n: int, label_at: int, label: str, amounts: dict[int, str] | None = None, kind: str = "total") -> Line:
    cells = [""] * n
    if label_at is not None and label:
        cells[label_at] = label
    for i, v in (amounts or {}).items():
        cells[i] = v
    return Line(kind, cells)


def total_of(lines: list[Line]) -> Decimal:
    return sum((ln.amount for ln in lines if ln.kind == "data"), ZERO)


# ---- CSV families -------------------------------------------------------------------


def pick_bytes(rng: random.Random, encodings: dict[str, float], delims: dict[str, float] | None = None,
               newlines: dict[str, float] | None = None) -> tuple[str, str, str]:
    enc = pick(rng, list(encodings), list(encodings.values()))
    delims = delims or {"comma": 1.0}
    delim = pick(rng, list(delims), list(delims.values()))
    if enc == "utf-16" and chance(rng, 0.8):
        delim = "tab"  # Excel's "Unicode text"
    newlines = newlines or {"crlf": 0.6, "lf": 0.4}
    nl = pick(rng, list(newlines), list(newlines.values()))
    return enc, delim, nl


def csv_features(enc: str, delim: str, nl: str) -> list[str]:
    return [f"encoding:{enc}", f"delimiter:{delim}", f"newline:{nl}"]


def wrap_cells(rng: random.Random, lines: list[Line], idx: int | None, share: float) -> bool:
    """Put a line break inside some cells of column ``idx`` (a multi-line quoted cell)."""
    done = False
    if idx is None:
        return False
    for ln in lines:
        if ln.kind == "data" and isinstance(ln.cells[idx], str) and " " in ln.cells[idx].strip() and chance(rng, share):
            words = ln.cells[idx].split(" ")
            cut = rng.randint(1, len(words) - 1)
            ln.cells[idx] = " ".join(words[:cut]) + pick(rng, ["\n", "\r\n", "\n"]) + " ".join(words[cut:])
            done = True
    return done


def finish_csv(layout: str, spec: Spec, lines: list[Line], cols_idx: dict, total: Decimal | None, *, enc: str,
               delim: str, nl: str, features: list[str], basis: str, quote_all: bool = False, blank_first: bool = False,
               **extra) -> tuple[str, bytes, dict]:
    fit_lines(lines, enc)
    rows = [truth_row(ln, cols_idx) for ln in lines if ln.kind == "data"]
    data = lines_to_csv(lines, delim=DELIMS[delim], newline=NEWLINES[nl], encoding=enc, quote_all=quote_all,
                        blank_first=blank_first)
    feats = features + csv_features(enc, delim, nl) + ["quote-all"] * quote_all + ["blank-first-line"] * blank_first
    truth = make_truth(layout, spec.body, spec, rows, total, features=feats, basis=basis, encoding=enc, **extra)
    return ".csv", data, truth


LGTC_CANON = {
    "body": ["Body"], "body_name": ["Body Name", "Name of Body", "Body name"], "date": ["Date"],
    "txn": ["Transaction Number", "Transaction number", "Transaction No"], "invoice": ["Invoice Number"],
    "amount": ["Amount", "Amount (£)"], "supplier": ["Supplier Name", "Supplier name"],
    "supplier_id": ["Supplier ID"], "vat_reg": ["VAT Reg No", "VAT Registration Number", "Vat Reg No", "VAT reg no"],
    "service_area": ["Expense Area", "Expense area"], "expense_type": ["Expense Type", "Expense type"],
    "expense_code": ["Expense Code", "Expense code"], "creditor_type": ["Creditor Type", "Supplier Type", "Creditor type"],
    "description": ["Description", "Purpose of Expenditure", "Narrative"], "uri": ["URI"],
}
LGTC_VARIANTS = {
    "lgtc13": (["body", "body_name", "date", "txn", "invoice", "amount", "supplier", "supplier_id", "vat_reg",
                "service_area", "expense_type", "expense_code", "creditor_type"], {}),
    "lgtc12": (["body", "body_name", "date", "txn", "amount", "supplier", "supplier_id", "vat_reg", "service_area",
                "expense_type", "expense_code", "creditor_type"], {}),
    "derbyshire": (["body_name", "service_area", "supplier", "txn", "date", "amount_net", "description"],
                   {"service_area": ["Service Area Categorisation"], "amount_net": ["Amount (net of VAT)", "Amount (Net)"],
                    "description": ["Text", "Description"], "supplier": ["Supplier name", "Supplier Name"],
                    "txn": ["Transaction number"], "body_name": ["Body Name"]}),
    "westmercia": (["uri", "body_name", "date", "txn", "invoice", "amount", "supplier", "expense_type", "expense_code",
                    "service_area", "inv_crn", "invoice_total"],
                   {"body_name": ["Company Name"], "date": ["Transaction Date"], "txn": ["Voucher Number"],
                    "supplier": ["Supplier"], "expense_type": ["G/L Description"], "expense_code": ["G/L Code"],
                    "service_area": ["Cost Centre"], "inv_crn": ["INV/CRN"], "invoice_total": ["Total Invoice Amount"]}),
    "oxford": (["body_name", "service_area", "expense_type", "expense_code", "date", "txn", "amount", "capital_revenue",
                "supplier_id", "supplier"],
               {"service_area": ["Organisational Unit", "Service Area", "Organisatonal Unit"],
                "expense_type": ["Expenditure Category", "Expenditure Catergory"], "date": ["Paid Date"],
                "txn": ["Trans No"], "capital_revenue": ["Type", "caporrev", "Type of Expenditure"],
                "expense_code": ["Expenditure Code"], "body_name": ["Body Name", "Organisation", "Client"]}),
}


def fam_csv_lgtc(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """The Transparency Code template (and close relatives) as a CSV download."""
    spec = random_spec(rng)
    variant = pick(rng, list(LGTC_VARIANTS), [0.4, 0.2, 0.13, 0.13, 0.14])
    keys, canon = LGTC_VARIANTS[variant]
    keys = list(keys)
    spec.two_bodies = bool(spec.body.force) and "body" in keys and chance(rng, 0.4)
    if variant == "oxford":
        spec.txn_style = pick(rng, ["line_us", "line_dash"])
    if chance(rng, 0.3) and "description" not in keys:
        keys.insert(keys.index("supplier") + 1 if chance(rng, 0.5) else len(keys), "description")
    pays = make_payments(rng, spec)
    r = random_render(rng, spec.body, dates=["dmy4"] * 5 + ["iso", "isotime", "dmy2", "dmon4", "dmy4_nz", "dmon2"])
    if variant == "oxford" and chance(rng, 0.5):
        r.money = MoneyStyle(dec="float")
    r.invoice_totals = invoice_totals(pays)
    r.redact_invoice = "invoice" in keys and chance(rng, 0.25)
    if spec.body.council:
        r.body_codes = {"PCC": str(rng.randint(10, 99)), "CC": str(rng.randint(10, 99))}
    choices = {**LGTC_CANON, **canon} if chance(rng, 0.65) else canon
    keys = add_spacers(rng, [k for k in maybe_shuffle(rng, keys, 0.2)], 0.08)
    hs = random_head_style(rng, keys)
    if variant == "oxford" and chance(rng, 0.4):
        hs.case = "snake"
    cols = headed(rng, keys, hs, choices)
    n = len(cols)
    lines = [header_line(cols)] + data_lines(pays, cols, r, rng)
    total = None
    feats = [f"variant:{variant}"] + hs.features() + r.features()
    feats += ["two-bodies"] * spec.two_bodies + ["split-invoices"] * (spec.split_share > 0)
    feats += ["spacer-columns"] * ("spacer" in keys) + [f"redaction:{spec.redaction}"]
    amount_col = next(i for i, c in enumerate(cols) if c.key in AMOUNT_KEYS)
    trailer = pick(rng, ["none", "amount_only", "total_label", "grand_total", "sentinel"], [0.4, 0.2, 0.15, 0.15, 0.1])
    if trailer in ("amount_only", "total_label", "grand_total"):
        total = total_of(lines)
        label = {"amount_only": "", "total_label": pick(rng, ["Total", "TOTAL", "Total Spend"]),
                 "grand_total": pick(rng, ["Grand Total", "GRAND TOTAL", "Total for month"])}[trailer]
        at = 0 if trailer == "total_label" else max(0, amount_col - 1)
        if trailer == "amount_only" and chance(rng, 0.5):
            lines.append(blank_row(n))
        lines.append(label_row(n, at, label, {amount_col: fmt_money(total, r.money)}))
        feats.append(f"trailer:{trailer}")
    if trailer == "sentinel" or (trailer == "amount_only" and chance(rng, 0.6)):
        for _ in range(rng.randint(1, 4)):
            lines.append(blank_row(n))
        if trailer == "sentinel":
            lines.append(label_row(n, min(2, n - 1), "xxx", kind="note"))
        feats.append("trailing-comma-rows")
    if chance(rng, 0.12):
        extra = rng.randint(1, 2)
        for ln in lines:
            if ln.kind == "data":
                ln.cells = ln.cells + [""] * extra
        feats.append("ragged-trailing-commas")
    enc, delim, nl = pick_bytes(rng, {"utf-8": 0.3, "utf-8-sig": 0.3, "cp1252": 0.25, "latin-1": 0.1, "utf-16": 0.05},
                                {"comma": 0.9, "tab": 0.1})
    return finish_csv("g-csv-lgtc", spec, lines, col_index(cols), total, enc=enc, delim=delim, nl=nl,
                      features=feats, basis=basis_of(cols), quote_all=chance(rng, 0.12))


LEDGER_HEADS = {
    "date": ["Posting Date", "Payment Date", "Pay Date", "Date", "Trans Date", "Doc Date", "Paid Date", "Cheque/BACS Date"],
    "txn": ["Doc No", "Document No", "Doc Ref", "Payment Ref", "Voucher No", "Journal No", "Trans Ref", "Doc Number"],
    "supplier": ["Creditor", "Creditor Name", "Payee", "Payee Name", "Name", "Supplier", "Vendor Name", "Account Name"],
    "description": ["Narrative", "Description", "Line Narrative", "Details", "Text", "Item Text"],
    "service_area": ["Cost Centre", "Cost Centre Name", "Department", "Service", "Cost Centre Description"],
    "cc_code": ["Cost Centre Code", "CC Code", "Cost Ctr", "Cost Code"],
    "expense_type": ["Subjective", "Subjective Description", "Account Description", "Nominal Description", "Expense Type"],
    "expense_code": ["Subjective Code", "Nominal Code", "Account Code", "Nominal"],
    "supplier_id": ["Creditor No", "Supplier No", "Vendor No", "Account No"],
    "net": ["Net Amount(£)", "Net Amount", "Net", "Net £", "Nett", "Net Value"],
    "vat": ["VAT", "VAT Amount", "VAT £", "Tax"],
    "gross": ["Gross", "Gross Amount", "Gross £", "Total"],
    "amount": ["Amount", "Value", "Sum Paid (£)", "Amount Paid", "Payment Amount", "Value (£)"],
    "amount_net": ["Net Amount(£)", "Net Amount", "Net Value", "Amount (Excl VAT)"],
    "amount_gross": ["Gross", "Gross Amount", "Gross Value (£)"],
    "payment_method": ["Payment Method", "Pay Method"],
}


def preamble_lines(rng: random.Random, spec: Spec, n: int, *, cells: bool = True) -> list[Line]:
    """Report parameters above the header, as a finance system prints them."""
    y, m = spec.months[0]
    last = calendar.monthrange(y, m)[1]
    run = dt.date(y, m, last) + dt.timedelta(days=rng.randint(2, 12))
    title = pick(rng, [f"{spec.body.name}", f"{spec.body.name.upper()}", f"Payments to suppliers over £500 - {MONTHS[m - 1]} {y}",
                       "AP Payments Over Specified Value", f"Expenditure over £500 {MONTHS[m - 1]} {y}"])
    raw = [[title]]
    if chance(rng, 0.6):
        raw.append([f"{spec.body.name}"] if title != spec.body.name else [f"Expenditure over £500 - {MONTHS[m - 1]} {y}"])
    params = [
        ["Report:", pick(rng, ["AP_PAY_500", "Spend over £500", "Supplier payments (transparency)", "FIN-AP-017"])],
        ["Period:", f"01/{m:02d}/{y} to {last:02d}/{m:02d}/{y}"],
        ["Report Date:", f"{fmt_date(run, 'dmy4')} {rng.randint(7, 18):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"],
        ["Run by:", pick(rng, ["FINSYS", "AP_BATCH", "jsmith", "System"])],
        ["Minimum value:", "500.00"],
        ["Currency:", "GBP"],
    ]
    for p in rng.sample(params, k=rng.randint(1, len(params))):
        raw.append(p if cells else [" ".join(p)])
    out = []
    for r in raw:
        out.append(Line("title", r + [""] * (n - len(r)) if chance(rng, 0.5) else r))
    for _ in range(rng.randint(0, 2)):
        out.append(Line("blank", [""] * (n if chance(rng, 0.5) else 1)))
    return out


def fam_csv_ledger(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A finance-system export: report parameters above, odd bytes, separators, a trailer."""
    spec = random_spec(rng)
    pays = make_payments(rng, spec)
    amounts = pick(rng, [["amount"], ["amount_net"], ["net", "vat", "gross"], ["net", "gross"], ["amount_gross"]],
                   [0.3, 0.2, 0.3, 0.1, 0.1])
    keys = ["date", "txn", "supplier", "description", "service_area", "expense_type"] + amounts
    if chance(rng, 0.5):
        keys.insert(rng.randint(1, 4), "supplier_id")
    if chance(rng, 0.4):
        keys.insert(keys.index("service_area"), "cc_code")
    if chance(rng, 0.3):
        keys.insert(keys.index("expense_type") + 1, "expense_code")
    if chance(rng, 0.15):
        keys.append("payment_method")
    for opt in ("description", "service_area"):
        if chance(rng, 0.12):
            keys.remove(opt)
    keys = add_spacers(rng, maybe_shuffle(rng, keys, 0.25), 0.1)
    cols = headed(rng, keys, None, LEDGER_HEADS if chance(rng, 0.7) else None)
    n = len(cols)
    r = random_render(rng, spec.body, negs=["minus", "trailing", "trailing", "cr", "paren"])
    enc, delim, nl = pick_bytes(rng, {"cp850": 0.2, "cp437": 0.15, "cp1252": 0.25, "utf-8": 0.2, "latin-1": 0.1, "utf-8-sig": 0.1},
                                {"tab": 0.3, "semicolon": 0.2, "bar": 0.2, "comma": 0.3},
                                {"crlf": 0.5, "cr": 0.25, "lf": 0.25})
    feats = r.features() + [f"amounts:{'+'.join(amounts)}", f"redaction:{spec.redaction}"]
    header_last = chance(rng, 0.2)
    lines = [] if header_last and chance(rng, 0.5) else preamble_lines(rng, spec, n, cells=delim != "comma" or chance(rng, 0.5))
    if lines:
        feats.append("preamble")
    head = header_line(cols)
    if not header_last:
        lines.append(head)
    body = data_lines(pays, cols, r, rng)
    lines += body
    total = None
    trailer = pick(rng, ["none", "grand", "lone", "count"], [0.3, 0.35, 0.15, 0.2])
    money_idx = {c.key: i for i, c in enumerate(cols) if c.key in AMOUNT_KEYS}
    if trailer in ("grand", "lone", "count"):
        total = total_of(body)
        sums = {"amount": total, "amount_net": total, "net": total, "amount_gross": total,
                "vat": sum((p.vat for p in pays), ZERO), "gross": sum((p.gross for p in pays), ZERO)}
        cells = {i: fmt_money(sums[k], r.money) for k, i in money_idx.items()}
        if chance(rng, 0.3):
            lines.append(blank_row(n))
        label = "" if trailer == "lone" else pick(rng, ["Grand Total", "GRAND TOTAL", "Total", "Report Total", "Total:"])
        if trailer == "lone":
            primary = next(k for k in ("net", "amount", "amount_net", "amount_gross") if k in money_idx)
            cells = {money_idx[primary]: fmt_money(total, r.money)}
        lines.append(label_row(n, 0, label, cells))
        feats.append(f"trailer:{trailer}")
    if trailer == "count" or chance(rng, 0.2):
        lines.append(Line("note", [pick(rng, [f"Number of transactions: {len(body)}", f"Records: {len(body)}",
                                             f"{len(body)} rows selected"])]))
    if chance(rng, 0.25):
        lines.append(Line("note", [pick(rng, ["*** End of Report ***", "END OF REPORT", "-- end --"])]))
    if header_last:
        lines.append(head)
        feats.append("header-at-end")
    # a ledger line can print a computed total in a net/VAT/gross file: the truth is the net one
    return finish_csv("g-csv-ledger", spec, lines, col_index(cols), total, enc=enc, delim=delim, nl=nl,
                      features=feats, basis=basis_of(cols), quote_all=chance(rng, 0.15))


def fam_csv_drcr(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """Debits and credits: two columns, or one with CR/DR; multi-line cells, a blank first line, ragged rows."""
    spec = random_spec(rng)
    spec.credit_share = pick(rng, [0.05, 0.1, 0.2])
    pays = make_payments(rng, spec)
    two = chance(rng, 0.6)
    keys = ["date", "txn", "supplier", "description", "expense_type", "service_area"]
    keys += ["debit", "credit"] if two else ["amount"]
    if chance(rng, 0.3):
        keys.insert(1, "supplier_id")
    keys = maybe_shuffle(rng, keys, 0.3)
    cols = headed(rng, keys)
    n = len(cols)
    r = random_render(rng, spec.body, negs=["cr", "crnospace", "trailing"])
    if not two:
        r.money.dr = chance(rng, 0.4)
        r.money.pad = False
        if r.money.neg not in ("cr", "crnospace", "trailing"):
            r.money.neg = "cr"
    else:  # both columns hold positive figures: no sign, no suffix
        r.money.pad = False
        r.money.dr = False
    lines = [header_line(cols)] + data_lines(pays, cols, r, rng)
    feats = r.features() + ["debit-credit-columns" if two else "cr-dr-suffix", f"redaction:{spec.redaction}"]
    ci = col_index(cols)
    if wrap_cells(rng, lines, ci["description"], 0.15) | wrap_cells(rng, lines, ci["supplier"], 0.04):
        feats.append("multi-line-cells")
    total = None
    if chance(rng, 0.7):
        total = total_of(lines)
        if two:
            di, ki = keys.index("debit"), keys.index("credit")
            debits = sum((p.net for p in pays if p.net > 0), ZERO)
            credits = -sum((p.net for p in pays if p.net < 0), ZERO)
            lab = min(di, ki) - 1 if min(di, ki) > 0 else 0
            lines.append(label_row(n, lab, pick(rng, ["Totals", "TOTALS", "Total"]),
                                   {di: fmt_money(debits, r.money), ki: fmt_money(credits, r.money)}))
            net_cell = {di: fmt_money(total, r.money)} if total >= 0 else {ki: fmt_money(-total, r.money)}
            if chance(rng, 0.5):
                net_cell = {di: fmt_money(total, MoneyStyle(thousands=r.money.thousands, neg="minus"))}
            lines.append(label_row(n, lab, pick(rng, ["Net expenditure", "Net Expenditure", "Net total", "NET"]), net_cell))
            feats.append("totals-and-net-lines")
        else:
            ai = keys.index("amount")
            lines.append(label_row(n, 0, pick(rng, ["Total", "Net Total", "TOTAL"]), {ai: fmt_money(total, r.money)}))
            feats.append("trailer:total")
    if chance(rng, 0.3):
        for ln in lines:
            if ln.kind == "data" and chance(rng, 0.6):
                ln.cells = ln.cells + [""]
        feats.append("ragged-trailing-commas")
    enc, delim, nl = pick_bytes(rng, {"utf-8": 0.4, "cp1252": 0.3, "utf-8-sig": 0.2, "latin-1": 0.1},
                                {"comma": 0.8, "semicolon": 0.1, "tab": 0.1}, {"crlf": 0.45, "lf": 0.35, "cr": 0.2})
    return finish_csv("g-csv-drcr", spec, lines, ci, total, enc=enc, delim=delim, nl=nl, features=feats,
                      basis=basis_of(cols), blank_first=chance(rng, 0.35))


WELSH_SUPPLIERS = ["Cyngor Sir Ceredigion", "Cyngor Bwrdeistref Sirol Wrecsam", "Cymorth i Ddioddefwyr Cymru",
                   "Gwasanaeth Tân ac Achub Canolbarth a Gorllewin Cymru", "Llywodraeth Cymru / Welsh Government",
                   "Canolfan Cydweithredol Cymru", "Menter Iaith Môn", "Prifysgol Aberystwyth", "Cyngor Gwynedd",
                   "Bwrdd Iechyd Prifysgol Betsi Cadwaladr"]


def welsh_heading(rng: random.Random, key: str, order: str, sep: str) -> str:
    cy, en = WELSH_HEADERS.get(key), WELSH_ENGLISH.get(key)
    if not cy:
        return heading_for(rng, key)
    return f"{cy}{sep}{en}" if order == "cy" else f"{en}{sep}{cy}"


def fam_csv_welsh(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A Welsh force or PCC's bilingual return: 'Dyddiad / Date' headings, bilingual title and total."""
    spec = random_spec(rng, welsh=True)
    pays = make_payments(rng, spec)
    for p in pays:
        if not (p.redacted or p.private) and chance(rng, 0.08):
            p.supplier = rng.choice(WELSH_SUPPLIERS)
    keys = ["date", "txn", "supplier", "amount", "description", "expense_type", "service_area"]
    if chance(rng, 0.4):
        keys = ["body_name"] + keys
        spec.two_bodies = chance(rng, 0.5)
        if spec.two_bodies:  # a second draw would change the payments; re-label the drawn ones instead
            for p in pays:
                p.spending_body = "PCC" if p.category in ("grants", "person") or chance(rng, 0.1) else "CC"
    if chance(rng, 0.3):
        keys[keys.index("amount")] = "net"
        keys.insert(keys.index("net") + 1, "vat")
        keys.insert(keys.index("vat") + 1, "gross")
    keys = maybe_shuffle(rng, keys, 0.2)
    order, sep = pick(rng, ["cy", "en"], [0.7, 0.3]), pick(rng, [" / ", "/", " - ", " | ", "\n"], [0.5, 0.2, 0.1, 0.1, 0.1])
    cols = [Col(k, welsh_heading(rng, k, order, sep)) for k in keys]
    n = len(cols)
    r = random_render(rng, spec.body, dates=["dmy4", "dmy4", "dmy2", "iso", "dmon4", "long"])
    b = spec.body
    r.body_names = {"PCC": f"{b.welsh} / {b.name}" if chance(rng, 0.5) else b.name, "CC": f"{b.welsh_force} / {b.force}"}
    y, m = spec.months[0]
    lines = []
    if chance(rng, 0.7):
        lines.append(Line("title", [f"{b.welsh} / {b.name}"]))
        lines.append(Line("title", [f"Gwariant dros £500 - {WELSH_MONTHS[m - 1]} {y} / Expenditure over £500 - {MONTHS[m - 1]} {y}"]))
        lines.append(Line("blank", [""]))
    lines.append(header_line(cols))
    lines += data_lines(pays, cols, r, rng)
    total = None
    feats = r.features() + ["bilingual-welsh", f"welsh-first:{order == 'cy'}", f"redaction:{spec.redaction}"]
    feats += ["preamble"] * (len(lines) > n and lines[0].kind == "title") + ["header-line-break"] * (sep == "\n")
    if chance(rng, 0.6):
        total = total_of(lines)
        amount_col = next(i for i, c in enumerate(cols) if c.key in ("amount", "net"))
        lines.append(label_row(n, 0 if amount_col else None, pick(rng, ["Cyfanswm / Total", "Cyfanswm/Total", "Total / Cyfanswm"]),
                               {amount_col: fmt_money(total, r.money)}))
        feats.append("trailer:total")
    enc, delim, nl = pick_bytes(rng, {"utf-16": 0.4, "utf-8-sig": 0.3, "utf-8": 0.15, "cp1252": 0.15},
                                {"comma": 0.8, "semicolon": 0.2})
    return finish_csv("g-csv-welsh", spec, lines, col_index(cols), total, enc=enc, delim=delim, nl=nl,
                      features=feats, basis=basis_of(cols))


def fam_csv_grouped(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """Payments grouped under headings (expense type or service area) with a sub-total under each group."""
    spec = random_spec(rng, n=(30, 400))
    spec.sort = "date"
    pays = make_payments(rng, spec)
    group_by = pick(rng, ["expense_type", "service_area"], [0.6, 0.4])
    show_col = chance(rng, 0.5)
    keys = ["date", "txn", "supplier", "description", "amount"]
    other = "service_area" if group_by == "expense_type" else "expense_type"
    if chance(rng, 0.6):
        keys.insert(4, other)
    if show_col:
        keys.insert(rng.randint(1, len(keys) - 1), group_by)
    if chance(rng, 0.3):
        keys.insert(1, "supplier_id")
    cols = headed(rng, maybe_shuffle(rng, keys, 0.2))
    n = len(cols)
    r = random_render(rng, spec.body)
    groups: dict[str, list[Payment]] = {}
    for p in pays:
        groups.setdefault(getattr(p, group_by), []).append(p)
    order = sorted(groups) if chance(rng, 0.7) else list(groups)
    heading_case = pick(rng, ["as", "upper"], [0.6, 0.4])
    sub_style = pick(rng, ["Sub-total", "Subtotal", "Total {g}", "{g} Total", "Sub Total:", "unlabelled"])
    supplier_col = next(i for i, c in enumerate(cols) if c.key == "supplier")
    label_col = 0 if chance(rng, 0.6) and cols[0].key != "amount" else supplier_col
    ai = next(i for i, c in enumerate(cols) if c.key == "amount")
    lines = [header_line(cols)]
    subtotals = {}
    for g in order:
        shown = g.upper() if heading_case == "upper" else g
        lines.append(label_row(n, label_col, shown, kind="group"))
        block = data_lines(groups[g], cols, r, rng)
        if not show_col:
            for ln in block:
                ln.over[group_by] = shown
        lines += block
        st = total_of(block)
        subtotals[shown] = q2(st)
        label = "" if sub_style == "unlabelled" else sub_style.replace("{g}", shown)
        lines.append(label_row(n, label_col if label else None, label, {ai: fmt_money(st, r.money)}, kind="subtotal"))
        if chance(rng, 0.5):
            lines.append(blank_row(n))
    total = None
    if chance(rng, 0.8) or sub_style == "unlabelled":
        total = total_of(lines)
        lines.append(label_row(n, label_col, pick(rng, ["Grand Total", "Total", "TOTAL EXPENDITURE", "Total for period"]),
                               {ai: fmt_money(total, r.money)}))
    feats = r.features() + [f"grouped-by:{group_by}", f"group-column-printed:{show_col}", f"subtotals:{sub_style}",
                            f"redaction:{spec.redaction}"]
    if not show_col:
        feats.append(f"group-heading-is-{group_by}")
    enc, delim, nl = pick_bytes(rng, {"utf-8": 0.4, "cp1252": 0.3, "utf-8-sig": 0.3}, {"comma": 0.85, "tab": 0.15})
    return finish_csv("g-csv-grouped", spec, lines, col_index(cols), total, enc=enc, delim=delim, nl=nl,
                      features=feats, basis=basis_of(cols), subtotals=subtotals)


# ---- XLSX ---------------------------------------------------------------------------

DATE_FORMATS = ["dd/mm/yyyy", "dd/mm/yy", "d-mmm-yy", "dd-mmm-yyyy", "d mmmm yyyy", "yyyy-mm-dd", "dd.mm.yyyy", "dd/mm/yyyy hh:mm"]
MONEY_FORMATS = ["#,##0.00", "0.00", "£#,##0.00", "#,##0.00;[Red]-#,##0.00", "#,##0.00_);(#,##0.00)",
                 '_-£* #,##0.00_-;-£* #,##0.00_-;_-£* "-"??_-;_-@_-', "General"]
WHOLE_POUND_FORMATS = ["#,##0", "£#,##0", "#,##0;(#,##0)", "0"]


@dataclass
class XlStyle:
    date_mode: str = "cell"  # cell | text | mixed_serial | mixed_text
    date_format: str = "dd/mm/yyyy"
    text_date_style: str = "dmy4"
    money_format: str = "#,##0.00"
    text_amount_share: float = 0.0
    txn_numeric: bool = False
    datetime_cells: bool = False  # date cells hold a midnight datetime rather than a date

    def features(self) -> list[str]:
        out = [f"xl-dates:{self.date_mode}", f"xl-date-format:{self.date_format}", f"xl-money-format:{self.money_format}"]
        if self.date_mode != "cell":
            out.append(f"text-date:{self.text_date_style}")
        if self.text_amount_share:
            out.append("amounts-stored-as-text")
        if self.txn_numeric:
            out.append("transaction-numbers-as-numbers")
        if self.money_format in WHOLE_POUND_FORMATS:
            out.append("whole-pound-format-pennies-in-value")
        return out


def random_xl_style(rng: random.Random, *, whole_pounds: float = 0.0, serials: float = 0.15) -> XlStyle:
    xs = XlStyle(
        date_mode=pick(rng, ["cell", "text", "mixed_serial", "mixed_text"], [0.6, 0.2, serials, 0.1]),
        date_format=pick(rng, DATE_FORMATS, [5, 2, 2, 2, 1, 1, 1, 0.5]),
        text_date_style=pick(rng, ["dmy4", "dmy4", "iso", "dmon4", "long", "dotted", "dmy2"]),
        money_format=rng.choice(WHOLE_POUND_FORMATS) if chance(rng, whole_pounds) else pick(rng, MONEY_FORMATS, [4, 1, 2, 1, 1, 1, 1]),
        text_amount_share=pick(rng, [0.0, 0.02, 0.3], [0.8, 0.12, 0.08]),
        datetime_cells=chance(rng, 0.5),
    )
    return xs


def excel_serial(d: dt.date) -> int:
    return (d - dt.date(1899, 12, 30)).days


def xl_value(p: Payment, key: str, r: Render, rng: random.Random, xs: XlStyle, *, allow_serial: bool = True):
    if key == "date":
        mode = xs.date_mode
        if mode == "text" or (mode == "mixed_text" and chance(rng, 0.3)):
            return fmt_date(p.date, xs.text_date_style)
        if mode == "mixed_serial" and allow_serial and chance(rng, 0.3):
            return excel_serial(p.date)
        return dt.datetime(p.date.year, p.date.month, p.date.day) if xs.datetime_cells else p.date
    if key in ("amount", "amount_net", "net", "amount_gross", "gross", "vat", "debit", "credit", "invoice_total"):
        value = {"amount": p.net, "amount_net": p.net, "net": p.net, "amount_gross": p.gross, "gross": p.gross, "vat": p.vat,
                 "debit": p.net if p.net >= 0 else None, "credit": -p.net if p.net < 0 else None,
                 "invoice_total": r.invoice_totals.get(p.txn.split("_")[0].split(" - ")[0], p.gross)}[key]
        if value is None:
            return None if not r.zero_other else ZERO
        if xs.text_amount_share and chance(rng, xs.text_amount_share):
            return fmt_money(value, MoneyStyle(thousands=chance(rng, 0.5)))
        return value
    if key == "txn" and xs.txn_numeric and p.txn.isdigit():
        return int(p.txn)
    text = cell_text(p, key, r, rng)
    return text if text != "" else None


def xl_lines(pays: list[Payment], cols: list[Col], r: Render, rng: random.Random, xs: XlStyle) -> list[Line]:
    return [Line("data", [xl_value(p, c.key, r, rng, xs) for c in cols], p, amount_of(p, cols)) for p in pays]


def xl_put(ws, lines: list[Line], row0: int, xs: XlStyle, *, col0: int = 1, bold=("header", "total", "subtotal", "group", "title"),
           header_fill: str | None = None, wrap_header: bool = False) -> int:
    from openpyxl.styles import Alignment, Font, PatternFill

    for i, ln in enumerate(lines):
        for j, v in enumerate(ln.cells):
            if v is None or v == "":
                continue
            c = ws.cell(row=row0 + i, column=col0 + j, value=v)
            if isinstance(v, (dt.date, dt.datetime)):
                c.number_format = xs.date_format
            elif isinstance(v, Decimal):
                c.number_format = xs.money_format
            if isinstance(v, str) and "\n" in v or (wrap_header and ln.kind == "header"):
                c.alignment = Alignment(wrap_text=True, vertical="top")
            if ln.kind in bold:
                c.font = Font(bold=True)
            if header_fill and ln.kind == "header":
                c.fill = PatternFill("solid", fgColor=header_fill)
    return row0 + len(lines)


def xlsx_bytes(wb, stamp: dt.datetime) -> bytes:
    """The workbook's bytes, with the zip entries' and properties' times fixed so a seed gives the same file."""
    wb.properties.created = stamp
    wb.properties.modified = stamp
    raw = io.BytesIO()
    wb.save(raw)
    zin = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            content = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*<", lambda m: m.group(1) + iso + b"<", content)
            zi = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(zi, content)
    return out.getvalue()


def run_stamp(rng: random.Random, spec: Spec) -> dt.datetime:
    y, m = spec.months[-1]
    end = dt.datetime(y, m, calendar.monthrange(y, m)[1], 9)
    return end + dt.timedelta(days=rng.randint(3, 20), hours=rng.randint(0, 8), minutes=rng.randint(0, 59))


def set_widths(ws, cols: list[Col], col0: int = 1) -> None:
    from openpyxl.utils import get_column_letter

    for j, c in enumerate(cols):
        width = {"supplier": 36, "description": 44, "date": 12, "expense_type": 28, "service_area": 24}.get(c.key, 14)
        ws.column_dimensions[get_column_letter(col0 + j)].width = width


def title_block(rng: random.Random, ws, spec: Spec, ncols: int, *, lines: list[str] | None = None, merge: bool = True) -> int:
    """Title rows above a table (merged across it); returns the next free row."""
    from openpyxl.styles import Alignment, Font

    y, m = spec.months[0]
    texts = lines or [spec.body.name, pick(rng, [f"Expenditure over £500 - {MONTHS[m - 1]} {y}",
                                                  f"Payments over £500: {MONTHS[m - 1]} {y}",
                                                  f"Spend over £500 for the period 1 {MONTHS[m - 1]} {y} to "
                                                  f"{calendar.monthrange(y, m)[1]} {MONTHS[m - 1]} {y}"])]
    row = 1
    for i, t in enumerate(texts):
        c = ws.cell(row=row, column=1, value=t)
        c.font = Font(bold=True, size=14 if i == 0 else 11)
        if merge and ncols > 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
            c.alignment = Alignment(horizontal=pick(rng, ["left", "center"]))
        row += 1
    return row + rng.randint(0, 2)


def fy_months(start_year: int, count: int) -> list[tuple[int, int]]:
    out = []
    for k in range(count):
        m = 4 + k
        out.append((start_year + (m - 1) // 12, (m - 1) % 12 + 1))
    return out


def sheet_name(rng_style: str, y: int, m: int) -> str:
    return {"mon-yy": f"{MONTHS[m - 1][:3]}-{y % 100:02d}", "month-yyyy": f"{MONTHS[m - 1]} {y}",
            "MON YY": f"{MONTHS[m - 1][:3].upper()} {y % 100:02d}", "iso": f"{y}-{m:02d}", "month": MONTHS[m - 1],
            "pNN": f"P{((m - 4) % 12) + 1:02d} {MONTHS[m - 1][:3]}"}[rng_style]


def fam_xlsx_yearly(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A financial year's workbook: a sheet a month; from October the headings change."""
    from openpyxl import Workbook

    body = pick_body(rng, council_share=0.05)
    start = rng.randint(2014, 2023)
    spec = random_spec(rng, body, n=(60, 600))
    spec.months = fy_months(start, pick(rng, [12, 12, 12, 6, 9], [3, 3, 3, 1, 1]))
    spec.sort = "date"
    pays = make_payments(rng, spec)
    keys = ["date", "txn", "supplier", "amount", "expense_type", "service_area"]
    if chance(rng, 0.6):
        keys.insert(rng.randint(3, len(keys)), "description")
    if chance(rng, 0.3):
        keys.append("supplier_id")
    keys = maybe_shuffle(rng, keys, 0.3)
    hs = random_head_style(rng, keys)
    hs.star = False
    cols_a = headed(rng, keys, hs)
    # from October: every heading gains '* ', one is renamed, and sometimes a column is added
    renamed = rng.choice([k for k in keys if k in ("supplier", "amount", "date", "service_area", "expense_type", "txn")])
    keys_b = list(keys)
    added = None
    if chance(rng, 0.4):
        added = pick(rng, ["expense_code", "vat_reg", "creditor_type", "cc_code"])
        keys_b.insert(rng.randint(1, len(keys_b)), added)
    cols_b = []
    for k in keys_b:
        old = next((c.head for c in cols_a if c.key == k), None)
        if k == renamed:
            new = heading_for(rng, "amount_net" if k == "amount" else k)
            while new.strip() == (old or "").strip():
                new = heading_for(rng, k)
            head = new
        else:
            head = old if old is not None else heading_for(rng, k)
        cols_b.append(Col("amount_net" if k == renamed == "amount" else k, ("* " if chance(rng, 0.95) else "") + head.strip()))
    r = random_render(rng, body)
    xs = random_xl_style(rng)
    stamp = run_stamp(rng, spec)
    wb = Workbook()
    wb.remove(wb.active)
    style = pick(rng, ["mon-yy", "month-yyyy", "MON YY", "iso", "month", "pNN"])
    sheet_total = chance(rng, 0.6)
    sheet_total_label = pick(rng, ["Total", "TOTAL", "Month total", "Total for month"])
    summary = chance(rng, 0.4)
    titled = chance(rng, 0.5)
    rows_out, subtotals = [], {}
    if summary:
        ws_sum = wb.create_sheet(pick(rng, ["Summary", "Contents", "Year summary"]))
    for y, m in spec.months:
        ws = wb.create_sheet(sheet_name(style, y, m))
        cols = cols_b if (y, m) >= fy_months(start, 7)[6] else cols_a
        row = title_block(rng, ws, Spec(body, [(y, m)], 0), len(cols), merge=chance(rng, 0.6)) if titled else 1
        month_pays = [p for p in pays if (p.date.year, p.date.month) == (y, m)]
        block = xl_lines(month_pays, cols, r, rng, xs)
        lines = [header_line(cols)] + block
        if sheet_total and block:
            st = total_of(block)
            ai = next(i for i, c in enumerate(cols) if c.key in AMOUNT_KEYS)
            subtotals[f"{y}-{m:02d}"] = q2(st)
            lines.append(label_row(len(cols), max(0, ai - 1), sheet_total_label, {ai: st}))
        xl_put(ws, lines, row, xs)
        set_widths(ws, cols)
        rows_out += [truth_row(ln, col_index(cols)) for ln in block]
    total = None
    if summary:
        ws_sum.cell(row=1, column=1, value=f"{body.name} - expenditure over £500, {fy_label(dt.date(start, 4, 1))}")
        ws_sum.cell(row=3, column=1, value="Month")
        ws_sum.cell(row=3, column=2, value="Transactions")
        ws_sum.cell(row=3, column=3, value="Total (£)")
        for i, (y, m) in enumerate(spec.months):
            month_pays = [p for p in pays if (p.date.year, p.date.month) == (y, m)]
            ws_sum.cell(row=4 + i, column=1, value=f"{MONTHS[m - 1]} {y}")
            ws_sum.cell(row=4 + i, column=2, value=len(month_pays))
            ws_sum.cell(row=4 + i, column=3, value=sum((amount_of(p, cols_a) for p in month_pays), ZERO)).number_format = "#,##0.00"
        if chance(rng, 0.8):
            total = sum((Decimal(rw["amount"]) for rw in rows_out), ZERO)
            ws_sum.cell(row=4 + len(spec.months), column=1, value="Total")
            ws_sum.cell(row=4 + len(spec.months), column=3, value=total).number_format = "#,##0.00"
    if chance(rng, 0.3):
        wn = wb.create_sheet("Notes")
        wn.cell(row=1, column=1, value="Notes")
        wn.cell(row=2, column=1, value="Payments to individuals are withheld under the Data Protection Act 2018.")
        wn.cell(row=3, column=1, value="Amounts exclude recoverable VAT.")
    feats = hs.features() + r.text_features() + xs.features() + [f"sheet-names:{style}", "header-change-from-october",
                                                            f"renamed:{renamed}", f"redaction:{spec.redaction}"]
    feats += [f"added-column:{added}"] * bool(added) + ["sheet-totals"] * sheet_total + ["summary-sheet"] * summary
    feats += ["title-rows"] * titled
    basis = basis_of(cols_a)  # the same figure throughout, whatever October's heading calls it
    truth = make_truth("g-xlsx-yearly", body, spec, rows_out, total, features=feats, basis=basis,
                       subtotals=subtotals or None)
    return ".xlsx", xlsx_bytes(wb, stamp), truth


def fam_xlsx_stacked(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """Two tables stacked in one sheet, each with its own heading row, in a different column order."""
    from openpyxl import Workbook

    spec = random_spec(rng, n=(40, 500))
    mode = "bodies" if spec.body.force and chance(rng, 0.6) else "capital"
    spec.two_bodies = mode == "bodies"
    pays = make_payments(rng, spec)
    capital_types = {"Capital - Buildings", "Vehicle Purchase", "ICT Hardware", "Building Works", "Vehicle Conversion"}
    if mode == "bodies":
        parts = [("PCC", [p for p in pays if p.spending_body == "PCC"]), ("CC", [p for p in pays if p.spending_body == "CC"])]
        names = {"PCC": pick(rng, [spec.body.name, "Police and Crime Commissioner", "Office of the Police and Crime Commissioner",
                                   "PCC"]),
                 "CC": pick(rng, [spec.body.force, "Chief Constable", "Force expenditure"])}
    else:
        cap = [p for p in pays if p.expense_type in capital_types]
        if len(cap) < 3:
            cap = rng.sample(pays, k=max(3, len(pays) // 10))
        ids = {id(p) for p in cap}
        parts = [("REV", [p for p in pays if id(p) not in ids]), ("CAP", [p for p in pays if id(p) in ids])]
        names = {"REV": pick(rng, ["Revenue expenditure", "Revenue", "REVENUE"]),
                 "CAP": pick(rng, ["Capital expenditure", "Capital", "CAPITAL"])}
    if chance(rng, 0.3):
        parts.reverse()
    keys_a = ["date", "txn", "supplier", "description", "expense_type", "service_area", "amount"]
    if chance(rng, 0.4):
        keys_a.remove("description")
    keys_a = maybe_shuffle(rng, keys_a, 0.3)
    keys_b = [k for k in keys_a if k != "amount"]
    pos_a = keys_a.index("amount")
    pos_b = rng.choice([i for i in range(len(keys_b) + 1) if i != pos_a])
    keys_b.insert(pos_b, "amount")
    hs = random_head_style(rng, keys_a)
    cols_a = headed(rng, keys_a, hs)
    same_words = chance(rng, 0.5)
    cols_b = [Col(k, next(c.head for c in cols_a if c.key == k)) for k in keys_b] if same_words else headed(rng, keys_b, hs)
    r = random_render(rng, spec.body)
    xs = random_xl_style(rng)
    wb = Workbook()
    ws = wb.active
    ws.title = pick(rng, ["Spend", "Expenditure", sheet_name("mon-yy", *spec.months[0]), "Sheet1", "Data"])
    row = title_block(rng, ws, spec, len(keys_a), merge=chance(rng, 0.7))
    rows_out, subtotals = [], {}
    offset_b = 1 + (1 if chance(rng, 0.2) else 0)
    for k, (part, ps) in enumerate(parts):
        cols = cols_a if k == 0 else cols_b
        col0 = 1 if k == 0 else offset_b
        ws.cell(row=row, column=col0, value=names[part]).font = __import__("openpyxl").styles.Font(bold=True, size=12)
        row += 1 + (1 if chance(rng, 0.3) else 0)
        block = xl_lines(ps, cols, r, rng, xs)
        st = total_of(block)
        subtotals[names[part]] = q2(st)
        ai = [c.key for c in cols].index("amount")
        label = pick(rng, [f"Total {names[part]}", "Total", "Sub-total", f"{names[part]} total"])
        lines = [header_line(cols)] + block + [label_row(len(cols), max(0, ai - 1), label, {ai: st}, kind="subtotal")]
        row = xl_put(ws, lines, row, xs, col0=col0)
        rows_out += [truth_row(ln, col_index(cols)) for ln in block]
        row += rng.randint(1, 3)
    total = None
    if chance(rng, 0.5):
        total = sum((Decimal(x["amount"]) for x in rows_out), ZERO)
        ai = keys_b.index("amount")
        ws.cell(row=row, column=offset_b + max(0, ai - 1), value=pick(rng, ["Grand Total", "Total expenditure", "Combined total"]))
        c = ws.cell(row=row, column=offset_b + ai, value=total)
        c.number_format = xs.money_format
    set_widths(ws, cols_a)
    feats = hs.features() + r.text_features() + xs.features() + [f"stacked:{mode}", f"second-header-amount-moved:{pos_a}->{pos_b}",
                                                            f"second-header-same-words:{same_words}", f"redaction:{spec.redaction}"]
    feats += ["second-table-offset-column"] * (offset_b > 1) + ["grand-total"] * (total is not None)
    truth = make_truth("g-xlsx-stacked", spec.body, spec, rows_out, total, features=feats, basis="single", subtotals=subtotals)
    return ".xlsx", xlsx_bytes(wb, run_stamp(rng, spec)), truth


def fam_xlsx_report(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A formatted report workbook: title block, summary and notes sheets, hidden columns, whole-pound formats."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    spec = random_spec(rng)
    pays = make_payments(rng, spec)
    amounts = pick(rng, [["amount"], ["net", "vat", "gross"], ["net", "gross"], ["amount_gross"], ["amount_net"]],
                   [0.35, 0.3, 0.1, 0.1, 0.15])
    keys = ["date", "txn", "supplier", "description", "expense_type", "service_area"] + amounts
    extras = rng.sample(["supplier_id", "vat_reg", "approver", "cc_code", "expense_code", "invoice", "payment_method"],
                        k=rng.randint(0, 3))
    for e in extras:
        keys.insert(rng.randint(1, len(keys)), e)
    keys = maybe_shuffle(rng, keys, 0.2)
    hs = random_head_style(rng, keys)
    cols = headed(rng, keys, hs)
    r = random_render(rng, spec.body)
    xs = random_xl_style(rng, whole_pounds=0.35, serials=0.3)
    xs.txn_numeric = spec.txn_style == "numeric" and chance(rng, 0.5)
    block = xl_lines(pays, cols, r, rng, xs)
    ci = col_index(cols)
    wrapped = wrap_cells(rng, block, ci["description"], 0.12)
    wb = Workbook()
    ws = wb.active
    ws.title = pick(rng, ["Transactions", "Data", "Spend over £500", "Payments", sheet_name("month-yyyy", *spec.months[0])])
    y, m = spec.months[0]
    stamp = run_stamp(rng, spec)
    texts = [spec.body.name, pick(rng, [f"Expenditure over £500 - {MONTHS[m - 1]} {y}", f"Transparency report: payments over £500, {MONTHS[m - 1]} {y}"])]
    if chance(rng, 0.6):
        texts.append(f"Report run: {fmt_date(stamp.date(), 'dmy4')} {stamp:%H:%M}")
    row = title_block(rng, ws, spec, len(cols), lines=texts, merge=chance(rng, 0.8))
    lines = [header_line(cols)] + block
    total = None
    if chance(rng, 0.7):
        total = total_of(block)
        sums = {"amount": total, "amount_net": total, "amount_gross": total, "net": total,
                "vat": sum((p.vat for p in pays), ZERO), "gross": sum((p.gross for p in pays), ZERO)}
        cells = {i: sums[c.key] for i, c in enumerate(cols) if c.key in sums}
        lines.append(label_row(len(cols), 0, pick(rng, ["Total", "TOTAL", "Grand Total"]), cells))
    header_row = row
    xl_put(ws, lines, row, xs, header_fill=pick(rng, [None, "DDEBF7", "D9D9D9", "FFF2CC"]), wrap_header=chance(rng, 0.5))
    set_widths(ws, cols)
    hidden = [c.key for c in cols if c.key in ("approver", "cc_code", "expense_code", "payment_method")]
    hidden = rng.sample(hidden, k=min(len(hidden), rng.randint(1, 2))) if hidden and chance(rng, 0.7) else []
    for j, c in enumerate(cols):
        if c.key in hidden:
            ws.column_dimensions[get_column_letter(j + 1)].hidden = True
    if chance(rng, 0.6):
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if chance(rng, 0.4):
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{header_row + len(block)}"
    summary_pos = pick(rng, [None, "first", "last"], [0.4, 0.4, 0.2])
    if summary_pos:
        wsum = wb.create_sheet("Summary", 0 if summary_pos == "first" else None)
        wsum.cell(row=1, column=1, value=f"Summary by {pick(rng, ['expense type', 'category'])}")
        wsum.cell(row=3, column=1, value="Expense Type")
        wsum.cell(row=3, column=2, value="Number")
        wsum.cell(row=3, column=3, value="Amount (£)")
        by: dict[str, list] = {}
        for ln in block:
            by.setdefault(ln.pay.expense_type, []).append(ln.amount)
        for i, (k, v) in enumerate(sorted(by.items())):
            wsum.cell(row=4 + i, column=1, value=k)
            wsum.cell(row=4 + i, column=2, value=len(v))
            wsum.cell(row=4 + i, column=3, value=sum(v, ZERO)).number_format = "#,##0.00"
        wsum.cell(row=4 + len(by), column=1, value="Total")
        wsum.cell(row=4 + len(by), column=3, value=total_of(block)).number_format = "#,##0.00"
    if chance(rng, 0.5):
        wn = wb.create_sheet(pick(rng, ["Notes", "Read me", "Guidance"]))
        for i, t in enumerate(["Notes", "1. The data show payments over £500 made in the month.",
                               "2. Some supplier names are withheld to protect personal data.",
                               f"3. Queries: transparency@{re.sub('[^a-z]', '', spec.body.area.lower())}.police.uk"]):
            wn.cell(row=1 + i, column=1, value=t)
    feats = hs.features() + r.text_features() + xs.features() + [f"amounts:{'+'.join(amounts)}", "title-block",
                                                            f"redaction:{spec.redaction}"]
    feats += [f"hidden-columns:{'+'.join(hidden)}"] * bool(hidden) + ["wrapped-cells-line-breaks"] * wrapped
    feats += [f"summary-sheet:{summary_pos}"] * bool(summary_pos) + ["total-row"] * (total is not None)
    rows_out = [truth_row(ln, ci) for ln in block]
    truth = make_truth("g-xlsx-report", spec.body, spec, rows_out, total, features=feats, basis=basis_of(cols))
    return ".xlsx", xlsx_bytes(wb, stamp), truth


GPC_MERCHANTS = [
    ("AMAZON MKTPLACE*{c}", "Book Stores"), ("AMAZON.CO.UK*{c}", "Miscellaneous & Specialty Retail"),
    ("PREMIER INN {n}", "Hotels, Motels & Resorts"), ("TRAVELODGE {n}", "Hotels, Motels & Resorts"),
    ("TRAINLINE.COM", "Passenger Railways"), ("GWR TICKET OFFICE", "Passenger Railways"), ("LNER", "Passenger Railways"),
    ("ROYAL MAIL GROUP", "Postal Services - Government Only"), ("POST OFFICE COUNTER", "Postal Services - Government Only"),
    ("CURRYS {n}", "Electronics Stores"), ("ARGOS LTD", "Electronics Stores"), ("HALFORDS {n}", "Automotive Parts & Accessories"),
    ("SCREWFIX DIRECT", "Hardware Stores"), ("B&Q {n}", "Hardware Stores"), ("TOOLSTATION", "Hardware Stores"),
    ("TESCO STORES {n}", "Grocery Stores & Supermarkets"), ("SAINSBURYS S/MKTS", "Grocery Stores & Supermarkets"),
    ("DVLA VEHICLE TAX", "Government Services"), ("WWW.GOV.UK", "Government Services"), ("ZOOM.US", "Computer Software Stores"),
    ("MICROSOFT*STORE", "Computer Software Stores"), ("ADOBE *CREATIVE CLOUD", "Computer Software Stores"),
    ("PAYPAL *EBAY", "Miscellaneous & Specialty Retail"), ("EASYJET {c}", "Airlines"), ("BRITISH AIRWAYS", "Airlines"),
    ("UBER *TRIP", "Taxicabs & Limousines"), ("A1 TAXIS", "Taxicabs & Limousines"), ("PETS AT HOME {n}", "Pet Shops"),
    ("MEDIVET {n}", "Veterinary Services"), ("COSTA COFFEE {n}", "Eating Places & Restaurants"),
    ("GREGGS {n}", "Fast Food Restaurants"), ("EVENTBRITE", "Professional Services"), ("LINKEDIN {c}", "Advertising Services"),
    ("FACEBK *{c}", "Advertising Services"), ("VISTAPRINT", "Printing Services"), ("NCP CAR PARK", "Parking Lots & Garages"),
    ("JUSTPARK", "Parking Lots & Garages"), ("SHELL {n}", "Service Stations"), ("BP {n}", "Service Stations"),
]
GPC_REASONS = ["Hotel - course attendance", "Rail travel - meeting", "Postage - recorded delivery", "Replacement charger",
               "Cleaning materials", "Refreshments - community event", "Vehicle tax", "Training course booking",
               "Dog food - police dogs", "Parking - court attendance", "Software subscription", "Recruitment advert",
               "Printing - leaflets", "Tools for workshop", "Taxi - late shift", "Flights - extradition", "Fuel - hire vehicle"]


def fam_xlsx_gpc(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A procurement-card return: every card transaction, most under £500; merchant category as expense type."""
    from openpyxl import Workbook

    spec = random_spec(rng, n=(40, 500))
    spec.gpc = True
    y, m = spec.months[0]
    days = month_days(y, m)
    pays = []
    depts = rng.sample(SERVICE_AREAS, k=8)
    for _ in range(spec.n):
        name, mcc = rng.choice(GPC_MERCHANTS)
        name = name.replace("{n}", str(rng.randint(1000, 9999))).replace(
            "{c}", "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(6)))
        big = mcc in ("Hotels, Motels & Resorts", "Airlines", "Passenger Railways", "Computer Software Stores",
                      "Professional Services", "Advertising Services", "Electronics Stores")
        value = money_value(rng, 480, 4000) if big and chance(rng, 0.3) else money_value(rng, 2, 480 if big else 150)
        if value == value.to_integral_value() and chance(rng, 0.7):
            value += Decimal(rng.randint(1, 99)) / 100
        refund = chance(rng, 0.04)
        d = rng.choice(days)
        pays.append(Payment(date=d, supplier=name, net=-value if refund else value, vat=ZERO,
                            description=("Refund - " if refund else "") + rng.choice(GPC_REASONS), expense_type=mcc,
                            service_area=rng.choice(depts), txn=f"{rng.randint(10**9, 10**10 - 1)}", invoice="",
                            supplier_id="", vat_reg="", expense_code="", creditor_type="", category="gpc",
                            posted=d + dt.timedelta(days=rng.randint(1, 3))))
    pays.sort(key=lambda p: (p.date, p.supplier))
    heads = {"date": ["Transaction Date", "Trans Date", "Date", "Purchase Date"],
             "posting_date": ["Posting Date", "Posted Date", "Statement Date"],
             "supplier": ["Merchant Name", "Merchant", "Supplier", "Merchant / Supplier"],
             "expense_type": ["Merchant Category", "MCC Description", "Merchant Category Code Description", "Category"],
             "service_area": ["Department", "Cost Centre", "Cardholder Department", "Business Area"],
             "description": ["Reason for Purchase", "Purpose", "Description", "Transaction Description"],
             "amount": ["Amount", "Transaction Amount (£)", "Amount (£)", "Billing Amount", "Value"],
             "txn": ["Transaction ID", "Transaction Reference", "Card Transaction No"],
             "card": ["Card Number (last 4)", "Card", "Card ending"]}
    keys = ["date", "supplier", "expense_type", "service_area", "description", "amount"]
    if chance(rng, 0.4):
        keys.insert(1, "posting_date")
    if chance(rng, 0.25):
        keys.insert(0, "txn")
    if chance(rng, 0.3):
        keys.insert(rng.randint(1, len(keys)), "card")
    if chance(rng, 0.15):
        keys.remove("description")
    keys = maybe_shuffle(rng, keys, 0.2)
    cols = [Col(k, rng.choice(heads[k])) for k in keys]
    xs = random_xl_style(rng, serials=0.05)
    r = random_render(rng, spec.body)
    cards = {d: f"{rng.randint(1000, 9999)}" for d in depts}

    def value(p: Payment, k: str):
        if k == "posting_date":
            return p.posted if xs.date_mode == "cell" else fmt_date(p.posted, xs.text_date_style)
        if k == "card":
            return ("**** " if chance(rng, 0.5) else "") + cards[p.service_area]
        return xl_value(p, k, r, rng, xs, allow_serial=False)

    block = [Line("data", [value(p, k) for k in keys], p, p.net) for p in pays]
    wb = Workbook()
    ws = wb.active
    ws.title = pick(rng, ["Card Transactions", "GPC", "Transactions", "Purchase Card"])
    ws.cell(row=1, column=1, value=f"{spec.body.name} - {pick(rng, ['procurement card', 'purchase card', 'GPC'])} spend, {MONTHS[m - 1]} {y}")
    ws.cell(row=2, column=1, value=pick(rng, ["All card transactions are listed, including those under £500. Refunds are negative.",
                                               "Government Procurement Card transactions"]))
    row = 4
    lines = [header_line(cols)] + block
    total = None
    if chance(rng, 0.8):
        total = total_of(block)
        ai = keys.index("amount")
        lines.append(label_row(len(cols), max(0, ai - 1), pick(rng, ["Total", "TOTAL", "Total spend"]), {ai: total}))
    xl_put(ws, lines, row, xs)
    set_widths(ws, cols)
    if chance(rng, 0.7):
        wsum = wb.create_sheet("Summary", 0)
        wsum.cell(row=1, column=1, value=f"{spec.body.name} - card spend by merchant category, {MONTHS[m - 1]} {y}")
        wsum.cell(row=3, column=1, value="Merchant Category")
        wsum.cell(row=3, column=2, value="Transactions")
        wsum.cell(row=3, column=3, value="Total (£)")
        by: dict[str, list] = {}
        for p in pays:
            by.setdefault(p.expense_type, []).append(p.net)
        for i, (k, v) in enumerate(sorted(by.items(), key=lambda kv: -sum(kv[1]))):
            wsum.cell(row=4 + i, column=1, value=k)
            wsum.cell(row=4 + i, column=2, value=len(v))
            wsum.cell(row=4 + i, column=3, value=sum(v, ZERO))
    cidx = {"supplier": keys.index("supplier"), "description": keys.index("description") if "description" in keys else None,
            "expense_type": keys.index("expense_type"), "service_area": keys.index("service_area"),
            "transaction_id": keys.index("txn") if "txn" in keys else None}
    rows_out = [truth_row(ln, cidx) for ln in block]
    feats = xs.features() + ["procurement-card", "most-under-500", "refunds-negative", "merchant-category-is-expense-type"]
    feats += ["posting-date-column (truth date = transaction date)"] * ("posting_date" in keys) + ["summary-sheet"] * (len(wb.sheetnames) > 1)
    truth = make_truth("g-xlsx-gpc", spec.body, spec, rows_out, total, features=feats, basis="single")
    return ".xlsx", xlsx_bytes(wb, run_stamp(rng, spec)), truth


# ---- PDF ----------------------------------------------------------------------------

TTF_FONTS = {
    "LiberationSans": ("liberation/LiberationSans-Regular.ttf", "liberation/LiberationSans-Bold.ttf"),
    "LiberationSansNarrow": ("liberation/LiberationSansNarrow-Regular.ttf", "liberation/LiberationSansNarrow-Bold.ttf"),
    "LiberationSerif": ("liberation/LiberationSerif-Regular.ttf", "liberation/LiberationSerif-Bold.ttf"),
    "DejaVuSansCondensed": ("dejavu/DejaVuSansCondensed.ttf", "dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVuSans": ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
    "LiberationMono": ("liberation/LiberationMono-Regular.ttf", "liberation/LiberationMono-Bold.ttf"),
}
BUILTIN_FONTS = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times": ("Times-Roman", "Times-Bold"),
                 "Courier": ("Courier", "Courier-Bold")}
FONT_DIR = Path("/usr/share/fonts/truetype")


def font_pair(name: str) -> tuple[str, str]:
    """(regular, bold) font names for reportlab; a TrueType face when this machine has it, else Helvetica."""
    if name in BUILTIN_FONTS:
        return BUILTIN_FONTS[name]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    reg, bold = TTF_FONTS[name]
    if not (FONT_DIR / reg).exists() or not (FONT_DIR / bold).exists():
        return BUILTIN_FONTS["Courier" if "Mono" in name else "Helvetica"]
    for face, file in ((name, reg), (name + "-Bold", bold)):
        if face not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face, str(FONT_DIR / file)))
    return name, name + "-Bold"


def width_of(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


@dataclass
class PdfLook:
    landscape: bool = False
    font: str = "Helvetica"
    bold: str = "Helvetica-Bold"
    size: float = 8.0
    ruling: str = "grid"  # grid | rows | none | header-rule | outer
    zebra: str | None = None
    header_bg: str | None = "#D9D9D9"
    repeat_header: bool = True
    footer: str = "page_of"  # page_of | page | none | tudalen
    running_head: str | None = None
    printed: str | None = None
    marking: str | None = None
    title: list[str] = field(default_factory=list)
    pad: float = 3.0

    def features(self) -> list[str]:
        out = [f"pdf-ruling:{self.ruling}", f"pdf-font:{self.font}", f"pdf-footer:{self.footer}",
               "landscape" if self.landscape else "portrait"]
        out += ["zebra"] * bool(self.zebra) + ["header-repeated" if self.repeat_header else "header-first-page-only"]
        out += ["running-head"] * bool(self.running_head) + ["printed-date-furniture"] * bool(self.printed)
        out += ["protective-marking"] * bool(self.marking)
        return out


def random_look(rng: random.Random, spec: Spec, *, ncols: int, fonts=None, welsh: bool = False) -> PdfLook:
    name = pick(rng, fonts or ["Helvetica", "LiberationSans", "LiberationSansNarrow", "DejaVuSansCondensed", "Times",
                               "LiberationSerif", "DejaVuSans"], None)
    reg, bold = font_pair(name)
    y, m = spec.months[0]
    stamp = run_stamp(rng, spec)
    look = PdfLook(
        landscape=ncols >= 7 and chance(rng, 0.7) or chance(rng, 0.2), font=reg, bold=bold,
        size=pick(rng, [7.0, 7.5, 8.0, 8.5, 9.0]),
        footer=pick(rng, ["page_of", "page", "none"], [0.5, 0.3, 0.2]) if not welsh else pick(rng, ["tudalen", "page_of"]),
        running_head=(f"{spec.body.name} - {pick(rng, ['Expenditure over £500', 'Spend over £500', 'Payments over £500'])} - "
                      f"{MONTHS[m - 1]} {y}") if chance(rng, 0.4) else None,
        printed=f"{pick(rng, ['Printed', 'Produced', 'Report run'])}: {fmt_date(stamp.date(), 'dmy4')} {stamp:%H:%M}"
        if chance(rng, 0.35) else None,
        marking=pick(rng, ["OFFICIAL", "OFFICIAL - PUBLIC", "NOT PROTECTIVELY MARKED"]) if chance(rng, 0.25) else None,
    )
    look.title = [spec.body.name, pick(rng, [f"Expenditure over £500 - {MONTHS[m - 1]} {y}", f"Payments over £500: {MONTHS[m - 1]} {y}",
                                             f"Spending over £500 for {MONTHS[m - 1]} {y}"])]
    if welsh and spec.body.welsh:
        look.title = [f"{spec.body.welsh} / {spec.body.name}",
                      f"Gwariant dros £500 - {WELSH_MONTHS[m - 1]} {y} / Expenditure over £500 - {MONTHS[m - 1]} {y}"]
    return look


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _numbered_canvas(look: PdfLook):
    from reportlab.pdfgen import canvas as rl_canvas

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["invariant"] = 1
            super().__init__(*args, **kwargs)
            self._saved = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._furniture(total)
                super().showPage()
            super().save()

        def _furniture(self, total: int):
            w, h = self._pagesize
            n = self._pageNumber
            self.setFont(look.font, 7)
            text = {"page_of": f"Page {n} of {total}", "page": f"Page {n}", "tudalen": f"Tudalen {n} o {total} / Page {n} of {total}",
                    "none": ""}[look.footer]
            if text:
                self.drawRightString(w - 28, 20, text)
            if look.printed:
                self.drawString(28, 20, look.printed)
            if look.marking:
                self.drawCentredString(w / 2, h - 18, look.marking)
                self.drawCentredString(w / 2, 10, look.marking)
            if look.running_head and (n > 1 or not look.title):
                self.drawString(28, h - 30, look.running_head)

    return NumberedCanvas


def fit_widths(texts: list[list[str]], heads: list[list[str]], wrap: list[bool], font: str, bold: str, size: float,
               avail: float, pad: float) -> list[float] | None:
    """Column widths for the table: wrapping columns shrink to their longest word, the others keep their text."""
    n = len(wrap)
    nat, minw = [], []
    for j in range(n):
        col = [t for t in texts[j] if t]
        hw = max((width_of(w, bold, size) for h in heads[j] for w in h.split()), default=0)
        hn = max((width_of(h, bold, size) for h in heads[j]), default=0)
        natural = max([width_of(t, font, size) for t in col] + [hn, 8]) + 2 * pad + 2
        longest = max([width_of(w, font, size) for t in col for w in t.split()] + [hw, 8]) + 2 * pad + 2
        nat.append(min(natural, avail * 0.45) if wrap[j] else natural)
        minw.append(longest if wrap[j] else natural)
    if sum(nat) <= avail:
        return nat
    if sum(minw) > avail:
        return None
    extra = avail - sum(minw)
    want = [max(0.0, nat[j] - minw[j]) for j in range(n)]
    total_want = sum(want) or 1.0
    return [minw[j] + extra * want[j] / total_want for j in range(n)]


def render_table_pdf(look: PdfLook, header_rows: list[list[str]], lines: list[Line], num_cols: set[int],
                     *, span_labels: bool = True) -> tuple[bytes, float]:
    """A platypus table of ``lines`` under ``header_rows``; returns the PDF and the font size it fitted at."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pagesize = landscape(A4) if look.landscape else A4
    margin = 28
    avail = pagesize[0] - 2 * margin
    n = len(header_rows[-1])
    size = look.size
    while True:
        texts = [[fit(str(ln.cells[j]), "cp1252") for ln in lines if ln.kind == "data"] for j in range(n)]
        heads = [[h[j] for h in header_rows] for j in range(n)]
        heads = [[part for h in col for part in h.split("\n")] for col in heads]
        wrap = [j not in num_cols for j in range(n)]
        widths = fit_widths(texts, heads, wrap, look.font, look.bold, size, avail, look.pad)
        if widths is not None or size <= 5.5:
            break
        size -= 0.5
    if widths is None:
        widths = [avail / n] * n
    body_style = ParagraphStyle("b", fontName=look.font, fontSize=size, leading=size * 1.18)
    head_style = ParagraphStyle("h", fontName=look.bold, fontSize=size, leading=size * 1.18)
    bold_style = head_style
    data = []
    style = [("FONT", (0, 0), (-1, -1), look.font, size), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LEFTPADDING", (0, 0), (-1, -1), look.pad), ("RIGHTPADDING", (0, 0), (-1, -1), look.pad),
             ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for hr in header_rows:
        data.append([Paragraph(_esc(fit(h, "cp1252")).replace("\n", "<br/>"), head_style) if h else "" for h in hr])
    nh = len(header_rows)
    for j in num_cols:
        style.append(("ALIGN", (j, nh), (j, -1), "RIGHT"))
    stripe = 0
    for ln in lines:
        r = len(data)
        cells = [fit("" if c is None else str(c), "cp1252") for c in ln.cells] + [""] * (n - len(ln.cells))
        if ln.kind == "data":
            data.append([c if j in num_cols else Paragraph(_esc(c), body_style) for j, c in enumerate(cells[:n])])
            if look.zebra:
                if stripe % 2:
                    style.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor(look.zebra)))
                stripe += 1
        elif ln.kind == "group":
            label = next((c for c in cells if c), "")
            data.append([Paragraph(_esc(label), bold_style)] + [""] * (n - 1))
            style.append(("SPAN", (0, r), (-1, r)))
        elif ln.kind in ("total", "subtotal"):
            row = [Paragraph(_esc(c), bold_style) if c and j not in num_cols else c for j, c in enumerate(cells[:n])]
            first_num = min((j for j in num_cols if cells[j]), default=n)
            label_at = next((j for j, c in enumerate(cells[:n]) if c and j not in num_cols), None)
            if span_labels and label_at is not None and first_num - label_at > 1:
                style.append(("SPAN", (label_at, r), (first_num - 1, r)))
            data.append(row)
            style.append(("FONT", (0, r), (-1, r), look.bold, size))
        elif ln.kind == "blank":
            data.append([""] * n)
            stripe = 0
    if look.header_bg:
        style.append(("BACKGROUND", (0, 0), (-1, nh - 1), colors.HexColor(look.header_bg)))
    grey = colors.HexColor("#808080")
    if look.ruling == "grid":
        style.append(("GRID", (0, 0), (-1, -1), 0.4, grey))
    elif look.ruling == "rows":
        style.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, grey))
    elif look.ruling == "header-rule":
        style.append(("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.8, colors.black))
    elif look.ruling == "outer":
        style += [("BOX", (0, 0), (-1, -1), 0.6, colors.black), ("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.6, colors.black)]
    if nh > 1:  # a heading over two rows: one cell each, no rule between them
        style.append(("TOPPADDING", (0, 1), (-1, nh - 1), 0))
    table = Table(data, colWidths=widths, repeatRows=nh if look.repeat_header else 0, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    story = []
    title_styles = [ParagraphStyle("t0", fontName=look.bold, fontSize=13, leading=16),
                    ParagraphStyle("t1", fontName=look.font, fontSize=10, leading=13)]
    for i, t in enumerate(look.title):
        story.append(Paragraph(_esc(fit(t, "cp1252")), title_styles[min(i, 1)]))
    if look.title:
        story.append(Spacer(1, 8))
    story.append(table)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=40, bottomMargin=34,
                            title=fit(look.title[-1], "cp1252") if look.title else "", author="", invariant=1)
    doc.build(story, canvasmaker=_numbered_canvas(look))
    return buf.getvalue(), size


def pdf_page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    return len(pdfium.PdfDocument(data))


def scan_pdf(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    """The PDF as a scanner makes it: page images only (greyscale JPEG or 1-bit), skewed, noisy."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    dpi = pick(rng, [150, 200, 200, 300], None)
    mode = pick(rng, ["grey", "bw"], [0.7, 0.3])
    quality = rng.randint(45, 85)
    seed = rng.randint(0, 2**31 - 1)
    np_rng = np.random.default_rng(seed)
    pages = []
    doc = pdfium.PdfDocument(data)
    skews = []
    for page in doc:
        img = page.render(scale=dpi / 72).to_pil().convert("L")
        angle = rng.uniform(-1.0, 1.0)
        skews.append(angle)
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if chance(rng, 0.5):
            img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 0.8)))
        arr = np.asarray(img).astype(np.int16)
        arr = arr + np_rng.normal(0, rng.uniform(4, 14), arr.shape).astype(np.int16)
        specks = np_rng.random(arr.shape) < rng.uniform(0.0002, 0.0015)
        arr[specks] = 0
        if chance(rng, 0.4):  # a grey shadow down one edge
            w = arr.shape[1] // rng.randint(40, 80)
            arr[:, :w] = np.minimum(arr[:, :w], rng.randint(60, 140))
        arr = np.clip(arr + rng.randint(-12, 8), 0, 255).astype(np.uint8)
        img = Image.fromarray(arr, "L")
        if mode == "bw":
            cut = rng.randint(150, 185)
            img = img.point(lambda v, c=cut: 255 if v > c else 0).convert("1", dither=Image.Dither.NONE)
        pages.append(img)
    out = io.BytesIO()
    stamp = time.struct_time((2020, 1, 1, 0, 0, 0, 2, 1, 0))
    extra = {"quality": quality} if mode == "grey" else {}  # 1-bit pages go in as CCITT G4, not JPEG
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi), creationDate=stamp,
                  modDate=stamp, title="scan", producer="Scanner", **extra)
    feats = [f"scan-dpi:{dpi}", f"scan-mode:{'1-bit' if mode == 'bw' else 'greyscale-jpeg'}",
             f"scan-max-skew:{max(abs(a) for a in skews):.2f}"]
    return out.getvalue(), feats


def two_line_heads(heads: list[str]) -> list[list[str]]:
    """A heading printed over two rows, as a spreadsheet printed to PDF does ('Payment' above 'Date')."""
    top, bottom = [], []
    for h in heads:
        h = h.strip()
        if " " in h:
            a, b = h.split(" ", 1)
            top.append(a)
            bottom.append(b)
        else:
            top.append("")
            bottom.append(h)
    return [top, bottom]


def pdf_money_style(rng: random.Random, *, pound_cells: bool) -> MoneyStyle:
    st = MoneyStyle(thousands=chance(rng, 0.85), pound=pound_cells,
                    neg=pick(rng, ["minus", "paren", "trailing", "cr"], [0.4, 0.3, 0.1, 0.2]))
    if st.pound and st.neg == "minus" and chance(rng, 0.5):
        st.neg = "pound_minus"
    return st


def finish_pdf(layout: str, rng: random.Random, spec: Spec, look: PdfLook, header_rows: list[list[str]], lines: list[Line],
               num_cols: set[int], cidx: dict, total: Decimal | None, *, scanned: bool, features: list[str], basis: str,
               **extra) -> tuple[str, bytes, dict]:
    fit_lines(lines, "cp1252")
    rows = [truth_row(ln, cidx) for ln in lines if ln.kind == "data"]
    data, size = render_table_pdf(look, header_rows, lines, num_cols)
    feats = features + look.features() + [f"pdf-font-size:{size}"]
    if scanned:
        data, sf = scan_pdf(rng, data)
        feats += sf
    truth = make_truth(layout, spec.body, spec, rows, total, scanned=scanned, features=feats, basis=basis,
                       pages=pdf_page_count(data), **extra)
    return ".pdf", data, truth


def pdf_spec(rng: random.Random, scanned: bool, **kw) -> Spec:
    return random_spec(rng, n=(30, 80) if scanned else (30, 600), **kw)


def fam_pdf_grid(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A ruled grid table (a spreadsheet or report printed to PDF), heading repeated, 'Page x of y'."""
    spec = pdf_spec(rng, scanned)
    pays = make_payments(rng, spec)
    keys = ["date", "txn", "supplier", "description", "expense_type", "service_area", "amount"]
    for opt in ("txn", "description", "expense_type", "service_area"):
        if chance(rng, 0.15):
            keys.remove(opt)
    if chance(rng, 0.2):
        keys[keys.index("amount")] = "net"
        keys += ["vat", "gross"]
    keys = maybe_shuffle(rng, keys, 0.2)
    cols = headed(rng, keys, HeadStyle(case=pick(rng, ["as", "upper"], [0.8, 0.2])))
    r = random_render(rng, spec.body, dates=["dmy4", "dmy4", "dmy2", "iso", "dmon4", "long", "dmy4_nz", "dmonsp"])
    r.money = pdf_money_style(rng, pound_cells=chance(rng, 0.3))
    r.pad_supplier = 0
    lines = data_lines(pays, cols, r, rng)
    num = {i for i, c in enumerate(cols) if c.key in AMOUNT_KEYS}
    total = None
    if chance(rng, 0.6):
        total = total_of(lines)
        ai = next(i for i, c in enumerate(cols) if c.key in ("amount", "net"))
        sums = {"amount": total, "net": total, "vat": sum((p.vat for p in pays), ZERO), "gross": sum((p.gross for p in pays), ZERO)}
        lines.append(label_row(len(cols), 0 if ai else None, pick(rng, ["Total", "TOTAL", "Total expenditure", "Grand Total"]),
                               {i: fmt_money(sums[cols[i].key], r.money) for i in num}))
    look = random_look(rng, spec, ncols=len(cols))
    look.ruling = pick(rng, ["grid", "outer"], [0.8, 0.2])
    look.header_bg = pick(rng, [None, "#D9D9D9", "#BDD7EE", "#FFFFFF"])
    look.repeat_header = chance(rng, 0.85)
    feats = r.features() + [f"redaction:{spec.redaction}"] + ["total-row"] * (total is not None)
    feats += ["pound-in-cells" if r.money.pound else "pound-in-header-only"]
    return finish_pdf("g-pdf-grid", rng, spec, look, [[c.head for c in cols]], lines, num, col_index(cols), total,
                      scanned=scanned, features=feats, basis=basis_of(cols))


def fam_pdf_zebra(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """No rules, zebra shading; headings over two lines, '£' in the heading only, right-aligned amounts."""
    spec = pdf_spec(rng, scanned)
    pays = make_payments(rng, spec)
    whole = chance(rng, 0.15)
    if whole:  # a report printed in whole pounds: the printed figure is the truth
        for p in pays:
            p.net = p.net.quantize(Decimal("1"), ROUND_HALF_UP)
            p.vat = ZERO
    heads = {"date": ["Payment Date", "Transaction Date", "Date Paid", "Posting Date", "Invoice Date"],
             "txn": ["Payment Ref", "Transaction Number", "Payment Reference", "Doc No", "Voucher Number"],
             "supplier": ["Supplier Name", "Payee", "Supplier", "Creditor Name", "Name"],
             "description": ["Description", "Purpose of Expenditure", "Narrative", "Details"],
             "expense_type": ["Expense Type", "Expenditure Category", "Subjective", "Spend Category"],
             "service_area": ["Service Area", "Cost Centre", "Department", "Business Unit"],
             "amount": ["Amount (£)", "Amount £", "£", "Net Amount (£)", "Value (£)", "Sum Paid (£)"]}
    keys = ["date", "txn", "supplier", "description", "expense_type", "service_area", "amount"]
    for opt in ("description", "service_area", "txn"):
        if chance(rng, 0.2):
            keys.remove(opt)
    keys = maybe_shuffle(rng, keys, 0.15)
    cols = [Col(k if not (k == "amount" and "Net" in h) else "amount_net", h) for k in keys for h in [rng.choice(heads[k])]]
    r = random_render(rng, spec.body, dates=["dmy4", "long", "dmon4", "dmy2", "dmonsp", "dotted"])
    r.money = pdf_money_style(rng, pound_cells=False)
    r.pad_supplier = 0
    if whole:
        r.money.dec = "trim"
    lines = []
    blank_between_days = chance(rng, 0.25)
    prev = None
    for ln in data_lines(pays, cols, r, rng):
        if blank_between_days and prev is not None and ln.pay.date != prev:
            lines.append(blank_row(len(cols)))
        prev = ln.pay.date
        lines.append(ln)
    num = {i for i, c in enumerate(cols) if c.key in AMOUNT_KEYS}
    total = None
    if chance(rng, 0.6):
        total = total_of(lines)
        ai = min(num)
        lines.append(label_row(len(cols), 0 if ai else None, pick(rng, ["Total", "Total for the month", "TOTAL"]),
                               {ai: fmt_money(total, r.money)}))
    head_mode = pick(rng, ["two_rows", "br", "single"], [0.55, 0.2, 0.25])
    header_rows = two_line_heads([c.head for c in cols]) if head_mode == "two_rows" else \
        [[c.head.replace(" ", "\n", 1) if head_mode == "br" else c.head for c in cols]]
    look = random_look(rng, spec, ncols=len(cols))
    look.ruling = pick(rng, ["none", "header-rule"])
    look.zebra = pick(rng, ["#F2F2F2", "#E8EEF7", "#EDEDED", "#FFF8E1"])
    look.header_bg = pick(rng, [None, "#FFFFFF", "#DDDDDD"])
    look.repeat_header = chance(rng, 0.5)
    feats = r.features() + [f"heading:{head_mode}", "pound-in-header-only", "amounts-right-aligned", f"redaction:{spec.redaction}"]
    feats += ["blank-rows-between-days"] * blank_between_days + ["whole-pounds-printed"] * whole + ["total-row"] * (total is not None)
    return finish_pdf("g-pdf-zebra", rng, spec, look, header_rows, lines, num, col_index(cols), total,
                      scanned=scanned, features=feats, basis=basis_of(cols))


def fam_pdf_grouped(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """Payments under group headings spanning the table, a sub-total per group, rules between rows; Welsh bodies bilingual."""
    welsh = chance(rng, 0.35)
    spec = pdf_spec(rng, scanned, welsh=welsh)
    group_by = pick(rng, ["service_area", "expense_type", "body"], [0.45, 0.35, 0.2 if spec.body.force else 0])
    spec.two_bodies = group_by == "body"
    spec.sort = "date"
    pays = make_payments(rng, spec)
    keys = ["date", "txn", "supplier", "description", "expense_type", "service_area", "amount"]
    if chance(rng, 0.3):
        keys.remove("description")
    show_col = group_by != "body" and chance(rng, 0.4)  # the body is never a column: only its heading says it
    if not show_col and group_by != "body":
        keys.remove(group_by)
    keys = maybe_shuffle(rng, keys, 0.15)
    if welsh:
        order, sep = pick(rng, ["cy", "en"], [0.7, 0.3]), pick(rng, [" / ", "\n"])
        cols = [Col(k, welsh_heading(rng, k, order, sep)) for k in keys]
    else:
        cols = headed(rng, keys, HeadStyle(case=pick(rng, ["as", "upper"], [0.8, 0.2])))
    r = random_render(rng, spec.body, dates=["dmy4", "dmy4", "dmy2", "dmon4", "long"])
    r.money = pdf_money_style(rng, pound_cells=chance(rng, 0.25))
    r.pad_supplier = 0
    names = {"PCC": pick(rng, ["Police and Crime Commissioner", spec.body.name, "Office of the PCC"]),
             "CC": pick(rng, ["Chief Constable", spec.body.force or "Chief Constable", "Force"])}
    if welsh and spec.body.welsh:
        names = {"PCC": f"{spec.body.welsh} / {spec.body.name}", "CC": f"{spec.body.welsh_force} / {spec.body.force}"}

    def gkey(p: Payment) -> str:
        return names[p.spending_body] if group_by == "body" else getattr(p, group_by)

    groups: dict[str, list[Payment]] = {}
    for p in pays:
        groups.setdefault(gkey(p), []).append(p)
    order_g = sorted(groups) if group_by != "body" else [g for g in (names["PCC"], names["CC"]) if g in groups]
    sub_style = pick(rng, ["Sub-total", "Subtotal", "Total {g}", "{g} total", "unlabelled"])
    if welsh:
        sub_style = pick(rng, ["Is-gyfanswm / Sub-total", "unlabelled"])
    ai = [c.key for c in cols].index("amount")
    lines, subtotals = [], {}
    for g in order_g:
        lines.append(label_row(len(cols), 0, g, kind="group"))
        block = data_lines(groups[g], cols, r, rng)
        if not show_col and group_by != "body":
            for ln in block:
                ln.over[group_by] = g
        lines += block
        st = total_of(block)
        subtotals[g] = q2(st)
        label = "" if sub_style == "unlabelled" else sub_style.replace("{g}", g)
        lines.append(label_row(len(cols), 0 if label and ai else None, label, {ai: fmt_money(st, r.money)}, kind="subtotal"))
    total = None
    if chance(rng, 0.75) or sub_style == "unlabelled":
        total = total_of(lines)
        lines.append(label_row(len(cols), 0 if ai else None,
                               "Cyfanswm / Total" if welsh else pick(rng, ["Grand Total", "Total", "TOTAL EXPENDITURE"]),
                               {ai: fmt_money(total, r.money)}))
    look = random_look(rng, spec, ncols=len(cols), welsh=welsh)
    look.ruling = pick(rng, ["rows", "none", "header-rule"], [0.6, 0.2, 0.2])
    look.header_bg = pick(rng, [None, "#D9D9D9", "#E2EFDA"])
    look.repeat_header = chance(rng, 0.7)
    feats = r.features() + [f"grouped-by:{group_by}", f"group-column-printed:{show_col}", f"subtotals:{sub_style}",
                            f"redaction:{spec.redaction}"] + ["bilingual-welsh"] * welsh
    if not show_col and group_by != "body":
        feats.append(f"group-heading-is-{group_by}")
    return finish_pdf("g-pdf-grouped", rng, spec, look, [[c.head for c in cols]], lines, {ai}, col_index(cols), total,
                      scanned=scanned, features=feats, basis="single", subtotals=subtotals)


def truncate_to(text: str, width: float, font: str, size: float, *, words: bool = True) -> str:
    """The longest start of ``text`` that fits ``width`` (at a word boundary when ``words``)."""
    if width_of(text, font, size) <= width:
        return text
    if words:
        parts = text.split(" ")
        while len(parts) > 1:
            parts.pop()
            if width_of(" ".join(parts), font, size) <= width:
                return " ".join(parts)
    while text and width_of(text, font, size) > width:
        text = text[:-1]
    return text.rstrip()


class CanvasPages:
    """Lines drawn top-down on canvas pages, a new page (with its furniture) when one is full."""

    def __init__(self, rng: random.Random, landscape_: bool, font: str, size: float, leading: float, margin: float = 36):
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfgen import canvas as rl_canvas

        self.pagesize = landscape(A4) if landscape_ else A4
        self.buf = io.BytesIO()
        self.c = rl_canvas.Canvas(self.buf, pagesize=self.pagesize, invariant=1)
        self.font, self.size, self.leading, self.margin = font, size, leading, margin
        self.page = 0
        self.y = 0.0
        self.on_new_page = None

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    def new_page(self):
        if self.page:
            self.c.showPage()
        self.page += 1
        self.y = self.pagesize[1] - self.margin
        if self.on_new_page:
            self.on_new_page(self)

    def need(self, lines: int = 1):
        if self.page == 0 or self.y - lines * self.leading < self.margin:
            self.new_page()

    def text(self, x: float, s: str, *, font: str | None = None, size: float | None = None, right: bool = False):
        self.c.setFont(font or self.font, size or self.size)
        (self.c.drawRightString if right else self.c.drawString)(self.margin + x, self.y, s)

    def down(self, k: float = 1.0):
        self.y -= self.leading * k

    def rule(self, x0: float = 0, x1: float | None = None, width: float = 0.5):
        self.c.setLineWidth(width)
        y = self.y + self.size * 0.9  # between the line above (already drawn) and the next baseline
        self.c.line(self.margin + x0, y, self.margin + (self.width if x1 is None else x1), y)

    def bytes(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def fam_pdf_mono(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """A monospace finance-system print: run header on every page, upper case, fields cut to width, CR credits."""
    spec = pdf_spec(rng, scanned)
    pays = make_payments(rng, spec)
    landscape_ = chance(rng, 0.6)
    reg, bold = font_pair(pick(rng, ["Courier", "LiberationMono"], [0.7, 0.3]))
    size = pick(rng, [7.0, 7.5, 8.0, 8.5]) if landscape_ else pick(rng, [6.5, 7.0, 7.5])
    if scanned:
        size += 1.0
    pages = CanvasPages(rng, landscape_, reg, size, size * pick(rng, [1.2, 1.3, 1.45]))
    chars = int(pages.width / (0.6 * size))
    date_style = pick(rng, ["dmy2", "DMON2", "dmy4"])
    neg = pick(rng, ["cr", "crnospace", "trailing"])
    money = MoneyStyle(thousands=chance(rng, 0.8), neg=neg)
    date_w = len(fmt_date(dt.date(2000, 12, 30), date_style))
    txn_w = max(len(p.txn) for p in pays)
    amt_w = max(len(fmt_money(p.net, money)) for p in pays) + 3
    fields = [("date", "DATE", date_w), ("txn", pick(rng, ["DOC NO", "VOUCHER", "TRANS NO", "REFERENCE"]), max(txn_w, 7)),
              ("supplier", pick(rng, ["SUPPLIER NAME", "CREDITOR", "PAYEE", "VENDOR NAME"]), pick(rng, [24, 28, 30, 35])),
              ("description", pick(rng, ["DESCRIPTION", "NARRATIVE", "DETAILS"]), pick(rng, [24, 28, 32])),
              ("expense_type", pick(rng, ["EXPENSE TYPE", "SUBJECTIVE", "ACCOUNT"]), pick(rng, [18, 22, 26])),
              ("service_area", pick(rng, ["COST CENTRE", "DEPARTMENT", "SERVICE"]), pick(rng, [16, 20, 24])),
              ("amount", pick(rng, ["AMOUNT", "AMOUNT GBP", "NET AMOUNT", "VALUE"]), max(amt_w, 12))]
    for opt in ("description", "expense_type", "service_area"):
        if chance(rng, 0.2):
            fields = [f for f in fields if f[0] != opt]

    def too_wide() -> bool:
        return sum(w + 1 for _, _, w in fields) > chars

    while too_wide():  # narrow the other text fields to 14, then drop one, before the supplier goes below 22
        others = [i for i, f in enumerate(fields) if f[0] in ("description", "expense_type", "service_area") and f[2] > 14]
        if others:
            i = max(others, key=lambda k: fields[k][2])
        elif any(f[0] in ("description", "expense_type", "service_area") for f in fields) and \
                next(f[2] for f in fields if f[0] == "supplier") <= 22:
            drop = next(f for f in fields if f[0] in ("description", "expense_type", "service_area"))
            fields.remove(drop)
            continue
        else:
            i = next(k for k, f in enumerate(fields) if f[0] == "supplier")
        k, h, w = fields[i]
        fields[i] = (k, h, w - 1)
    keys = [k for k, _, _ in fields]
    cidx = {f: (keys.index(k) if k in keys else None) for f, k in TRUTH_KEYS.items()}
    lines = []
    for p in pays:
        cells = []
        for k, _, w in fields:
            if k == "date":
                v = fmt_date(p.date, date_style)
            elif k == "amount":
                v = fmt_money(p.net, money)
            else:
                v = cell_text(p, k, Render(body=spec.body), rng)
                v = fit(v.upper(), "ascii")[:w].rstrip()
            cells.append(v)
        lines.append(Line("data", cells, p, p.net))
    fit_lines(lines, "ascii")
    rows = [truth_row(ln, cidx) for ln in lines]
    total = total_of(lines) if chance(rng, 0.75) else None
    y, m = spec.months[0]
    run = run_stamp(rng, spec)
    report_id = pick(rng, ["FIN-AP-017", "APR500", "AP_PAY_500", "CRD-TRANS-04"])
    body_line = fit(spec.body.name.upper(), "ascii")
    head_cells = []
    for k, h, w in fields:
        head_cells.append(h.rjust(w) if k == "amount" else h.ljust(w))
    head_line = " ".join(head_cells)

    def line_of(cells: list[str]) -> str:
        out = []
        for (k, _, w), v in zip(fields, cells, strict=True):
            out.append(v.rjust(w) if k == "amount" else v.ljust(w))
        return " ".join(out)

    def furniture(pg: CanvasPages):
        pg.text(0, body_line[: chars - 14])
        pg.text(pg.width, f"PAGE {pg.page:4d}", right=True)
        pg.down()
        pg.text(0, f"REPORT {report_id}  PAYMENTS OVER 500.00")
        pg.text(pg.width, f"RUN DATE {fmt_date(run.date(), 'dmy2')} {run:%H:%M}", right=True)
        pg.down()
        pg.text(0, f"PERIOD {fmt_date(dt.date(y, m, 1), 'dmy2')} TO {fmt_date(dt.date(y, m, calendar.monthrange(y, m)[1]), 'dmy2')}")
        pg.down(1.6)
        pg.text(0, head_line)
        pg.down()
        pg.text(0, "-" * len(head_line))
        pg.down()

    pages.on_new_page = furniture
    for ln in lines:
        pages.need()
        pages.text(0, line_of(ln.cells))
        pages.down()
    pages.need(4)
    pages.text(0, "-" * len(head_line))
    pages.down()
    if total is not None:
        label = pick(rng, ["TOTAL PAYMENTS", "REPORT TOTAL", "GRAND TOTAL"])
        pages.text(0, label + fmt_money(total, money).rjust(len(head_line) - len(label)))
        pages.down()
    pages.text(0, f"NUMBER OF PAYMENTS {len(lines)}")
    pages.down(1.5)
    pages.text(0, "*** END OF REPORT ***")
    data = pages.bytes()
    feats = [f"date:{date_style}", money.describe(), "monospace", "run-header-every-page", "upper-case-text",
             "fields-cut-to-width", f"redaction:{spec.redaction}", "landscape" if landscape_ else "portrait"]
    feats += ["total-line"] * (total is not None)
    if scanned:
        data, sf = scan_pdf(rng, data)
        feats += sf
    truth = make_truth("g-pdf-mono", spec.body, spec, rows, total, scanned=scanned, features=feats, basis="single",
                       pages=pdf_page_count(data))
    return ".pdf", data, truth


# ---- holdout families ---------------------------------------------------------------


def fam_h_pdf_supplier_blocks(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """HOLDOUT. 'Payments by supplier': the supplier is a heading over its payments, with a total per supplier."""
    spec = pdf_spec(rng, scanned)
    spec.sort = "supplier"
    pays = make_payments(rng, spec)
    font = pick(rng, ["Helvetica", "LiberationSans", "DejaVuSansCondensed", "Times", "LiberationSansNarrow"])
    reg, bold = font_pair(font)
    size = pick(rng, [7.5, 8.0, 8.5, 9.0]) + (1.0 if scanned else 0)
    landscape_ = chance(rng, 0.5)
    pages = CanvasPages(rng, landscape_, reg, size, size * 1.35)
    W = pages.width
    date_style = pick(rng, ["dmy4", "dmon4", "dmy2", "long", "iso"])
    money = pdf_money_style(rng, pound_cells=chance(rng, 0.2))
    upper = chance(rng, 0.4)
    second_line = chance(rng, 0.5)
    type_label = pick(rng, ["Expense type", "Account", "Subjective"])
    sub_label = pick(rng, ["Total for {s}", "Supplier total", "Total", ""], [0.35, 0.25, 0.25, 0.15])
    show_area = chance(rng, 0.7)
    # column positions (left edges) and the amount's right edge
    x_date, x_doc = 12, 12 + width_of("30 September 2099" if date_style == "long" else "30-Sep-2099", reg, size) + 10
    x_desc = x_doc + width_of("AP00000000", reg, size) + 10
    x_amt = W
    x_area = W * 0.68 if show_area else None
    desc_w = (x_area or W * 0.82) - x_desc - 8
    area_w = (x_amt - 70 - x_area) if show_area else 0
    heads = {"date": pick(rng, ["Date", "Paid", "Payment Date"]), "doc": pick(rng, ["Doc No", "Reference", "Voucher"]),
             "desc": pick(rng, ["Description", "Details", "Narrative"]), "area": pick(rng, ["Cost Centre", "Department", "Service"]),
             "amt": pick(rng, ["Amount", "Amount £", "Net £", "Value"])}
    y, m = spec.months[0]
    title = [spec.body.name, f"{pick(rng, ['Payments by supplier', 'Supplier payments over £500', 'Creditor payments analysis'])}"
                             f" - {MONTHS[m - 1]} {y}"]
    state = {"supplier": None, "continued": chance(rng, 0.6)}

    def furniture(pg: CanvasPages):
        if pg.page == 1:
            pg.text(0, fit(title[0], "cp1252"), font=bold, size=size + 4)
            pg.down(1.6)
            pg.text(0, fit(title[1], "cp1252"), size=size + 1)
            pg.down(1.8)
        pg.text(x_date, heads["date"], font=bold)
        pg.text(x_doc, heads["doc"], font=bold)
        pg.text(x_desc, heads["desc"], font=bold)
        if show_area:
            pg.text(x_area, heads["area"], font=bold)
        pg.text(x_amt, heads["amt"], font=bold, right=True)
        pg.down()
        pg.rule(width=0.8)
        pg.down(0.4)
        if state["supplier"] and state["continued"]:
            pg.text(0, fit(state["supplier"], "cp1252") + " (continued)", font=bold)
            pg.down()

    pages.on_new_page = furniture
    blocks: dict[str, list[Payment]] = {}
    for p in pays:
        blocks.setdefault(p.supplier if not (p.redacted or p.private) else p.supplier + f"\x00{p.supplier_id}", []).append(p)
    rows, subtotals, grand = [], {}, ZERO
    lines_all = []
    for ps in blocks.values():
        name = ps[0].supplier.upper() if upper and not ps[0].redacted else ps[0].supplier
        name = fit(name, "cp1252")
        pages.need(3)
        state["supplier"] = None
        pages.down(0.3)
        pages.text(0, name, font=bold)
        if ps[0].supplier_id and chance(rng, 0.8):
            pages.text(W, f"Supplier No: {ps[0].supplier_id}", size=size - 0.5, right=True)
        pages.down()
        state["supplier"] = name
        for p in ps:
            pages.need(2 if second_line else 1)
            desc = truncate_to(fit(p.description or "", "cp1252"), desc_w, reg, size)
            area = truncate_to(fit(p.service_area, "cp1252"), area_w, reg, size) if show_area else None
            pages.text(x_date, fmt_date(p.date, date_style))
            pages.text(x_doc, p.txn)
            pages.text(x_desc, desc)
            if show_area:
                pages.text(x_area, area)
            pages.text(x_amt, fmt_money(p.net, money), right=True)
            pages.down()
            etype = None
            if second_line:
                etype = fit(p.expense_type, "cp1252")
                pages.text(x_desc + 10, f"{type_label}: {etype}", size=size - 0.5)
                pages.down()
            ln = Line("data", [], p, p.net, over={"supplier": name, "description": desc, "service_area": area,
                                                   "expense_type": etype, "transaction_id": p.txn})
            lines_all.append(ln)
            rows.append(truth_row(ln, {}))
        st = sum((p.net for p in ps), ZERO)
        grand += st
        subtotals[name] = q2(st) if name not in subtotals else q2(Decimal(subtotals[name]) + st)
        pages.need(1)
        pages.rule(x_amt - 70, x_amt, 0.4)
        label = sub_label.replace("{s}", name)
        if label:
            pages.text(x_desc, label, font=bold)
        pages.text(x_amt, fmt_money(st, money), font=bold, right=True)
        pages.down(1.2)
        state["supplier"] = None
    total = None
    pages.need(3)
    if chance(rng, 0.8):
        total = grand
        pages.rule(width=0.8)
        pages.text(x_desc, pick(rng, ["Total payments", "Grand total", "TOTAL"]), font=bold)
        pages.text(x_amt, fmt_money(total, money), font=bold, right=True)
        pages.down()
    pages.text(x_desc, f"{len(rows)} payments to {len(blocks)} suppliers", size=size - 0.5)
    data = pages.bytes()
    feats = [f"date:{date_style}", money.describe(), "supplier-as-block-heading", "supplier-totals",
             f"redaction:{spec.redaction}", "landscape" if landscape_ else "portrait", f"pdf-font:{reg}"]
    feats += ["expense-type-second-line"] * second_line + ["continued-heading-on-new-page"] * state["continued"]
    feats += ["supplier-upper"] * upper + ["descriptions-cut-at-word"]
    if scanned:
        data, sf = scan_pdf(rng, data)
        feats += sf
    truth = make_truth("h-pdf-supplier-blocks", spec.body, spec, rows, total, scanned=scanned, features=feats,
                       basis="single", pages=pdf_page_count(data), subtotals=subtotals)
    return ".pdf", data, truth


def fam_h_xlsx_carried(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """HOLDOUT. Invoice lines: date, payee, reference and invoice total printed on an invoice's first line only."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    spec = random_spec(rng, n=(40, 500))
    spec.split_share = pick(rng, [0.3, 0.5])
    spec.txn_style = pick(rng, ["numeric", "ap", "pi", "sap"])
    spec.sort = pick(rng, ["date", "supplier"])
    pays = make_payments(rng, spec)
    invoices: list[list[Payment]] = []
    for p in pays:
        if invoices and invoices[-1][0].txn == p.txn:
            invoices[-1].append(p)
        else:
            invoices.append([p])
    heads = {"run": ["Payment Run", "Run No", "BACS Run"], "date": ["Payment Date", "Date Paid", "Paid"],
             "supplier": ["Payee", "Supplier", "Creditor"], "txn": ["Payment Ref", "Document No", "Ref"],
             "invoice": ["Invoice No", "Supplier Invoice"], "invoice_total": ["Invoice Total (£)", "Invoice Value", "Total Invoice"],
             "description": ["Line Description", "Description", "Line Text"], "expense_type": ["Expense Type", "Account", "Subjective"],
             "service_area": ["Cost Centre", "Budget Area", "Department"], "net": ["Line Net", "Net (£)", "Line Amount"],
             "vat": ["VAT", "Line VAT", "VAT (£)"]}
    keys = ["run", "date", "supplier", "txn", "invoice", "invoice_total", "description", "expense_type", "service_area", "net", "vat"]
    if chance(rng, 0.4):
        keys.remove("run")
    if chance(rng, 0.3):
        keys.remove("vat")
    if chance(rng, 0.3):
        keys.remove("invoice")
    cols = [Col(k, rng.choice(heads[k])) for k in keys]
    carried = {"run", "date", "supplier", "txn", "invoice", "invoice_total"}
    xs = random_xl_style(rng, serials=0.0)
    xs.money_format = pick(rng, ["#,##0.00;[Red](#,##0.00)", "#,##0.00;[Red]-#,##0.00", "#,##0.00"])
    r = random_render(rng, spec.body)
    r.upper_supplier = chance(rng, 0.3)
    r.pad_supplier = 0
    runs = {d: f"{pick(rng, ['PR', 'BR', ''])}{d.year % 100:02d}{rng.randint(100, 999)}" for d in sorted({p.date for p in pays})}
    wb = Workbook()
    ws = wb.active
    ws.title = pick(rng, ["Payments", "Invoice lines", sheet_name("mon-yy", *spec.months[0])])
    row = title_block(rng, ws, spec, len(cols), merge=chance(rng, 0.5)) if chance(rng, 0.6) else 1
    header_row = row
    lines = [header_line(cols)]
    for inv in invoices:
        total_inv = sum((p.gross for p in inv), ZERO)
        for k, p in enumerate(inv):
            cells = []
            for c in cols:
                if k and c.key in carried:
                    cells.append(None)
                elif c.key == "run":
                    cells.append(runs[p.date])
                elif c.key == "invoice_total":
                    cells.append(total_inv)
                else:
                    cells.append(xl_value(p, c.key, r, rng, xs, allow_serial=False))
            first = inv[0]
            over = {"supplier": supplier_text(first, r), "transaction_id": first.txn} if k else {}
            lines.append(Line("data", cells, p, p.net, over=over))
    block = [ln for ln in lines if ln.kind == "data"]
    total = None
    if chance(rng, 0.7):
        total = total_of(block)
        ni = keys.index("net")
        cells = {ni: total}
        if "vat" in keys:
            cells[keys.index("vat")] = sum((p.vat for p in pays), ZERO)
        if chance(rng, 0.5):
            cells[keys.index("invoice_total")] = sum((p.gross for p in pays), ZERO)
        lines.append(label_row(len(cols), 0, pick(rng, ["Total", "Totals"]), cells))
    xl_put(ws, lines, row, xs, header_fill=pick(rng, [None, "D9D9D9"]))
    for j, c in enumerate(cols):
        ws.column_dimensions[get_column_letter(j + 1)].width = {"supplier": 34, "description": 40}.get(c.key, 14)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    if chance(rng, 0.6):
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(cols))}{header_row + len(block)}"
    cidx = col_index(cols)
    rows = [truth_row(ln, cidx) for ln in block]
    feats = xs.features() + ["carried-down-blank-means-same-as-above", "invoice-total-on-first-line",
                             f"multi-line-invoices:{sum(len(i) > 1 for i in invoices)}", f"redaction:{spec.redaction}",
                             f"sorted-by:{spec.sort}"] + r.text_features()
    feats += ["payment-run-column"] * ("run" in keys) + ["total-row"] * (total is not None)
    truth = make_truth("h-xlsx-carried", spec.body, spec, rows, total, features=feats, basis="net")
    return ".xlsx", xlsx_bytes(wb, run_stamp(rng, spec)), truth


def fam_h_csv_quarter(rng: random.Random, scanned: bool = False) -> tuple[str, bytes, dict]:
    """HOLDOUT. A quarter in one CSV: heading over two rows, a Month column, a total per month, net/VAT/gross."""
    welsh = chance(rng, 0.4)
    body = pick_body(rng, welsh=welsh)
    spec = random_spec(rng, body, n=(60, 600), welsh=welsh)
    q_start = pick(rng, [4, 7, 10, 1])
    y0 = spec.months[0][0]
    spec.months = [(y0, q_start), (y0, q_start + 1), (y0, q_start + 2)]
    spec.sort = "date"
    pays = make_payments(rng, spec)
    keys = ["month", "date", "txn", "supplier", "supplier_id", "description", "expense_type", "net", "vat", "gross"]
    if chance(rng, 0.4):
        keys.remove("supplier_id")
    if chance(rng, 0.3):
        keys.insert(keys.index("expense_type") + 1, "service_area")
    if welsh:
        top = [WELSH_HEADERS[k] for k in keys]
        bottom = [WELSH_ENGLISH[k] for k in keys]
        head_rows = [top, bottom]
        mode = "welsh-over-english"
    else:
        groups = {"month": "", "date": "Payment", "txn": "Payment", "supplier": "Supplier", "supplier_id": "Supplier",
                  "description": "", "expense_type": "", "service_area": "", "net": "Amount (£)", "vat": "Amount (£)",
                  "gross": "Amount (£)"}
        fields = {"month": "Month", "date": "Date", "txn": "Reference", "supplier": "Name", "supplier_id": "Number",
                  "description": pick(rng, ["Purpose", "Description"]), "expense_type": pick(rng, ["Category", "Expense Type"]),
                  "service_area": pick(rng, ["Service", "Department"]), "net": "Net", "vat": "VAT", "gross": "Gross"}
        top, prev = [], None
        for k in keys:
            g = groups[k]
            top.append(g if g != prev else "")  # the group word once, over the first of its columns
            prev = g
        head_rows = [top, [fields[k] for k in keys]]
        mode = "group-row-over-field-row"
    n = len(keys)
    cols = [Col(k, head_rows[-1][i]) for i, k in enumerate(keys)]
    r = random_render(rng, body, dates=["dotted", "dmy4", "dmy4", "dmy2"], negs=["minus", "paren", "trailing"])
    r.money.pound = False
    r.money.pad = False
    r.money.dec = "2"
    lines = [Line("header", list(h)) for h in head_rows]
    sums = {"net": ZERO, "vat": ZERO, "gross": ZERO}
    subtotals = {}
    for y, m in spec.months:
        block = data_lines([p for p in pays if (p.date.year, p.date.month) == (y, m)], cols, r, rng)
        if welsh:
            for ln in block:
                ln.cells[0] = f"{WELSH_MONTHS[m - 1]} / {MONTHS[m - 1]} {y}"
        lines += block
        ms = {k: sum((getattr(ln.pay, k) for ln in block), ZERO) for k in sums}
        for k in sums:
            sums[k] += ms[k]
        label = f"Cyfanswm {WELSH_MONTHS[m - 1]} / Total {MONTHS[m - 1]} {y}" if welsh else f"Total {MONTHS[m - 1]} {y}"
        lines.append(label_row(n, 0, label, {keys.index(k): fmt_money(v, r.money) for k, v in ms.items()}, kind="subtotal"))
        subtotals[f"{y}-{m:02d}"] = q2(ms["net"])
    total = sums["net"]
    label = "Cyfanswm y chwarter / Quarter total" if welsh else pick(rng, ["Quarter total", "Total for quarter", "Grand Total"])
    lines.append(label_row(n, 0, label, {keys.index(k): fmt_money(v, r.money) for k, v in sums.items()}))
    enc, delim, nl = pick_bytes(rng, {"utf-16": 0.3, "cp1252": 0.35, "utf-8-sig": 0.35}, {"semicolon": 0.5, "tab": 0.3, "comma": 0.2})
    feats = r.features() + [f"two-row-heading:{mode}", "quarter-in-one-file", "month-column", "monthly-subtotals",
                            "net-vat-gross", f"redaction:{spec.redaction}"] + ["bilingual-welsh"] * welsh
    return finish_csv("h-csv-quarter", spec, lines, col_index(cols), total, enc=enc, delim=delim, nl=nl, features=feats,
                      basis="net", subtotals=subtotals)


# ---- the registry, the corpus writer and the command line ----------------------------

BUILDERS = {
    "g-csv-lgtc": fam_csv_lgtc,
    "g-csv-ledger": fam_csv_ledger,
    "g-csv-drcr": fam_csv_drcr,
    "g-csv-welsh": fam_csv_welsh,
    "g-csv-grouped": fam_csv_grouped,
    "g-xlsx-yearly": fam_xlsx_yearly,
    "g-xlsx-stacked": fam_xlsx_stacked,
    "g-xlsx-report": fam_xlsx_report,
    "g-xlsx-gpc": fam_xlsx_gpc,
    "g-pdf-grid": fam_pdf_grid,
    "g-pdf-zebra": fam_pdf_zebra,
    "g-pdf-mono": fam_pdf_mono,
    "g-pdf-grouped": fam_pdf_grouped,
    "h-pdf-supplier-blocks": fam_h_pdf_supplier_blocks,
    "h-xlsx-carried": fam_h_xlsx_carried,
    "h-csv-quarter": fam_h_csv_quarter,
}
FAMILIES: list[str] = list(BUILDERS)
"""Every family id (the truth's ``layout``)."""
HOLDOUT_FAMILIES: list[str] = ["h-pdf-supplier-blocks", "h-xlsx-carried", "h-csv-quarter"]
"""Families the developers promise not to study: measure on them, never tune to them."""
SCANNABLE: list[str] = ["g-pdf-grid", "g-pdf-zebra", "g-pdf-mono", "g-pdf-grouped", "h-pdf-supplier-blocks"]
"""PDF families that also come as image-only scans."""


def make_return(rng: random.Random, family: str | None = None, scanned: bool = False) -> tuple[str, bytes, dict]:
    """One random return: (file suffix, file bytes, truth dict).

    ``family`` is one of :data:`FAMILIES` (random when ``None``: among the scannable ones
    when ``scanned``). ``scanned`` makes an image-only PDF; only :data:`SCANNABLE` families can.
    """
    if family is None:
        family = rng.choice(SCANNABLE if scanned else FAMILIES)
    if family not in BUILDERS:
        raise ValueError(f"unknown family {family!r}; expected one of {', '.join(FAMILIES)}")
    if scanned and family not in SCANNABLE:
        raise ValueError(f"family {family!r} is not a PDF family and cannot be scanned")
    suffix, data, truth = BUILDERS[family](rng, scanned=scanned)
    assert truth["layout"] == family and truth["scanned"] == scanned
    return suffix, data, truth


def write_corpus(out_dir: Path, seed: int, count: int, scanned_share: float = 0.0,
                 families: list[str] | None = None) -> list[Path]:
    """Write ``count`` returns as ``gen_<seed>_<i>.<ext>`` with ``gen_<seed>_<i>.truth.json`` beside each.

    Families are taken in turn from ``families`` (default: all), so each gets a fair share;
    a file of a scannable family is scanned with probability ``scanned_share``. File ``i``
    depends only on (seed, i, its family and the share), so a seed always gives the same corpus.
    Returns the source paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fams = list(families or FAMILIES)
    for f in fams:
        if f not in BUILDERS:
            raise ValueError(f"unknown family {f!r}")
    paths = []
    for i in range(count):
        rng = random.Random(f"opcc-spend:{seed}:{i}")
        family = fams[i % len(fams)]
        scanned = family in SCANNABLE and rng.random() < scanned_share
        suffix, data, truth = make_return(rng, family, scanned)
        path = out_dir / f"gen_{seed}_{i}{suffix}"
        path.write_bytes(data)
        truth["seed"] = seed
        truth["index"] = i
        (out_dir / f"gen_{seed}_{i}.truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n",
                                                            encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write random spend returns with exact ground truth.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=len(FAMILIES))
    parser.add_argument("--scanned", type=float, default=0.0, help="share of PDF-family files that are scanned (0-1)")
    parser.add_argument("--family", action="append", choices=FAMILIES, help="only this family (repeatable)")
    parser.add_argument("--no-holdout", action="store_true", help="leave out the holdout families")
    args = parser.parse_args(argv)
    families = args.family or [f for f in FAMILIES if not (args.no_holdout and f in HOLDOUT_FAMILIES)]
    paths = write_corpus(args.out_dir, args.seed, args.count, args.scanned, families)
    print(f"wrote {len(paths)} returns to {args.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
