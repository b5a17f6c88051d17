"""JWT shape, expiry, revocation and the request throttler as Magento has them (semantics §4.1)."""
from __future__ import annotations

import base64
import json

import jwt

from fake_magento.backend.auth import USER_TYPE_ADMIN

SIGN_IN = ("The account sign-in was incorrect or your account is disabled temporarily. "
           "Please wait and try again later.")
ADMIN_TOKEN = "/integration/admin/token"


def _segment(token: str, i: int) -> bytes:
    part = token.split(".")[i]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def admin_body(credentials, password=None):
    return {"username": credentials["admin_username"], "password": password or credentials["admin_password"]}


def test_jwt_header_and_claims_are_magentos(anon, credentials, backend):
    """JwsManager: protected header kid then alg; Issuer: uid, utypid, iat, exp."""
    backend.clock.freeze(1_700_000_000)
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    assert _segment(token, 0) == b'{"kid":"1","alg":"HS256"}'
    assert _segment(token, 1) == b'{"uid":1,"utypid":2,"iat":1700000000,"exp":1700003600}'
    assert token.startswith("eyJraWQiOiIxIiwiYWxnIjoiSFMyNTYifQ.")


def test_token_expires_at_exactly_sixty_minutes(anon, credentials, backend):
    """ExpirationValidator: expired when exp <= now."""
    backend.clock.freeze()
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    backend.clock.advance(3599)
    assert anon.with_token(token).get("/store/websites").status_code == 200
    backend.clock.advance(1)
    assert anon.with_token(token).get("/store/websites").status_code == 401


def test_a_jwt_signed_with_another_key_or_missing_claims_is_a_guest(anon, backend):
    now = int(backend.clock.time())
    forged = jwt.encode({"uid": 1, "utypid": 2, "iat": now, "exp": now + 60}, "another-key-" * 4, algorithm="HS256")
    assert anon.with_token(forged).get("/store/websites").status_code == 401
    no_iat = jwt.encode({"uid": 1, "utypid": 2, "exp": now + 60}, backend.jwt_secret, algorithm="HS256")
    assert anon.with_token(no_iat).get("/store/websites").status_code == 401


def test_an_invalid_bearer_does_not_stop_anonymous_routes(anon):
    resp = anon.with_token("garbage").post("/customers/isEmailAvailable", {"customerEmail": "nobody@example.com"})
    assert (resp.status_code, resp.get_json()) == (200, True)


def test_deactivating_an_admin_revokes_its_tokens(anon, credentials, backend):
    """Integration/Plugin/Model/AdminUser::afterSave revokes; reactivation does not bring old tokens back."""
    backend.clock.freeze()
    old = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    backend.auth.set_admin_active(1, False)
    backend.auth.set_admin_active(1, True)
    assert anon.with_token(old).get("/store/websites").status_code == 401
    backend.clock.advance(1)  # RevokedValidator refuses tokens issued at or before the revocation second
    new = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    assert anon.with_token(new).get("/store/websites").status_code == 200


def test_revoking_customer_tokens(anon, credentials, backend):
    backend.clock.freeze()
    body = {"username": credentials["customer_email"], "password": credentials["customer_password"]}
    token = anon.post("/integration/customer/token", body).get_json()
    customer_id = jwt.decode(token, options={"verify_signature": False})["uid"]
    assert backend.auth.revoke_customer_token(customer_id) is True
    assert anon.with_token(token).get("/customers/me").status_code == 401
    backend.clock.advance(1)
    token = anon.post("/integration/customer/token", body).get_json()
    assert anon.with_token(token).get("/customers/me").status_code == 200


