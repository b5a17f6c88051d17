"""AccountManagement routes: own addresses and password, reset tokens, confirmation, validate, readonly
(Customer/Model/AccountManagement, Customer/Model/Authentication; messages as Magento words them)."""
from __future__ import annotations

from typing import Any

import pytest

NEW_PASSWORD = "Newer-Pass12"
REQUIRED = '"%fieldName" is required. Enter and try again.'
MISMATCH = "The password doesn't match this account. Verify the password and try again."


@pytest.fixture
def me(anon: Any, credentials: dict[str, Any]) -> Any:
    token = anon.post("/integration/customer/token", {"username": credentials["customer_email"],
                                                      "password": credentials["customer_password"]})
    assert token.status_code == 200
    return anon.with_token(token.get_json())


def _error(resp: Any) -> tuple[int, Any]:
    return resp.status_code, resp.get_json()


def _required(*names: str) -> dict[str, Any]:
    if len(names) == 1:
        return {"message": REQUIRED, "parameters": {"fieldName": names[0]}}
    return {"message": "One or more input exceptions have occurred.",
            "errors": [{"message": REQUIRED, "parameters": {"fieldName": n}} for n in names]}


# -- GET /V1/customers/me/billingAddress, shippingAddress ------------------------------------------------
def test_my_default_addresses(me, admin):
    customer = me.get("/customers/me").get_json()
    billing = me.get("/customers/me/billingAddress")
    assert billing.status_code == 200
    assert billing.get_json() == admin.get(f"/customers/{customer['id']}/billingAddress").get_json()
    assert billing.get_json()["id"] == int(customer["default_billing"])
    shipping = me.get("/customers/me/shippingAddress").get_json()
    assert shipping["id"] == int(customer["default_shipping"]) and shipping["default_shipping"] is True


def test_my_default_address_absent_is_empty_array(anon, admin):
    # a null service result is written as [] (ServiceOutputProcessor::convertValue)
    admin.post("/customers", {"customer": {"email": "bare@example.com", "firstname": "B", "lastname": "B"},
                              "password": NEW_PASSWORD})
    token = anon.post("/integration/customer/token", {"username": "bare@example.com", "password": NEW_PASSWORD})
    client = anon.with_token(token.get_json())
    assert client.get("/customers/me/billingAddress").get_json() == []
    assert client.get("/customers/me/shippingAddress").get_json() == []


@pytest.mark.parametrize("method, path", [("GET", "/customers/me/billingAddress"),
                                          ("GET", "/customers/me/shippingAddress"),
                                          ("PUT", "/customers/me/password"), ("PUT", "/customers/me/activate")])
def test_self_routes_refuse_guests_and_admins(anon, admin, method, path):
    expected = (401, {"message": "The consumer isn't authorized to access %resources.",
                      "parameters": {"resources": "self"}})
    assert _error(anon.request(method, path)) == expected
    assert _error(admin.request(method, path, {})) == expected


# -- PUT /V1/customers/me/password -----------------------------------------------------------------------
def test_change_password(me, anon, credentials):
    resp = me.put("/customers/me/password", {"currentPassword": credentials["customer_password"],
                                             "newPassword": NEW_PASSWORD})
    assert (resp.status_code, resp.get_json()) == (200, True)
    login = {"username": credentials["customer_email"]}
    assert anon.post("/integration/customer/token", {**login, "password": NEW_PASSWORD}).status_code == 200
    assert anon.post("/integration/customer/token", {**login, "password": credentials["customer_password"]}) \
        .status_code == 401
    assert me.get("/customers/me").status_code == 200  # a password change does not revoke tokens


def test_change_password_snake_case_keys(me, credentials):
    resp = me.put("/customers/me/password", {"current_password": credentials["customer_password"],
                                             "new_password": NEW_PASSWORD})
    assert resp.get_json() is True


def test_change_password_wrong_current(me):
    resp = me.put("/customers/me/password", {"currentPassword": "wrong", "newPassword": NEW_PASSWORD})
    assert _error(resp) == (401, {"message": MISMATCH})


def test_change_password_locks_after_ten_failures(me, credentials):
    # Authentication::processAuthenticationFailure locks at the 10th failure; isLocked reads the customer
    # loaded before the count, so the 11th wrong password is the first "locked" answer.
    wrong = {"currentPassword": "wrong", "newPassword": NEW_PASSWORD}
    for _ in range(10):
        assert _error(me.put("/customers/me/password", wrong)) == (401, {"message": MISMATCH})
    assert _error(me.put("/customers/me/password", wrong)) == (401, {"message": "The account is locked."})
    right = {"currentPassword": credentials["customer_password"], "newPassword": NEW_PASSWORD}
    assert me.put("/customers/me/password", right).get_json() is True  # the right password passes


