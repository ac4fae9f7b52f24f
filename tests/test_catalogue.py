"""The packaged catalogue is the spec's contract, and its lookups work."""

from __future__ import annotations

import json
from importlib import resources
from typing import TYPE_CHECKING

import pytest

from govinfo.catalogue import Kind, build_catalogue, load_catalogue
from govinfo.errors import CatalogueError
from govinfo.folding import key

if TYPE_CHECKING:
    from pathlib import Path


# What a catalogue entry means; the project may add aliases, cues and new entries.
_CELL_MEANING = ("label", "ordinal", "unit", "kind", "parent", "templates", "row", "column")
_RULE_MEANING = ("rule", "formula", "class", "templates", "for_each", "condition")


def test_every_spec_entry_is_packaged_with_the_same_meaning(spec_catalogue: Path) -> None:
    spec = json.loads(spec_catalogue.read_text("utf-8"))
    packaged = json.loads(
        resources.files("govinfo.catalogue").joinpath("catalogue.json").read_text("utf-8")
    )
    for section, fields in (("cells", _CELL_MEANING), ("invariants", _RULE_MEANING)):
        ours = {entry["id"]: entry for entry in packaged[section]}
        for entry in spec[section]:
            assert entry["id"] in ours, f"{section}: {entry['id']} is missing"
            mine = ours[entry["id"]]
            for field in fields:
                assert mine.get(field) == entry.get(field), (entry["id"], field)
            assert set(entry.get("aliases", ())) <= set(mine.get("aliases", ())), entry["id"]
    ours_templates = {t["id"]: t for t in packaged["templates"]}
    for template in spec["templates"]:
        mine = ours_templates[template["id"]]
        assert (mine["family"], mine["name"]) == (template["family"], template["name"])
        assert set(template["cues"]) <= set(mine["cues"]), template["id"]


def test_spec_ids_keep_their_catalogue_order(spec_catalogue: Path) -> None:
    spec = json.loads(spec_catalogue.read_text("utf-8"))
    catalogue = load_catalogue()
    spec_cells = {c["id"] for c in spec["cells"]}
    assert [c.id for c in catalogue.cells if c.id in spec_cells] == [c["id"] for c in spec["cells"]]


def test_counts_of_section_3() -> None:
    catalogue = load_catalogue()
    assert sum(c.id.startswith(("old.", "new.")) for c in catalogue.cells) == 331
    numeric = {
        "old-2014": 58,
        "old-2018": 57,
        "old-shandong-county": 75,
        "old-shandong-city": 78,
        "new-2019": 198,
        "new-2021": 200,
    }
    for template, count in numeric.items():
        cells = catalogue.cells_of(template)
        assert sum(c.kind.is_numeric for c in cells) == count, template


def test_shared_labels_are_told_apart_by_section() -> None:
    catalogue = load_catalogue()
    ids = catalogue.labels[key("被依法纠错数")]
    assert set(ids) == {"old.review.corrected", "old.suit.corrected"}
    assert catalogue.root("old.suit.corrected") == "old.suit.total"
    assert catalogue.root("old.visitors.city") == "old.visitors.total"


def test_aliases_and_variants_are_indexed() -> None:
    catalogue = load_catalogue()
    assert catalogue.labels[key("被举报投诉数量")] == ("old.complaints.total",)
    assert catalogue.labels[key("其它方式公开政府信息数")] == ("old.active.channel.other",)
    spec = catalogue.by_id["old.websites.county"]
    assert spec.label_for("old-shandong-city") == "县（市、区）政府门户网站"
    assert spec.ordinal_for("old-shandong-city") == "（二）"
    assert spec.kind is Kind.VALUE


def test_malformed_catalogue_is_a_catalogue_error() -> None:
    with pytest.raises(CatalogueError):
        build_catalogue({"templates": [], "cells": [{"id": "x"}], "invariants": []})
    with pytest.raises(CatalogueError, match="unknown template"):
        load_catalogue().template("old-1999")
