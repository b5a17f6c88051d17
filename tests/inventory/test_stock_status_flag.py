"""Saving a legacy stock item: is_in_stock and stock_status_changed_auto as StockItemRepository sets them.

Evidence: each case below was run on the 2.4.7-p3 sandbox (a simple product created with qty 5 in
stock, then the stock item PUT once or twice through /V1/products/{sku}/stockItems/{itemId}, then
read with GET /V1/stockItems/{sku}); the contract recording has the second case
(test_inventory.py::test_out_of_stock_at_zero: `stock_status_changed_auto: 0`). Source:
CatalogInventory/Model/Stock/StockItemRepository.php updateStockStatus, Stock/Item::getIsInStock.
"""
from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import RestClient, admin_token, make_app

UNMANAGED = {"manage_stock": False, "use_config_manage_stock": False}

# case: (PUT bodies in order, (qty, is_in_stock, stock_status_changed_auto) read afterwards on the sandbox)
MEASURED: dict[str, tuple[list[dict[str, Any]], tuple[float, bool, int]]] = {
    "zero while in stock goes out automatically": ([{"qty": 0, "is_in_stock": True}], (0, False, 1)),
    "zero sent out of stock is a manual change": ([{"qty": 0, "is_in_stock": False}], (0, False, 0)),
    "zero alone goes out automatically": ([{"qty": 0}], (0, False, 1)),
    "restocked after going out automatically": ([{"qty": 0, "is_in_stock": True}, {"qty": 5}], (5, True, 1)),
    "restocked comes back even when sent out": ([{"qty": 0, "is_in_stock": True},
                                                 {"qty": 5, "is_in_stock": False}], (5, True, 1)),
    "restocked and sent in stock clears the flag": ([{"qty": 0, "is_in_stock": True},
                                                     {"qty": 5, "is_in_stock": True}], (5, True, 0)),
    "set out of stock by hand": ([{"qty": 5, "is_in_stock": False}], (5, False, 0)),
    "restocked after a manual out stays out": ([{"qty": 0, "is_in_stock": False}, {"qty": 5}], (5, False, 0)),
    "out again keeps the flag": ([{"qty": 0, "is_in_stock": True}, {"qty": 0, "is_in_stock": False}],
                                 (0, False, 1)),
    "unmanaged stays in stock at zero": ([{"qty": 0, "is_in_stock": True, **UNMANAGED}], (0, True, 0)),
    "unmanaged reads in stock and clears the flag": ([{"qty": 0, "is_in_stock": True}, UNMANAGED],
                                                     (0, True, 0)),
    "a sent flag is kept": ([{"qty": 5, "stock_status_changed_auto": 1}], (5, True, 1)),
    "sent out after going out automatically": ([{"qty": 0, "is_in_stock": True}, {"is_in_stock": False}],
                                               (0, False, 1)),
}


def _create(admin: RestClient, sku: str) -> None:
    resp = admin.post("/products", {"product": {
        "sku": sku, "name": sku, "type_id": "simple", "attribute_set_id": 4, "price": 10, "status": 1,
        "extension_attributes": {"stock_item": {"qty": 5, "is_in_stock": True}}}})
    assert resp.status_code == 200, resp.get_json()


def _put(admin: RestClient, sku: str, data: dict[str, Any]) -> None:
    item_id = admin.get(f"/stockItems/{sku}").get_json()["item_id"]
    resp = admin.put(f"/products/{sku}/stockItems/{item_id}", {"stockItem": data})
    assert resp.status_code == 200 and resp.get_json() == item_id


def _read(admin: RestClient, sku: str) -> tuple[float, bool, int]:
    item = admin.get(f"/stockItems/{sku}").get_json()
    return item["qty"], item["is_in_stock"], item["stock_status_changed_auto"]


@pytest.mark.parametrize("case", list(MEASURED))
def test_stock_status_after_saves_as_measured(admin, case):
    steps, expected = MEASURED[case]
    _create(admin, "FLAG-1")
    assert _read(admin, "FLAG-1") == (5, True, 0)
    for data in steps:
        _put(admin, "FLAG-1", data)
    assert _read(admin, "FLAG-1") == expected


def test_unmanaged_stock_reads_in_stock_everywhere(admin):
    """Measured: the status, the stock item and the default source item all read in stock (1)."""
    _create(admin, "FLAG-2")
    _put(admin, "FLAG-2", {"qty": 0, "is_in_stock": True})
    _put(admin, "FLAG-2", UNMANAGED)
    status = admin.get("/stockStatuses/FLAG-2").get_json()
    assert status["stock_status"] == 1 and status["stock_item"]["is_in_stock"] is True
    items = admin.get("/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku"
                      "&searchCriteria[filter_groups][0][filters][0][value]=FLAG-2").get_json()["items"]
    assert [(i["source_code"], i["quantity"], i["status"]) for i in items] == [("default", 0, 1)]


SAVES = st.lists(st.fixed_dictionaries({}, optional={
    "qty": st.sampled_from([0, 1, 5, -2]),
    "is_in_stock": st.booleans(),
    "manage_stock": st.booleans(),
    "backorders": st.sampled_from([0, 1]),
}).map(lambda d: {**d, **({"use_config_manage_stock": False} if "manage_stock" in d else {}),
                  **({"use_config_backorders": False} if "backorders" in d else {})}), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(saves=SAVES)
def test_stock_status_rules_hold_after_any_saves(saves):
    """Whatever is saved: an unmanaged item reads in stock with the flag 0; a managed one at or below
    min_qty without backorders is out of stock; a managed one that is out of stock with qty above it
    never carries the flag (it would have come back); the default source item mirrors the read."""
    app = make_app()
    try:
        client = app.test_client()
        admin = RestClient(client, admin_token(client, app.extensions["fake_magento"]))
        _create(admin, "FLAG-P")
        for data in saves:
            _put(admin, "FLAG-P", data)
            item = admin.get("/stockItems/FLAG-P").get_json()
            qty, in_stock, auto = item["qty"], item["is_in_stock"], item["stock_status_changed_auto"]
            if not item["manage_stock"]:
                assert in_stock is True and auto == 0
            elif item["backorders"] == 0 and qty <= item["min_qty"]:
                assert in_stock is False
            elif not in_stock:
                assert auto == 0
            items = admin.get("/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku"
                              "&searchCriteria[filter_groups][0][filters][0][value]=FLAG-P").get_json()["items"]
            assert [(i["quantity"], i["status"]) for i in items] == [(qty, int(in_stock))]
    finally:
        app.extensions["fake_magento"].close()
