"""Default customer group per store (GroupManagement, CustomerGroupConfig), customer token revocation
(CustomerTokenService::revokeCustomerAccessToken) and address regions as Magento reads them back."""
from __future__ import annotations

from typing import Any

GENERAL = {"id": 1, "code": "General", "tax_class_id": 3, "tax_class_name": "Retail Customer"}


def _error(resp: Any) -> tuple[int, Any]:
    return resp.status_code, resp.get_json()


# -- GET /V1/customerGroups/default/:storeId, PUT /V1/customerGroups/default/:id -------------------------
def test_default_group_of_store(admin):
    for store_id in (0, 1, 2):
        assert admin.get(f"/customerGroups/default/{store_id}").get_json() == GENERAL


def test_default_group_unknown_store(admin):
    # GroupManagementTest::testGetDefaultGroupNonExistentStore
    assert _error(admin.get("/customerGroups/default/9876")) == (
        404, {"message": "No such entity with %fieldName = %fieldValue",
              "parameters": {"fieldName": "storeId", "fieldValue": 9876}})
    assert _error(admin.get("/customerGroups/default/abc")) == (
        400, {"message": 'The "abc" value\'s type is invalid. The "int" type was expected. Verify and try again.'})


def test_set_default_group(admin, anon):
    resp = admin.put("/customerGroups/default/2")
    assert (resp.status_code, resp.get_json()) == (200, 2)  # the id, an integer
    assert admin.get("/customerGroups/default").get_json()["code"] == "Wholesale"
    assert admin.get("/customerGroups/default/1").get_json()["id"] == 2
    # new accounts get the configured group (customer/create_account/default_group)
    created = anon.post("/customers", {"customer": {"email": "g@example.com", "firstname": "G", "lastname": "G"}})
    assert created.get_json()["group_id"] == 2
    # the default group cannot be deleted; the old one now can (GroupRepository::deleteById, usesAsDefault)
    assert _error(admin.delete("/customerGroups/2")) == (400, {"message": "Cannot delete group."})
    admin.post("/customerGroups", {"group": {"code": "Spare"}})
    assert admin.delete("/customerGroups/1").get_json() is True


def test_deleted_group_customers_move_to_configured_default(admin):
    admin.put("/customerGroups/default/3")
    admin.put("/customers/1", {"customer": {**admin.get("/customers/1").get_json(), "group_id": 2}})
    assert admin.delete("/customerGroups/2").get_json() is True
    assert admin.get("/customers/1").get_json()["group_id"] == 3


def test_set_default_group_unknown(admin):
    # CustomerGroupConfigTest: GroupRepository::getById's message
    assert _error(admin.put("/customerGroups/default/77")) == (
        404, {"message": "No such entity with %fieldName = %fieldValue",
              "parameters": {"fieldName": "id", "fieldValue": 77}})


def test_default_group_routes_need_group_resource(anon):
    expected = (401, {"message": "The consumer isn't authorized to access %resources.",
                      "parameters": {"resources": "Magento_Customer::group"}})
    assert _error(anon.get("/customerGroups/default/1")) == expected
    assert _error(anon.put("/customerGroups/default/1")) == expected


# -- POST /V1/integration/customer/revoke-customer-token ------------------------------------------------
def _token(anon: Any, credentials: dict[str, Any]) -> str:
    return str(anon.post("/integration/customer/token", {"username": credentials["customer_email"],
                                                         "password": credentials["customer_password"]}).get_json())


def test_revoke_own_tokens(anon, backend, credentials):
    first, second = _token(anon, credentials), _token(anon, credentials)
    me = anon.with_token(first)
    resp = me.post("/integration/customer/revoke-customer-token")
    assert (resp.status_code, resp.get_json()) == (200, True)
    for token in (first, second):
        assert anon.with_token(token).get("/customers/me").status_code == 401
    backend.clock.advance(1)  # RevokedValidator: tokens issued at or before the revocation second fail
    assert anon.with_token(_token(anon, credentials)).get("/customers/me").status_code == 200


