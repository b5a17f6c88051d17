"""async/bulk routes take only the ``by<Param>`` placeholders, and each item goes to the service as it is.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03 (product rfxb7-a, admin token, no queue consumer running):
  PUT /rest/async/bulk/V1/products/bySku [{"product":{"sku":"rfxb7-a","name":"rfxb7 A2"}}] -> 202 accepted;
      detailed status: meta_information {"product":{"sku":"rfxb7-a","name":"rfxb7 A2"}}, store_id "1",
      operation id 0 (the second item of a bulk is id 1, in the status, detailed status and search)
  PUT /rest/async/bulk/V1/products/rfxb7-a, .../bysku, .../BySku, .../:sku -> 404 "Request does not match any route."
  PUT /rest/async/bulk/V1/products/byProductSku/stockItems/byItemId [{"productSku":"rfxb7-a","stockItem":{...}}]
      -> 202, topic ...stockregistryinterface.updatestockitembysku.put, meta_information the item as sent
  PUT .../products/bySku [{"sku":"rfxb7-a"}] -> 400 '"%fieldName" is required. Enter and try again.' (product);
      POST /rest/async/V1/products {"product":null} -> the same; PUT .../categories/byCategoryId/move
      [{"afterId":1}] -> "One or more input exceptions have occurred." with categoryId and parentId
  PUT /rest/de/async/bulk/V1/products/bySku -> store_id "2"; PUT /rest/all/async/V1/products/rfxb7-a -> "0"
  PUT /rest/async/V1/products/rfxb7-a {"product":{"name":"n3"}} -> meta_information
      {"product":{"name":"n3","sku":"rfxb7-a"},"sku":"rfxb7-a"} (the path value written into the product, then
      appended: InputParamsResolver::getInputData, ParamsOverrider::overrideRequestBodyIdWithPathParam)
WebapiAsync/Model/BulkServiceConfig (``/:param`` -> ``/by`` . ucfirst(param)), Asynchronous/InputParamsResolver
(bulk items resolved alone, before anything is scheduled), OperationRepository::create.
"""
from __future__ import annotations

import json

import pytest

REQUIRED_PRODUCT = {"message": '"%fieldName" is required. Enter and try again.',
                    "parameters": {"fieldName": "product"}}


@pytest.fixture
def held(admin, make_product):
    make_product("BLK-1", qty=5)
    admin.client.post("/_fake/bulk", json={"hold": True})
    return admin


def _detail(admin, body):
    return admin.get(f"/bulk/{body['bulk_uuid']}/detailed-status").get_json()["operations_list"]


def _run(admin):
    return admin.client.post("/_fake/bulk", json={"run": True}).get_json()["ran"]


def test_by_sku_placeholder_is_the_route(held):
    body = held.put("/rest/async/bulk/V1/products/bySku",
                    [{"product": {"sku": "BLK-1", "name": "Renamed"}}]).get_json()
    assert [i["status"] for i in body["request_items"]] == ["accepted"]
    op, = _detail(held, body)
    assert op["id"] == 0 and op["status"] == 4
    assert json.loads(op["serialized_data"]) == {
        "entity_id": None, "entity_link": "", "store_id": "1",
        "meta_information": '{"product":{"sku":"BLK-1","name":"Renamed"}}'}
    assert _run(held) == 1
    assert held.get("/products/BLK-1").get_json()["name"] == "Renamed"
    status = held.get(f"/bulk/{body['bulk_uuid']}/status").get_json()["operations_list"]
    assert status == [{"id": 0, "status": 1, "error_code": None, "result_message":
                       "Service execution success Magento\\Catalog\\Model\\ProductRepository\\Interceptor::save"}]


@pytest.mark.parametrize("segment", ["BLK-1", "bysku", "BySku", ":sku", "byProductSku"])
def test_only_the_literal_placeholder_matches(held, segment):
    resp = held.put(f"/rest/async/bulk/V1/products/{segment}", [{"product": {"sku": "BLK-1"}}])
    assert resp.status_code == 404 and resp.get_json() == {"message": "Request does not match any route."}


