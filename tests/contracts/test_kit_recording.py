"""Recording normalisation and the parity diff, on hand-made exchanges."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from contracts.client import Exchange
from contracts.deviations import Deviations
from contracts.parity import compare, compare_bodies, flatten
from contracts.recording import Interaction, Recorder, Recording


def exchange(body: Any, method: str = "GET", template: str = "/V1/orders/{id}", status: int = 200,
             **values: str) -> Exchange:
    return Exchange(method=method, template=template, path="/rest/V1/x", store=None, query=[], request_body=None,
                    status=status, body=body, headers={}, auth="oauth", path_values=dict(values))


def recorded(*exchanges: Exchange, prefix: str = "ctkabc", context: str = "test_x.py::test_y",
             aliases: dict[str, str] | None = None) -> list[Interaction]:
    recorder = Recorder(prefix, "http://shop.example", {"kind": "magento", "version": "2.4.7-p3"}, aliases)
    recorder.context = context
    for ex in exchanges:
        recorder(ex)
    return recorder.interactions


def test_ids_become_references_by_place_keeping_their_type() -> None:
    (one,) = recorded(exchange({"entity_id": 7, "increment_id": "000000007", "items": [
        {"item_id": 12, "order_id": 7, "sku": "ctkabc-a", "qty_ordered": 2},
        {"item_id": 13, "order_id": 7, "sku": "ctkabc-b", "qty_ordered": 1}]}))
    assert one.body == {"entity_id": "<int ref1>", "increment_id": "<str ref1>", "items": [
        {"item_id": "<int ref1>", "order_id": "<int ref1>", "sku": "<prefix>-a", "qty_ordered": 2},
        {"item_id": "<int ref2>", "order_id": "<int ref1>", "sku": "<prefix>-b", "qty_ordered": 1}]}


def test_topology_dates_tokens_and_base_url() -> None:
    (one,) = recorded(exchange({"store_id": 1, "website_id": 2, "attribute_set_id": 4, "created_at": "2026-12-03 09:55:07",
                                "dob": "1990-01-31", "protect_code": "235195f9e99630230a4518527290ab6c",
                                "url": "http://shop.example/static/version1733/x.css", "qty": 3}))
    assert one.body == {"store_id": 1, "website_id": 2, "attribute_set_id": 4, "created_at": "<datetime>",
                        "dob": "<date>", "protect_code": "<token>", "url": "<base_url>/static/<version>/x.css", "qty": 3}


def test_store_topology_operations_keep_their_ids() -> None:
    (one,) = recorded(exchange([{"id": 1, "code": "default"}], template="/V1/store/storeViews"))
    assert one.body == [{"id": 1, "code": "default"}]


def test_action_answers_and_echoed_filters_and_error_parameters() -> None:
    placed, listed, missing = recorded(
        exchange("42", method="POST", template="/V1/guest-carts/{cartId}/payment-information"),
        exchange({"items": [], "search_criteria": {"filter_groups": [{"filters": [
            {"field": "order_id", "value": "42", "condition_type": "eq"}]}]}}, template="/V1/invoices"),
        exchange({"message": "No such entity with %fieldName = %fieldValue",
                  "parameters": {"fieldName": "customerId", "fieldValue": 99}}, template="/V1/customers/{id}",
                 status=404))
    assert placed.body == "<str ref1>"
    assert listed.body["search_criteria"]["filter_groups"][0]["filters"][0]["value"] == "<str ref1>"
    assert missing.body["parameters"] == {"fieldName": "customerId", "fieldValue": "<int ref1>"}


def test_named_values_and_unordered_sets() -> None:
    (one,) = recorded(exchange({"custom_attributes": [{"attribute_code": "color", "value": "4"}], "price": 4,
                                "configurable_product_options": [{"values": [{"value_index": 5}, {"value_index": 4}]}]},
                               template="/V1/products/{sku}"), aliases={"4": "red", "5": "blue"})
    assert one.body["custom_attributes"] == [{"attribute_code": "color", "value": "<str red>"}]
    assert one.body["price"] == 4
    assert one.body["configurable_product_options"][0]["values"] == [{"value_index": "<int blue>"},
                                                                   {"value_index": "<int red>"}]


def test_occurrences_are_counted_per_scenario_operation_and_store() -> None:
    first, second = recorded(exchange({}, id="1"), exchange({}, id="2"))
    assert (first.occurrence, second.occurrence) == (1, 2)
    assert first.path_values == {"id": "<str ref1>"} and second.path_values == {"id": "<str ref2>"}


def test_a_recording_round_trips(tmp_path: Path) -> None:
    recording = Recording({"kind": "magento", "version": "2.4.7-p3"}, recorded(exchange({"entity_id": 1})))
    recording.save(tmp_path / "r.json")
    again = Recording.load(tmp_path / "r.json")
    assert again.interactions == recording.interactions and again.meta == recording.meta


def test_flatten_names_self_naming_lists() -> None:
    flat = flatten({"custom_attributes": [{"attribute_code": "url_key", "value": "x"}], "items": [{"a": 1}]})
    assert flat["custom_attributes[url_key].value"] == "x" and flat["items[0].a"] == 1


def test_body_differences_by_kind() -> None:
    found = compare_bodies({"a": 1, "b": "x", "c": {"d": 1}, "e": 2}, {"a": 1, "b": "y", "c": [], "f": 3}, "GET /x", "ctx")
    assert sorted((d.kind, d.path) for d in found) == [("extra", "f"), ("missing", "e"), ("type", "c"),
                                                       ("value", "b")]


def _recording(*interactions: Interaction, version: str = "2.4.7-p3") -> Recording:
    return Recording({"kind": "magento", "version": version}, list(interactions))


def _interaction(body: Any, status: int = 200, context: str = "t.py::s", operation: str = "GET /V1/orders/{id}",
                 occurrence: int = 1) -> Interaction:
    return Interaction(context, occurrence, operation, None, "oauth", status, body, {}, [], None)


def test_status_and_message_differences_stop_there() -> None:
    report = compare(_recording(_interaction({"message": "a"}, status=400)),
                     _recording(_interaction({"message": "b", "x": 1}, status=404)), Deviations())
    (op,) = report.operations.values()
    assert [(d.kind, d.expected, d.actual) for d in op.differences] == [("status", 400, 404), ("message", "a", "b")]
    assert not report.ok


def test_missing_calls_are_differences() -> None:
    report = compare(_recording(_interaction({}), _interaction({}, occurrence=2)), _recording(_interaction({})),
                     Deviations())
    (op,) = report.operations.values()
    assert [(d.kind, d.path) for d in op.differences] == [("missing", "(call)")]


def _deviations(tmp_path: Path, text: str) -> Deviations:
    path = tmp_path / "deviations.yaml"
    path.write_text(text)
    return Deviations.load(path)


DEVIATION = """
- id: order-x
  operation: GET /V1/orders/{id}
  differs: x differs
  evidence: a test
  versions: ["2.4.7-p3"]
  match:
    - {kind: value, path: x}
