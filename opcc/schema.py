"""JSON Schemas derived from the record model, for anyone validating the data."""

from __future__ import annotations

import json
from pathlib import Path

from opcc.core.files import atomic_write_text
from opcc.core.kinds.expenditure import SpendRow
from opcc.core.registry import kinds


def schemas() -> dict[str, dict]:
    found = {name: kind.model.model_json_schema(mode="serialization") for name, kind in kinds().items()}
    found["spend_row"] = SpendRow.model_json_schema(mode="serialization")
    return found


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        atomic_write_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