def test_every_path_value_is_a_placeholder(held):
    assert held.put("/rest/async/bulk/V1/products/byProductSku/stockItems/1",
                    [{"productSku": "BLK-1", "stockItem": {"qty": 7}}]).status_code == 404
    body = held.put("/rest/async/bulk/V1/products/byProductSku/stockItems/byItemId",
                    [{"productSku": "BLK-1", "stockItem": {"qty": 7, "is_in_stock": True}}]).get_json()
    op, = _detail(held, body)
    assert op["topic_name"] == "async.magento.cataloginventory.api.stockregistryinterface.updatestockitembysku.put"
    assert json.loads(op["serialized_data"])["meta_information"] == (
        '{"productSku":"BLK-1","stockItem":{"qty":7,"is_in_stock":true}}')
    assert _run(held) == 1
    assert held.get("/stockItems/BLK-1").get_json()["qty"] == 7


def test_a_top_level_sku_is_no_parameter_of_the_save(held):
    # ProductRepositoryInterface::save(product): the item's "sku" is not written into the product.
    body = held.put("/rest/async/bulk/V1/products/bySku", [{"sku": "BLK-1", "product": {"name": "Lost"}}]).get_json()
    assert json.loads(_detail(held, body)[0]["serialized_data"])["meta_information"] == (
        '{"sku":"BLK-1","product":{"name":"Lost"}}')
    _run(held)
    assert held.get(f"/bulk/{body['bulk_uuid']}/operation-status/3").get_json() == 1
    assert held.get("/products/BLK-1").get_json()["name"] == "BLK-1"


def test_a_missing_service_parameter_refuses_the_whole_request(held):
    resp = held.put("/rest/async/bulk/V1/products/bySku", [{"product": {"sku": "BLK-1"}}, {"sku": "BLK-1"}])
    assert resp.status_code == 400 and resp.get_json() == REQUIRED_PRODUCT
    assert held.get("/bulk?searchCriteria").get_json()["total_count"] == 0
    # async (one item) likewise; a null is as missing as an absent key (isset)
    resp = held.post("/rest/async/V1/products", {"product": None})
    assert resp.status_code == 400 and resp.get_json() == REQUIRED_PRODUCT


def test_two_missing_parameters_are_one_input_exception(held):
    resp = held.put("/rest/async/bulk/V1/categories/byCategoryId/move", [{"afterId": 1}])
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "One or more input exceptions have occurred.", "errors": [
        {"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "categoryId"}},
        {"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "parentId"}}]}


@pytest.mark.parametrize(("prefix", "store_id"), [("/rest/de", "2"), ("/rest/all", "0"), ("/rest", "1")])
def test_store_id_is_the_store_manager_string(held, prefix, store_id):
    body = held.put(f"{prefix}/async/bulk/V1/products/bySku", [{"product": {"sku": "BLK-1"}}]).get_json()
    assert json.loads(_detail(held, body)[0]["serialized_data"])["store_id"] == store_id


def test_async_writes_the_path_value_into_the_body(held):
    body = held.put("/rest/async/V1/products/BLK-1", {"product": {"name": "n3"}}).get_json()
    assert json.loads(_detail(held, body)[0]["serialized_data"])["meta_information"] == (
        '{"product":{"name":"n3","sku":"BLK-1"},"sku":"BLK-1"}')


def test_operation_ids_count_within_their_bulk(held):
    first = held.put("/rest/async/bulk/V1/products/bySku", [{"product": {"sku": "BLK-1"}}]).get_json()
    second = held.put("/rest/async/bulk/V1/products/bySku",
                      [{"product": {"sku": "BLK-1"}}, {"product": {"sku": "BLK-1", "name": "x"}}]).get_json()
    assert [o["id"] for o in _detail(held, first)] == [0]
    assert [o["id"] for o in _detail(held, second)] == [0, 1]
    found = held.get("/bulk?searchCriteria[filter_groups][0][filters][0][field]=bulk_uuid"
                     f"&searchCriteria[filter_groups][0][filters][0][value]={second['bulk_uuid']}").get_json()
    assert [o["id"] for o in found["items"]] == [0, 1]
