"""Legacy CatalogInventory and MSI: shapes, messages, and the two models kept consistent."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import make_app

SEARCH_ALL = "?searchCriteria="


def _qty(admin, sku):
    return admin.get(f"/stockItems/{sku}").get_json()["qty"]


def _source_qty(admin, sku, source):
    q = (f"/inventory/source-items?searchCriteria[filter_groups][0][filters][0][field]=sku"
         f"&searchCriteria[filter_groups][0][filters][0][value]={sku}")
    return {i["source_code"]: i["quantity"] for i in admin.get(q).get_json()["items"]}.get(source)


def test_stock_item_shape(admin, make_product):
    make_product("INV-1", qty=30)
    body = admin.get("/stockItems/INV-1").get_json()
    assert list(body)[:4] == ["item_id", "product_id", "stock_id", "qty"]
    assert body["qty"] == 30 and body["is_in_stock"] is True and body["stock_id"] == 1
    assert body["use_config_min_sale_qty"] == 1 and body["max_sale_qty"] == 10000
    assert body["low_stock_date"] is None and body["stock_status_changed_auto"] == 0
    assert '"qty":30,' in admin.get("/stockItems/INV-1").get_data(as_text=True)


def test_unknown_sku(admin):
    for path in ("/stockItems/NOPE", "/stockStatuses/NOPE"):
        resp = admin.get(path)
        assert resp.status_code == 404
        assert resp.get_json() == {"message": 'The Product with the "%1" SKU doesn\'t exist.', "parameters": ["NOPE"]}


def test_update_stock_item_returns_id_integer_and_syncs_default_source(admin, make_product):
    """2.4.7-p3 answers the item id as a JSON integer (sandbox recording, test_inventory.py::
    test_legacy_stock_item_read_and_update); 2.3 answered a digit string."""
    make_product("INV-2", qty=30)
    item_id = admin.get("/stockItems/INV-2").get_json()["item_id"]
    resp = admin.put(f"/products/INV-2/stockItems/{item_id}", {"stockItem": {
        "qty": 333.0, "is_in_stock": 1, "manage_stock": 1, "use_config_manage_stock": 0, "backorders": 2,
        "use_config_backorders": 0}})
    assert resp.status_code == 200 and resp.get_data(as_text=True) == str(item_id)
    body = admin.get("/stockItems/INV-2").get_json()
    assert body["qty"] == 333 and body["backorders"] == 2 and body["use_config_backorders"] is False
    assert _source_qty(admin, "INV-2", "default") == 333


def test_zero_qty_goes_out_of_stock_automatically(admin, make_product):
    make_product("INV-3", qty=5)
    admin.put("/products/INV-3/stockItems/1", {"stockItem": {"qty": 0, "is_in_stock": True}})
    body = admin.get("/stockItems/INV-3").get_json()
    assert body["is_in_stock"] is False and body["stock_status_changed_auto"] == 1
    assert body["low_stock_date"] is not None
    status = admin.get("/stockStatuses/INV-3").get_json()
    assert status["stock_status"] == 0 and status["qty"] == 0
    assert list(status) == ["product_id", "stock_id", "qty", "stock_status", "stock_item"]


def test_low_stock(admin, make_product):
    make_product("LOW-1", qty=3)
    make_product("LOW-2", qty=300)
    body = admin.get("/stockItems/lowStock?scopeId=1&qty=10&pageSize=10&currentPage=1").get_json()
    assert [i["qty"] for i in body["items"]] == [3] and body["total_count"] == 1
    resp = admin.get("/stockItems/lowStock?qty=1")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "scopeId"}}


def test_seeded_sources_and_stocks(admin):
    """As on a fresh 2.4.7-p3 (sandbox recording, test_inventory.py::test_default_source_and_stock): the
    default source with its in-store-pickup extension attributes, every website on the default stock."""
    sources = admin.get("/inventory/sources" + SEARCH_ALL).get_json()
    assert [s["source_code"] for s in sources["items"]] == ["default", "eu_warehouse", "us_east"]
    assert sources["items"][0] == {"source_code": "default", "name": "Default Source", "enabled": True,
                                   "description": "Default Source", "latitude": 0, "longitude": 0,
                                   "country_id": "US", "postcode": "00000", "use_default_carrier_config": True,
                                   "carrier_links": [],
                                   "extension_attributes": {"is_pickup_location_active": False, "frontend_name": ""}}
    stock = admin.get("/inventory/stocks/1").get_json()
    assert stock == {"stock_id": 1, "name": "Default Stock", "extension_attributes": {"sales_channels": [
        {"type": "website", "code": "base"}, {"type": "website", "code": "eu"}]}}
    assert admin.get("/inventory/stocks/2").get_json()["extension_attributes"]["sales_channels"] == []


def test_source_crud_and_messages(admin):
    assert admin.post("/inventory/sources", {"source": {"source_code": "berlin", "name": "Berlin",
                                                        "country_id": "DE", "postcode": "10115"}}).get_json() == []
    assert admin.put("/inventory/sources/berlin", {"source": {"name": "Berlin Mitte", "country_id": "DE",
                                                              "postcode": "10117"}}).get_json() == []
    assert admin.get("/inventory/sources/berlin").get_json()["name"] == "Berlin Mitte"
    resp = admin.get("/inventory/sources/nowhere")
    assert resp.status_code == 404
    assert resp.get_json() == {"message": 'Source with code "%value" does not exist.',
                               "parameters": {"value": "nowhere"}}
    resp = admin.post("/inventory/sources", {"source": {"source_code": "a b", "name": ""}})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Validation Failed", "errors": [
        {"message": '"%field" can not be empty.', "parameters": {"field": "name"}},
        {"message": '"%field" can not contain whitespaces.', "parameters": {"field": "source_code"}},
        {"message": '"%field" can not be empty.', "parameters": {"field": "postcode"}},
        {"message": '"%field" can not be empty.', "parameters": {"field": "country_id"}}]}
    # The validators see the sent source only (measured on 2.4.7-p3: the stored postcode does not count).
    resp = admin.put("/inventory/sources/default", {"source": {"name": "Default Source", "enabled": False}})
    assert resp.get_json()["errors"] == [
        {"message": '"%field" can not be empty.', "parameters": {"field": "postcode"}},
        {"message": '"%field" can not be empty.', "parameters": {"field": "country_id"}},
        {"message": "Default source can not be disabled.", "parameters": []}]


@pytest.mark.parametrize("field, value, kind", [("region_id", "", "int"), ("region_id", "x", "int"),
                                                ("latitude", "north", "float"), ("name", {"a": 1}, "string")])
def test_source_fields_are_typed_as_setType_does(admin, field, value, kind):
    """TypeProcessor::setType: int/float need is_numeric ('' is not), a string cannot be an array.
    Nothing is written."""
    source = {"source_code": "typed", "name": "T", "country_id": "US", "postcode": "1", field: value}
    resp = admin.post("/inventory/sources", {"source": source})
    assert resp.status_code == 400
    shown = "array" if isinstance(value, dict) else value
    assert resp.get_json() == {"message": f'Error occurred during "{field}" processing. The "{shown}" value\'s '
                               f'type is invalid. The "{kind}" type was expected. Verify and try again.'}
    assert admin.get("/inventory/sources/typed").status_code == 404
    source[field] = {"region_id": "12", "latitude": "52.5", "name": "T"}[field]
    assert admin.post("/inventory/sources", {"source": source}).status_code == 200
    stored = admin.get("/inventory/sources/typed").get_json()[field]
    assert stored == {"region_id": 12, "latitude": 52.5, "name": "T"}[field]


def test_stock_crud_and_messages(admin):
    stock_id = admin.post("/inventory/stocks", {"stock": {"name": "Outlet"}}).get_json()
    assert isinstance(stock_id, int)
    assert admin.put(f"/inventory/stocks/{stock_id}", {"stock": {"name": "Outlet 2"}}).get_json() == stock_id
    assert admin.delete(f"/inventory/stocks/{stock_id}").get_json() == []
    resp = admin.get(f"/inventory/stocks/{stock_id}")
    assert resp.status_code == 404
    assert resp.get_json() == {"message": 'Stock with id "%value" does not exist.', "parameters": {"value": stock_id}}
    assert admin.delete("/inventory/stocks/1").get_json() == {"message": "Default Stock could not be deleted."}
    assert admin.put("/inventory/stocks/2", {"stock": {"name": "EU Stock", "extension_attributes": {
        "sales_channels": [{"type": "website", "code": "eu"}]}}}).get_json() == 2
    assert admin.delete("/inventory/stocks/2").get_json() == {
        "message": "Stock has at least one sale channel and could not be deleted."}
    resp = admin.post("/inventory/stocks", {"stock": {"name": ""}})
    assert resp.get_json() == {"message": "Validation Failed", "errors": [
        {"message": '"%field" can not be empty.', "parameters": {"field": "name"}}]}


def test_stock_source_links(admin):
    body = admin.get("/inventory/stock-source-links?searchCriteria[filter_groups][0][filters][0][field]=stock_id"
                     "&searchCriteria[filter_groups][0][filters][0][value]=2").get_json()
    assert body["items"] == [{"stock_id": 2, "source_code": "eu_warehouse", "priority": 1}]
    resp = admin.post("/inventory/stock-source-links", {"links": [{"stock_id": 1, "source_code": "us_east",
                                                                   "priority": 2}]})
    assert resp.status_code == 400
    assert resp.get_json()["errors"] == [
        {"message": "Can not save link related to Default Source or Default Stock", "parameters": []}]
    assert admin.post("/inventory/stock-source-links", {"links": [{"stock_id": 2, "source_code": "us_east",
                                                                   "priority": 2}]}).get_json() == []
    assert admin.post("/inventory/stock-source-links-delete", {"links": [
        {"stock_id": 1, "source_code": "default"}]}).get_json() == {
        "message": "Can not delete link related to Default Source or Default Stock"}


def test_source_items_validation(admin):
    resp = admin.post("/inventory/source-items", {"sourceItems": []})
    assert resp.status_code == 400 and resp.get_json() == {"message": "Input data is empty"}
    resp = admin.post("/inventory/source-items", {"sourceItems": [
        {"sku": "", "source_code": "default", "quantity": 1, "status": 1}]})
    assert resp.get_json() == {"message": 'Validation Failed: "sku" can not be empty.', "errors": [
        {"message": '"%field" can not be empty.', "parameters": {"field": "sku"}}]}
    # a quantity that is no number fails the service input's float type before any validation
    # (measured on the 2.4.7-p3 sandbox: this exact message for "many")
    resp = admin.post("/inventory/source-items", {"sourceItems": [
        {"sku": "X", "source_code": "default", "quantity": "many", "status": 7}]})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'Error occurred during "quantity" processing. The "many" value\'s type is invalid. '
                   'The "float" type was expected. Verify and try again.'})
    resp = admin.post("/inventory/source-items", {"sourceItems": [
        {"sku": "X", "source_code": "default", "quantity": -1, "status": 7}]})
    assert [e["parameters"]["field"] for e in resp.get_json()["errors"]] == ["status"]


def test_msi_and_legacy_consistent(admin, make_product):
    make_product("MSI-1", qty=10)
    assert admin.post("/inventory/source-items", {"sourceItems": [
        {"sku": "MSI-1", "source_code": "default", "quantity": 40, "status": 1},
        {"sku": "MSI-1", "source_code": "eu_warehouse", "quantity": 15, "status": 1}]}).get_json() == []
    assert _qty(admin, "MSI-1") == 40  # legacy follows the default source only
    assert admin.get("/inventory/get-product-salable-quantity/MSI-1/1").get_json() == 40
    assert admin.get("/inventory/get-product-salable-quantity/MSI-1/2").get_json() == 15
    assert admin.post("/inventory/source-items-delete", {"sourceItems": [
        {"sku": "MSI-1", "source_code": "default"}]}).get_json() == []
    body = admin.get("/stockItems/MSI-1").get_json()
    assert body["qty"] == 0 and body["is_in_stock"] is False
    assert admin.get("/inventory/is-product-salable/MSI-1/1").get_json() is False
    assert admin.get("/inventory/is-product-salable/MSI-1/2").get_json() is True


def test_reservations_lifecycle(backend, admin, make_product):
    make_product("RES-1", qty=10)
    inventory = backend.inventory
    assert inventory.is_salable("RES-1", 10, 1) and not inventory.is_salable("RES-1", 11, 1)
    inventory.deduct("RES-1", 3, 1)  # order placed: reservation only
    assert _qty(admin, "RES-1") == 10
    assert admin.get("/inventory/get-product-salable-quantity/RES-1/1").get_json() == 7
    inventory.ship("RES-1", 2, 1)  # shipment: source and legacy qty drop, reservation compensated
    assert _qty(admin, "RES-1") == 8 and _source_qty(admin, "RES-1", "default") == 8
    assert admin.get("/inventory/get-product-salable-quantity/RES-1/1").get_json() == 7
    inventory.return_to_stock("RES-1", 1, 1)  # the unshipped unit is canceled
    assert admin.get("/inventory/get-product-salable-quantity/RES-1/1").get_json() == 8
    inventory.return_to_stock("RES-1", 2, 1, shipped=True)  # refund of shipped units, back to stock
    assert _qty(admin, "RES-1") == 10
    assert admin.get("/inventory/get-product-salable-quantity/RES-1/1").get_json() == 10


def test_salable_quantity_errors(admin, make_product):
    resp = admin.get("/inventory/get-product-salable-quantity/NOPE/1")
    assert resp.status_code == 404 and resp.get_json() == {
        "message": "The product that was requested doesn't exist. Verify the product and try again."}
    make_product("CONF-1", type_id="configurable")
    resp = admin.get("/inventory/get-product-salable-quantity/CONF-1/1")
    assert resp.status_code == 400 and resp.get_json() == {
        "message": "Can't check requested quantity for products without Source Items support."}
    assert admin.get("/inventory/is-product-salable/NOPE/1").get_json() is False


@pytest.fixture(scope="module")
def property_app():
    app = make_app()
    yield app
    app.extensions["fake_magento"].close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(["place", "ship", "cancel", "set"]), st.integers(0, 20)),
                max_size=12))
def test_salable_is_source_qty_plus_reservations(property_app, ops):
    """Whatever happens, salable(stock 1) = default source qty + reservations; legacy qty = default source."""
    backend = property_app.extensions["fake_magento"]
    backend.reset()
    inv = backend.inventory
    inv.products.find_id = lambda sku: 1 if sku == "P" else None  # type: ignore[method-assign]
    inv.on_product_saved(1, "P", "simple", {"qty": 50, "is_in_stock": True}, True)
    placed = 0
    for op, n in ops:
        if op == "place":
            inv.deduct("P", n, 1)
            placed += n
        elif op == "ship":
            n = min(n, placed)
            inv.ship("P", n, 1, source_code="default")
            placed -= n
        elif op == "cancel":
            n = min(n, placed)
            inv.return_to_stock("P", n, 1)
            placed -= n
        else:
            inv.save_source_items([{"sku": "P", "source_code": "default", "quantity": n, "status": 1}])
    legacy = inv.stock_item_for_product(1)
    source = inv.source_items_for_sku("P")[0]["quantity"]
    assert legacy["qty"] == source
    assert inv.reservations_qty("P", 1) == -placed
    if legacy["is_in_stock"]:
        assert inv.product_salable_qty("P", 1) == source - placed
