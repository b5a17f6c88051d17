"""Customer profile by email, against the emulator's default profile (seed 42) over a real socket.

The seeded customer rodney.owens.1@example.com (id 1, website base) has twelve of the profile's 200
orders, in store view default, and a second account (id 2) on website eu. The module adds, at a
frozen clock: a guest order with the same email (201, default, shipped with a UPS track), a guest
order of another email (202), a guest order with the same email in store view de (203, EUR) and an
order of the eu account in store view fr (204); and it cancels the seeded order 1.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from connector.client import MagentoClient
from connector.models import Order, load
from connector.operations import profile as profile_module
from connector.operations.profile import (
    AmbiguousCustomer,
    CustomerNotFound,
    CustomerProfiles,
    UnknownWebsite,
    is_fulfilled,
)
from fake_magento import ThreadedServer

from .checkout import DE_ADDRESS, customer_token, place_order
from tests.support.emulator import control, emulator_config, emulator_credentials, start_emulator

EMAIL = "rodney.owens.1@example.com"
TRACK = {"carrier_code": "ups", "title": "United Parcel Service", "track_number": "1ZPROFILE0001"}


@pytest.fixture(scope="module")
def client(emulator: ThreadedServer) -> Iterator[MagentoClient]:
    creds = emulator_credentials(emulator)
    control(emulator, "clock", {"set": "2026-02-01 10:00:00", "freeze": True})
    assert place_order(emulator.url, [("BA16-Navy", 1)], email=EMAIL) == 201
    control(emulator, "clock", {"advance": 60})
    assert place_order(emulator.url, [("BA16-Navy", 1)], email="someone.else@example.com") == 202
    control(emulator, "clock", {"advance": 60})
    assert place_order(emulator.url, [("BA16-Navy", 1)], email=EMAIL, store="de", address=DE_ADDRESS) == 203
    control(emulator, "clock", {"advance": 60})
    token = customer_token(emulator.url, EMAIL, creds["customer_password"], store="fr")
    assert place_order(emulator.url, [("MH01-M-Black", 1)], email=EMAIL, store="fr", token=token,
                       address=DE_ADDRESS) == 204
    control(emulator, "clock", {"reset": True})  # OAuth timestamps are checked against this clock
    with MagentoClient(emulator_config(emulator)) as connector:
        connector.orders.ship(201, tracks=[TRACK])
        assert connector.orders.cancel(1) is True
        yield connector


@pytest.fixture(scope="module")
def base_profile(client: MagentoClient) -> Any:
    return CustomerProfiles(client).lookup(EMAIL, website="base")


def by_id(profile: Any, order_id: int) -> Any:
    return next(o for o in profile.orders if o.order_id == order_id)


def test_the_customer_with_admin_link_name_address_and_since(base_profile, emulator):
    p = base_profile
    assert (p.customer_id, p.name, p.email, p.customer_since) == (1, "Rodney Owens", EMAIL, "2026-01-08 18:03:43")
    assert p.admin_url == f"{emulator.url}/admin/customer/index/edit/id/1/"
    assert (p.website.id, p.website.code, p.website.store_ids) == (1, "base", (1,))
    address = p.default_address
    assert (address.id, address.street, address.city, address.postcode, address.country_id,
            address.region.region_code) == (1, ["5133 Amanda Dam"], "Lake Deniseville", "81080", "US", "CA")


def test_orders_newest_first_with_the_guest_orders_of_the_same_email(base_profile):
    assert base_profile.total_orders == 13
    assert [o.order_id for o in base_profile.orders] == [201, 25, 22, 20, 19, 16, 13, 12, 9, 6]
    assert [o.is_guest for o in base_profile.orders] == [True] + [False] * 9
    # 202 is another email's; 203 and 204 are on website eu


def test_an_order_with_its_deep_link_totals_status_and_tracks(base_profile, emulator):
    assert by_id(base_profile, 16).to_dict() == {
        "order_id": 16, "admin_url": f"{emulator.url}/admin/sales/order/view/order_id/16/",
        "increment_id": "000000016", "created_at": "2025-10-15 05:59:14", "status": "complete",
        "state": "complete", "store": "default", "currency": "USD", "total": 114.0, "discount": 0.0,
        "guest": False, "fulfilled": True,
        "tracking": [{"carrier_code": "dhl", "title": "DHL", "number": "JD2480861317"}],
        "lines": [{"item_id": 34, "name": "Chaz Kangeroo Hoodie", "sku": "MH01-M-Black", "unit_price": 52.0,
                   "qty": 2.0, "product_id": 29, "product_type": "configurable",
                   "product_url": f"{emulator.url}/chaz-kangeroo-hoodie.html"}]}


def test_a_configurable_line_is_shown_once_with_the_child_sku_and_the_parent_url(base_profile, emulator):
    # order 6: a simple and a configurable; Magento's rows are 12 (simple), 13 (configurable, child SKU), 14 (child)
    lines = by_id(base_profile, 6).lines
    assert [(line.item_id, line.sku, line.name, line.qty, line.product_url) for line in lines] == [
        (12, "BA16-Navy", "Cassius Bag 16", 1.0, f"{emulator.url}/cassius-bag-16.html"),
        (13, "MH01-M-Black", "Chaz Kangeroo Hoodie", 2.0, f"{emulator.url}/chaz-kangeroo-hoodie.html")]


def test_a_bundle_line_carries_its_selections(base_profile, emulator):
    bundle = by_id(base_profile, 20).lines[2]
    assert (bundle.sku, bundle.name, bundle.unit_price, bundle.qty, bundle.product_url) == (
        "24-WG080-MH01-M-Black-24-WB04/Blue", "Sprite Yoga Companion Kit", 219.24, 1.0,
        f"{emulator.url}/sprite-yoga-companion-kit.html")
    assert [(c.item_id, c.sku, c.qty, c.product_url) for c in bundle.components] == [
        (47, "MH01-M-Black", 1.0, None),  # a variant, not visible individually: no storefront page
        (48, "24-WB04/Blue", 2.0, f"{emulator.url}/breathe-easy-jacket-2.html")]
    assert len(by_id(base_profile, 20).lines) == 3


def test_a_product_not_visible_individually_has_no_storefront_url(base_profile):
    line = by_id(base_profile, 20).lines[0]
    assert (line.sku, line.product_type, line.product_url) == ("MH01-S-Blue", "simple", None)


def test_fulfilled_follows_what_is_left_to_ship(base_profile):
    assert {o.order_id: (o.order.state, o.fulfilled) for o in base_profile.orders} == {
        201: ("processing", True),   # shipped, not invoiced: nothing left to ship
        25: ("holded", False), 22: ("new", False), 20: ("processing", False), 19: ("new", False),
        16: ("complete", True), 13: ("processing", False), 12: ("new", False), 9: ("new", False),
        6: ("complete", True)}
    guest = by_id(base_profile, 201)
    assert [(t.carrier_code, t.title, t.track_number) for t in guest.tracks] == [
        ("ups", "United Parcel Service", "1ZPROFILE0001")]


def test_lifetime_sales_are_magentos_minus_canceled_with_guest_orders_counted(base_profile):
    # The twelve seeded orders sum to 1889.65; order 1 (276.97) is canceled; the guest order is 17.68.
    assert base_profile.lifetime_sales == {"USD": 1630.36}
    assert base_profile.account_lifetime_sales == {"USD": 1612.68}


def test_limit_and_every_order(client):
    profiles = CustomerProfiles(client)
    assert [o.order_id for o in profiles.lookup(EMAIL, website="base", limit=3).orders] == [201, 25, 22]
    everything = profiles.lookup(EMAIL, website="base", limit=50)
    assert [o.order_id for o in everything.orders][-3:] == [4, 3, 1]
    assert {o.order_id: o.fulfilled for o in everything.orders if o.order_id in (1, 4)} == {1: False, 4: True}
    none = profiles.lookup(EMAIL, website="base", limit=0)
    assert (none.orders, none.total_orders, none.lifetime_sales) == ((), 13, {"USD": 1630.36})


def test_lifetime_sales_over_several_pages(client, monkeypatch):
    monkeypatch.setattr(profile_module, "ORDER_PAGE", 4)
    profile = CustomerProfiles(client).lookup(EMAIL, website="base", limit=2)
    assert [o.order_id for o in profile.orders] == [201, 25]
    assert (profile.total_orders, profile.lifetime_sales, profile.account_lifetime_sales) == (
        13, {"USD": 1630.36}, {"USD": 1612.68})


def test_the_other_website_account_with_euro_orders_of_two_store_views(client, emulator):
    profile = CustomerProfiles(client).lookup(EMAIL, website="eu")
    assert (profile.customer_id, profile.website.code, profile.website.store_ids, profile.total_orders) == (
        2, "eu", (2, 3), 2)
    assert profile.admin_url == f"{emulator.url}/admin/customer/index/edit/id/2/"
    assert [(o.order_id, o.increment_id, o.store_code, o.currency, o.total, o.is_guest)
            for o in profile.orders] == [(204, "3000000001", "fr", "EUR", 57.0, False),
                                          (203, "2000000001", "de", "EUR", 17.68, True)]
    de_line = profile.orders[1].lines[0]
    assert (de_line.name, de_line.sku, de_line.product_url) == (
        "Cassius Tasche 16", "BA16-Navy", f"{emulator.url}/cassius-bag-16.html")
    assert (profile.lifetime_sales, profile.account_lifetime_sales) == ({"EUR": 74.68}, {"EUR": 57.0})
    assert profile.default_address is None


def test_one_email_on_two_websites_needs_a_website(client):
    with pytest.raises(AmbiguousCustomer) as caught:
        CustomerProfiles(client).lookup(EMAIL)
    assert caught.value.websites == ("base", "eu")
    assert str(caught.value) == ("'rodney.owens.1@example.com' has an account on 2 websites (base, eu); "
                                 "choose the website.")


def test_website_by_id_unknown_website_and_unknown_email(client):
    profiles = CustomerProfiles(client)
    assert profiles.lookup(EMAIL, website=2).customer_id == 2
    assert profiles.lookup(EMAIL, website="1").customer_id == 1
    with pytest.raises(UnknownWebsite) as unknown:
        profiles.lookup(EMAIL, website="nope")
    assert (str(unknown.value), unknown.value.websites) == (
        "Unknown website 'nope'; the websites are: base, eu.", ("base", "eu"))
    with pytest.raises(CustomerNotFound) as missing:
        profiles.lookup("nobody@example.com")
    assert str(missing.value) == "No customer account with email 'nobody@example.com'."
    with pytest.raises(CustomerNotFound) as elsewhere:
        profiles.lookup("someone.else@example.com", website="base")  # a guest only: no account
    assert str(elsewhere.value) == "No customer account with email 'someone.else@example.com' on website 'base'."


def test_an_email_with_one_account_needs_no_website(client, emulator):
    row = emulator.backend.db.one("SELECT email FROM customer_entity WHERE entity_id = 3")
    profile = CustomerProfiles(client).lookup(row[0].upper())  # Magento's email match ignores case
    assert (profile.customer_id, profile.website.code, profile.email) == (3, "base", row[0])


def test_calls_per_lookup_products_in_one_search(emulator):
    calls: list[str] = []
    session = requests.Session()
    session.hooks["response"].append(lambda r, *a, **k: calls.append(r.request.path_url.split("?")[0]))
    with MagentoClient(emulator_config(emulator), session=session) as counted:
        profiles = CustomerProfiles(counted)
        profiles.lookup(EMAIL, website="base")
        assert calls == ["/rest/V1/store/storeConfigs", "/rest/V1/store/websites", "/rest/V1/customers/search",
                         "/rest/V1/orders", "/rest/V1/shipments", "/rest/default/V1/products"]
        calls.clear()
        profiles.lookup(EMAIL, website="eu")  # the store directory is kept; one product search per view
        assert calls == ["/rest/V1/customers/search", "/rest/V1/orders", "/rest/de/V1/products",
                         "/rest/fr/V1/products"]


def test_admin_path_and_url_suffix_are_configurable(emulator):
    config = emulator_config(emulator, adminPath="backoffice", productUrlSuffix="")
    with MagentoClient(config) as custom:
        profile = CustomerProfiles(custom).lookup(EMAIL, website="base", limit=6)
    assert profile.admin_url == f"{emulator.url}/backoffice/customer/index/edit/id/1/"
    assert by_id(profile, 16).admin_url == f"{emulator.url}/backoffice/sales/order/view/order_id/16/"
    assert by_id(profile, 16).lines[0].product_url == f"{emulator.url}/chaz-kangeroo-hoodie"
    with MagentoClient(emulator_config(emulator)) as plain:
        suffixed = CustomerProfiles(plain, url_suffix=".htm").lookup(EMAIL, website="base", limit=6)
    assert by_id(suffixed, 16).lines[0].product_url == f"{emulator.url}/chaz-kangeroo-hoodie.htm"


def test_to_dict_is_json(base_profile):
    body = json.loads(json.dumps(base_profile.to_dict()))
    assert (body["customer"]["id"], body["customer"]["website"], body["total_orders"]) == (
        1, {"id": 1, "code": "base", "name": "Main Website"}, 13)
    assert body["customer"]["default_address"]["city"] == "Lake Deniseville"
    assert [o["order_id"] for o in body["orders"]][:2] == [201, 25]


def test_fulfilled_agrees_with_magentos_can_ship():
    """Every open seeded order: the emulator refuses a shipment exactly when the profile says fulfilled."""
    server = start_emulator()
    try:
        with MagentoClient(emulator_config(server)) as fresh:
            orders, _ = fresh.orders.list()
            checked: list[tuple[int, bool]] = []
            for order in orders:
                if order.state not in ("new", "processing") or order.is_virtual:
                    continue
                fulfilled = is_fulfilled(order)
                try:
                    fresh.orders.ship(order.entity_id)
                    refused = False
                except Exception as exc:  # noqa: BLE001 - the refusal's message is checked below
                    assert "The order does not allow a shipment to be created." in str(exc)
                    refused = True
                assert refused is fulfilled, order.entity_id
                checked.append((order.entity_id, fulfilled))
            # 80 open orders; 8, 18 and every twentieth from 29 were shipped before being invoiced:
            # nothing left to ship
            assert (len(checked), [n for n, done in checked if done]) == (
                80, [8, 18, 29, 49, 69, 89, 109, 129, 149, 169, 189])
    finally:
        server.stop()


# -- is_fulfilled on its own --------------------------------------------------------------------------
def order(state: str, *items: dict[str, Any], is_virtual: int = 0) -> Order:
    rows = [{"item_id": n, "qty_ordered": 1, "qty_shipped": 0, "qty_refunded": 0, "qty_canceled": 0,
             "product_type": "simple", "is_virtual": 0, **item} for n, item in enumerate(items, start=1)]
    return load(Order, {"entity_id": 1, "state": state, "is_virtual": is_virtual, "items": rows})


def test_fulfilled_rules():
    assert is_fulfilled(order("complete", {})) and is_fulfilled(order("closed", {}))
    assert not is_fulfilled(order("canceled", {"qty_shipped": 1}))
    assert not is_fulfilled(order("processing", {"is_virtual": 1}, is_virtual=1))  # invoiced means complete
    assert is_fulfilled(order("processing", {"qty_shipped": 1}, {"is_virtual": 1}))  # a virtual line never ships
    assert is_fulfilled(order("holded", {"qty_shipped": 1}))
    # max(shipped, refunded), not their sum: a refunded unit may be one that was shipped
    assert not is_fulfilled(order("processing", {"qty_ordered": 3, "qty_shipped": 1, "qty_refunded": 2}))
    assert is_fulfilled(order("processing", {"qty_ordered": 3, "qty_shipped": 1, "qty_refunded": 3}))
    assert is_fulfilled(order("processing", {"qty_ordered": 3, "qty_shipped": 3, "qty_refunded": 1}))
    assert is_fulfilled(order("processing", {"qty_ordered": 3, "qty_shipped": 2, "qty_canceled": 1}))
    assert is_fulfilled(order("processing", {"locked_do_ship": 1}))
    # configurable: the parent row ships, the child row is a dummy
    assert is_fulfilled(order("processing", {"product_type": "configurable", "qty_shipped": 1},
                              {"parent_item_id": 1}))
    assert not is_fulfilled(order("processing", {"product_type": "configurable"},
                                  {"parent_item_id": 1, "qty_shipped": 1}))
    # bundle shipped separately: the parent row stays at 0 shipped, its selections carry it
    assert is_fulfilled(order("processing", {"product_type": "bundle"}, {"parent_item_id": 1, "qty_shipped": 1}))
    assert not is_fulfilled(order("processing", {"product_type": "bundle", "qty_shipped": 1},
                                  {"parent_item_id": 1}))


quantities = st.integers(min_value=0, max_value=4)


@given(st.lists(st.tuples(quantities, quantities, quantities, quantities), min_size=1, max_size=5),
       st.sampled_from(["new", "processing", "holded"]))
def test_shipping_the_rest_fulfils_and_shipping_more_never_unfulfils(lines, state):
    items = [{"qty_ordered": o, "qty_shipped": s, "qty_refunded": r, "qty_canceled": c} for o, s, r, c in lines]
    before = is_fulfilled(order(state, *items))
    more = [{**i, "qty_shipped": i["qty_shipped"] + 1} for i in items]
    assert is_fulfilled(order(state, *more)) or not before
    rest = [{**i, "qty_shipped": max(i["qty_ordered"], i["qty_shipped"])} for i in items]
    assert is_fulfilled(order(state, *rest))
    left = any(o - max(s, r) - c > 0 for o, s, r, c in lines)
    assert before is not left


# -- real Magento's answers ---------------------------------------------------------------------------
def test_lines_of_a_real_magento_order_show_the_configurable_once(client):
    """tests/connector_tests/fixtures/sandbox_order.json (2.4.7-p3): rows 3 (simple), 4 (configurable, carrying
    the child's SKU and the configurable's product_id 14) and 5 (the child, parent_item_id 4)."""
    from pathlib import Path

    body = json.loads((Path(__file__).parent / "fixtures" / "sandbox_order.json").read_text())
    lines = CustomerProfiles(client)._lines(load(Order, body), None, {})
    assert [(line.item_id, line.sku, line.name, line.unit_price, line.qty, line.product_id) for line in lines] == [
        (3, "mdl1796291591-simple", "mdl1796291591 Simple", 12.5, 3.0, 12),
        (4, "mdl1796291591-red", "mdl1796291591 Configurable", 20.0, 1.0, 14)]


@pytest.mark.sandbox
def test_profile_on_a_real_magento(sandbox_config):
    """MAGENTO_URL (+ credentials) and MAGENTO_CUSTOMER_EMAIL / MAGENTO_CUSTOMER_PASSWORD: an account on
    the default store's website. Creates a product ``prf<epoch>``, orders it as the customer and as a
    guest with the same email, ships the guest order with a track, and looks the customer up."""
    import os
    import time

    email, password = os.environ.get("MAGENTO_CUSTOMER_EMAIL"), os.environ.get("MAGENTO_CUSTOMER_PASSWORD")
    if not (email and password):
        pytest.skip("MAGENTO_CUSTOMER_EMAIL and MAGENTO_CUSTOMER_PASSWORD name the customer to look up")
    base = sandbox_config.url
    sku = f"prf{int(time.time())}"
    with MagentoClient(sandbox_config) as real:
        real.products.create({
            "sku": sku, "name": f"{sku} Profile", "attribute_set_id": 4, "price": 11.5, "status": 1,
            "visibility": 4, "type_id": "simple", "weight": 1,
            "extension_attributes": {"website_ids": [1], "stock_item": {"qty": 100, "is_in_stock": True}},
            "custom_attributes": [{"attribute_code": "url_key", "value": sku}]})
        own = place_order(base, [(sku, 1)], email=email, token=customer_token(base, email, password))
        guest = place_order(base, [(sku, 2)], email=email)
        real.orders.ship(guest, tracks=[{**TRACK, "track_number": f"1Z{sku}"}])
        profiles = CustomerProfiles(real)
        customer, website = profiles.find_customer(email, os.environ.get("MAGENTO_CUSTOMER_WEBSITE"))
        profile = profiles.lookup(email, website=website.code)
        link = profiles.directory().view(1).base_link_url  # type: ignore[union-attr]
    assert profile.customer_id == customer.id
    assert profile.admin_url == f"{base}/admin/customer/index/edit/id/{customer.id}/"
    newest = profile.orders[:2]
    assert [(o.order_id, o.is_guest, o.fulfilled, o.total) for o in newest] == [
        (guest, True, True, 33.0), (own, False, False, 16.5)]  # 11.50 a unit + flat rate 5.00 a unit
    assert newest[0].admin_url == f"{base}/admin/sales/order/view/order_id/{guest}/"
    assert [(t.carrier_code, t.track_number) for t in newest[0].tracks] == [("ups", f"1Z{sku}")]
    assert [(line.sku, line.qty, line.unit_price, line.product_url) for line in newest[0].lines] == [
        (sku, 2.0, 11.5, f"{link.rstrip('/')}/{sku}.html")]
    assert profile.total_orders >= 2
    assert profile.lifetime_sales[newest[0].order.base_currency_code or ""] >= 49.5