def test_change_password_lock_expires(me, backend):
    wrong = {"currentPassword": "wrong", "newPassword": NEW_PASSWORD}
    for _ in range(11):
        me.put("/customers/me/password", wrong)
    backend.clock.advance(601)  # customer/password/lockout_threshold = 10 minutes
    assert _error(me.put("/customers/me/password", wrong)) == (401, {"message": MISMATCH})


def test_change_password_missing_fields(me):
    assert _error(me.put("/customers/me/password", {})) == (400, _required("currentPassword", "newPassword"))
    assert _error(me.put("/customers/me/password", {"currentPassword": "x"})) == (400, _required("newPassword"))


def test_change_password_array_value(me):
    resp = me.put("/customers/me/password", {"currentPassword": ["x"], "newPassword": NEW_PASSWORD})
    assert _error(resp) == (400, {"message": 'The "array" value\'s type is invalid. The "string" type was '
                                             "expected. Verify and try again."})


@pytest.mark.parametrize("password, message, parameters", [
    ("Ab1-", "The password needs at least %1 characters. Create a new password and try again.", [8]),
    ("abcdefgh1", "Minimum of different classes of characters in password is %1. Classes of characters: "
                  "Lower Case, Upper Case, Digits, Special Characters.", [3]),
    (" Abcdefg1", "The password can't begin or end with a space. Verify the password and try again.", None),
    ("A1-" + "a" * 254, "Please enter a password with at most %1 characters.", [256]),
])
def test_change_password_strength(me, credentials, password, message, parameters):
    resp = me.put("/customers/me/password", {"currentPassword": credentials["customer_password"],
                                             "newPassword": password})
    expected = {"message": message, **({"parameters": parameters} if parameters else {})}
    assert _error(resp) == (400, expected)


def test_change_password_same_as_email(me, credentials):
    resp = me.put("/customers/me/password", {"currentPassword": credentials["customer_password"],
                                             "newPassword": credentials["customer_email"].upper()})
    assert _error(resp) == (400, {"message": "The password can't be the same as the email address. "
                                             "Create a new password and try again."})


# -- PUT /V1/customers/password, POST /V1/customers/resetPassword, GET .../resetLinkToken/:token -------
def _initiate(anon: Any, email: str, **extra: Any) -> Any:
    return anon.put("/customers/password", {"email": email, "template": "email_reset", **extra})


def test_reset_password_flow(anon, backend, credentials):
    email = credentials["customer_email"]
    before = backend.customers.get(1)["updated_at"]
    backend.clock.advance(5)
    resp = _initiate(anon, email, websiteId=1)
    assert (resp.status_code, resp.get_json()) == (200, True)
    token = backend.customer_accounts.reset_token(1)
    assert token is not None and len(token) == 32
    assert backend.customers.get(1)["updated_at"] > before
    assert anon.get(f"/customers/1/password/resetLinkToken/{token}").get_json() is True
    resp = anon.post("/customers/resetPassword", {"email": email, "resetToken": token, "newPassword": NEW_PASSWORD})
    assert (resp.status_code, resp.get_json()) == (200, True)
    assert anon.post("/integration/customer/token", {"username": email, "password": NEW_PASSWORD}).status_code == 200
    # the token is cleared once used
    assert _error(anon.get(f"/customers/1/password/resetLinkToken/{token}")) == (
        400, {"message": "The password token is mismatched. Reset and try again."})


def test_reset_password_reminder_template_and_default_website(anon, backend, credentials):
    assert _initiate(anon, credentials["customer_email"], template="email_reminder").get_json() is True
    assert backend.customer_accounts.reset_token(1)


def test_initiate_reset_unknown_template_still_stores_token(anon, backend, credentials):
    resp = anon.put("/customers/password", {"email": credentials["customer_email"], "template": "nope"})
    assert _error(resp) == (400, {
        "message": 'Invalid value of "%value" provided for the %fieldName field. Possible values: '
                   "%template1 or %template2.",
        "parameters": {"value": "nope", "fieldName": "template", "template1": "email_reminder",
                       "template2": "email_reset"}})
    assert backend.customer_accounts.reset_token(1)  # changeResetPasswordLinkToken saved it first


