"""Sources and their in-store-pickup extension attributes (InventoryInStorePickup), and what a save checks.

Evidence: each sequence below was run on the 2.4.7-p3 sandbox with a source of our own; the default
source's shape is in the contract recording (test_inventory.py::test_default_source_and_stock).
Source: InventoryInStorePickup Plugin/InventoryApi/SourceRepository/SaveInStorePickupPlugin,
Model/Source/InitPickupLocationExtensionAttributes and Model/Source/Validator/*.
"""
from __future__ import annotations

BASE = {"source_code": "pickup_a", "name": "Pickup A", "country_id": "US", "postcode": "10001", "enabled": True}
PICKUP = {"is_pickup_location_active": True}


def _source(admin, code="pickup_a"):
    return admin.get(f"/inventory/sources/{code}").get_json()


def _errors(resp):
    assert resp.status_code == 400 and resp.get_json()["message"] == "Validation Failed"
    return [(e["message"], e["parameters"]) for e in resp.get_json()["errors"]]


def empty_for_pickup(field):
    return ('"%field" can not be empty for Pickup Location.', {"field": field})


def test_a_new_source_is_no_pickup_location_and_shows_its_name(admin):
    assert admin.post("/inventory/sources", {"source": BASE}).get_json() == []
    assert _source(admin) == {**BASE, "use_default_carrier_config": True, "carrier_links": [],
                              "extension_attributes": {"is_pickup_location_active": False,
                                                       "frontend_name": "Pickup A"}}


def test_a_pickup_location_needs_city_street_and_phone(admin):
    resp = admin.post("/inventory/sources", {"source": {**BASE, "extension_attributes": PICKUP}})
    assert _errors(resp) == [empty_for_pickup("city"), empty_for_pickup("street"), empty_for_pickup("phone")]
    assert admin.get("/inventory/sources/pickup_a").status_code == 404


def test_the_phone_check_reads_the_city(admin):
    """Magento's PhoneValidator tests the city: street and phone given, city missing -> city and phone."""
    resp = admin.post("/inventory/sources", {"source": {**BASE, "street": "x", "phone": "1",
                                                        "extension_attributes": PICKUP}})
    assert _errors(resp) == [empty_for_pickup("city"), empty_for_pickup("phone")]
    resp = admin.post("/inventory/sources", {"source": {**BASE, "city": "NYC", "street": "x",
                                                        "extension_attributes": PICKUP}})
    assert resp.get_json() == []


def test_the_default_source_cannot_be_a_pickup_location(admin):
    resp = admin.put("/inventory/sources/default", {"source": {
        "name": "Default Source", "country_id": "US", "postcode": "00000", "extension_attributes": PICKUP}})
    assert _errors(resp) == [("Default source can not be disabled.", []), empty_for_pickup("city"),
                             empty_for_pickup("street"), empty_for_pickup("phone"),
                             ("The Default Source can not be used for In-Store Pickup Delivery.", [])]


def test_every_check_in_magentos_order(admin):
    resp = admin.post("/inventory/sources", {"source": {"source_code": "a b", "name": "",
                                                        "extension_attributes": PICKUP}})
    assert _errors(resp) == [('"%field" can not be empty.', {"field": "name"}),
                             ('"%field" can not contain whitespaces.', {"field": "source_code"}),
                             ('"%field" can not be empty.', {"field": "postcode"}),
                             ('"%field" can not be empty.', {"field": "country_id"}),
                             empty_for_pickup("city"), empty_for_pickup("street"), empty_for_pickup("phone")]
    resp = admin.put("/inventory/sources/default", {"source": {}})
    assert _errors(resp) == [('"%field" can not be empty.', {"field": "name"}),
                             ('"%field" can not be empty.', {"field": "postcode"}),
                             ('"%field" can not be empty.', {"field": "country_id"}),
                             ("Default source can not be disabled.", [])]


def test_pickup_attributes_round_trip_and_what_a_later_save_keeps(admin):
    admin.post("/inventory/sources", {"source": BASE})
    full = {**BASE, "name": "Renamed", "city": "NYC", "street": "1 Main", "phone": "555",
            "extension_attributes": {**PICKUP, "frontend_name": "Front", "frontend_description": "Desc"}}
    assert admin.put("/inventory/sources/pickup_a", {"source": full}).get_json() == []
    assert _source(admin) == {**BASE, "name": "Renamed", "city": "NYC", "street": "1 Main", "phone": "555",
                              "use_default_carrier_config": True, "carrier_links": [],
                              "extension_attributes": {"is_pickup_location_active": True, "frontend_name": "Front",
                                                       "frontend_description": "Desc"}}
    # Without extension attributes: still a pickup location (the flag's column keeps its value), the
    # description is cleared and the frontend name is the name again; city, street, phone stay.
    assert admin.put("/inventory/sources/pickup_a", {"source": {**BASE, "name": "Renamed2"}}).get_json() == []
    after = _source(admin)
    assert after["extension_attributes"] == {"is_pickup_location_active": True, "frontend_name": "Renamed2"}
    assert (after["city"], after["street"], after["phone"]) == ("NYC", "1 Main", "555")
    # An empty frontend name is the name too.
    admin.put("/inventory/sources/pickup_a", {"source": {**BASE, "name": "Renamed3",
                                                         "extension_attributes": {"frontend_name": ""}}})
    assert _source(admin)["extension_attributes"] == {"is_pickup_location_active": True,
                                                      "frontend_name": "Renamed3"}


def test_a_save_is_checked_on_what_is_sent(admin):
    admin.post("/inventory/sources", {"source": BASE})
    resp = admin.put("/inventory/sources/pickup_a", {"source": {"name": "R4"}})
    assert _errors(resp) == [('"%field" can not be empty.', {"field": "postcode"}),
                             ('"%field" can not be empty.', {"field": "country_id"})]
    assert admin.put("/inventory/sources/pickup_a", {"source": {"name": "R5", "country_id": "US",
                                                                "postcode": "1"}}).get_json() == []
    assert _source(admin)["enabled"] is True  # not sent: the stored value stays
