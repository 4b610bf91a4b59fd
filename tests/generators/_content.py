"""What a generated decision notice says: people, bodies, references, dates, money and prose.

Everything here is invented from general knowledge of how Police and Crime Commissioners'
offices write their decision records; none of it is taken from the project's parsers. The
renderer (``decisions.py``) decides how it is laid out; this module decides what is true.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# ---- police areas -----------------------------------------------------------------------


@dataclass(frozen=True)
class Area:
    name: str
    kind: str  # "pcc", "pfcc" or "staffs" (an area with its own title)
    code: str
    welsh: str | None = None  # the area's name in Welsh, for the four Welsh forces
    town: str = ""
    street: str = ""
    postcode: str = ""


AREAS = [
    Area("Avon and Somerset", "pcc", "ASPCC", None, "Portishead", "Valley Road", "BS20 8JJ"),
    Area("Bedfordshire", "pcc", "BPCC", None, "Kempston", "Woburn Road", "MK43 9AX"),
    Area("Cambridgeshire and Peterborough", "pcc", "CPPCC", None, "Huntingdon", "Hinchingbrooke Park", "PE29 6NP"),
    Area("Cheshire", "pcc", "CPCC", None, "Winsford", "Clemonds Hey", "CW7 2UA"),
    Area("Cleveland", "pcc", "CLPCC", None, "Middlesbrough", "St Marks House", "TS17 6QW"),
    Area("Cumbria", "pfcc", "CPFCC", None, "Penrith", "Carleton Hall", "CA10 2AU"),
    Area("Derbyshire", "pcc", "DPCC", None, "Ripley", "Butterley Hall", "DE5 3RS"),
    Area("Devon and Cornwall", "pcc", "DCPCC", None, "Exeter", "Middlemoor", "EX2 7HQ"),
    Area("Dorset", "pcc", "DOPCC", None, "Winfrith", "Force Headquarters", "DT2 8DZ"),
    Area("Durham", "pcc", "DUPCC", None, "Aykley Heads", "Durham Police HQ", "DH1 5TT"),
    Area("Dyfed-Powys", "pcc", "DPPCC", "Dyfed-Powys", "Llangunnor", "PO Box 99", "SA31 2PF"),
    Area("Essex", "pfcc", "PFCC", None, "Chelmsford", "Kelvedon Park", "CM8 3HB"),
    Area("Gloucestershire", "pcc", "GLPCC", None, "Quedgeley", "Bamfurlong Lane", "GL3 4FY"),
    Area("Gwent", "pcc", "GPCC", "Gwent", "Cwmbran", "Llantarnam Park", "NP44 3FW"),
    Area("Hampshire and the Isle of Wight", "pcc", "HPCC", None, "Winchester", "St George's Chambers", "SO23 8AJ"),
    Area("Hertfordshire", "pcc", "HEPCC", None, "Welwyn Garden City", "Harperbury House", "AL7 1HL"),
    Area("Humberside", "pcc", "HUPCC", None, "Hessle", "The Lawns, Harland Way", "HU16 5SN"),
    Area("Kent", "pcc", "KPCC", None, "Maidstone", "Sutton Road", "ME15 9BZ"),
    Area("Lancashire", "pcc", "LPCC", None, "Preston", "County Hall", "PR1 0LD"),
    Area("Leicester, Leicestershire and Rutland", "pcc", "OPCC", None, "Enderby", "St Johns", "LE19 2BX"),
    Area("Lincolnshire", "pcc", "LIPCC", None, "Nettleham", "Deepdale Lane", "LN2 2LT"),
    Area("Merseyside", "pcc", "MPCC", None, "Liverpool", "Canning Place", "L1 8JX"),
    Area("Norfolk", "pcc", "NPCC", None, "Wymondham", "Jubilee House, Falconers Chase", "NR18 0WW"),
    Area("North Wales", "pcc", "NWPCC", "Gogledd Cymru", "Colwyn Bay", "Ffordd William Morgan", "LL22 7JS"),
    Area("North Yorkshire", "pfcc", "NYPFCC", None, "Harrogate", "Racecourse Lane", "DL7 8ZR"),
    Area("Northamptonshire", "pfcc", "NPFCC", None, "Northampton", "Darby House, Wootton Hall Park", "NN4 0JQ"),
    Area("Northumbria", "pcc", "NOPCC", None, "Newcastle upon Tyne", "2-3 Ellison Square", "NE8 1BN"),
    Area("Nottinghamshire", "pcc", "NTPCC", None, "Arnold", "Sherwood Lodge", "NG5 8PP"),
    Area("South Wales", "pcc", "SWPCC", "De Cymru", "Bridgend", "Tower Block, Cowbridge Road", "CF31 3SU"),
    Area("South Yorkshire", "pcc", "SYPCC", None, "Barnsley", "Carbrook House", "S70 2DR"),
    Area("Staffordshire", "staffs", "SCO", None, "Stafford", "Block 9, Weston Road", "ST18 0YY"),
    Area("Suffolk", "pcc", "SPCC", None, "Martlesham Heath", "Police Headquarters", "IP5 3QS"),
    Area("Surrey", "pcc", "SUPCC", None, "Guildford", "Mount Browne", "GU3 1HG"),
    Area("Sussex", "pcc", "SXPCC", None, "Lewes", "Sackville House", "BN7 2FZ"),
    Area("Thames Valley", "pcc", "TVPCC", None, "Kidlington", "The Farmhouse, Oxford Road", "OX5 2NX"),
    Area("Warwickshire", "pcc", "WPCC", None, "Warwick", "3 Northgate Street", "CV34 4SP"),
    Area("West Mercia", "pcc", "WMPCC", None, "Worcester", "Hindlip Hall", "WR3 8SP"),
    Area("West Midlands", "pcc", "WMOPCC", None, "Birmingham", "Lloyd House, Colmore Circus", "B4 6NQ"),
    Area("Wiltshire and Swindon", "pcc", "WSPCC", None, "Devizes", "London Road", "SN10 2DN"),
]
WELSH_AREAS = [a for a in AREAS if a.welsh]

ROLE_NORMAL = {
    "pcc": "Police and Crime Commissioner",
    "pfcc": "Police, Fire and Crime Commissioner",
    "staffs": "Staffordshire Commissioner",
}
DEPUTY_NORMAL = {
    "pcc": "Deputy Police and Crime Commissioner",
    "pfcc": "Deputy Police, Fire and Crime Commissioner",
}


def printed_roles(area: Area, rank: str) -> list[str]:
    """The ways an office prints the decision maker's role (a signature block's label)."""
    n = area.name
    if rank == "ce":
        return ["Chief Executive", "Chief Executive and Monitoring Officer", "Chief Executive Officer", "Chief Executive (Monitoring Officer)"]
    if area.kind == "staffs":
        return ["Staffordshire Commissioner", "Staffordshire Commissioner for Police, Fire & Rescue and Crime"]
    if area.kind == "pfcc":
        if rank == "deputy":
            return ["Deputy Police, Fire and Crime Commissioner", f"Deputy Police, Fire and Crime Commissioner for {n}", "Deputy PFCC"]
        return ["Police, Fire and Crime Commissioner", f"Police, Fire and Crime Commissioner for {n}", "PFCC", "Police, Fire & Crime Commissioner"]
    if rank == "deputy":
        return ["Deputy Police and Crime Commissioner", f"Deputy Police and Crime Commissioner for {n}", "Deputy PCC"]
    return ["Police and Crime Commissioner", f"Police and Crime Commissioner for {n}", "Police & Crime Commissioner", f"{n} Police and Crime Commissioner", "PCC"]


def body_lines(area: Area) -> list[str]:
    """The ways a letterhead names the commissioner's office."""
    n = area.name
    if area.kind == "staffs":
        return ["Staffordshire Commissioner's Office", "Office of the Staffordshire Commissioner", "Staffordshire Commissioner for Police, Fire & Rescue and Crime"]
    title = "Police, Fire and Crime Commissioner" if area.kind == "pfcc" else "Police and Crime Commissioner"
    return [f"Office of the {title} for {n}", f"{n} {title}", f"{title} for {n}", f"Office of the {n} {title}", f"The {title} for {n}"]


