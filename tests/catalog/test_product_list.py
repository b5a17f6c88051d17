"""GET /V1/products: EAV filters with store fallback, product custom filters, category links."""
from __future__ import annotations

import pytest

from tests.support import RestClient, admin_token, make_app, search_query


@pytest.fixture(scope="module")
def client():
    app = make_app(profile="default")
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def q(*filters, sort=None, **extra) -> str:
    return "/products?" + search_query(filters, [sort] if sort else (), **extra)


def test_list_shape_and_echo(client):
    body = client.get(q([("sku", "MH09 L Blue", None)], pageSize=2, currentPage=1)).get_json()
    assert body["total_count"] == 1 and body["items"][0]["sku"] == "MH09 L Blue"
    assert body["search_criteria"] == {"filter_groups": [{"filters": [
        {"field": "sku", "value": "MH09 L Blue", "condition_type": "eq"}]}], "page_size": 2, "current_page": 1}


def test_name_filter_uses_the_store_view_value(client):
    german = client.get(q([("name", "%Kapuzenpullover%", "like")]).replace("/products", "/rest/de/V1/products"))
    default = client.get(q([("name", "%Kapuzenpullover%", "like")]))
    assert german.get_json()["total_count"] > 0 and default.get_json()["total_count"] == 0
    assert all("Kapuzenpullover" in p["name"] for p in german.get_json()["items"])


def test_sort_by_price_and_custom_attribute_filter(client):
    body = client.get(q([("color", "57,59", "in")], sort=("price", "ASC"))).get_json()
    prices = [p["price"] for p in body["items"]]
    assert prices == sorted(prices)
    assert all({a["attribute_code"]: a["value"] for a in p["custom_attributes"]}["color"] in ("57", "59")
               for p in body["items"])


def test_category_filter_defaults_to_in_and_is_anded(client):
    everything = client.get(q()).get_json()["items"]
    category = everything[0]["extension_attributes"]["category_links"][0]["category_id"]
    expected = {p["sku"] for p in everything
                if category in [link["category_id"] for link in p["extension_attributes"].get("category_links", [])]}
    body = client.get(q([("category_id", category, None)])).get_json()
    assert {p["sku"] for p in body["items"]} == expected
    # inside an OR group the category filter is still AND'ed
    ored = client.get(q([("sku", everything[1]["sku"], None), ("category_id", category, None)])).get_json()
    assert {p["sku"] for p in ored["items"]} <= expected


def test_website_and_store_filters(client):
    total = client.get(q()).get_json()["total_count"]
    assert client.get(q([("website_id", "2", None)])).get_json()["total_count"] == total  # seeded through `all`
    assert client.get(q([("store_id", "de", None)])).get_json()["total_count"] == total


def test_unknown_attribute_filter(client):
    resp = client.get(q([("no_such_attribute", "1", None)]))
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'The "%1" attribute name is invalid. Reset the name and try again.',
                               "parameters": ["no_such_attribute"]}


def test_pagination_past_the_end(client):
    body = client.get(q(pageSize=100, currentPage=99)).get_json()
    assert body["items"] == [] and body["total_count"] == 199


def test_fields_on_products(client):
    body = client.get(q(pageSize=1) + "&fields=items[sku,extension_attributes[website_ids]],total_count").get_json()
    assert body == {"items": [{"sku": "MH09 L Blue", "extension_attributes": {"website_ids": [1, 2]}}],
                    "total_count": 199}
