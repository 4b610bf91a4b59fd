"""JSON Schemas derived from the record model, for anyone validating the data."""

from __future__ import annotations

import json
from pathlib import Path

from opcc.files import atomic_write_text
from opcc.model import KINDS, SpendRow


def schemas() -> dict[str, dict]:
    found = {kind: model.model_json_schema(mode="serialization") for kind, model in KINDS.items()}
    found["spend_row"] = SpendRow.model_json_schema(mode="serialization")
    return found


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, schema in schemas().items():
        path = folder / f"{name}.schema.json"
        atomic_write_text(path, json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
        written.append(path)
    return written
