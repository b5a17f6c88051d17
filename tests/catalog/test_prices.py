"""Base, special and tier price storages: partial failures as price-update-result items."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.support import RestClient, admin_token, make_app

SKU = "MH09 L Blue"
ROW = "Row ID: SKU = %SKU, Website ID: %websiteId, Customer Group: %customerGroup, Quantity: %qty."


@pytest.fixture
def client():
    app = make_app(profile="default")
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def product(client):
    return client.get("/products/" + quote(SKU, safe="")).get_json()


def test_base_prices_update_and_read(client):
    assert client.post("/products/base-prices", {"prices": [{"price": 12, "store_id": 0, "sku": SKU}]}).get_json() == []
    assert client.post("/products/base-prices-information", {"skus": [SKU]}).get_json() == [
        {"price": 12, "store_id": 0, "sku": SKU}]
    assert product(client)["price"] == 12


def test_base_prices_partial_failure_keeps_placeholders(client):
    before = product(client)["price"]
    result = client.post("/products/base-prices", {"prices": [
        {"price": -1, "store_id": 9, "sku": "nope"}, {"price": 15, "store_id": 0, "sku": SKU}]}).get_json()
    assert result == [
        {"message": "Invalid attribute %fieldName = %fieldValue.", "parameters": ["SKU", "nope"]},
        {"message": "Invalid attribute %fieldName = %fieldValue.", "parameters": ["Price", "-1"]},
        {"message": "Requested store is not found. Row ID: SKU = %SKU, Store ID: %storeId.", "parameters": ["nope", "9"]},
    ]
    assert before != 15 and product(client)["price"] == 15  # the valid row was stored


def test_special_price_round_trip_and_delete(client):
    row = {"price": 9.5, "store_id": 0, "sku": SKU, "price_from": "2026-01-01 00:00:00",
           "price_to": "2026-02-01 00:00:00"}
    assert client.post("/products/special-price", {"prices": [row]}).get_json() == []
    assert client.post("/products/special-price-information", {"skus": [SKU]}).get_json() == [row]
    custom = {a["attribute_code"]: a["value"] for a in product(client)["custom_attributes"]}
    assert custom["special_price"] == "9.500000"
    assert client.post("/products/special-price-delete", {"prices": [row]}).get_json() == []
    assert client.post("/products/special-price-information", {"skus": [SKU]}).get_json() == []


def test_special_price_messages_are_rendered(client):
    result = client.post("/products/special-price", {"prices": [
        {"price": 1, "store_id": 1, "sku": SKU, "price_from": "2026-13-01"}]}).get_json()
    assert result == [
        {"message": f"Could not change non global Price when price scope is global. Row ID: SKU = {SKU}, "
                    "Store ID: 1, Price From: 2026-13-01, Price To: .", "parameters": [SKU, "1", "2026-13-01", ""]},
        {"message": f"Invalid attribute Price From = . Row ID: SKU = {SKU}, Store ID: 1, Price From: 2026-13-01, "
                    "Price To: .", "parameters": ["Price From", SKU, "1", "2026-13-01", ""]},
    ]


def test_tier_prices(client):
    prices = [{"price": 10, "price_type": "fixed", "website_id": 0, "sku": SKU, "customer_group": "General",
               "quantity": 3},
              {"price": 5, "price_type": "discount", "website_id": 0, "sku": SKU, "customer_group": "ALL GROUPS",
               "quantity": 5}]
    assert client.post("/products/tier-prices", {"prices": prices}).get_json() == []
    assert client.post("/products/tier-prices-information", {"skus": [SKU]}).get_json() == prices
    assert product(client)["tier_prices"] == [
        {"customer_group_id": 1, "qty": 3, "value": 10, "extension_attributes": {"website_id": 0}},
        {"customer_group_id": 32000, "qty": 5, "value": 0,
         "extension_attributes": {"percentage_value": 5, "website_id": 0}}]
    # PUT replaces the product's tier prices
    assert client.put("/products/tier-prices", {"prices": prices[:1]}).get_json() == []
    assert len(client.post("/products/tier-prices-information", {"skus": [SKU]}).get_json()) == 1
    assert client.post("/products/tier-prices-delete", {"prices": prices[:1]}).get_json() == []
    assert client.post("/products/tier-prices-information", {"skus": [SKU]}).get_json() == []


def test_tier_price_validation(client):
    result = client.post("/products/tier-prices", {"prices": [
        {"price": 5, "price_type": "x", "website_id": 7, "sku": SKU, "customer_group": "Nope", "quantity": 0}]}).get_json()
    messages = [r["message"] for r in result]
    assert messages == [f"Invalid attribute Price Type = %priceType. {ROW}", f"Invalid attribute Quantity = %qty. {ROW}",
                        f"Invalid attribute Website ID = %websiteId. {ROW}",
                        f"No such entity with Customer Group = %customerGroup. {ROW}"]
    assert result[1]["parameters"] == [SKU, "7", "Nope", "0"]
    duplicate = {"price": 5, "price_type": "fixed", "website_id": 0, "sku": SKU, "customer_group": "General",
                 "quantity": 2}
    dup = client.post("/products/tier-prices", {"prices": [duplicate, duplicate]}).get_json()
    assert len(dup) == 1 and dup[0]["message"].startswith("We found a duplicate website, tier price")


def test_wrong_types(client):
    resp = client.post("/products/base-prices", {"prices": [{"price": "abc", "store_id": 0, "sku": SKU}]})
    assert resp.status_code == 400
    assert resp.get_json()["message"].startswith('Error occurred during "price" processing.')
