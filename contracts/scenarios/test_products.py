"""Every product type's shape (Catalog/Api/Data/ProductInterface and each type's extension attributes).

Each product is created through ``POST /V1/products`` and read back; the scenarios assert what a
client relies on: the type, price, stock, the type's own extension attributes and how they link up.
"""
from __future__ import annotations

from functools import partial
from typing import Any

import pytest

from contracts.builders import create_product, ok, product_payload, text_file
from contracts.client import MagentoClient
from contracts.target import Target

STOCK_KEYS = {"item_id", "product_id", "stock_id", "qty", "is_in_stock", "manage_stock", "min_sale_qty",
              "max_sale_qty", "backorders"}


def custom(product: dict[str, Any]) -> dict[str, Any]:
    return {a["attribute_code"]: a["value"] for a in product.get("custom_attributes", [])}


def read(target: Target, sku: str) -> dict[str, Any]:
    return dict(ok(target.client().get("/V1/products/{sku}", sku=sku)))


def test_simple_product(target: Target) -> None:
    created = create_product(target, "simple", price=12.5, qty=100)
    product = read(target, created["sku"])
    assert product["type_id"] == "simple" and product["price"] == 12.5 and product["weight"] == 1
    assert product["id"] == created["id"] and isinstance(product["id"], int)
    assert product["status"] == 1 and product["visibility"] == 4 and product["attribute_set_id"] == 4
    stock = product["extension_attributes"]["stock_item"]
    assert STOCK_KEYS <= set(stock)
    assert stock["qty"] == 100 and stock["is_in_stock"] is True and stock["product_id"] == product["id"]
    assert product["extension_attributes"]["website_ids"] == [1]
    assert custom(product)["url_key"] == f"{created['sku']}-name".lower()
    assert product["options"] == [] and product["media_gallery_entries"] == []


def test_virtual_product_has_no_weight(target: Target) -> None:
    created = create_product(target, "virtual", type_id="virtual", price=7)
    product = read(target, created["sku"])
    assert product["type_id"] == "virtual" and product["price"] == 7
    assert "weight" not in product


def test_update_changes_only_what_is_sent(target: Target) -> None:
    created = create_product(target, "update", price=10)
    sku = created["sku"]
    saved = ok(target.client().put("/V1/products/{sku}", {"product": {"sku": sku, "price": 11.25}}, sku=sku))
    assert saved["price"] == 11.25 and saved["name"] == created["name"]
    assert read(target, sku)["price"] == 11.25


def test_delete_then_404(target: Target) -> None:
    client = target.client()
    sku = target.unique("delete-me")
    ok(client.post("/V1/products", {"product": product_payload(sku)}))
    assert ok(client.delete("/V1/products/{sku}", sku=sku)) is True
    gone = client.get("/V1/products/{sku}", sku=sku)
    assert gone.status == 404


def _colour_attribute(target: Target, client: MagentoClient) -> dict[str, Any]:
    """``color`` in the default attribute set, assigned (and unassigned at cleanup) when it is not."""
    attribute = dict(ok(client.get("/V1/products/attributes/{code}", code="color")))
    in_set = {a["attribute_code"] for a in ok(client.get("/V1/products/attribute-sets/{id}/attributes", id=4))}
    if "color" not in in_set:
        groups = ok(client.get("/V1/products/attribute-sets/groups/list", query=[
            ("searchCriteria[filter_groups][0][filters][0][field]", "attribute_set_id"),
            ("searchCriteria[filter_groups][0][filters][0][value]", "4")]))["items"]
        group = min(groups, key=lambda g: int(g["attribute_group_id"]))
        ok(client.post("/V1/products/attribute-sets/attributes", {
            "attributeSetId": 4, "attributeGroupId": group["attribute_group_id"], "attributeCode": "color",
            "sortOrder": 999}))
        target.ledger.add("attribute-set assignment", "color in set 4", lambda: client.delete(
            "/V1/products/attribute-sets/{setId}/attributes/{code}", setId=4, code="color"))
    return attribute


@pytest.fixture(scope="module")
def colours(target: Target) -> tuple[dict[str, Any], list[str]]:
    """Two new options of ``color``, named with the prefix (removed at cleanup)."""
    client = target.client()
    attribute = _colour_attribute(target, client)
    values = []
    for label in ("red", "blue"):
        answer = ok(client.post("/V1/products/attributes/{code}/options", {"option": {
            "label": f"{target.prefix}-{label}", "sort_order": 0, "is_default": False}}, code="color"))
        value = str(answer).removeprefix("id_")
        assert value.isdigit(), answer
        values.append(value)
        target.alias(value, f"color option {label}")
        target.ledger.add("attribute option", f"color {value}", partial(
            client.delete, "/V1/products/attributes/{code}/options/{optionId}", code="color", optionId=value))
    return attribute, values


