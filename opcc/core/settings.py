"""The publishing body's settings, read from ``opcc.yml``."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from opcc.core.text import comparable, slugify


class Body(BaseModel):
    name: str
    short_name: str | None = None
    area: str | None = None
    aliases: list[str] = []

    @property
    def slug(self) -> str:
        return slugify(self.name)


class Site(BaseModel):
    title: str
    url: str
    repository: str | None = None
    licence: str = "Open Government Licence v3.0"


class Contact(BaseModel):
    address: str | None = None
    email: str | None = None
    phone: str | None = None


class Settings(BaseModel):
    model_config = ConfigDict(ignored_types=(cached_property,))

    root: Path
    body: Body
    site: Site
    contact: Contact = Contact()
    private_store: Path = Path("private")
    topics: dict[str, list[str]] = {}

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

    def is_own_body(self, name: str | None) -> bool:
        """Whether a body named in a document is the publishing body."""
        names = {comparable(n) for n in [self.body.name, *self.body.aliases]}
        return comparable(name) in names


def load_settings(path: str | Path | None = None) -> Settings:
    path = Path(path or os.environ.get("OPCC_SETTINGS") or "opcc.yml").resolve()
    if not path.exists():
        raise FileNotFoundError(f"{path}: no settings file (copy opcc.yml from the opcc repository)")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Settings(root=path.parent, **raw)
