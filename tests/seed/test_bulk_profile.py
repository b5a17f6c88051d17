"""The ``large`` profile's bulk copies (seed/bulk.py), on a small scale: rows consistent with each
other and with Magento's quantity rules, ids from the counters, readable through the REST API."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from fake_magento import Config, create_app
from fake_magento.seed import PROFILES
from tests.support import RestClient, admin_token

SCALED = {"products": 24, "customers": 12, "orders": 30, "category_depth": 6,
          "bulk": {"products": 300, "customers": 120, "orders": 900}}


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: Any) -> Iterator[RestClient]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(PROFILES, "bulk-test", SCALED)
        app = create_app(Config(db_path=str(tmp_path_factory.mktemp("bulk") / "b.db"), profile="bulk-test", seed=9))
        client = app.test_client()
        rest = RestClient(client, admin_token(client, app.extensions["fake_magento"]))
        rest.backend = app.extensions["fake_magento"]  # type: ignore[attr-defined]
        yield rest
        app.extensions["fake_magento"].close()


def rows(rest: RestClient, table: str) -> list[dict[str, Any]]:
    return [dict(r) for r in rest.backend.db.query(f"SELECT * FROM {table}")]  # type: ignore[attr-defined]


def docs(rest: RestClient, table: str) -> list[dict[str, Any]]:
    return [json.loads(r["doc"]) for r in rows(rest, table)]


def test_totals_are_the_profiles(bulk):
    assert [len(rows(bulk, t)) for t in ("catalog_product_entity", "customer_entity", "sales_order")] == [
        300, 120, 900]


def test_every_counter_is_at_least_its_tables_largest_id(bulk):
    sequence = {r["name"]: r["value"] for r in rows(bulk, "sequence")}
    for table, key, name in (("catalog_product_entity", "entity_id", "product"), ("customer_entity", "entity_id",
                             "customer"), ("sales_order", "entity_id", "order"), ("sales_order_item", "item_id",
                             "order_item"), ("sales_invoice", "entity_id", "invoice"), ("sales_shipment", "entity_id",
                             "shipment"), ("sales_creditmemo", "entity_id", "creditmemo"),
                             ("sales_shipment_track", "entity_id", "shipment_track")):
        assert sequence[name] == max(r[key] for r in rows(bulk, table)), table


def test_increment_ids_and_emails_are_unique(bulk):
    for table in ("sales_order", "sales_invoice", "sales_shipment", "sales_creditmemo"):
        increments = [r["increment_id"] for r in rows(bulk, table)]
        assert len(increments) == len(set(increments)), table
    assert sequence_value(bulk, "order_increment_1") == len(rows(bulk, "sales_order"))
    emails = [(r["email"].lower(), r["website_id"]) for r in rows(bulk, "customer_entity")]
    assert len(emails) == len(set(emails))


def sequence_value(rest: RestClient, name: str) -> int:
    return int(next(r["value"] for r in rows(rest, "sequence") if r["name"] == name))


def test_documents_match_the_order_quantities(bulk):
    """qty_invoiced/shipped/refunded of every order row equal its documents' rows, and stay within
    qty_ordered (Sales Order\\Item rules)."""
    sums: dict[str, Counter[int]] = {kind: Counter() for kind in ("invoice", "shipment", "creditmemo")}
    for kind, counts in sums.items():
        for doc in docs(bulk, f"sales_{kind}"):
            for item in doc["items"]:
                counts[item["order_item_id"]] += item["qty"]
    orders = {r["entity_id"]: r for r in rows(bulk, "sales_order")}
    types = {r["item_id"]: r["product_type"] for r in rows(bulk, "sales_order_item")}
    for row in rows(bulk, "sales_order_item"):
        item = json.loads(row["doc"])
        assert row["order_id"] in orders
        assert item["qty_invoiced"] <= item["qty_ordered"]
        assert item["qty_shipped"] <= item["qty_ordered"] - item.get("qty_canceled", 0)
        assert item["qty_refunded"] <= item["qty_invoiced"]
        assert sums["invoice"][row["item_id"]] == item["qty_invoiced"]
        if types.get(row["parent_item_id"]) != "bundle":  # a bundle shipped together ships as its own row
            assert sums["shipment"][row["item_id"]] == item["qty_shipped"]
        assert sums["creditmemo"][row["item_id"]] == item["qty_refunded"]


def test_documents_and_tracks_point_at_their_order(bulk):
    orders = {r["entity_id"]: json.loads(r["doc"]) for r in rows(bulk, "sales_order")}
    items = {r["item_id"]: r["order_id"] for r in rows(bulk, "sales_order_item")}
    for kind in ("invoice", "shipment", "creditmemo"):
        for row in rows(bulk, f"sales_{kind}"):
            doc = json.loads(row["doc"])
            assert doc["order_id"] == row["order_id"] and doc["entity_id"] == row["entity_id"]
            assert {items[i["order_item_id"]] for i in doc["items"]} == {row["order_id"]}
            assert doc["billing_address_id"] == orders[row["order_id"]]["billing_address_id"]
            assert doc["created_at"] >= orders[row["order_id"]]["created_at"]
    shipments = {r["entity_id"]: r["order_id"] for r in rows(bulk, "sales_shipment")}
    for row in rows(bulk, "sales_shipment_track"):
        assert shipments[row["parent_id"]] == row["order_id"]


def test_customer_orders_belong_to_bulk_customers_and_guests_to_none(bulk):
    customers = {r["entity_id"]: r["email"] for r in rows(bulk, "customer_entity")}
    for row in rows(bulk, "sales_order"):
        doc = json.loads(row["doc"])
        assert doc["created_at"] <= doc["updated_at"]
        if doc["customer_is_guest"]:
            assert row["customer_id"] is None
        else:
            assert customers[row["customer_id"]] == row["customer_email"] == doc["customer_email"]
            assert doc["billing_address"]["email"] == row["customer_email"]


def test_a_copied_order_reads_through_the_api_with_its_documents(bulk):
    order = bulk.get("/rest/V1/orders/800").get_json()
    assert order["entity_id"] == 800 and order["increment_id"] == "000000800"
    assert all(i["order_id"] == 800 for i in order["items"])
    invoices = bulk.get("/rest/V1/invoices?searchCriteria[filter_groups][0][filters][0][field]=order_id"
                        "&searchCriteria[filter_groups][0][filters][0][value]=800").get_json()
    assert sum(i["qty"] for inv in invoices["items"] for i in inv["items"]) == sum(
        i["qty_invoiced"] for i in order["items"])


def test_copied_products_sell_through_checkout_and_ids_continue(bulk):
    from urllib.parse import quote

    product = rows(bulk, "catalog_product_entity")[-1]
    assert bulk.get(f"/rest/V1/products/{quote(product['sku'], safe='')}").get_json()["id"] == product["entity_id"]
    backend = bulk.backend  # type: ignore[attr-defined]
    backend.inventory.save_source_items([{"sku": product["sku"], "source_code": "default", "quantity": 10,
                                          "status": 1}])
    order_id = backend.checkout.quick_order(
        store_id=1, email="after.bulk@example.com", lines=[{"sku": product["sku"], "qty": 1}],
        address={"firstname": "A", "lastname": "B", "street": ["1 St"], "city": "Austin", "postcode": "73301",
                 "country_id": "US", "region_id": 57, "region": "Texas", "region_code": "TX",
                 "telephone": "5550100"})
    assert int(order_id) == 901
    assert bulk.get(f"/rest/V1/orders/{order_id}").get_json()["increment_id"] == "000000901"


def test_copied_customers_sign_in_with_the_seeded_password(bulk):
    backend = bulk.backend  # type: ignore[attr-defined]
    creds = backend.db.get_meta("credentials")
    email = rows(bulk, "customer_entity")[-1]["email"]
    response = bulk.with_token(None).post("/rest/V1/integration/customer/token",
                                          {"username": email, "password": creds["customer_password"]})
    assert response.status_code == 200, response.get_data(as_text=True)
