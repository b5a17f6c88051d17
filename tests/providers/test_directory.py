"""The region directory and the three address readers, on cases measured on a 2.4.7-p3 sandbox
(customer 49-57, guest cart 174 and its order, 2026-12-03)."""
from __future__ import annotations

from typing import Any

import pytest

from fake_magento.backend.directory import customer_region, directory, order_region_code, quote_region
from fake_magento.errors import InputError


def test_directory_holds_magentos_ids_codes_and_names():
    regions = directory()
    assert len(regions.countries()) == 43
    assert sum(len(regions.regions(c)) for c in regions.countries()) == 1156
    assert regions.get(12).name == "California" and regions.get(12).code == "CA"
    assert regions.get(82).country_id == "DE" and regions.get(82).code == "BER"
    assert regions.by_code("US", "tx").region_id == 57
    assert regions.regions("GB") == () and not regions.has_regions("GB")
    assert {"US", "CA", "DE", "FR", "IT", "ES", "CH", "AT"} <= set(regions.countries())


# -- customer addresses ----------------------------------------------------------------------------
def test_customer_region_id_gives_the_directory_name_and_code_whatever_text_was_sent():
    assert customer_region("US", 12, {"region": "Foo", "region_code": "ZZ"}) == \
        {"region_code": "CA", "region": "California", "region_id": 12}


@pytest.mark.parametrize(("country", "region_id"), [("DE", 12), ("US", 9999)])
def test_customer_region_id_not_of_the_country_is_refused(country: str, region_id: int):
    with pytest.raises(InputError) as caught:
        customer_region(country, region_id, {})
    assert caught.value.message == 'Invalid value of "%value" provided for the %fieldName field.'
    assert caught.value.parameters == {"fieldName": "regionId", "value": str(region_id)}


def test_customer_region_id_of_a_country_without_regions_is_kept_bare():
    assert customer_region("GB", 12, {"region": "Kent"}) == {"region_code": None, "region": None, "region_id": 12}


def test_customer_region_text_is_also_the_code_and_a_code_alone_is_dropped():
    assert customer_region("US", 0, {"region": "Texas", "region_code": "TX"}) == \
        {"region_code": "Texas", "region": "Texas", "region_id": 0}
    assert customer_region("US", None, {"region_code": "TX"}) == \
        {"region_code": None, "region": None, "region_id": 0}


def _address(**extra: Any) -> dict[str, Any]:
    return {"firstname": "A", "lastname": "B", "street": ["1 Main"], "city": "X", "postcode": "10001",
            "telephone": "1", **extra}


def test_customer_saved_with_only_region_ids_reads_names_and_codes(admin):
    resp = admin.post("/customers", {"customer": {"email": "regions@example.com", "firstname": "A", "lastname": "B",
                                                  "addresses": [_address(country_id="US", region_id=12),
                                                                _address(country_id="DE", region_id=82),
                                                                _address(country_id="US", region={"region_id": 43})]}})
    assert resp.status_code == 200, resp.get_json()
    expected = [{"region_code": "CA", "region": "California", "region_id": 12},
                {"region_code": "BER", "region": "Berlin", "region_id": 82},
                {"region_code": "NY", "region": "New York", "region_id": 43}]
    assert [a["region"] for a in resp.get_json()["addresses"]] == expected
    again = admin.get(f"/customers/{resp.get_json()['id']}").get_json()
    assert [a["region"] for a in again["addresses"]] == expected
    assert [a["region_id"] for a in again["addresses"]] == [12, 82, 43]


def test_customer_with_a_region_of_another_country_is_refused_and_not_saved(admin):
    resp = admin.post("/customers", {"customer": {"email": "wrong-region@example.com", "firstname": "A",
                                                  "lastname": "B",
                                                  "addresses": [_address(country_id="DE", region_id=12)]}})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'Invalid value of "%value" provided for the %fieldName field.',
                               "parameters": {"fieldName": "regionId", "value": "12"}}
    search = admin.get("/customers/search?searchCriteria[filter_groups][0][filters][0][field]=email"
                       "&searchCriteria[filter_groups][0][filters][0][value]=wrong-region@example.com")
    assert search.get_json()["total_count"] == 0


