"""async and bulk requests go through the same ServiceInputProcessor as sync ones.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03 (admin token, no queue consumer running):
  PUT /rest/async/bulk/V1/categories/byCategoryId/move [{"categoryId":"abc","parentId":2}]
      -> 400 'The "abc" value's type is invalid. The "int" type was expected. Verify and try again.'
  the same with [{"categoryId":99999,"parentId":2,"afterId":[1]}] -> 400 'The "array" value's type is invalid. ...'
Asynchronous/InputParamsResolver::resolveBulkItemParams runs ServiceInputProcessor::process on each item
before anything is scheduled; the consumer then calls the service with the converted arguments.
"""
from __future__ import annotations

import pytest


def type_message(shown: str, kind: str) -> dict[str, str]:
    return {"message": f'The "{shown}" value\'s type is invalid. The "{kind}" type was expected. Verify and try again.'}


@pytest.fixture
def held(admin, make_product):
    make_product("BLKIN-1", qty=5)
    admin.client.post("/_fake/bulk", json={"hold": True})
    return admin


def _scheduled(admin) -> int:
    return len(admin.get("/bulk?searchCriteria[pageSize]=50").get_json().get("items") or [])


@pytest.mark.parametrize("item, shown", [({"categoryId": "abc", "parentId": 2}, "abc"),
                                         ({"categoryId": 99999, "parentId": 2, "afterId": [1]}, "array")])
def test_a_bulk_item_of_the_wrong_type_refuses_the_request(held, item, shown):
    resp = held.put("/rest/async/bulk/V1/categories/byCategoryId/move", [{"categoryId": 3, "parentId": 2}, item])
    assert (resp.status_code, resp.get_json()) == (400, type_message(shown, "int"))
    assert held.client.post("/_fake/bulk", json={"run": True}).get_json()["ran"] == 0


def test_an_async_body_of_the_wrong_type_refuses_the_request(held):
    resp = held.put("/rest/async/V1/products/BLKIN-1/stockItems/1", {"stockItem": {"qty": [1]}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'Error occurred during "qty" processing. ' + type_message("array", "float")["message"]})


def test_the_operation_runs_on_converted_input(held):
    resp = held.put("/rest/async/bulk/V1/products/byProductSku/stockItems/byItemId",
                    [{"productSku": "BLKIN-1", "stockItem": {"qty": "7", "is_in_stock": "off"}}])
    assert resp.status_code == 202
    assert held.client.post("/_fake/bulk", json={"run": True}).get_json()["ran"] == 1
    item = held.get("/stockItems/BLKIN-1").get_json()
    assert (item["qty"], item["is_in_stock"]) == (7, False)