def welsh_body(area: Area) -> str:
    return rng_free_choice(["Swyddfa Comisiynydd Heddlu a Throseddu {w}", "Comisiynydd Heddlu a Throseddu {w}"], area).format(w=area.welsh)


def rng_free_choice(options: list[str], area: Area) -> str:
    return options[len(area.name) % len(options)]


# ---- people -------------------------------------------------------------------------------

FIRST = """Harriet Gareth Alun Siân Rhian Dafydd Ceri Nia Owain Eleri Margaret Peter Anita Rowan Polly
Jonathan Fiona Marcus Priya Simon Deborah Tariq Helen Graham Bethan Nicola Stuart Imran Rachel Colin Joanne
Mark Alison Kevin Sarah David Louise Andrew Claire Hywel Ffion Gwen Rhodri Amira Declan Caroline Neil
Julia Oliver Yasmin Martin Elaine Patrick Lindsay Trevor Hannah Raj Morwenna""".split()
SURNAME = """Doughty Pennington Llewellyn Ashworth Castellano Okafor Whitfield Thackeray Rees Prosser Hebblethwaite
Marchetti Fairbairn Gallagher Iqbal Brennan Cartwright Featherstone Nwosu Holroyd Pryce Greenhalgh Winstanley
Mahmood Kettle Beaumont Ridley Lindqvist Catterall Oyelaran Dunmore Fenwick Abernethy Sutcliffe Gwilliam
Harcourt Elphick Trelawny Bakshi Morrow Penhaligon Quayle Radcliffe Stamford Tiernan Underwood Varley
Wetherall Yardley Ashdown Bellingham Crowther Desai-Moore ap-Rhys Hughes-Jones""".split()

