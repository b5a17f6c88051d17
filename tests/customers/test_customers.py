"""Customer accounts: createAccount, CustomerRepository save/delete, addresses (Magento_Customer messages)."""
from __future__ import annotations

from typing import Any

import pytest

PASSWORD = "Secret-Pass1"


def _address(**extra: Any) -> dict[str, Any]:
    return {"firstname": "Ada", "lastname": "Lovelace", "street": ["1 Main St"], "city": "Austin",
            "telephone": "555-0100", "postcode": "78701", "country_id": "US", "region_id": 57,
            "region": {"region_code": "TX", "region": "Texas", "region_id": 57}, **extra}


def _customer(email: str = "ada@example.com", **extra: Any) -> dict[str, Any]:
    return {"email": email, "firstname": "Ada", "lastname": "Lovelace", **extra}


def _create(client: Any, **extra: Any) -> dict[str, Any]:
    resp = client.post("/customers", {"customer": _customer(**extra), "password": PASSWORD})
    assert resp.status_code == 200, resp.get_json()
    return resp.get_json()


# -- POST /V1/customers ---------------------------------------------------------------------------
def test_create_anonymous_gets_default_group_and_store(anon):
    body = _create(anon, group_id=2)
    assert body["group_id"] == 1  # group_id dropped without Magento_Customer::manage
    assert (body["store_id"], body["website_id"], body["created_in"]) == (1, 1, "Default Store View")
    assert body["addresses"] == [] and body["disable_auto_group_change"] == 0
    assert isinstance(body["id"], int) and body["created_at"] == body["updated_at"]


def test_create_admin_keeps_group_and_token_works(admin, anon):
    body = _create(admin, group_id=2)
    assert body["group_id"] == 2
    token = anon.post("/integration/customer/token", {"username": "ada@example.com", "password": PASSWORD})
    assert token.status_code == 200
    assert anon.with_token(token.get_json()).get("/customers/me").get_json()["id"] == body["id"]


def test_create_with_addresses_sets_defaults(admin):
    body = _create(admin, addresses=[_address(default_billing=True), _address(default_shipping=True, city="Dallas")])
    first, second = body["addresses"]
    assert body["default_billing"] == str(first["id"]) and body["default_shipping"] == str(second["id"])
    assert first["default_billing"] is True and "default_shipping" not in first
    assert second["customer_id"] == body["id"]


@pytest.mark.parametrize("password, message, parameters", [
    ("Ab1", "The password needs at least %1 characters. Create a new password and try again.", [8]),
    ("abcdefgh1", "Minimum of different classes of characters in password is %1. Classes of characters: "
                  "Lower Case, Upper Case, Digits, Special Characters.", [3]),
    (" Abcdefg1", "The password can't begin or end with a space. Verify the password and try again.", None),
])
def test_create_password_strength(anon, password, message, parameters):
    resp = anon.post("/customers", {"customer": _customer(), "password": password})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": message, **({"parameters": parameters} if parameters else {})}