def test_configurable_product_links_its_children(target: Target, colours: Any) -> None:
    attribute, values = colours
    children = [create_product(target, f"conf-child-{n}", price=10 + n, visibility=1,
                               custom_attributes=[{"attribute_code": "color", "value": v}])
                for n, v in enumerate(values)]
    created = create_product(target, "configurable", type_id="configurable", price=None, qty=None, extension_attributes={
        "configurable_product_options": [{"attribute_id": str(attribute["attribute_id"]), "label": "Colour",
                                          "position": 0, "values": [{"value_index": int(v)} for v in values]}],
        "configurable_product_links": [c["id"] for c in children]})
    product = read(target, created["sku"])
    ext = product["extension_attributes"]
    assert product["type_id"] == "configurable"
    assert sorted(ext["configurable_product_links"]) == sorted(c["id"] for c in children)
    (option,) = ext["configurable_product_options"]
    assert option["attribute_id"] == str(attribute["attribute_id"]) and option["label"] == "Colour"
    assert sorted(v["value_index"] for v in option["values"]) == sorted(int(v) for v in values)
    assert option["product_id"] == product["id"]
    client = target.client()
    found = ok(client.get("/V1/configurable-products/{sku}/children", sku=created["sku"]))
    assert sorted(c["sku"] for c in found) == sorted(c["sku"] for c in children)
    assert sorted(custom(c)["color"] for c in found) == sorted(values)
    (listed,) = ok(client.get("/V1/configurable-products/{sku}/options/all", sku=created["sku"]))
    assert listed["id"] == option["id"] and listed["attribute_id"] == option["attribute_id"]
    assert sorted(v["value_index"] for v in listed["values"]) == sorted(int(v) for v in values)


def test_bundle_product_options_and_selections(target: Target) -> None:
    child = create_product(target, "bundle-child", price=8)
    sku = target.unique("bundle")
    payload = product_payload(sku, "bundle", price=None, qty=None, custom_attributes=[
        {"attribute_code": code, "value": "0"} for code in ("price_type", "price_view", "shipment_type",
                                                            "sku_type", "weight_type")],
        extension_attributes={"bundle_product_options": [{
            "title": "Pick one", "type": "select", "required": True, "position": 1, "sku": sku,
            "product_links": [{"sku": child["sku"], "qty": 1, "is_default": True, "price": 0, "price_type": 0,
                               "can_change_quantity": 0, "position": 1}]}]})
    client = target.client()
    ok(client.post("/V1/products", {"product": payload}))
    target.ledger.add("product", sku, lambda: client.delete("/V1/products/{sku}", sku=sku))
    product = read(target, sku)
    assert product["type_id"] == "bundle"
    (option,) = product["extension_attributes"]["bundle_product_options"]
    assert option["title"] == "Pick one" and option["type"] == "select" and option["required"] is True
    assert option["sku"] == sku and isinstance(option["option_id"], int)
    (link,) = option["product_links"]
    assert link["sku"] == child["sku"] and link["qty"] == 1 and link["is_default"] is True
    assert link["option_id"] == option["option_id"] and isinstance(link["id"], str)
    assert custom(product)["price_type"] == "0"
    options = ok(client.get("/V1/bundle-products/{sku}/options/all", sku=sku))
    assert [o["option_id"] for o in options] == [option["option_id"]]
    children = ok(client.get("/V1/bundle-products/{productSku}/children", productSku=sku))
    assert [c["sku"] for c in children] == [child["sku"]]


NO_LINK_SAVE = "The product was unable to be saved. Please try again."


def test_grouped_product_associates_its_children(target: Target) -> None:
    child = create_product(target, "grouped-child", price=4)
    sku = target.unique("grouped")
    payload = product_payload(sku, "grouped", price=None, qty=None, product_links=[{
        "sku": sku, "link_type": "associated", "linked_product_sku": child["sku"], "linked_product_type": "simple",
        "position": 1, "extension_attributes": {"qty": 2}}])
    client = target.client()
    answer = client.post("/V1/products", {"product": payload})
    if answer.status == 400 and answer.message == NO_LINK_SAVE:
        # Saving product links reindexes the search engine; a store without one (the offline
        # sandbox, catalogsearch_fulltext on save) refuses. Not a contract property.
        pytest.skip("the target cannot save product links (no search engine)")
    ok(answer)
    target.ledger.add("product", sku, lambda: client.delete("/V1/products/{sku}", sku=sku))
    product = read(target, sku)
    assert product["type_id"] == "grouped"
    (link,) = product["product_links"]
    assert link["link_type"] == "associated" and link["linked_product_sku"] == child["sku"]
    assert link["linked_product_type"] == "simple" and link["extension_attributes"] == {"qty": 2}
    links = ok(client.get("/V1/products/{sku}/links/{type}", sku=sku, type="associated"))
    assert [item["linked_product_sku"] for item in links] == [child["sku"]]


def test_downloadable_product_with_a_file_link(target: Target) -> None:
    """A file link sent as ``link_file_content`` is stored under Magento's dispersion path
    (measured on 2.4.7-p3: ``/m/a/manual.pdf``)."""
    sku = target.unique("download")
    payload = product_payload(sku, "downloadable", price=3, extension_attributes={
        "stock_item": {"qty": 100, "is_in_stock": True},
        "downloadable_product_links": [{
            "title": "Manual", "sort_order": 1, "is_shareable": 0, "price": 2, "number_of_downloads": 3,
            "link_type": "file", "link_file_content": text_file("manual.pdf", "%PDF-1.4 contract kit")}]})
    client = target.client()
    ok(client.post("/V1/products", {"product": payload}))
    target.ledger.add("product", sku, lambda: client.delete("/V1/products/{sku}", sku=sku))
    product = read(target, sku)
    assert product["type_id"] == "downloadable" and "weight" not in product
    (link,) = product["extension_attributes"]["downloadable_product_links"]
    assert link["title"] == "Manual" and link["link_type"] == "file" and link["number_of_downloads"] == 3
    assert link["link_file"].startswith("/m/a/manual") and link["link_file"].endswith(".pdf")
    links = ok(client.get("/V1/products/{sku}/downloadable-links", sku=sku))
    assert [item["id"] for item in links] == [link["id"]]


def test_product_types_are_listed(target: Target) -> None:
    types = {t["name"] for t in ok(target.client().get("/V1/products/types"))}
    assert {"simple", "virtual", "configurable", "bundle", "grouped", "downloadable"} <= types