OFFICER_TITLES = [
    "Chief Finance Officer", "Monitoring Officer", "Head of Estates", "Head of Commissioning",
    "Director of Information", "Head of Finance", "Treasurer", "Head of Procurement",
    "Policy and Partnerships Manager", "Head of ICT", "Director of Resources", "Head of Fleet Services",
    "Victims Services Manager", "Head of Legal Services", "Strategic Lead for Community Safety",
    "Assistant Chief Officer (Resources)", "Head of Corporate Development",
]

SUPPLIERS = [
    "Halden Medical Services Ltd", "Tidewater Data Systems Ltd", "Brackenridge Facilities plc",
    "Northgate Fleet Solutions Ltd", "Oakmere Construction Ltd", "Larkspur Interpreting Ltd",
    "Greystone Security Group", "Pennine Forensics Ltd", "Marlow & Pike LLP", "Cobalt Cloud Services Ltd",
    "Hollybrook Catering Ltd", "Silverdale Energy Ltd", "Redwing Training Partnership",
    "Anchorpoint Insurance Brokers", "Kestrel Aviation Services", "Willowbank Community Trust",
    "Foxglove Women's Aid", "Harbourside Youth Project", "Ironbridge Digital Ltd", "Calder Valley Mediation CIC",
]
CHARITIES = [
    "Foxglove Women's Aid", "Harbourside Youth Project", "Willowbank Community Trust", "Calder Valley Mediation CIC",
    "Beacon Victim Support", "Second Chance Boxing Club", "Haven Sexual Assault Support", "Open Door Recovery Trust",
    "Lantern Restorative Justice", "Riverside Street Pastors",
]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(SURNAME)}"


def printed_name(rng: random.Random, full: str) -> str:
    """A name as a notice might print it: in full, with initials, or in capitals."""
    first, last = full.split(" ", 1)
    r = rng.random()
    if r < 0.70:
        return full
    if r < 0.82:
        return f"{first[0]}. {last}"
    if r < 0.92:
        return full.upper()
    return f"{first[0]}.{rng.choice(['', 'J.', 'M.', 'A.'])} {last.upper()}".replace(". ", ". ").strip()


# ---- dates --------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


DATE_STYLES = {
    "long": 20, "long0": 4, "ord": 8, "dayord": 4, "day": 3, "ordshort": 4, "slash": 16, "slashshort": 5,
    "slashnp": 4, "dot": 5, "dash-mon": 5, "iso": 4, "comma": 3, "us": 1, "short": 5,
}


def date_style(rng: random.Random) -> str:
    names = list(DATE_STYLES)
    return rng.choices(names, weights=[DATE_STYLES[n] for n in names])[0]


def fmt_date(d: dt.date, style: str) -> str:
    m = MONTHS[d.month - 1]
    return {
        "long": f"{d.day} {m} {d.year}",
        "long0": f"{d.day:02d} {m} {d.year}",
        "ord": f"{ordinal(d.day)} {m} {d.year}",
        "dayord": f"{DAYS[d.weekday()]}, {ordinal(d.day)} {m} {d.year}",
        "day": f"{DAYS[d.weekday()]} {d.day} {m} {d.year}",
        "ordshort": f"{ordinal(d.day)} {m[:3]} {d.year}",
        "short": f"{d.day} {m[:3]} {d.year}",
        "slash": f"{d.day:02d}/{d.month:02d}/{d.year}",
        "slashshort": f"{d.day}/{d.month}/{d.year % 100:02d}",
        "slashnp": f"{d.day}/{d.month}/{d.year}",
        "dot": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "dash-mon": f"{d.day:02d}-{m[:3]}-{d.year}",
        "iso": d.isoformat(),
        "comma": f"{d.day} {m}, {d.year}",
        "us": f"{m} {ordinal(d.day)}, {d.year}",
    }[style]


def working_day(d: dt.date) -> dt.date:
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


# ---- money --------------------------------------------------------------------------------

TWO = Decimal("0.01")


def norm(value: Decimal) -> str:
    return str(value.quantize(TWO, rounding=ROUND_HALF_UP))


