"""Async and bulk: 202 answers, operations run through the sync routes, status reads, hold/run."""
from __future__ import annotations

import hashlib
import json

import pytest


def _hold(admin, **body):
    return admin.client.post("/_fake/bulk", json=body).get_json()


def test_async_answers_202_and_runs(admin):
    resp = admin.post("/rest/async/V1/categories", {"category": {"name": "Async"}})
    assert resp.status_code == 202
    body = resp.get_json()
    assert list(body) == ["bulk_uuid", "request_items", "errors"] and body["errors"] is False
    item = body["request_items"][0]
    assert item["id"] == 0 and item["status"] == "accepted" and len(item["data_hash"]) == 64
    status = admin.get(f"/bulk/{body['bulk_uuid']}/status").get_json()
    assert status["description"] == "Topic async.magento.catalog.api.categoryrepositoryinterface.save.post"
    assert status["operations_list"][0]["status"] == 1 and status["operations_list"][0]["error_code"] is None
    assert status["operations_list"][0]["result_message"] == (
        "Service execution success Magento\\Catalog\\Model\\CategoryRepository\\Interceptor::save")
    assert status["user_type"] == 2 and status["operation_count"] == 1
    tree = admin.get("/categories").get_json()
    assert [c["name"] for c in tree["children_data"]] == ["Async"]


def test_data_hash_is_sha256_of_serialized_data(admin):
    _hold(admin, hold=True)
    body = admin.post("/rest/async/V1/categories", {"category": {"name": "H"}}).get_json()
    detail = admin.get(f"/bulk/{body['bulk_uuid']}/detailed-status").get_json()
    serialized = detail["operations_list"][0]["serialized_data"]
    assert json.loads(serialized) == {"entity_id": None, "entity_link": "",
                                      "meta_information": '{"category":{"name":"H"}}', "store_id": "1"}
    assert hashlib.sha256(serialized.encode()).hexdigest() == body["request_items"][0]["data_hash"]


def test_hold_keeps_operations_open_then_run(admin):
    assert _hold(admin, hold=True)["hold"] is True
    body = admin.post("/rest/de/async/bulk/V1/categories", [
        {"category": {"name": "Eins"}}, {"category": {"parent_id": 2}}]).get_json()
    uuid = body["bulk_uuid"]
    assert [i["status"] for i in body["request_items"]] == ["accepted", "accepted"]
    assert [o["status"] for o in admin.get(f"/bulk/{uuid}/status").get_json()["operations_list"]] == [4, 4]
    assert admin.get(f"/bulk/{uuid}/operation-status/4").get_json() == 2
    assert _hold(admin, run=True)["ran"] == 2
    ops = admin.get(f"/bulk/{uuid}/detailed-status").get_json()["operations_list"]
    assert [o["status"] for o in ops] == [1, 3]
    assert ops[0]["serialized_data"] is None and json.loads(ops[0]["result_serialized_data"])["name"] == "Eins"
    assert ops[1]["result_message"] == (
        'Could not save category: The "Name" attribute value is empty. Set the attribute and try again.')
    assert ops[1]["error_code"] == 0 and json.loads(ops[1]["serialized_data"])["store_id"] == "2"
    assert admin.get(f"/bulk/{uuid}/operation-status/3").get_json() == 1
    # the German store-view value was written at store 2
    assert admin.get(f"/rest/de/V1/categories/{json.loads(ops[0]['result_serialized_data'])['id']}").get_json()[
        "name"] == "Eins"


def test_release_hold_runs_pending(admin):
    _hold(admin, hold=True)
    uuid = admin.post("/rest/async/V1/categories", {"category": {"name": "Later"}}).get_json()["bulk_uuid"]
    assert _hold(admin, hold=False) == {"hold": False, "ran": 1}
    assert admin.get(f"/bulk/{uuid}/operation-status/1").get_json() == 1


def test_bulk_non_object_item_is_an_application_error(admin):
    # Measured on 2.4.7-p3: [{"category": {...}}, "oops"] -> 500 text/plain (a PHP TypeError in
    # Asynchronous/InputParamsResolver::resolveBulkItemParams(array ...)), nothing scheduled.
    resp = admin.post("/rest/async/bulk/V1/categories", [{"category": {"name": "Ok"}}, "oops"])
    assert resp.status_code == 500 and resp.headers["Content-Type"] == "text/plain;charset=UTF-8"
    assert resp.get_data(as_text=True) == (
        "An error has happened during application run. See exception log for details.\n")
    assert admin.get("/bulk?searchCriteria").get_json()["total_count"] == 0
    assert admin.get("/categories").get_json()["children_data"] == []


def test_bulk_item_goes_to_the_service_as_it_is(admin):
    # CategoryRepositoryInterface::save takes only `category`: a top-level "id" in a bulk item is no
    # parameter and nothing writes it into the category (no ParamsOverrider under /async/bulk), so the
    # category's own id decides; without one a new category is made.
    ids = [admin.post("/categories", {"category": {"name": n}}).get_json()["id"] for n in ("A", "B")]
    body = admin.put("/rest/async/bulk/V1/categories/byId", [
        {"category": {"id": ids[0], "name": "A2"}}, {"id": ids[1], "category": {"name": "B2"}}]).get_json()
    assert body["errors"] is False
    assert [admin.get(f"/categories/{i}").get_json()["name"] for i in ids] == ["A2", "B"]
    assert [c["name"] for c in admin.get("/categories").get_json()["children_data"]] == ["A2", "B", "B2"]
    assert admin.get(f"/bulk/{body['bulk_uuid']}/status").get_json()["description"] == (
        "Topic async.magento.catalog.api.categoryrepositoryinterface.save.put")


def test_async_works_for_inventory_routes(admin):
    body = admin.post("/rest/async/V1/inventory/sources", {"source": {
        "source_code": "async_src", "name": "Async", "country_id": "US", "postcode": "1"}}).get_json()
    assert admin.get("/inventory/sources/async_src").status_code == 200
    status = admin.get(f"/bulk/{body['bulk_uuid']}/status").get_json()
    assert status["description"] == "Topic async.magento.inventoryapi.api.sourcerepositoryinterface.save.post"


@pytest.mark.parametrize("path", ["/bulk/nope/status", "/bulk/nope/detailed-status"])
def test_unknown_bulk(admin, path):
    resp = admin.get(path)
    assert resp.status_code == 404
    assert resp.get_json() == {"message": "Bulk uuid %bulkUuid not exist", "parameters": {"bulkUuid": "nope"}}


def test_unknown_bulk_count_is_zero(admin):
    assert admin.get("/bulk/nope/operation-status/1").get_json() == 0


def test_async_get_is_not_processed(admin):
    # No processor takes a GET under /async (AsynchronousRequestProcessor::canProcess); measured on
    # 2.4.7-p3: GET /rest/async/V1/products -> 400 (this test pinned a 404).
    resp = admin.get("/rest/async/V1/categories/2")
    assert resp.status_code == 400 and resp.get_json() == {"message": "Specified request cannot be processed."}


def test_operation_search(admin):
    admin.post("/rest/async/bulk/V1/categories", [{"category": {}}])
    body = admin.get("/bulk?searchCriteria[filter_groups][0][filters][0][field]=status"
                     "&searchCriteria[filter_groups][0][filters][0][value]=3").get_json()
    assert body["total_count"] == 1 and body["items"][0]["status"] == 3
    assert "start_time" in body["items"][0]["extension_attributes"]


def test_async_requires_authorisation(anon):
    resp = anon.post("/rest/async/V1/categories", {"category": {"name": "x"}})
    assert resp.status_code == 401