def test_initiate_reset_missing_fields(anon):
    # AccountManagementTest::testInitiatePasswordMissingRequiredFields
    assert _error(anon.put("/customers/password", {})) == (400, _required("email", "template"))


def test_initiate_reset_unknown_email(anon):
    # AccountManagementTest::testSendPasswordResetLinkBadEmailOrWebsite: the website as sent (an int)
    resp = _initiate(anon, "dummy@example.com", websiteId=0)
    assert _error(resp) == (404, {"message": "No such entity with %fieldName = %fieldValue, %field2Name = "
                                             "%field2Value",
                                  "parameters": {"fieldName": "email", "fieldValue": "dummy@example.com",
                                                 "field2Name": "websiteId", "field2Value": 0}})


def test_initiate_reset_other_website(anon, admin):
    # accounts are per website: the German view's website does not hold a customer of website 1
    admin.post("/customers", {"customer": {"email": "us@example.com", "firstname": "U", "lastname": "S"}})
    resp = anon.with_prefix("/rest/de/V1").put("/customers/password", {"email": "us@example.com",
                                                                       "template": "email_reset"})
    assert resp.status_code == 404
    assert resp.get_json()["parameters"]["field2Value"] == "2"  # the store's website id, a string


def test_validate_reset_token_errors(anon, backend, credentials):
    mismatched = (400, {"message": "The password token is mismatched. Reset and try again."})
    assert _error(anon.get("/customers/1/password/resetLinkToken/fjjkafjie")) == mismatched
    _initiate(anon, credentials["customer_email"])
    token = backend.customer_accounts.reset_token(1)
    assert _error(anon.get("/customers/1/password/resetLinkToken/" + token.upper())) == mismatched
    assert _error(anon.get(f"/customers/0/password/resetLinkToken/{token}")) == (
        400, {"message": 'Invalid value of "%value" provided for the %fieldName field.',
              "parameters": {"value": 0, "fieldName": "customerId"}})
    assert _error(anon.get(f"/customers/999/password/resetLinkToken/{token}")) == (
        404, {"message": "No such entity with %fieldName = %fieldValue",
              "parameters": {"fieldName": "customerId", "fieldValue": 999}})


def test_reset_token_expires_after_two_hours(anon, backend, credentials):
    _initiate(anon, credentials["customer_email"])
    token = backend.customer_accounts.reset_token(1)
    backend.clock.advance(2 * 3600 - 1)
    assert anon.get(f"/customers/1/password/resetLinkToken/{token}").get_json() is True
    backend.clock.advance(1)  # customer/password/reset_link_expiration_period = 2 hours
    expired = (400, {"message": "The password token is expired. Reset and try again."})
    assert _error(anon.get(f"/customers/1/password/resetLinkToken/{token}")) == expired
    resp = anon.post("/customers/resetPassword", {"email": credentials["customer_email"], "resetToken": token,
                                                  "newPassword": NEW_PASSWORD})
    assert _error(resp) == expired


def test_reset_password_errors(anon, backend, credentials):
    email = credentials["customer_email"]
    assert _error(anon.post("/customers/resetPassword", {})) == (400, _required("email", "resetToken",
                                                                                "newPassword"))
    assert _error(anon.post("/customers/resetPassword", {"email": "", "resetToken": "t", "newPassword": "p"})) \
        == (400, _required("email"))
    unknown = anon.post("/customers/resetPassword", {"email": "x@example.com", "resetToken": "t",
                                                     "newPassword": NEW_PASSWORD})
    assert unknown.status_code == 404 and unknown.get_json()["parameters"]["field2Value"] == "1"
    _initiate(anon, email)
    token = backend.customer_accounts.reset_token(1)
    body = {"email": email, "resetToken": token}
    assert _error(anon.post("/customers/resetPassword", {**body, "newPassword": "short"})) == (
        400, {"message": "The password needs at least %1 characters. Create a new password and try again.",
              "parameters": [8]})
    assert _error(anon.post("/customers/resetPassword", {**body, "newPassword": email})) == (
        400, {"message": "The password can't be the same as the email address. Create a new password and "
                         "try again."})
    assert backend.customer_accounts.reset_token(1) == token  # nothing changed by the refusals


# -- confirmation, activation ----------------------------------------------------------------------------
def test_confirmation_status_not_required_by_default(admin):
    # customer/create_account/confirm = 0 (AccountManagementTest::testGetConfirmationStatus)
    assert admin.get("/customers/1/confirm").get_json() == "account_confirmation_not_required"
    assert _error(admin.get("/customers/999/confirm"))[0] == 404