def _trim(x: Decimal) -> str:
    s = f"{x:f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def money(rng: random.Random, lo: float, hi: float, style: str | None = None) -> tuple[str, list[Decimal]]:
    """A sum of money as printed, and the value(s) it stands for (a range gives both ends)."""
    x = rng.uniform(lo, hi)
    if style is None:
        styles = ["comma", "pence", "m", "k", "million", "comma00", "range"]
        weights = [30, 10, 16, 16, 8, 4, 5]
        if x < 1_000_000:
            weights[2], weights[4] = (3, 0) if x >= 100_000 else (0, 0)
        else:
            weights[3] = 0
        if x >= 300_000:
            weights[6] = 0
        if x < 1000:
            weights = [30, 20, 0, 0, 0, 5, 0]
        style = rng.choices(styles, weights=weights)[0]
    if style == "comma":
        v = Decimal(int(round(x, -2 if x > 10_000 else 0)))
        return f"£{v:,.0f}", [v]
    if style == "comma00":
        v = Decimal(int(round(x, -1)))
        return f"£{v:,.2f}", [v]
    if style == "pence":
        v = Decimal(str(round(x, 2))).quantize(TWO)
        if v == v.to_integral_value():
            v += Decimal("0.37")
        return f"£{v:,.2f}", [v]
    if style in ("m", "million"):
        places = rng.choice([1, 1, 2]) if x < 10_000_000 else rng.choice([0, 1])
        mm = Decimal(str(round(x / 1e6, places)))
        v = mm * 1_000_000
        t = _trim(mm)
        if style == "million":
            return f"£{t} million", [v]
        return f"£{t}{rng.choice(['m', 'm', 'm', 'M'])}", [v]
    if style == "k":
        places = rng.choice([0, 0, 1])
        kk = Decimal(str(round(x / 1000, places)))
        if kk == 0:
            kk = Decimal(1)
        return f"£{_trim(kk)}{rng.choice(['k', 'k', 'K'])}", [kk * 1000]
    if style == "range":
        a = max(1, int(round(x / 1000)))
        b = a + rng.choice([5, 10, 15, 20, 25, 50])
        va, vb = Decimal(a * 1000), Decimal(b * 1000)
        form = rng.choice(["£{a}–{b}K", "£{a} – {b}K", "£{a}k–£{b}k", "£{a}-{b}k"])
        return form.format(a=a, b=b), [vb, va]
    raise ValueError(style)


