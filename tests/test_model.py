"""One record model: money is exact, and everything else is derived from it."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from opcc.core.kinds.decision import Decision
from opcc.core.kinds.expenditure import SPEND_COLUMNS, Expenditure, SpendRow
from opcc.core.registry import kinds
from opcc.schema import schemas


def test_money_is_written_as_a_two_place_decimal_string():
    row = SpendRow(date="2018-04-18", supplier="Dandelion Time", amount="16258.5")
    assert row.model_dump(mode="json")["amount"] == "16258.50"
    assert row.amount == Decimal("16258.50")


def test_money_refuses_floats():
    with pytest.raises(ValidationError, match="never a float"):
        SpendRow(date="2018-04-18", supplier="SignHealth", amount=15944.5)


def test_a_confidential_or_not_for_publication_decision_is_withheld():
    assert Decision(classification="confidential").withheld
    assert Decision(for_publication=False).withheld
    assert not Decision().withheld


def test_unknown_fields_are_refused_so_typos_in_overrides_are_caught():
    with pytest.raises(ValidationError):
        Decision.model_validate({"kind": "decision", "refrence": "OPCC.D.033.23"})


def test_json_schema_and_csv_columns_come_from_the_model():
    exported = schemas()
    assert set(exported) == {*kinds(), "spend_row"}
    assert list(exported["spend_row"]["properties"]) == SPEND_COLUMNS
    assert exported["decision"]["properties"]["kind"]["const"] == "decision"
    json.dumps(exported)  # serialisable as written to data/schema/


def test_extract_json_has_the_truth_file_shape():
    record = Expenditure(body="Kent Police and Crime Commissioner", period="2018-04", total="979907.31")
    data = record.model_dump(mode="json")
    assert data["kind"] == "expenditure" and data["total"] == "979907.31" and data["rows"] == []


def test_the_exported_schemas_in_data_are_up_to_date_with_the_model():
    folder = Path(__file__).parents[1] / "data" / "schema"
    for name, schema in schemas().items():
        written = json.loads((folder / f"{name}.schema.json").read_text(encoding="utf-8"))
        assert written == schema, f"data/schema/{name}.schema.json is stale: run `opcc schema`"
