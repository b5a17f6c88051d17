"""connector.models against real bodies: the Magento 2.4.7-p3 sandbox (fixtures captured by
fixtures/capture_sandbox.py) and the emulator's default profile, plus schema completeness against
the contract's definitions. Magento's odd types are property-tested in test_model_properties.py."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from connector.models import (
    Address,
    CreditMemo,
    Customer,
    Invoice,
    ModelError,
    ModelSchema,
    Order,
    OrderItem,
    Product,
    Shipment,
    SourceItem,
    StockItem,
    Track,
    dump,
    load,
    load_many,
    load_search_result,
)
from connector.models import fields as mf
from tests.support import RestClient, admin_token, make_app

FIXTURES = Path(__file__).parent / "fixtures"
SPEC = json.loads((Path(__file__).parents[2] / "openapi" / "magento-admin-rest.json").read_text())


def sandbox(name: str) -> Any:
    return json.loads((FIXTURES / f"sandbox_{name}.json").read_text())


def assert_lossless(body: Any, dumped: Any, path: str = "") -> None:
    """``dump(load(body))`` gives back every key of ``body`` with the same value. Only keys whose value
    was empty (null, [], {}) may be left out, as Magento itself leaves them out, and only an empty list
    may be added (an absent list loads as [])."""
    if isinstance(body, dict):
        assert isinstance(dumped, dict), path
        invented = {key: value for key, value in dumped.items() if key not in body and value != []}
        assert not invented, f"{path}: invented {invented}"
        for key, value in body.items():
            if key in dumped:
                assert_lossless(value, dumped[key], f"{path}.{key}")
            else:
                assert value is None or value == [] or value == {}, f"{path}.{key} lost: {value!r}"
    elif isinstance(body, list):
        assert isinstance(dumped, list) and len(dumped) == len(body), path
        for index, (left, right) in enumerate(zip(body, dumped, strict=True)):
            assert_lossless(left, right, f"{path}[{index}]")
    else:
        assert body == dumped, f"{path}: {body!r} != {dumped!r}"


# --- the real sandbox -------------------------------------------------------------------------------

SANDBOX_BODIES = [("order", Order), ("guest_order", Order), ("order_item", OrderItem), ("invoice", Invoice),
                  ("shipment", Shipment), ("creditmemo", CreditMemo), ("customer", Customer),
                  ("customer_address", Address), ("product", Product), ("configurable_product", Product),
                  ("stock_item", StockItem)]


@pytest.mark.parametrize(("name", "model"), SANDBOX_BODIES, ids=[name for name, _ in SANDBOX_BODIES])
def test_sandbox_body_loads_with_every_key_declared_and_dumps_back_losslessly(name: str, model: Any) -> None:
    body = sandbox(name)
    loaded = load(model, body)
    assert loaded.extra == {}
    assert_lossless(body, dump(loaded))


def test_sandbox_order_is_typed() -> None:
    order = load(Order, sandbox("order"))
    assert (order.entity_id, order.increment_id, order.state, order.status) == (3, "000000003", "processing",
                                                                                 "processing")
    assert (order.grand_total, order.total_paid, order.total_refunded, order.total_due) == (77.5, 45.0, 13.75, 32.5)
    assert isinstance(order.grand_total, float) and isinstance(order.customer_id, int)
    assert order.customer_dob == "1980-02-29 00:00:00" and order.created_at == "2026-12-03 09:53:13"
    assert order.billing_address is not None and order.billing_address.address_type == "billing"
    assert order.billing_address.street == ["1 Main St", "Suite 4"]
    assert order.payment is not None and order.payment.method == "checkmo"
    # Non-nullable in OrderPaymentInterface, null on the wire.
    assert (order.payment.account_status, order.payment.cc_last4) == (None, None)
    assert order.payment.additional_information == ["Check / Money order"]
    assert [h.entity_name for h in order.status_histories] == [None, "creditmemo"]
    assert order.extension_attributes["payment_additional_info"] == [{"key": "method_title",
                                                                      "value": "Check / Money order"}]


def test_sandbox_configurable_child_line_carries_its_parent_as_an_order_item() -> None:
    simple, parent, child = load(Order, sandbox("order")).items
    assert (simple.product_type, simple.qty_ordered, simple.qty_invoiced, simple.qty_refunded) == ("simple", 3.0,
                                                                                                   2.0, 1.0)
    assert parent.product_type == "configurable" and parent.parent_item is None
    assert parent.product_option["extension_attributes"]["configurable_item_options"] == [
        {"option_id": "93", "option_value": 5}]
    assert child.parent_item_id == 4 and child.parent_item is not None
    assert (child.parent_item.item_id, child.parent_item.product_type) == (parent.item_id, "configurable")


def test_sandbox_order_shipping_comes_from_its_shipping_assignment() -> None:
    order = load(Order, sandbox("order"))
    assert order.shipping_method == "flatrate_flatrate"
    assert order.shipping_address is not None
    assert (order.shipping_address.address_type, order.shipping_address.city) == ("shipping", "Austin")


def test_sandbox_guest_order_has_no_customer_id() -> None:
    order = load(Order, sandbox("guest_order"))
    assert (order.customer_is_guest, order.customer_id, order.customer_group_id) == (1, None, 0)
    assert order.customer_email == "mdl1796291591-guest@example.com"


def test_sandbox_documents_are_typed() -> None:
    invoice = load(Invoice, sandbox("invoice"))
    assert (invoice.entity_id, invoice.order_id, invoice.state, invoice.total_qty, invoice.grand_total) == (
        2, 3, 2, 2.0, 45.0)
    assert [(i.order_item_id, i.qty) for i in invoice.items] == [(3, 2.0)]
    assert [c.comment for c in invoice.comments] == ["Two of three invoiced"]
    shipment = load(Shipment, sandbox("shipment"))
    assert shipment.extension_attributes == {"source_code": "default"} and shipment.packages == []
    (track,) = shipment.tracks
    assert (track.track_number, track.carrier_code, track.order_id) == ("1Z999AA10123456784", "ups", 3)
    # weight, qty and description are required in ShipmentTrackInterface yet sent as null.
    assert (track.weight, track.qty, track.description) == (None, None, None)
    memo = load(CreditMemo, sandbox("creditmemo"))
    assert (memo.adjustment, memo.adjustment_positive, memo.adjustment_negative) == (1.25, 1.5, 0.25)
    assert memo.items[0].base_cost is None and memo.items[0].qty == 1.0
    assert [c.comment for c in memo.comments] == ["One refunded"]


def test_sandbox_customer_and_its_default_addresses() -> None:
    customer = load(Customer, sandbox("customer"))
    (address,) = customer.addresses
    assert customer.default_billing == str(address.id)  # a string in CustomerInterface
    assert customer.default_billing_address == address == customer.default_shipping_address
    assert address.region is not None and (address.region.region_code, address.region.region_id) == ("TX", 57)
    assert (address.default_billing, address.default_shipping) == (True, True)
    assert customer.extension_attributes == {"is_subscribed": False}
    assert load(Address, sandbox("customer_address")) == address


def test_sandbox_product_custom_attributes_become_a_dict() -> None:
    product = load(Product, sandbox("product"))
    assert product.attribute("url_key") == product.sku == "mdl1796291591-simple"
    assert product.attribute("tax_class_id") == "2" and product.attribute("category_ids") == []
    assert product.attribute("no_such_code") is None and product.attribute("no_such_code", "-") == "-"
    assert product.stock_item == load(StockItem, sandbox("stock_item"))
    assert product.stock_item is not None and product.stock_item.use_config_min_sale_qty == 1
    assert product.stock_item.low_stock_date is None and product.stock_item.is_in_stock is True


def test_sandbox_search_results() -> None:
    orders = load_search_result(Order, sandbox("order_search"))
    assert orders.total_count == 1 and [o.entity_id for o in orders.items] == [3]
    assert orders.search_criteria["filter_groups"][0]["filters"][0]["field"] == "customer_email"
    customers = load_search_result(Customer, sandbox("customer_search"))
    assert [c.email for c in customers.items] == ["mdl1796291591@example.com"]
    sources = load_search_result(SourceItem, sandbox("source_items"))
    assert [(s.sku, s.source_code, s.quantity, s.status) for s in sources.items] == [
        ("mdl1796291591-simple", "default", 98.0, 1)]


def test_fields_filter_leaves_total_count_out() -> None:
    # Magento's fields filter applies to the whole body: only items comes back.
    page = load_search_result(Order, sandbox("order_search_fields"))
    assert (page.total_count, page.search_criteria) == (None, {})
    assert [(o.entity_id, o.increment_id, o.items) for o in page.items] == [(3, "000000003", [])]


# --- the emulator, default profile ------------------------------------------------------------------

@pytest.fixture(scope="module")
def emulator() -> Iterator[RestClient]:
    app = make_app(profile="default")
    client = app.test_client()
    yield RestClient(client, admin_token(client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def fetch(rest: RestClient, path: str) -> Any:
    answer = rest.get(path)
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return answer.get_json()


EMULATOR_LISTS = [("/orders", Order), ("/invoices", Invoice), ("/shipments", Shipment),
                  ("/creditmemos", CreditMemo), ("/customers/search", Customer), ("/products", Product),
                  ("/inventory/source-items", SourceItem)]


@pytest.mark.parametrize(("route", "model"), EMULATOR_LISTS, ids=[route for route, _ in EMULATOR_LISTS])
def test_every_emulator_list_item_loads_and_dumps_back_losslessly(emulator: RestClient, route: str,
                                                                   model: Any) -> None:
    body = fetch(emulator, f"{route}?searchCriteria[pageSize]=500")
    page = load_search_result(model, body)
    assert page.total_count == len(page.items) == len(body["items"]) > 0
    for raw, item in zip(body["items"], page.items, strict=True):
        assert_lossless(raw, dump(item))


def test_emulator_orders_cover_every_state_and_their_documents_point_at_them(emulator: RestClient) -> None:
    orders = {o.entity_id: o for o in load_many(Order, fetch(emulator, "/orders?searchCriteria")["items"])}
    assert {o.state for o in orders.values()} == {"new", "pending_payment", "processing", "complete", "closed",
                                                  "holded", "canceled", "payment_review"}
    for route, model in [("/invoices", Invoice), ("/shipments", Shipment), ("/creditmemos", CreditMemo)]:
        for document in load_many(model, fetch(emulator, f"{route}?searchCriteria")["items"]):
            lines = {item.item_id for item in orders[document.order_id].items}
            assert {item.order_item_id for item in document.items} <= lines


def test_emulator_order_by_id_equals_its_list_entry(emulator: RestClient) -> None:
    listed = load_many(Order, fetch(emulator, "/orders?searchCriteria[pageSize]=5")["items"])
    for order in listed:
        assert load(Order, fetch(emulator, f"/orders/{order.entity_id}")) == order


def test_emulator_child_lines_carry_their_parent_and_guests_have_no_customer(emulator: RestClient) -> None:
    orders = load_many(Order, fetch(emulator, "/orders?searchCriteria")["items"])
    children = [item for order in orders for item in order.items if item.parent_item_id is not None]
    assert children
    for child in children:
        assert child.parent_item is not None and child.parent_item.item_id == child.parent_item_id
        assert child.parent_item.product_type in ("configurable", "bundle")
    guests = [order for order in orders if order.customer_is_guest]
    assert guests and all(order.customer_id is None for order in guests)


def test_emulator_products_of_every_type_load_with_attributes_and_stock(emulator: RestClient) -> None:
    products = load_search_result(Product, fetch(emulator, "/products?searchCriteria")).items
    assert {p.type_id for p in products} == {"simple", "configurable", "bundle", "grouped", "virtual",
                                             "downloadable"}
    for product in products:
        assert isinstance(product.attribute("url_key"), str)
        single = load(Product, fetch(emulator, "/products/" + quote(product.sku, safe="")))
        assert single.id == product.id and single.sku == product.sku
        stock = load(StockItem, fetch(emulator, "/stockItems/" + quote(product.sku, safe="")))
        assert single.stock_item is not None and stock.product_id == product.id


def test_emulator_customers_and_their_addresses(emulator: RestClient) -> None:
    customers = load_search_result(Customer, fetch(emulator, "/customers/search?searchCriteria")).items
    with_addresses = [c for c in customers if c.addresses]
    assert with_addresses
    for customer in with_addresses:
        for address in customer.addresses:
            assert address.customer_id == customer.id
            assert load(Address, fetch(emulator, f"/customers/addresses/{address.id}")) == address


def test_emulator_orders_carry_only_declared_keys(emulator: RestClient) -> None:
    orders = load_many(Order, fetch(emulator, "/orders?searchCriteria")["items"])
    assert {key for order in orders for key in order.extra} == set()


# --- completeness against the contract --------------------------------------------------------------

ELEVEN = {"Order": "sales-data-order-interface", "OrderItem": "sales-data-order-item-interface",
          "Invoice": "sales-data-invoice-interface", "Shipment": "sales-data-shipment-interface",
          "Track": "sales-data-shipment-track-interface", "CreditMemo": "sales-data-creditmemo-interface",
          "Customer": "customer-data-customer-interface", "Address": "customer-data-address-interface",
          "Product": "catalog-data-product-interface",
          "StockItem": "catalog-inventory-data-stock-item-interface",
          "SourceItem": "inventory-api-data-source-item-interface"}
SCHEMAS = sorted(ModelSchema.__subclasses__(), key=lambda schema: schema.definition)
SCALAR_FIELDS = {"integer": mf.Integer, "number": mf.Float, "string": mf.String, "boolean": mf.Boolean}


def test_the_eleven_models_and_their_sub_objects_have_schemas() -> None:
    assert {schema.model.__name__: schema.definition for schema in SCHEMAS
            if schema.model.__name__ in ELEVEN} == ELEVEN
    assert len(SCHEMAS) == 21


@pytest.mark.parametrize("schema", SCHEMAS, ids=[schema.definition for schema in SCHEMAS])
def test_schema_declares_every_property_of_its_definition_with_its_type(schema: type[ModelSchema]) -> None:
    definition = SPEC["definitions"][schema.definition]
    camel = "".join(part.capitalize() for part in schema.definition.split("-"))
    assert schema.__name__ == f"{camel}Schema"
    declared = schema().fields
    # Every property is declared (nothing is left to `extra`), and nothing is invented.
    assert set(definition["properties"]) == set(declared)
    for name, prop in definition["properties"].items():
        field = declared[name]
        if "$ref" in prop:
            target = prop["$ref"].rsplit("/", 1)[1]
            if isinstance(field, mf.NestedModel):
                assert field.schema.definition == target, name
            else:
                assert isinstance(field, mf.Object) and target.endswith("-interface"), name
        elif prop["type"] == "array" and "$ref" in prop["items"]:
            target = prop["items"]["$ref"].rsplit("/", 1)[1]
            if isinstance(field, mf.NestedModelList):
                assert field.inner.schema.definition == target, name  # type: ignore[attr-defined]
            else:
                expected = mf.CustomAttributes if name == "custom_attributes" else mf.ObjectList
                assert isinstance(field, expected), name
        elif prop["type"] == "array":
            assert isinstance(field, mf.ScalarList), name
            assert isinstance(field.inner, SCALAR_FIELDS[prop["items"]["type"]]), name
        else:
            assert isinstance(field, SCALAR_FIELDS[prop["type"]]), name


# --- errors -----------------------------------------------------------------------------------------

def test_a_really_wrong_value_raises_model_error_with_marshmallows_messages() -> None:
    with pytest.raises(ModelError) as caught:
        load(Order, {"entity_id": "abc", "grand_total": "ten", "items": [{"item_id": 1}, {"item_id": None}],
                     "billing_address": "Austin"})
    assert isinstance(caught.value, ValueError) and caught.value.model == "Order"
    assert caught.value.messages == {"entity_id": ["Not a valid integer."], "grand_total": ["Not a valid number."],
                                     "items": {1: {"item_id": ["Field may not be null."]}},
                                     "billing_address": {"_schema": ["Invalid input type."]}}


def test_an_entity_without_its_id_is_not_a_model() -> None:
    with pytest.raises(ModelError) as caught:
        load(Customer, {"email": "a@example.com"})
    assert caught.value.messages == {"id": ["Missing data for required field."]}
    with pytest.raises(ModelError, match="SourceItem"):
        load(SourceItem, {"sku": "a", "source_code": None})


def test_load_many_and_search_results_key_errors_by_index() -> None:
    with pytest.raises(ModelError) as caught:
        load_many(Track, [{"entity_id": 1}, {"entity_id": "x"}])
    assert caught.value.messages == {1: {"entity_id": ["Not a valid integer."]}}
    with pytest.raises(ModelError) as caught:
        load_search_result(Track, {"items": [{"entity_id": []}], "total_count": 1})
    assert caught.value.messages == {"items": {0: {"entity_id": ["Not a valid integer."]}}}
    with pytest.raises(ModelError) as caught:
        load_search_result(Track, {"items": [], "total_count": "many"})
    assert caught.value.messages == {"total_count": ["Not a valid integer."]}
    assert load_many(Track, None) == []
    with pytest.raises(ModelError):
        load_many(Track, {"entity_id": 1})


def test_search_result_reads_digit_string_totals_and_keeps_unknown_keys() -> None:
    page = load_search_result(Track, {"items": [{"entity_id": "7"}], "total_count": "31", "search_criteria": [],
                                      "next": "x"})
    assert (page.total_count, page.search_criteria, page.extra, page.items[0].entity_id) == (31, {}, {"next": "x"},
                                                                                             7)


def test_helpers_on_absent_data() -> None:
    order = load(Order, {"entity_id": 1, "is_virtual": 1, "extension_attributes": {"shipping_assignments": []}})
    assert (order.shipping_address, order.shipping_method, order.shipping_assignments) == (None, None, [])
    customer = load(Customer, {"id": 1, "default_billing": "0", "addresses": [{"id": 2}]})
    assert (customer.default_billing_address, customer.default_shipping_address) == (None, None)
    assert load(Product, {"id": 1, "sku": "a", "extension_attributes": []}).stock_item is None


def test_repr_shows_only_what_was_sent() -> None:
    track = load(Track, {"entity_id": "5", "track_number": "1Z", "qty": None, "x-extra": 1})
    assert repr(track) == "Track(entity_id=5, track_number='1Z', extra={'x-extra': 1})"
    assert repr(load(Order, {"entity_id": 1, "items": [], "billing_address": []})) == "Order(entity_id=1)"