class Purse:
    """Formats money and remembers every figure it printed, so a text's amounts can be found again."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.printed: dict[str, list[Decimal]] = {}

    def __call__(self, lo: float, hi: float, style: str | None = None) -> str:
        text, values = money(self.rng, lo, hi, style)
        self.printed.setdefault(text, values)
        return text

    def amounts_in(self, texts: list[str]) -> list[str]:
        """Every figure printed in ``texts``, normalised, unique, largest first."""
        found: list[Decimal] = []
        for text in texts:
            for printed in sorted(self.printed, key=len, reverse=True):
                if printed in text:
                    found.extend(self.printed[printed])
                    text = text.replace(printed, " ")
            if "£" in text:
                raise AssertionError(f"unregistered money in {text!r}")
        unique = sorted({v.quantize(TWO) for v in found}, reverse=True)
        return [norm(v) for v in unique]


# ---- references ---------------------------------------------------------------------------


def reference(rng: random.Random, area: Area, d: dt.date) -> tuple[str, str | None]:
    """A reference as printed, and (rarely) a prefix word that is part of the label, not the reference."""
    n = rng.randint(1, 199)
    yy, yyyy = d.year % 100, d.year
    code = area.code
    forms = [
        f"{code} {yy:02d}/{n}", f"OPCC/{yyyy}/{n:03d}", f"DN {n}-{yyyy}", f"PCC-D-{yyyy}-{n:03d}",
        f"ODR {yyyy}/{n:02d}", f"{yyyy}-D-{n:03d}", f"{code}/DEC/{yy:02d}/{n:03d}", f"D{n:03d}/{yy:02d}",
        f"{yyyy}.{n:03d}", f"{n:03d}/{yyyy}-{(yy + 1) % 100:02d}", f"PCC/{code[0]}/{yy:02d}/{n}",
        f"{code}-{yyyy}-{n:03d}", f"DR{yy:02d}-{n:03d}", f"{code} DN {n:03d}/{yy:02d}", f"{yyyy}/{n:03d}",
    ]
    return rng.choice(forms), None


REF_LABELS = ["Reference", "Ref", "Decision No.", "Record number", "Decision reference", "Decision number",
              "Ref. no.", "Notice number", "Decision log number", "Reference number", "Our ref"]


# ---- prose --------------------------------------------------------------------------------

FY = lambda d: f"{d.year if d.month > 3 else d.year - 1}/{(d.year + 1 if d.month > 3 else d.year) % 100:02d}"  # noqa: E731

WORDS_NUM = ["two", "three", "four", "five"]


@dataclass
class Topic:
    title: str
    summary: list[str]  # sentences
    action: str  # "the award of ..." (object of approve)
    reject_reason: str
    defer_pending: str
    note_object: str  # for a "noted" record
    extra: list[tuple[str, list[str]]] = field(default_factory=list)  # other sections (not narrative truth)
    table: list[list[str]] | None = None  # a cost table (not narrative truth)


def topic(rng: random.Random, area: Area, d: dt.date, m: Purse) -> Topic:
    """One decision's subject matter."""
    u = m
    kind = rng.choice(["contract", "estates", "grant", "fleet", "ict", "collab", "victims", "disposal",
                       "insurance", "donation", "youth", "equipment", "treasury", "reserves", "policy"])
    fy = FY(d)
    sup = rng.choice(SUPPLIERS)
    charity = rng.choice(CHARITIES)
    yrs = rng.choice(WORDS_NUM)
    town = area.town
    if kind == "contract":
        service = rng.choice(["custody healthcare", "interpreting and translation", "forensic toxicology",
                              "cleaning and hygiene", "vehicle recovery", "occupational health", "catering",
                              "uniform supply"])
        total = m(300_000, 9_000_000)
        title = rng.choice([f"Award of contract for {service} services", f"{service.capitalize()} contract {fy}",
                            f"Procurement of {service} services for {area.name} Police"])
        summary = [
            f"The current contract for {service} expires at the end of {fy}.",
            f"A procurement exercise was run through an open tender advertised on Find a Tender, and {rng.randint(3, 9)} compliant bids were received.",
            f"Bids were evaluated on a {rng.choice(['60% quality and 40% price', '50% quality and 50% price', '70% quality and 30% price'])} basis.",
            f"{sup} submitted the most economically advantageous tender, with a whole-life cost of {total}.",
            f"The existing budget for the service is {m(200_000, 3_000_000)} a year.",
        ]
        action = f"the award of a {yrs}-year contract for {service} to {sup} at a total cost of {total}"
        rr = "The tender evaluation did not demonstrate value for money and the requirement should be re-specified."
        dp = "the outcome of the national framework review"
    elif kind == "estates":
        site = rng.choice([f"{town} police station", f"the {town} custody suite", "the eastern operational hub",
                           f"the former magistrates' court in {town}", "the firearms training facility"])
        cost = m(400_000, 12_000_000)
        title = rng.choice([f"Refurbishment of {site}", f"Capital works at {site}", f"Estates programme: {site}"])
        summary = [
            f"The building condition survey identified that {site} requires significant investment to remain fit for purpose.",
            f"The preferred option is a full refurbishment at an estimated cost of {cost}, including a contingency of {m(20_000, 300_000)}.",
            "The works would be phased so that the station remains operational throughout.",
            "The scheme is included in the approved capital programme and will be funded from capital receipts and borrowing.",
            "The alternative of a new-build replacement was costed but would take longer and cost more.",
        ]
        action = f"capital expenditure of {cost} for the refurbishment of {site}"
        rr = "The business case has not shown why a smaller scheme would not meet the operational need."
        dp = "a revised estate strategy being presented to the Commissioner"
    elif kind == "grant":
        amt = m(5_000, 250_000)
        title = rng.choice([f"Community Safety Fund grant to {charity}", f"Grant award: {charity}",
                            f"Funding for {charity} {fy}"])
        summary = [
            f"{charity} has applied to the Commissioner's Community Safety Fund for {amt} towards its work in {town}.",
            f"The organisation supported {rng.randint(120, 2400)} people in the last twelve months.",
            "The application was assessed by the commissioning team against the published criteria and scored well on need, outcomes and value for money.",
            f"Last year's award was {m(3_000, 200_000)}.",
            "Monitoring returns will be required every six months.",
        ]
        action = f"a grant of {amt} to {charity} for {fy}"
        rr = "The application did not meet the criteria of the fund, as the activity is already funded by the local authority."
        dp = "confirmation of match funding from the local authority"
    elif kind == "fleet":
        n = rng.randint(12, 140)
        cost = m(500_000, 8_000_000)
        title = rng.choice(["Fleet replacement programme", f"Purchase of {n} replacement police vehicles",
                            f"Vehicle replacement {fy}"])
        summary = [
            f"The fleet replacement programme for {fy} provides for the purchase of {n} vehicles that have reached the end of their economic life.",
            f"The vehicles will be bought through a national framework at a cost of {cost}.",
            f"Disposal of the old vehicles is expected to raise about {m(40_000, 400_000)}.",
            f"{rng.randint(4, 30)} of the new vehicles will be fully electric, supporting the force's carbon reduction plan.",
        ]
        action = f"the purchase of {n} vehicles at a cost of {cost}"
        rr = "The programme should be reviewed in the light of the revised fleet strategy before any further purchases are made."
        dp = "the outcome of the electric vehicle charging infrastructure survey"
    elif kind == "ict":
        system = rng.choice(["records management system", "command and control system", "digital evidence management system",
                             "telephony platform", "online crime reporting portal", "HR and payroll system"])
        cost = m(250_000, 9_000_000)
        title = rng.choice([f"Replacement {system}", f"ICT programme: {system}", f"Business case for a new {system}"])
        summary = [
            f"The force's current {system} is out of support from the end of {d.year + 1} and presents a growing operational risk.",
            f"The full business case sets out a capital cost of {cost} over {yrs} years.",
            f"Ongoing revenue costs of {m(30_000, 900_000)} a year will be met from the ICT budget once the system is live.",
            "The programme will be delivered jointly with the regional ICT collaboration.",
        ]
        action = f"the full business case and a capital budget of {cost} for the replacement {system}"
        rr = "The business case does not yet show that the benefits outweigh the risks of changing systems during the current operational period."
        dp = "an independent assurance review of the business case"
    elif kind == "collab":
        partner = rng.choice([a.name for a in AREAS if a.name != area.name])
        unit = rng.choice(["regional organised crime unit", "major crime investigation team", "roads policing unit",
                           "counter-terrorism policing network", "firearms training unit"])
        contrib = m(300_000, 6_000_000)
        title = rng.choice([f"Collaboration agreement: {unit}", f"Section 22A agreement for the {unit}",
                            f"Renewal of the {unit} collaboration with {partner}"])
        summary = [
            f"{area.name} and {partner} have operated the {unit} under a collaboration agreement since {rng.randint(2010, 2019)}.",
            "The existing agreement under section 22A of the Police Act 1996 requires renewal.",
            f"Costs are shared {rng.choice(['60:40', '55:45', '50:50', '70:30'])} on the basis of net revenue expenditure.",
            f"The {area.name} contribution for {fy} is {contrib}.",
        ]
        action = f"the renewal of the section 22A agreement for the {unit}, with a contribution of {contrib} for {fy}"
        rr = "The proposed cost apportionment does not reflect the demand placed on the unit by each force."
        dp = "agreement of the cost apportionment by both Chief Constables"
    elif kind == "victims":
        service = rng.choice(["independent domestic violence advisers", "the victims' hub", "restorative justice services",
                              "support for victims of sexual violence", "the child exploitation service"])
        amt = m(100_000, 2_500_000)
        title = rng.choice([f"Commissioning of {service}", f"Victim services: {service}", f"Extension of funding for {service}"])
        summary = [
            f"The Commissioner commissions {service} using the Ministry of Justice victims' grant.",
            f"The proposal is to fund the service for a further {yrs} years at a cost of {amt}.",
            "Victims will continue to be able to self-refer as well as being referred by the police.",
            f"Demand for the service has risen by {rng.randint(8, 45)}% over the last three years.",
        ]
        action = f"funding of {amt} for {service}"
        rr = "The Ministry of Justice grant settlement for next year has not been confirmed and the commitment cannot be afforded without it."
        dp = "confirmation of the Ministry of Justice grant settlement"
    elif kind == "disposal":
        site = rng.choice([f"the former police house at {rng.randint(2, 90)} Church Lane, {town}", f"the old {town} police station",
                           f"land at {rng.choice(['Mill Road', 'Station Approach', 'Hillside Avenue'])}, {town}"])
        val = m(150_000, 3_500_000)
        title = rng.choice([f"Disposal of {site}", f"Sale of surplus property: {site}"])
        summary = [
            f"{site[0].upper() + site[1:]} has been vacant since the neighbourhood team moved to shared premises.",
            "The property has been declared surplus to operational requirements by the Chief Constable.",
            f"An independent valuation puts its market value at {val}.",
            "The receipt will be reinvested in the capital programme.",
        ]
        action = f"the disposal of {site} on the open market for not less than {val}"
        rr = "The property may be needed for the neighbourhood policing review and should be retained for now."
        dp = "the outcome of the neighbourhood policing estate review"
    elif kind == "insurance":
        prem = m(400_000, 2_500_000)
        title = rng.choice(["Insurance renewal", f"Renewal of the insurance programme {fy}", "Insurance programme renewal"])
        summary = [
            f"The Commissioner's insurance programme, covering property, motor, employer's liability and public liability, renews on 1 April {d.year + (1 if d.month > 3 else 0)}.",
            f"The broker has tested the market and the best combined premium is {prem}, compared with {m(350_000, 2_400_000)} last year.",
            "The increase reflects claims inflation across the sector.",
        ]
        action = f"the renewal of the insurance programme at a combined premium of {prem}"
        rr = "The premium is not affordable within the approved budget and the broker should seek alternative quotations."
        dp = "the broker's report on alternative deductible levels"
    elif kind == "donation":
        val = m(1_000, 40_000)
        title = rng.choice([f"Acceptance of a donation from {charity}", f"Sponsorship offer from {sup}",
                            "Gift of equipment to the force"])
        summary = [
            f"An offer has been received to fund equipment for the force with a value of {val}.",
            "The offer has been assessed under the Commissioner's policy on gifts, sponsorship and donations, including checks for any conflict of interest.",
            "The donor will receive no commercial advantage and will be acknowledged only in the annual report.",
        ]
        action = f"the acceptance of the donation of {val}"
        rr = "The donor has a commercial relationship with the force and accepting the gift could be seen as a conflict of interest."
        dp = "the completion of due diligence checks on the donor"
    elif kind == "youth":
        amt = m(20_000, 600_000)
        title = rng.choice(["Youth diversion programme", f"Early intervention fund {fy}", f"Serious violence prevention funding for {town}"])
        summary = [
            f"The youth diversion programme works with young people aged 10 to 17 at risk of entering the criminal justice system in {town}.",
            f"An evaluation found that {rng.randint(55, 90)}% of participants did not reoffend within twelve months.",
            f"Continuing the programme for a further year would cost {amt}.",
            f"Partners have offered to contribute {m(5_000, 100_000)}.",
        ]
        action = f"funding of {amt} to continue the youth diversion programme"
        rr = "The Serious Violence Duty funding allocation should be used for this purpose instead."
        dp = "the publication of the local serious violence strategy"
    elif kind == "equipment":
        kit = rng.choice(["body-worn video cameras", "conducted energy devices", "drones for the air support unit",
                          "mobile data devices", "automatic number plate recognition cameras"])
        cost = m(60_000, 3_000_000)
        title = rng.choice([f"Purchase of {kit}", f"Replacement of {kit}", f"Equipment: {kit}"])
        summary = [
            f"The force has asked to replace its {kit}, which have reached the end of their supported life.",
            f"The replacement will be bought through a national framework at a cost of {cost}.",
            "A privacy impact assessment has been completed and will be reviewed annually.",
        ]
        action = f"the purchase of {kit} at a cost of {cost}"
        rr = "The privacy impact assessment has not yet been reviewed by the Commissioner's ethics panel."
        dp = "the ethics panel's review of the privacy impact assessment"
    elif kind == "treasury":
        lim = m(50_000_000, 200_000_000, rng.choice(["comma", "million"]))
        title = rng.choice([f"Treasury management strategy {fy}", f"Capital and treasury management strategy {fy}"])
        summary = [
            "The CIPFA Treasury Management Code requires the Commissioner to approve a treasury management strategy before the start of each financial year.",
            f"The strategy sets an authorised limit for external debt of {lim}.",
            f"The operational boundary is {m(40_000_000, 150_000_000, 'million')}.",
        ]
        action = f"the treasury management strategy for {fy}, including an authorised borrowing limit of {lim}"
        rr = "The prudential indicators must be revised to reflect the updated capital programme."
        dp = "the revised capital programme"
    elif kind == "reserves":
        amt = m(500_000, 6_000_000)
        title = rng.choice(["Use of reserves", f"Transfer from the general reserve {fy}", "Reserves strategy"])
        summary = [
            f"The force has forecast an overspend on overtime and agency staff for {fy}.",
            f"It is proposed to transfer {amt} from the general reserve to the revenue budget.",
            f"After the transfer the general reserve will stand at {m(3_000_000, 20_000_000)}, within the range set by the reserves strategy.",
        ]
        action = f"a transfer of {amt} from the general reserve"
        rr = "The Chief Constable should first identify savings within the revenue budget."
        dp = "the quarter three budget monitoring report"
    else:  # policy
        pol = rng.choice(["complaints review procedure", "anti-fraud and corruption policy", "scheme of consent",
                          "police and crime plan delivery report", "annual governance statement", "ethics panel terms of reference"])
        title = rng.choice([f"Approval of the {pol}", f"{pol[0].upper() + pol[1:]}", f"Review of the {pol}"])
        summary = [
            f"The {pol} has been reviewed as part of the annual governance cycle.",
            "The revised version reflects changes in legislation and statutory guidance.",
            "The Joint Audit Committee considered the draft at its last meeting and its comments have been taken into account.",
        ]
        action = f"the revised {pol}"
        rr = "Further consultation with the Joint Audit Committee is required."
        dp = "the Joint Audit Committee's next meeting"
    if rng.random() < 0.3:
        rest = summary[1:]
        rng.shuffle(rest)
        summary[1:] = rest
    extra = extra_sections(rng, area, d, u)
    table = cost_table(rng, d) if rng.random() < 0.45 else None
    return Topic(title, summary, action, rr, dp, f"the report on the {title[0].lower() + title[1:]}", extra, table)