def test_resend_confirmation(admin, credentials):
    email = credentials["customer_email"]
    body = {"email": email, "websiteId": 1}
    assert _error(admin.post("/customers/confirm", body)) == (400, {"message": "Confirmation isn't needed."})
    admin.put("/customers/1", {"customer": {**admin.get("/customers/1").get_json(), "confirmation": "abc"}})
    assert admin.post("/customers/confirm", {**body, "redirectUrl": "http://x"}).get_json() is True
    assert _error(admin.post("/customers/confirm", {"email": "dummy@example.com", "websiteId": 0})) == (
        404, {"message": "No such entity with %fieldName = %fieldValue, %field2Name = %field2Value",
              "parameters": {"fieldName": "email", "fieldValue": "dummy@example.com", "field2Name": "websiteId",
                             "field2Value": 0}})
    assert _error(admin.post("/customers/confirm", {})) == (400, _required("email", "websiteId"))


def test_activate_by_email(admin, credentials):
    email = credentials["customer_email"]
    customer = admin.get("/customers/1").get_json()
    assert _error(admin.put(f"/customers/{email}/activate", {"confirmationKey": "k"})) == (
        400, {"message": "The account is already active."})
    admin.put("/customers/1", {"customer": {**customer, "confirmation": "KEY-1"}})
    assert admin.get("/customers/1").get_json()["confirmation"] == "KEY-1"
    assert _error(admin.put(f"/customers/{email}/activate", {"confirmationKey": "other"})) == (
        400, {"message": "The confirmation token is invalid. Verify the token and try again."})
    resp = admin.put(f"/customers/{email}/activate", {"confirmationKey": "KEY-1"})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["id"] == 1 and "confirmation" not in body
    assert "confirmation" not in admin.get("/customers/1").get_json()
    assert _error(admin.put(f"/customers/{email}/activate", {})) == (400, _required("confirmationKey"))
    assert _error(admin.put("/customers/nobody%40example.com/activate", {"confirmationKey": "k"}))[0] == 404


def test_activate_me(me, admin):
    admin.put("/customers/1", {"customer": {**admin.get("/customers/1").get_json(), "confirmation": "KEY-2"}})
    resp = me.put("/customers/me/activate", {"confirmationKey": "KEY-2"})
    assert resp.status_code == 200 and resp.get_json()["id"] == 1
    assert _error(me.put("/customers/me/activate", {"confirmationKey": "KEY-2"})) == (
        400, {"message": "The account is already active."})


def test_activate_by_email_needs_manage(anon, credentials):
    resp = anon.put(f"/customers/{credentials['customer_email']}/activate", {"confirmationKey": "k"})
    assert _error(resp) == (401, {"message": "The consumer isn't authorized to access %resources.",
                                  "parameters": {"resources": "Magento_Customer::manage"}})


# -- PUT /V1/customers/validate, GET /V1/customers/:id/permissions/readonly ------------------------------
def test_validate_customer(admin):
    valid = {"email": "v@example.com", "firstname": "V", "lastname": "W", "website_id": 1, "store_id": 1,
             "group_id": 1}
    assert admin.put("/customers/validate", {"customer": valid}).get_json() == {"valid": True, "messages": []}
    # AccountManagementTest::testValidateCustomerData
    invalid = {**valid, "firstname": None, "lastname": ""}
    assert admin.put("/customers/validate", {"customer": invalid}).get_json() == {"valid": False, "messages": [
        'The "First Name" attribute value is empty. Set the attribute and try again.',
        'The "Last Name" attribute value is empty. Set the attribute and try again.']}
    assert _error(admin.put("/customers/validate", {})) == (400, _required("customer"))


def test_validate_does_not_write(admin, backend):
    before = backend.db.one("SELECT COUNT(*) FROM customer_entity")[0]
    admin.put("/customers/validate", {"customer": {"email": "new@example.com", "firstname": "N", "lastname": "N"}})
    assert backend.db.one("SELECT COUNT(*) FROM customer_entity")[0] == before


def test_is_readonly(admin, anon):
    assert admin.get("/customers/1/permissions/readonly").get_json() is False
    assert _error(admin.get("/customers/999/permissions/readonly")) == (
        404, {"message": "No such entity with %fieldName = %fieldValue",
              "parameters": {"fieldName": "customerId", "fieldValue": 999}})
    assert _error(anon.get("/customers/1/permissions/readonly"))[0] == 401
