"""Tier prices through the product (ProductRepositoryInterfaceTest::testTierPrices) and the legacy
group-price routes (ProductTierPriceManagementTest; Catalog/Model/Product/TierPriceManagement)."""
from __future__ import annotations

import pytest

ALL_GROUPS = 32000


def tiers(product):
    return [(t["customer_group_id"], t["qty"], t["value"]) for t in product["tier_prices"]]


def save(admin, **fields):
    body = {"sku": "tiered", "name": "Tiered", "price": 3.62, "type_id": "simple", "attribute_set_id": 4, **fields}
    resp = admin.post("/products", {"product": body})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_tier_prices_through_the_product(admin):
    created = save(admin, tier_prices=[{"customer_group_id": 0, "value": 3.14, "qty": 5},
                                       {"customer_group_id": ALL_GROUPS, "value": 3.45, "qty": 10}])
    assert tiers(created) == [(0, 5, 3.14), (ALL_GROUPS, 10, 3.45)]
    assert created["tier_prices"][0]["extension_attributes"] == {"website_id": 0}
    updated = save(admin, tier_prices=[{"customer_group_id": 0, "value": 3.33, "qty": 6},
                                       {"customer_group_id": 1, "value": 2.10, "qty": 12}])
    assert tiers(updated) == [(0, 6, 3.33), (1, 12, 2.1)]
    assert tiers(save(admin)) == [(0, 6, 3.33), (1, 12, 2.1)]      # not sent: unchanged
    assert tiers(save(admin, tier_prices=None)) == [(0, 6, 3.33), (1, 12, 2.1)]  # null: unchanged
    assert save(admin, tier_prices=[])["tier_prices"] == []          # empty: removed
    assert admin.delete("/products/tiered").get_json() is True


def test_percentage_tier_price(admin):
    product = save(admin, tier_prices=[{"customer_group_id": 1, "value": 0, "qty": 2,
                                        "extension_attributes": {"percentage_value": 10}}])
    assert product["tier_prices"][0]["extension_attributes"] == {"percentage_value": 10, "website_id": 0}


@pytest.fixture
def simple(admin):
    # the fixture of ProductTierPriceManagementTest: group 0 at qty 3 (5) and 5, all groups at 2 (8) and 5
    return save(admin, tier_prices=[{"customer_group_id": 0, "qty": 3, "value": 5},
                                    {"customer_group_id": 0, "qty": 5, "value": 4},
                                    {"customer_group_id": 0, "qty": 7, "value": 3},
                                    {"customer_group_id": ALL_GROUPS, "qty": 2, "value": 8},
                                    {"customer_group_id": ALL_GROUPS, "qty": 5, "value": 7}])


@pytest.mark.parametrize("group, count, value, qty", [("0", 3, 5, 3), ("1", 0, None, None), ("all", 2, 8, 2)])
def test_group_price_list(admin, simple, group, count, value, qty):
    listed = admin.get(f"/products/tiered/group-prices/{group}/tiers").get_json()
    assert len(listed) == count
    if count:
        assert (listed[0]["value"], listed[0]["qty"]) == (value, qty)
        assert listed[0]["customer_group_id"] == (ALL_GROUPS if group == "all" else int(group))


def test_group_price_add_and_update(admin, simple):
    assert admin.post("/products/tiered/group-prices/1/tiers/50/price/10").get_json() is True
    assert [(t["qty"], t["value"]) for t in admin.get("/products/tiered/group-prices/1/tiers").get_json()] == [
        (50, 10)]
    assert admin.post("/products/tiered/group-prices/all/tiers/50/price/20").get_json() is True
    listed = admin.get("/products/tiered/group-prices/all/tiers").get_json()
    assert len(listed) == 3 and (listed[2]["value"], listed[2]["qty"]) == (20, 50)
    # testUpdateWithAllGroups: an existing all-groups row at that quantity gets the new price
    assert admin.post("/products/tiered/group-prices/all/tiers/2/price/20").get_json() is True
    listed = admin.get("/products/tiered/group-prices/all/tiers").get_json()
    assert len(listed) == 3 and listed[0]["value"] == 20
    assert (ALL_GROUPS, 2, 20) in tiers(admin.get("/products/tiered").get_json())


@pytest.mark.parametrize("group, qty", [("0", 3), ("all", 5)])
def test_group_price_delete(admin, simple, group, qty):
    all_scope = admin.with_prefix("/rest/all/V1")
    assert all_scope.delete(f"/products/tiered/group-prices/{group}/tiers/{qty}").get_json() is True
    resp = all_scope.delete(f"/products/tiered/group-prices/{group}/tiers/{qty}")
    assert resp.status_code == 404
    assert resp.get_json() == {
        "message": "Product hasn't group price with such data: customerGroupId = '%1', website = %2, qty = %3",
        "parameters": [group, 0, qty]}


def test_group_price_errors(admin, simple):
    invalid = (400, {"message": "The data was invalid. Verify the data and try again."})
    for url in ("tiered/group-prices/1/tiers/50/price/0", "tiered/group-prices/1/tiers/-1/price/3"):
        resp = admin.post("/products/" + url)
        assert (resp.status_code, resp.get_json()) == invalid
    resp = admin.post("/products/tiered/group-prices/1/tiers/50/price/abc")
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'The "abc" value\'s type is invalid. The "float" type was expected. Verify and try again.'})
    resp = admin.post("/products/tiered/group-prices/777/tiers/50/price/3")
    assert (resp.status_code, resp.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "id", "fieldValue": "777"}})
    for resp in (admin.get("/products/nope/group-prices/1/tiers"),
                 admin.post("/products/nope/group-prices/1/tiers/5/price/3"),
                 admin.delete("/products/nope/group-prices/1/tiers/5")):
        assert resp.status_code == 404
        assert resp.get_json() == {
            "message": "The product that was requested doesn't exist. Verify the product and try again."}