def extra_sections(rng: random.Random, area: Area, d: dt.date, u: Purse) -> list[tuple[str, list[str]]]:
    """Sections besides the narrative ones; their money is not in ``amounts``."""
    pool = [
        ("Background", [
            f"The Police and Crime Plan for {area.name} commits the Commissioner to a visible, responsive police service.",
            "The proposal has been developed with the force and reviewed by the Commissioner's office.",
            "A review of comparable arrangements in neighbouring areas found that most have adopted a similar approach.",
        ]),
        ("Financial implications", [
            f"The cost will be met from the approved budget of {u(100_000, 5_000_000)}.",
            f"There is a contingency of {u(10_000, 90_000)} within the scheme.",
            "The service is exempt from VAT." if rng.random() < 0.4 else "The Chief Finance Officer has confirmed that the proposal is affordable.",
        ]),
        ("Legal implications", [
            "The Commissioner has the power to enter into contracts under Schedule 1 to the Police Reform and Social Responsibility Act 2011.",
            "The procurement complies with the Public Contracts Regulations 2015.",
        ]),
        ("Equality implications", [
            "An equality impact assessment has been completed and no adverse impact on any protected group was identified.",
        ]),
        ("Risk", [
            "The main risk is delay in delivery, which will be managed through the programme board.",
            "Risks are recorded on the force risk register and reviewed monthly.",
        ]),
        ("Consultation", [
            "The Chief Constable has been consulted and supports the proposal.",
            "Local partners were consulted through the community safety partnership.",
        ]),
        ("Options considered", [
            "Option 1 – do nothing. This would not address the operational risk.",
            "Option 2 – defer for twelve months. Costs are likely to rise and the risk would persist.",
            "Option 3 – the recommended option, which best meets the requirement and offers value for money.",
        ]),
    ]
    rng.shuffle(pool)
    long = rng.random() < 0.3
    chosen = pool[: rng.randint(3, 7) if long else rng.randint(0, 4)]
    out = []
    for h, paras in chosen:
        paras = rng.sample(paras, rng.randint(1, len(paras)))
        if long:
            paras = paras + [" ".join(rng.sample(FILLER, rng.randint(2, 4))) for _ in range(rng.randint(1, 3))]
        out.append((h, paras))
    return out


