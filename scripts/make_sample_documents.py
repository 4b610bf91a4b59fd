#!/usr/bin/env python3
"""Write the PDF copy of each sample document in samples/documents/ from its side-car YAML.

    .venv/bin/python scripts/make_sample_documents.py

A side-car whose document is published elsewhere (it has a ``url``) gets no PDF. Each PDF
is a short tagged-text document: the body's name, the title, the period and the summary,
so that its text layer can be read (and checked for protective markings) like a real one.
Deterministic: reportlab's ``invariant`` mode writes the same bytes for the same side-car.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

REPO = Path(__file__).resolve().parent.parent
FOLDER = REPO / "samples" / "documents"
BODY = "Kent Police and Crime Commissioner"
CONTACT = "Kent Police and Crime Commissioner, Sutton Road, Maidstone, Kent ME15 9BZ. contactus@kent-pcc.gov.uk"


def write_pdf(side_car: Path) -> Path | None:
    data = yaml.safe_load(side_car.read_text(encoding="utf-8"))
    if data.get("url"):
        return None
    pdf = side_car.with_suffix(".pdf")
    styles = getSampleStyleSheet()
    story = [Paragraph(BODY, styles["Normal"]), Spacer(1, 12), Paragraph(data["title"], styles["Title"])]
    if data.get("period"):
        story.append(Paragraph(f"Period covered: {data['period']}", styles["Normal"]))
    story += [Spacer(1, 12), Paragraph(data["summary"], styles["BodyText"]), Spacer(1, 24),
              Paragraph(CONTACT, styles["Normal"])]
    SimpleDocTemplate(str(pdf), pagesize=A4, title=data["title"], author=BODY, invariant=1).build(story)
    return pdf


def main() -> None:
    for side_car in sorted(FOLDER.glob("*.yaml")):
        written = write_pdf(side_car)
        if written:
            print(written.relative_to(REPO))


if __name__ == "__main__":
    main()
