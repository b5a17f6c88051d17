"""``id`` is no searchCriteria field of customers, products or sales documents; ``entity_id`` is.

Evidence: 2.4.7-p3 sandbox, 2026-12-03. Filter field ``id``: /V1/customers/search and /V1/products
answer 400 ``The "%1" attribute name is invalid. Reset the name and try again.`` with parameters
["id"] (EAV: Eav/Model/Entity/AbstractEntity::getAttribute finds no such attribute); /V1/orders,
/V1/invoices, /V1/creditmemos and /V1/shipments a masked 500 (unknown column of the flat table).
Sort field ``id``: customers and products answer 200 with the order unchanged (ASC and DESC both
gave the default id-ascending order, customers 1, 45, 46; products likewise); the four sales lists
a masked 500. ``entity_id`` filters and sorts on all six.
"""
from __future__ import annotations

import pytest

from tests.support import search_query

INVALID = {"message": 'The "%1" attribute name is invalid. Reset the name and try again.', "parameters": ["id"]}
MASKED = "Internal Error. Details are available in Magento log file. Report ID: webapi-"
EAV = ("/customers/search", "/products")
FLAT = ("/orders", "/invoices", "/creditmemos", "/shipments")


@pytest.fixture
def client(shop):
    return shop


@pytest.mark.parametrize("path", EAV)
def test_an_id_filter_on_eav_lists_is_an_invalid_attribute(client, path):
    resp = client.get(f"{path}?{search_query([[('id', '1', None)]])}")
    assert (resp.status_code, resp.get_json()) == (400, INVALID)


@pytest.mark.parametrize("path", EAV)
def test_an_id_sort_on_eav_lists_is_ignored(client, path):
    plain = client.get(f"{path}?{search_query(pageSize=50)}").get_json()
    assert plain["total_count"] >= 2
    order = [i["id"] for i in plain["items"]]
    assert order == sorted(order)
    for direction in ("ASC", "DESC"):
        body = client.get(f"{path}?{search_query((), [('id', direction)], pageSize=50)}").get_json()
        assert [i["id"] for i in body["items"]] == order
        assert body["search_criteria"]["sort_orders"] == [{"field": "id", "direction": direction}]


@pytest.mark.parametrize("path", FLAT)
@pytest.mark.parametrize("query", [search_query([[("id", "1", None)]]), search_query((), [("id", "ASC")])],
                         ids=["filter", "sort"])
def test_id_on_sales_lists_is_a_masked_500(client, path, query):
    resp = client.get(f"{path}?{query}")
    assert resp.status_code == 500
    assert resp.get_json()["message"].startswith(MASKED)


@pytest.mark.parametrize("path", EAV + FLAT)
def test_entity_id_filters_and_sorts(client, path):
    key = "id" if path in EAV else "entity_id"
    everything = client.get(f"{path}?{search_query(pageSize=300)}").get_json()["items"]
    first = everything[0][key]
    one = client.get(f"{path}?{search_query([[('entity_id', str(first), None)]])}").get_json()
    assert [i[key] for i in one["items"]] == [first]
    down = client.get(f"{path}?{search_query((), [('entity_id', 'DESC')], pageSize=300)}").get_json()
    assert [i[key] for i in down["items"]] == sorted((i[key] for i in everything), reverse=True)