FILLER = [
    "The proposal has been discussed with the force's senior leadership team, who support it.",
    "Performance against the measures in the Police and Crime Plan will be reported quarterly.",
    "The approach is consistent with the national guidance issued by the College of Policing.",
    "Officers from the Commissioner's office will attend the programme board as observers.",
    "The timetable allows for a period of mobilisation before the new arrangements start.",
    "Lessons learned from the previous arrangement have been reflected in the specification.",
    "The Chief Constable has confirmed that the proposal is consistent with the force's operating model.",
    "A communications plan has been prepared so that the public and partners are aware of the change.",
    "The Joint Audit Committee will receive an update as part of its annual work programme.",
    "Any underspend at the end of the year will be returned to the Commissioner's reserves.",
    "Staff affected by the change have been consulted through the recognised trade unions.",
    "The arrangement will be reviewed after twelve months and a report brought back to the Commissioner.",
    "Demand for the service has risen steadily over the last three years.",
    "The data protection officer has been consulted and a data sharing agreement will be put in place.",
    "The environmental impact of the proposal has been assessed and is expected to be positive.",
    "Local councillors and the Police and Crime Panel have been briefed on the proposal.",
]


def cost_table(rng: random.Random, d: dt.date) -> list[list[str]]:
    years = rng.randint(2, 4)
    start = d.year if d.month > 3 else d.year - 1
    head = ["Cost (£000)"] + [f"{start + i}/{(start + i + 1) % 100:02d}" for i in range(years)] + ["Total"]
    rows = [head]
    for label in rng.sample(["Capital", "Revenue", "Staffing", "Licences", "Contingency", "Maintenance"], rng.randint(2, 4)):
        vals = [rng.randint(10, 900) for _ in range(years)]
        rows.append([label] + [f"{v:,}" for v in vals] + [f"{sum(vals):,}"])
    return rows