"""


def test_a_listed_deviation_explains_its_difference(tmp_path: Path) -> None:
    report = compare(_recording(_interaction({"x": 1})), _recording(_interaction({"x": 2})),
                     _deviations(tmp_path, DEVIATION))
    (op,) = report.operations.values()
    assert [d.deviation for d in op.differences] == ["order-x"] and report.ok


def test_a_listed_deviation_that_no_longer_occurs_fails(tmp_path: Path) -> None:
    report = compare(_recording(_interaction({"x": 1})), _recording(_interaction({"x": 1})),
                     _deviations(tmp_path, DEVIATION))
    assert [d.id for d in report.stale] == ["order-x"] and not report.ok


def test_deviations_of_other_versions_do_not_apply(tmp_path: Path) -> None:
    report = compare(_recording(_interaction({"x": 1}), version="2.4.6"), _recording(_interaction({"x": 2})),
                     _deviations(tmp_path, DEVIATION))
    assert not report.ok and report.stale == []


@pytest.mark.parametrize("text", [
    "- {id: a, operation: x, differs: y, evidence: z}",
    "- {id: a, operation: x, differs: y, evidence: z, versions: [1], target: nobody}",
    "- {id: a, operation: x, differs: y, evidence: z, versions: [1], match: [{kind: colour}]}",
    ("- {id: a, operation: x, differs: y, evidence: z, versions: [1]}\n"
     "- {id: a, operation: x, differs: y, evidence: z, versions: [1]}"),
])
def test_malformed_deviation_files_are_refused(tmp_path: Path, text: str) -> None:
    from contracts.deviations import DeviationError

    with pytest.raises(DeviationError):
        _deviations(tmp_path, text)