def test_create_duplicate_email_in_website(anon):
    _create(anon)
    resp = anon.post("/customers", {"customer": _customer(), "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (
        400, {"message": "A customer with the same email address already exists in an associated website."})
    # another website: a separate account
    other = anon.post("/rest/de/V1/customers", {"customer": _customer(), "password": PASSWORD})
    assert other.status_code == 200 and other.get_json()["website_id"] == 2


def test_create_invalid_email_and_missing_names(anon):
    resp = anon.post("/customers", {"customer": _customer(email="invalid"), "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (400, {"message": '"Email" is not a valid email address.'})
    resp = anon.post("/customers", {"customer": {"email": "x@example.com"}, "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (
        400, {"message": '"First Name" is a required value.\n"Last Name" is a required value.'})
    resp = anon.post("/customers", {"customer": {"firstname": "A", "lastname": "B"}, "password": PASSWORD})
    assert resp.get_json() == {"message": "The customer email is missing. Enter and try again."}


def test_create_address_missing_firstname_creates_nothing(admin):
    resp = admin.post("/customers", {"customer": _customer(addresses=[_address(firstname=None)]),
                                     "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (
        400, {"message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "firstname"}})
    assert admin.post("/customers/isEmailAvailable", {"customerEmail": "ada@example.com"}).get_json() is True


def test_create_without_customer_and_password_equal_email(anon):
    resp = anon.post("/customers", {"password": PASSWORD})
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "customer"}}
    resp = anon.post("/customers", {"customer": _customer(email="Aa1-aaaa@example.com"),
                                    "password": "Aa1-aaaa@example.com"})
    assert resp.get_json() == {"message": "The password can't be the same as the email address. "
                                          "Create a new password and try again."}


def test_create_unknown_group(admin):
    resp = admin.post("/customers", {"customer": _customer(group_id=99), "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (400, {"message": "The specified customer group id does not exist."})


# -- PUT / DELETE ---------------------------------------------------------------------------------
def test_update_path_id_wins_and_keeps_unsent(admin):
    a = _create(admin, addresses=[_address(default_billing=True, default_shipping=True)], dob="1990-01-02")
    b = _create(admin, email="bob@example.com")
    resp = admin.put(f"/customers/{a['id']}", {"customer": {**_customer(firstname="Augusta"), "id": b["id"]}})
    assert resp.status_code == 200
    body = resp.get_json()
    assert (body["id"], body["firstname"], body["dob"]) == (a["id"], "Augusta", "1990-01-02")
    assert body["addresses"] == a["addresses"] and body["default_billing"] == a["default_billing"]
    assert body["created_at"] == a["created_at"]
    assert admin.get(f"/customers/{b['id']}").get_json()["firstname"] == "Ada"


def test_update_replaces_addresses(admin):
    a = _create(admin, addresses=[_address(default_billing=True, default_shipping=True)])
    old_id = a["addresses"][0]["id"]
    body = admin.put(f"/customers/{a['id']}", {"customer": _customer(addresses=[_address(city="Waco")])}).get_json()
    assert [x["city"] for x in body["addresses"]] == ["Waco"] and body["addresses"][0]["id"] != old_id
    assert "default_billing" not in body and "default_shipping" not in body
    assert admin.get(f"/customers/addresses/{old_id}").status_code == 404


def test_update_requires_names_and_unique_email(admin):
    a = _create(admin)
    _create(admin, email="bob@example.com")
    resp = admin.put(f"/customers/{a['id']}", {"customer": {"email": "ada@example.com"}})
    assert resp.get_json() == {"message": '"First Name" is a required value.\n"Last Name" is a required value.'}
    resp = admin.put(f"/customers/{a['id']}", {"customer": _customer(email="bob@example.com")})
    assert resp.get_json() == {
        "message": "A customer with the same email address already exists in an associated website."}


def test_update_unknown_customer(admin):
    resp = admin.put("/customers/99999", {"customer": _customer()})
    assert (resp.status_code, resp.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 99999}})


def test_update_me_with_customer_token(anon, admin):
    a = _create(anon)
    token = anon.post("/integration/customer/token", {"username": "ada@example.com", "password": PASSWORD}).get_json()
    me = anon.with_token(token)
    resp = me.put("/customers/me", {"customer": _customer(lastname="Byron")})
    assert resp.status_code == 200 and resp.get_json()["id"] == a["id"]
    assert admin.get(f"/customers/{a['id']}").get_json()["lastname"] == "Byron"
    assert admin.put("/customers/me", {"customer": _customer()}).status_code == 401


def test_delete_customer(admin):
    a = _create(admin)
    resp = admin.delete(f"/customers/{a['id']}")
    assert (resp.status_code, resp.get_json()) == (200, True)
    again = admin.delete(f"/customers/{a['id']}")
    assert (again.status_code, again.get_json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": a["id"]}})


def test_writes_need_acl(anon):
    assert anon.put("/customers/1", {"customer": _customer()}).status_code == 401
    assert anon.delete("/customers/1").get_json() == {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Customer::delete"}}


# -- addresses ------------------------------------------------------------------------------------
def test_address_get_and_default_addresses(admin):
    a = _create(admin, addresses=[_address(default_billing=True), _address(default_shipping=True, city="Waco")])
    billing, shipping = a["addresses"]
    assert admin.get(f"/customers/addresses/{billing['id']}").get_json() == billing
    assert admin.get(f"/customers/{a['id']}/billingAddress").get_json() == billing
    assert admin.get(f"/customers/{a['id']}/shippingAddress").get_json() == shipping


def test_no_default_address_answers_empty_array(admin):
    a = _create(admin)
    resp = admin.get(f"/customers/{a['id']}/billingAddress")
    assert (resp.status_code, resp.get_json()) == (200, [])
    resp = admin.get("/customers/99999/shippingAddress")
    assert resp.status_code == 404 and resp.get_json()["parameters"]["fieldName"] == "customerId"


def test_delete_address_clears_defaults(admin):
    a = _create(admin, addresses=[_address(default_billing=True, default_shipping=True), _address()])
    gone, kept = a["addresses"]
    resp = admin.delete(f"/addresses/{gone['id']}")
    assert (resp.status_code, resp.get_json()) == (200, True)
    body = admin.get(f"/customers/{a['id']}").get_json()
    assert [x["id"] for x in body["addresses"]] == [kept["id"]]
    assert "default_billing" not in body and "default_shipping" not in body
    assert admin.get(f"/customers/{a['id']}/billingAddress").get_json() == []
    for resp in (admin.get(f"/customers/addresses/{gone['id']}"), admin.delete(f"/addresses/{gone['id']}")):
        assert (resp.status_code, resp.get_json()) == (404, {
            "message": "No such entity with %fieldName = %fieldValue",
            "parameters": {"fieldName": "addressId", "fieldValue": gone["id"]}})


def test_update_without_addresses_keeps_default_ids(admin):
    a = _create(admin, addresses=[_address(default_billing=True), _address()])
    other = a["addresses"][1]["id"]
    body = admin.put(f"/customers/{a['id']}", {"customer": _customer(default_billing=str(other))}).get_json()
    assert body["default_billing"] == a["default_billing"]  # ignored without addresses
    body = admin.put(f"/customers/{a['id']}", {"customer": _customer(addresses=[
        {**a["addresses"][0], "default_billing": False}, {**a["addresses"][1], "default_billing": True}])}).get_json()
    assert body["default_billing"] == str(other) and [x["id"] for x in body["addresses"]] == [
        x["id"] for x in a["addresses"]]
    assert admin.get(f"/customers/{a['id']}/billingAddress").get_json()["id"] == other


def test_type_errors_are_400(admin):
    resp = admin.post("/customers", {"customer": _customer(group_id="abc"), "password": PASSWORD})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'Error occurred during "group_id" processing. The "abc" value\'s type is invalid. '
                   'The "int" type was expected. Verify and try again.'})
    assert admin.get("/customers/addresses/99999999999999999999999").status_code == 404


def test_address_errors_aggregate_in_validator_order(admin):
    resp = admin.post("/customers", {"customer": _customer(addresses=[
        _address(city="", postcode=None, country_id=None)]), "password": PASSWORD})
    assert resp.status_code == 400
    assert resp.get_json()["message"] == "One or more input exceptions have occurred."
    assert [e["parameters"]["fieldName"] for e in resp.get_json()["errors"]] == ["city", "postcode", "countryId"]
    gb = admin.post("/customers", {"customer": _customer(addresses=[_address(country_id="GB", postcode="")]),
                                   "password": PASSWORD})
    assert gb.status_code == 200  # postcode optional for GB


def test_non_numeric_id_is_a_type_error(admin):
    resp = admin.get("/customers/abc")
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'The "abc" value\'s type is invalid. The "int" type was expected. Verify and try again.'})


def test_me_cannot_change_group_website_or_store(anon, credentials):
    token = anon.post("/integration/customer/token", {"username": credentials["customer_email"],
                                                       "password": credentials["customer_password"]}).get_json()
    me = anon.with_token(token)
    before = me.get("/customers/me").get_json()
    saved = me.put("/customers/me", {"customer": {**{k: before[k] for k in ("email", "firstname", "lastname")},
                                                  "group_id": 3, "website_id": 2, "store_id": 2}})
    assert saved.status_code == 200, saved.get_data(as_text=True)
    after = saved.get_json()
    assert (after["group_id"], after["website_id"], after["store_id"]) == (
        before["group_id"], before["website_id"], before["store_id"])


@pytest.mark.parametrize("entry, detail", [
    ({"attribute_code": "", "value": None}, "An empty custom attribute is specified. Enter the attribute and try again."),
    ({"attribute_code": "", "value": "x"},
     "A custom attribute is specified with a missing attribute code. Verify the code and try again."),
    ({"attribute_code": "color"}, 'The "color" attribute code doesn\'t have a value set. Enter the value and try again.'),
])
@pytest.mark.parametrize("where", ["customer", "address"])
def test_custom_attributes_are_checked_as_processCustomAttribute_does(admin, entry, detail, where):
    """ServiceInputProcessor::processCustomAttribute runs on the customer's and each address's
    custom_attributes before anything is saved."""
    before = _create(admin, addresses=[_address()])
    sent = _customer()
    if where == "customer":
        sent["custom_attributes"] = [entry]
    else:
        sent["addresses"] = [_address(custom_attributes=[entry])]
    resp = admin.put(f"/customers/{before['id']}", {"customer": sent})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": f'Error occurred during "custom_attributes" processing. {detail}'}
    assert admin.get(f"/customers/{before['id']}").get_json() == before
