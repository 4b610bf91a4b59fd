"""Records a person writes: a YAML file that is a record (a register, a meeting, a document that is
published elsewhere), and the side-car YAML beside a source file.

A record file names its kind (``kind: gifts``) and is validated by that kind's model, so a
typo in a field name is refused with the file and the reason. A side-car is a YAML file with
the same stem as a PDF, CSV or workbook beside it (``budget-2018-19.pdf`` and
``budget-2018-19.yaml``): for a document it is the record (the PDF is its copy); for any other
source it adds what the file itself does not say, such as the day it was first published
elsewhere (``published``) or, for a spend return, which body spent it (``spending_body``).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from opcc.core.model import Provenanced, SourceFile
from opcc.core.registry import kind as kind_named
from opcc.core.registry import kinds
from opcc.core.yaml_io import read_yaml

from .errors import RefusedInput
from .sources import sha256_file

RECORD_SUFFIXES = {".yaml", ".yml"}
YAML_MEDIA_TYPE = "application/yaml"
ROW_DEFAULTS = ("spending_body", "value_for_money_reason")
"""Side-car keys of a spend return that fill the cells its rows leave empty: which body spent it,
and a value-for-money statement for the whole return (as many offices publish one)."""


def side_car(path: Path) -> Path | None:
    """The side-car YAML of a source file, if there is one."""
    for suffix in sorted(RECORD_SUFFIXES):
        candidate = path.with_suffix(suffix)
        if candidate != path and candidate.is_file():
            return candidate
    return None


def is_side_car(path: Path, siblings: set[Path]) -> bool:
    """Whether a YAML file is the side-car of a source file beside it (not a record of its own)."""
    return path.suffix.lower() in RECORD_SUFFIXES and any(
        other != path and other.stem == path.stem and other.suffix.lower() not in RECORD_SUFFIXES
        for other in siblings)


def load_mapping(path: Path) -> dict:
    """A YAML file's mapping, or :class:`RefusedInput` saying why it is not one."""
    try:
        data = read_yaml(path)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RefusedInput(f"not readable as YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict):
        raise RefusedInput("a record file must be a YAML mapping of fields, starting with 'kind:'")
    return data


def validated(data: dict) -> Provenanced:
    """A record of the kind ``data`` names, or :class:`RefusedInput` naming the field at fault."""
    name = data.get("kind")
    if name not in kinds():
        raise RefusedInput(f"'kind' must be one of {', '.join(kinds())}, not {name!r}")
    try:
        return kind_named(name).model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(step) for step in first["loc"]) or "(the record)"
        raise RefusedInput(f"{where}: {first['msg']} ({exc.error_count()} problem(s) in all)") from exc


def read_record_file(path: Path, kind: str | None = None) -> Provenanced:
    """A YAML record file as a validated record whose source is the file itself."""
    data = load_mapping(path)
    if kind and data.get("kind", kind) != kind:
        raise RefusedInput(f"the file is a {data.get('kind')} record, not a {kind} one")
    data.setdefault("kind", kind)
    name = data.get("kind")
    if name in kinds() and "yaml" not in kind_named(name).sources:
        raise RefusedInput(f"a {name} record is read from its source document, not written as YAML")
    record = validated(data)
    record.sources = [SourceFile(sha256=sha256_file(path), filename=path.name, media_type=YAML_MEDIA_TYPE)]
    return record


def split_side_car(side: dict) -> tuple[dict, dict]:
    """``(record fields, row defaults)`` of a side-car: what a spend return's rows take is kept apart."""
    return ({k: v for k, v in side.items() if k not in ROW_DEFAULTS and k != "kind"},
            {k: v for k, v in side.items() if k in ROW_DEFAULTS})


def with_side_car(record: Provenanced, side: dict) -> Provenanced:
    """A record read from a source file, with what its side-car adds laid over it (validated)."""
    fields, defaults = split_side_car(side)
    rows = getattr(record, "rows", None)
    if defaults and rows is not None:
        for row in rows:
            for name, value in defaults.items():
                if getattr(row, name) is None:
                    setattr(row, name, value)
        side = fields
    unknown = set(side) - set(type(record).model_fields) - {"kind"}
    if unknown:
        raise RefusedInput(f"the side-car names fields a {record.kind} record does not have: {', '.join(sorted(unknown))}")
    return validated({**record.model_dump(), **side, "kind": record.kind})
