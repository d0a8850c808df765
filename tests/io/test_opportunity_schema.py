"""The JSON Schema (`ple schema`) describes opportunities: the bundled file passes it, and
a file the loader refuses for its shape fails it too."""

from __future__ import annotations

import jsonschema  # installed with altair
import yaml

from ple.io.schema import workspace_file_schema
from tests.conftest import DATA


def test_the_bundled_opportunities_pass_the_schema():
    document = yaml.safe_load((DATA / "opportunities.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(document, workspace_file_schema())


def test_an_unknown_status_or_field_fails_the_schema():
    document = yaml.safe_load((DATA / "opportunities.yaml").read_text(encoding="utf-8"))
    schema = workspace_file_schema()
    validator = jsonschema.Draft202012Validator(schema)
    document["opportunities"][0]["status"] = "maybe"
    assert not validator.is_valid(document)
    document["opportunities"][0]["status"] = "in_delivery"
    assert validator.is_valid(document)
    document["opportunities"][0]["owner"]["name"] = "A person"
    assert not validator.is_valid(document)