# -- quote (cart) addresses ------------------------------------------------------------------------
@pytest.mark.parametrize(("sent", "read"), [
    ({"country_id": "US", "region_id": 12}, ("California", 12, "CA")),
    ({"country_id": "DE", "region_id": 12}, (None, 12, None)),
    ({"country_id": "US", "region": "Texas"}, ("Texas", None, "Texas")),
    ({"country_id": "US", "region_id": 9999}, (None, 9999, None)),
    ({"country_id": "GB", "region_id": 12, "region": "Kent"}, ("Kent", 12, None)),
    ({"country_id": "US", "region_id": 12, "region": "Foo", "region_code": "ZZ"}, ("California", 12, "CA")),
    ({"country_id": "US", "region_code": "TX"}, ("Texas", 57, "TX")),
])
def test_quote_region_as_a_cart_reads_it_back(sent: dict[str, Any], read: tuple[Any, Any, Any]):
    out = quote_region(sent)
    assert (out["region"], out["region_id"], out["region_code"]) == read


def test_cart_and_order_addresses_with_only_region_ids_are_filled():
    from tests.support import RestClient, admin_token, make_app

    app = make_app("default")
    try:
        backend = app.extensions["fake_magento"]
        flask_client = app.test_client()
        guest = RestClient(flask_client)
        admin = RestClient(flask_client, admin_token(flask_client, backend))
        sku = next(r["sku"] for r in backend.db.query(
            "SELECT sku FROM catalog_product_entity WHERE type_id='simple' ORDER BY entity_id")
            if backend.inventory.is_salable(r["sku"], 1, 1))
        cart = guest.post("/guest-carts").get_json()
        assert guest.post(f"/guest-carts/{cart}/items", {"cartItem": {"sku": sku, "qty": 1}}).status_code == 200
        shipping = _address(country_id="US", region_id=12, email="r@example.com")
        billing = _address(country_id="DE", region_id=82, email="r@example.com")
        resp = guest.post(f"/guest-carts/{cart}/shipping-information", {"addressInformation": {
            "shipping_address": shipping, "billing_address": billing,
            "shipping_carrier_code": "flatrate", "shipping_method_code": "flatrate"}})
        assert resp.status_code == 200, resp.get_json()
        read = guest.get(f"/guest-carts/{cart}/billing-address").get_json()
        assert (read["region"], read["region_id"], read["region_code"]) == ("Berlin", 82, "BER")
        order_id = guest.put(f"/guest-carts/{cart}/order", {"paymentMethod": {"method": "checkmo"}}).get_json()
        order = admin.get(f"/orders/{order_id}").get_json()
        ship_to = order["extension_attributes"]["shipping_assignments"][0]["shipping"]["address"]
        assert (ship_to["region"], ship_to["region_id"], ship_to["region_code"]) == ("California", 12, "CA")
        bill_to = order["billing_address"]
        assert (bill_to["region"], bill_to["region_id"], bill_to["region_code"]) == ("Berlin", 82, "BER")
        # measured on order 174: the text stays as sent, the code is the directory's when the country matches
        for country, text, code in (("US", "Lone Star", "TX"), ("DE", "Somewhere", "Somewhere")):
            answer = admin.put(f"/orders/{order_id}", {"entity": {
                **_address(country_id=country, region_id=57, region=text), "email": "r@example.com",
                "entity_id": bill_to["entity_id"],
                "parent_id": order_id, "address_type": "billing"}})
            assert answer.status_code == 200, answer.get_json()
            assert (answer.get_json()["region"], answer.get_json()["region_code"]) == (text, code)
            read = admin.get(f"/orders/{order_id}").get_json()["billing_address"]
            assert (read["region"], read["region_id"], read["region_code"]) == (text, 57, code)
    finally:
        app.extensions["fake_magento"].close()


# -- order addresses -------------------------------------------------------------------------------
@pytest.mark.parametrize(("address", "code"), [
    ({"country_id": "US", "region_id": 12, "region": "Anything"}, "CA"),
    ({"country_id": "DE", "region_id": 12, "region": "Somewhere"}, "Somewhere"),
    ({"country_id": "US", "region": "57"}, "TX"),
    ({"country_id": "GB", "region": "Kent"}, "Kent"),
    ({"country_id": "GB"}, None),
])
def test_order_region_code_follows_order_address_get_region_code(address: dict[str, Any], code: str | None):
    assert order_region_code(address) == code