def test_catalog_manager_reaches_catalog_routes_only(anon, credentials):
    token = anon.post(ADMIN_TOKEN, {"username": "catalog_manager",
                                    "password": credentials["admin_password"]}).get_json()
    client = anon.with_token(token)
    assert client.get("/products?searchCriteria%5BpageSize%5D=1").status_code == 200
    resp = client.get("/orders?searchCriteria%5BpageSize%5D=1")
    assert (resp.status_code, resp.get_json()) == (401, {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Sales::actions_view"}})
    assert client.get("/store/storeViews").get_json()["parameters"] == {"resources": "Magento_Backend::store"}


# -- CredentialsValidator and RequestThrottler ----------------------------------------------------------
def test_whitespace_and_numbers_are_credentials_not_missing(anon, credentials):
    """CredentialsValidator: only a non-string or an empty string is missing."""
    for password in ("   ", 12345):
        resp = anon.post(ADMIN_TOKEN, {"username": credentials["admin_username"], "password": password})
        assert (resp.status_code, resp.get_json()) == (401, {"message": SIGN_IN})
    resp = anon.post(ADMIN_TOKEN, {"username": None, "password": "x"})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "username"}})


def test_admin_usernames_are_case_insensitive(anon, credentials):
    """User::authenticate with admin/security/use_case_sensitive_login = 0."""
    resp = anon.post(ADMIN_TOKEN, {"username": "ADMIN", "password": credentials["admin_password"]})
    assert resp.status_code == 200


def test_one_failure_after_the_lock_does_not_lock_again(anon, credentials, backend):
    """The cron job deletes expired rows every minute, so counting starts again from one."""
    backend.clock.freeze()
    for _ in range(6):
        anon.post(ADMIN_TOKEN, admin_body(credentials, "wrong123"))
    backend.clock.advance(1801)
    assert anon.post(ADMIN_TOKEN, admin_body(credentials, "wrong123")).status_code == 401
    assert anon.post(ADMIN_TOKEN, admin_body(credentials)).status_code == 200


def test_each_failure_extends_the_window(anon, credentials, backend):
    """lock_expires_at is reset to now + 1800 on every failure; the count survives while it lasts."""
    backend.clock.freeze()
    for _ in range(5):
        anon.post(ADMIN_TOKEN, admin_body(credentials, "wrong123"))
        backend.clock.advance(1000)
    anon.post(ADMIN_TOKEN, admin_body(credentials, "wrong123"))
    assert anon.post(ADMIN_TOKEN, admin_body(credentials)).status_code == 401


def test_failures_are_counted_per_username_as_typed_and_per_user_type(anon, credentials, backend):
    backend.clock.freeze()
    for _ in range(6):
        anon.post(ADMIN_TOKEN, admin_body(credentials, "wrong123"))
    assert anon.post(ADMIN_TOKEN, {"username": "ADMIN", "password": credentials["admin_password"]}).status_code == 200
    body = {"username": "admin", "password": "whatever1"}
    assert anon.post("/integration/customer/token", body).get_json() == {"message": SIGN_IN}
    rows = backend.db.query("SELECT user_name, user_type, failures_count FROM token_request_log ORDER BY user_type")
    assert [tuple(r) for r in rows] == [("admin", 2, 1), ("admin", 3, 6)]


def test_an_inactive_admin_with_the_right_password_is_refused_but_not_counted(anon, credentials, backend):
    """User::verifyIdentity throws before AdminTokenService logs the failure."""
    with backend.db.write() as conn:
        conn.execute("UPDATE admin_user SET is_active=0 WHERE user_id=1")
    for _ in range(7):
        resp = anon.post(ADMIN_TOKEN, admin_body(credentials))
        assert (resp.status_code, resp.get_json()) == (401, {"message": SIGN_IN})
    assert backend.db.one("SELECT COUNT(*) FROM token_request_log")[0] == 0
    backend.auth.set_admin_active(1, True)
    assert anon.post(ADMIN_TOKEN, admin_body(credentials)).status_code == 200


def test_clock_moves_through_the_control_plane(anon, credentials):
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    claims = json.loads(_segment(token, 1))
    assert claims["utypid"] == USER_TYPE_ADMIN
    resp = anon.client.post("/_fake/clock", json={"advance": 3600})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert anon.with_token(token).get("/store/websites").status_code == 401