# ---- decision wording ---------------------------------------------------------------------


def recommendation_text(rng: random.Random, t: Topic, outcome: str | None, role_words: str) -> list[str]:
    if outcome is None and rng.random() < 0.7:
        first = rng.choice([f"The Commissioner is asked to note {t.note_object}.", f"That the {role_words} notes {t.note_object}.",
                            f"It is recommended that the {role_words} notes the contents of this report."])
    else:
        first = rng.choice([f"That the {role_words} approves {t.action}.", f"The Commissioner is asked to approve {t.action}.",
                            f"It is recommended that the {role_words} approves {t.action}.",
                            f"The {role_words} is recommended to approve {t.action}."])
    more = [
        "Delegated authority is sought for the Chief Finance Officer to agree the final terms.",
        "Progress will be reported to the Commissioner's performance board.",
    ]
    return [first] + rng.sample(more, rng.randint(0, 2))


def decision_text(rng: random.Random, t: Topic, outcome: str | None) -> list[str]:
    a = t.action
    if outcome == "approved":
        opts = [f"I hereby approve {a}.", "I approve the recommendation.", "I approve the recommendations set out in this report.",
                "I approve the recommendation(s).", f"Approved. I approve {a}.", f"Agreed. I agree {a}.",
                f"The Commissioner approved {a}.", f"I have decided to approve {a}.", f"I approve {a}."]
    elif outcome == "rejected":
        opts = [f"The Commissioner declined the request for {a}. {t.reject_reason}",
                f"Not approved because {t.reject_reason[0].lower() + t.reject_reason[1:]}",
                f"I do not approve {a}. {t.reject_reason}", f"I have decided not to approve {a}. {t.reject_reason}",
                f"Rejected. {t.reject_reason}"]
    elif outcome == "deferred":
        opts = [f"Decision deferred pending {t.defer_pending}.", f"I have deferred a decision on {a} pending {t.defer_pending}.",
                f"Deferred until {t.defer_pending} has been received.", f"The decision is deferred pending {t.defer_pending}."]
    else:
        opts = ["I note the report.", "I note the contents of this report.", "The Commissioner noted the report. No decision is required.",
                f"I have noted {t.note_object}."]
    paras = [rng.choice(opts)]
    if rng.random() < 0.3 and outcome == "approved":
        paras.append(rng.choice(["I am satisfied that the proposal represents value for money.",
                                 "The Chief Finance Officer will monitor expenditure against the approved budget.",
                                 "I ask that a progress report is brought to my office in six months."]))
    return paras