def test_revoke_ignores_a_sent_customer_id(anon, admin, credentials):
    # customerId is forced to the token's customer (Integration/etc/webapi.xml)
    other = admin.post("/customers", {"customer": {"email": "o@example.com", "firstname": "O", "lastname": "O"},
                                      "password": "Other-Pass1"}).get_json()
    other_token = anon.post("/integration/customer/token", {"username": "o@example.com",
                                                            "password": "Other-Pass1"}).get_json()
    anon.with_token(_token(anon, credentials)).post("/integration/customer/revoke-customer-token",
                                                   {"customerId": other["id"]})
    assert anon.with_token(other_token).get("/customers/me").status_code == 200


def test_revoke_is_self_only(anon, admin):
    expected = (401, {"message": "The consumer isn't authorized to access %resources.",
                      "parameters": {"resources": "self"}})
    assert _error(anon.post("/integration/customer/revoke-customer-token")) == expected
    assert _error(admin.post("/integration/customer/revoke-customer-token", {"customerId": 1})) == expected


# -- address regions -----------------------------------------------------------------------------------
def _address(**extra: Any) -> dict[str, Any]:
    return {"firstname": "C", "lastname": "L", "street": ["Billing"], "city": "City", "telephone": "111",
            "postcode": "111", "country_id": "AF", **extra}


def _create(admin: Any, *addresses: dict[str, Any]) -> dict[str, Any]:
    resp = admin.post("/customers", {"customer": {"email": "clay@lock.nl", "firstname": "Clay", "lastname": "Lock",
                                                  "addresses": list(addresses)}})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


def test_address_without_region_reads_back_an_empty_region(admin):
    # measured on 2.4.7-p3 (customer 70, address 55): the empty region object, and no region_id beside
    # it (a NULL column; the 2.3 recordings, test_import_partner_company_2_addresses.yaml, show 0)
    body = _create(admin, _address(default_billing=True))
    address = body["addresses"][0]
    assert address["region"] == {"region_code": None, "region": None, "region_id": 0}
    assert "region_id" not in address
    assert list(address)[:4] == ["id", "customer_id", "region", "country_id"]
    assert admin.get(f"/customers/{body['id']}").get_json()["addresses"][0]["region"] == address["region"]
    assert "region_id" not in admin.get(f"/customers/addresses/{address['id']}").get_json()


def test_a_sent_region_or_region_id_of_zero_reads_back_region_id_zero(admin):
    # measured on 2.4.7-p3: region_id 0, a region object with only a name, or with region_id 0, and a
    # null region (ServiceInputProcessor builds an empty region object from it); a null region_id is none
    cases = ({"region_id": 0}, {"region": {"region": "Ile"}}, {"region": {"region_id": 0}}, {"region": None})
    resp = admin.post("/customers", {"customer": {"email": "none@example.com", "firstname": "Z", "lastname": "R",
                                                  "addresses": [_address(country_id="FR", region_id=None)]}})
    assert "region_id" not in resp.get_json()["addresses"][0]
    for index, sent in enumerate(cases):
        resp = admin.post("/customers", {"customer": {"email": f"zero{index}@example.com", "firstname": "Z",
                                                      "lastname": "R", "addresses": [_address(country_id="FR", **sent)]}})
        address = resp.get_json()["addresses"][0]
        assert address["region_id"] == 0, sent
        assert address["region"]["region_id"] == 0


def test_region_object_fills_region_id(admin):
    body = _create(admin, _address(country_id="US", region={"regionCode": "NY", "region": "New York",
                                                            "regionId": 43}))
    address = body["addresses"][0]
    assert address["region"] == {"region_code": "NY", "region": "New York", "region_id": 43}
    assert address["region_id"] == 43


def test_top_level_region_id_wins(admin):
    # Address::updateData: the region object's fields first, then region_id
    body = _create(admin, _address(country_id="US", region_id="57",
                                   region={"region_code": "TX", "region": "Texas", "region_id": 12}))
    address = body["addresses"][0]
    assert address["region_id"] == 57 and address["region"]["region_id"] == 57
