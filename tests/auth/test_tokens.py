"""Admin and customer tokens: JWTs, Magento's messages, the lock-out (semantics §4.1)."""
from __future__ import annotations

import jwt
import pytest

SIGN_IN = ("The account sign-in was incorrect or your account is disabled temporarily. "
           "Please wait and try again later.")
REQUIRED = '"%fieldName" is required. Enter and try again.'


def test_admin_token_is_a_bare_jwt_string(anon, credentials):
    resp = anon.post("/integration/admin/token",
                     {"username": credentials["admin_username"], "password": credentials["admin_password"]})
    assert resp.status_code == 200
    assert resp.get_data(as_text=True).startswith('"eyJ')
    claims = jwt.decode(resp.get_json(), options={"verify_signature": False})
    assert claims["utypid"] == 2 and claims["uid"] == 1
    assert claims["exp"] - claims["iat"] == 60 * 60
    assert jwt.get_unverified_header(resp.get_json())["alg"] == "HS256"


def test_wrong_password(anon, credentials):
    resp = anon.post("/integration/admin/token", {"username": credentials["admin_username"], "password": "nope1"})
    assert resp.status_code == 401
    assert resp.get_json() == {"message": SIGN_IN}


def test_empty_credentials_are_aggregated(anon):
    resp = anon.post("/integration/admin/token", {"username": "", "password": ""})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "One or more input exceptions have occurred.", "errors": [
        {"message": REQUIRED, "parameters": {"fieldName": "username"}},
        {"message": REQUIRED, "parameters": {"fieldName": "password"}}]}


def test_one_missing_credential_is_not_aggregated(anon):
    resp = anon.post("/integration/admin/token", {"username": "admin"})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": REQUIRED, "parameters": {"fieldName": "password"}}


def test_six_failures_lock_the_account_for_thirty_minutes(anon, credentials, backend):
    backend.clock.freeze()
    good = {"username": credentials["admin_username"], "password": credentials["admin_password"]}
    bad = {**good, "password": "wrong123"}
    for _ in range(6):
        assert anon.post("/integration/admin/token", bad).status_code == 401
    locked = anon.post("/integration/admin/token", good)
    assert (locked.status_code, locked.get_json()) == (401, {"message": SIGN_IN})
    backend.clock.advance(1799)
    assert anon.post("/integration/admin/token", good).status_code == 401
    backend.clock.advance(2)
    assert anon.post("/integration/admin/token", good).status_code == 200


def test_success_resets_the_failure_count(anon, credentials):
    good = {"username": credentials["admin_username"], "password": credentials["admin_password"]}
    for _ in range(5):
        anon.post("/integration/admin/token", {**good, "password": "wrong123"})
    assert anon.post("/integration/admin/token", good).status_code == 200
    for _ in range(5):
        anon.post("/integration/admin/token", {**good, "password": "wrong123"})
    assert anon.post("/integration/admin/token", good).status_code == 200


def test_inactive_admin_cannot_sign_in_and_its_token_stops_working(anon, admin, credentials, backend):
    with backend.db.write() as conn:
        conn.execute("UPDATE admin_user SET is_active=0 WHERE user_id=1")
    resp = admin.get("/store/websites")
    assert resp.status_code == 401
    assert anon.post("/integration/admin/token", {"username": credentials["admin_username"],
                                                   "password": credentials["admin_password"]}).status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Basic abc", "Bearer not-a-jwt"])
def test_bad_bearer_headers_leave_a_guest(anon, header):
    resp = anon.get("/store/websites", headers={"Authorization": header})
    assert resp.status_code == 401
    assert resp.get_json()["parameters"] == {"resources": "Magento_Backend::store"}


def test_bearer_scheme_is_case_insensitive(admin):
    resp = admin.get("/store/websites", headers={"Authorization": f"bEaReR {admin.token}"})
    assert resp.status_code == 200


def test_customer_token_and_me(anon, credentials):
    resp = anon.post("/integration/customer/token",
                     {"username": credentials["customer_email"], "password": credentials["customer_password"]})
    assert resp.status_code == 200
    token = resp.get_json()
    assert jwt.decode(token, options={"verify_signature": False})["utypid"] == 3
    me = anon.with_token(token).get("/customers/me")
    assert me.status_code == 200
    assert me.get_json()["email"] == credentials["customer_email"]
    assert me.get_json()["website_id"] == 1


def test_customer_accounts_are_per_website(anon, credentials):
    """The first seeded customer also has an account on the eu website (de and fr views)."""
    body = {"username": credentials["customer_email"], "password": credentials["customer_password"]}
    token = anon.post("/rest/de/V1/integration/customer/token", body).get_json()
    assert anon.with_token(token).get("/rest/de/V1/customers/me").get_json()["website_id"] == 2
    assert anon.with_token(token).get("/rest/fr/V1/customers/me").status_code == 200


def test_self_needs_a_store_of_the_customers_website(anon, credentials):
    """Customer/Model/Customer/Authorization: the current store must be one of the customer's shared stores."""
    body = {"username": credentials["customer_email"], "password": credentials["customer_password"]}
    token = anon.post("/rest/de/V1/integration/customer/token", body).get_json()
    for path in ("/rest/V1/customers/me", "/rest/default/V1/customers/me", "/rest/all/V1/customers/me"):
        resp = anon.with_token(token).get(path)
        assert (resp.status_code, resp.get_json()) == (401, {
            "message": "The consumer isn't authorized to access %resources.", "parameters": {"resources": "self"}})


def test_customer_token_wrong_password(anon, credentials):
    resp = anon.post("/integration/customer/token", {"username": credentials["customer_email"], "password": "x1"})
    assert (resp.status_code, resp.get_json()) == (401, {"message": SIGN_IN})


def test_customer_token_reaches_only_self_routes(anon, credentials):
    token = anon.post("/integration/customer/token", {"username": credentials["customer_email"],
                                                       "password": credentials["customer_password"]}).get_json()
    resp = anon.with_token(token).get("/store/websites")
    assert resp.status_code == 401
    assert resp.get_json()["parameters"] == {"resources": "Magento_Backend::store"}


def test_admin_cannot_use_self_routes(admin):
    resp = admin.get("/customers/me")
    assert resp.status_code == 401
    assert resp.get_json() == {"message": "The consumer isn't authorized to access %resources.",
                               "parameters": {"resources": "self"}}


def test_customer_token_expires_after_sixty_minutes(anon, credentials, backend):
    backend.clock.freeze()
    token = anon.post("/integration/customer/token", {"username": credentials["customer_email"],
                                                       "password": credentials["customer_password"]}).get_json()
    backend.clock.advance(3601)
    assert anon.with_token(token).get("/customers/me").status_code == 401
