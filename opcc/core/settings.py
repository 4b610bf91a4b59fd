"""The publishing body's settings, read from ``opcc.yml``."""

from __future__ import annotations

import datetime as dt
import os
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from opcc.core.text import comparable, slugify
from opcc.core.yaml_io import read_yaml


class Body(BaseModel):
    name: str
    short_name: str | None = None
    area: str | None = None
    aliases: list[str] = []
    wales: bool = False  # a Welsh body: the Welsh Language Standards apply
    fire_and_rescue: bool = False  # a police, fire and crime commissioner
    org_id: str | None = Field(default=None, description="The body's org-id.guide identifier (e.g. GB-GOR-...), "
                                                         "the funder's identifier in the 360Giving grants file.")

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def label(self) -> str:
        """How the site names the body in a list of records of several bodies."""
        return self.short_name or self.name

    def names(self, name: str | None) -> bool:
        """Whether ``name`` (as a document prints it) is this body's name or one of its aliases."""
        return comparable(name) in {comparable(n) for n in [self.name, *self.aliases]}


class Site(BaseModel):
    title: str
    url: str
    repository: str | None = None
    licence: str = "Open Government Licence v3.0"


class Contact(BaseModel):
    address: str | None = None
    email: str | None = None
    phone: str | None = None


class Checks(BaseModel):
    """How ``opcc check`` judges the duties of the Order (opcc/checks/duties.yml)."""

    as_of: dt.date | None = Field(default=None, description="Check as on this day instead of today "
                                                            "(a demo, or a site being rebuilt as it was).")
    since: dt.date | None = Field(default=None, description="The first day the office publishes here: periods "
                                                            "starting earlier are not checked.")
    service_level_months: int = Field(default=1, ge=0, description="'As soon as practicable' after a month or "
                                                                   "quarter ends, for spend, grants and expenses.")
    decision_days: int = Field(default=28, ge=0, description="'As soon as practicable' after a decision is taken "
                                                             "(and after a meeting, for its minutes).")
    fail_build: bool = Field(default=False, description="Whether a verified duty missing or late fails opcc build "
                                                        "(opcc check always exits 1 for one).")


class Panel(BaseModel):
    """The heading block of a drafted paper to the Police and Crime Panel (``opcc paper``)."""

    name: str | None = Field(default=None, description="The panel the paper goes to; by default "
                                                       "'<area> Police and Crime Panel'.")
    author: str | None = Field(default=None, description="Who the paper is from; by default the body's name.")


class Settings(BaseModel):
    model_config = ConfigDict(ignored_types=(cached_property,))

    root: Path
    body: Body
    publishes: list[Body] = Field(default=[], description=(
        "The other bodies whose records this site publishes beside its own: the chief constable (whose "
        "spend and contracts the Order has the commissioner publish) and any partners in a collaboration. "
        "A record of a body named neither here nor as body is stored but not published, and ingest and "
        "review say so."))
    site: Site
    contact: Contact = Contact()
    private_store: Path = Path("private")
    topics: dict[str, list[str]] = {}
    checks: Checks = Checks()
    panel: Panel = Panel()

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def private_dir(self) -> Path:
        path = self.private_store
        return path if path.is_absolute() else self.root / path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def bodies(self) -> list[Body]:
        """Every body whose records the site publishes, the publishing body first."""
        return [self.body, *self.publishes]

    def is_own_body(self, name: str | None) -> bool:
        """Whether a body named in a document is the publishing body."""
        return self.body.names(name)

    def published_body(self, name: str | None) -> Body | None:
        """The body the site publishes that a document names (a record naming none is the
        publishing body's), or None if the site does not publish that body's records."""
        if name is None:
            return self.body
        return next((body for body in self.bodies if body.names(name)), None)


def load_settings(path: str | Path | None = None) -> Settings:
    path = Path(path or os.environ.get("OPCC_SETTINGS") or "opcc.yml").resolve()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no settings file (copy opcc.yml from the opcc repository)")
    raw = read_yaml(path) or {}
    return Settings(root=path.parent, **raw)
