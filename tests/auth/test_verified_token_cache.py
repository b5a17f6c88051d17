"""Verified JWTs are kept by token, yet expiry, revocation and the user's state count on every request.

Each test uses a token once first, so the later answers come from a token already verified.
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any

import jwt
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_magento.backend.auth import (
    GUEST,
    USER_TYPE_ADMIN,
    USER_TYPE_CUSTOMER,
    USER_TYPE_INTEGRATION,
    UserContext,
)
from tests.support import make_app

ADMIN_TOKEN = "/integration/admin/token"
CUSTOMER_TOKEN = "/integration/customer/token"


def admin_body(credentials: dict[str, Any]) -> dict[str, str]:
    return {"username": credentials["admin_username"], "password": credentials["admin_password"]}


def customer_body(credentials: dict[str, Any]) -> dict[str, str]:
    return {"username": credentials["customer_email"], "password": credentials["customer_password"]}


def test_a_used_admin_token_stops_at_its_expiry(anon, credentials, backend):
    backend.clock.freeze()
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    client = anon.with_token(token)
    assert client.get("/store/websites").status_code == 200
    backend.clock.advance(3599)
    assert client.get("/store/websites").status_code == 200
    backend.clock.advance(1)
    resp = client.get("/store/websites")
    assert (resp.status_code, resp.get_json()["message"]) == (401, 'The consumer isn\'t authorized to access %resources.')


def test_a_used_admin_token_stops_when_the_admin_is_deactivated(anon, credentials, backend):
    backend.clock.freeze()
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    client = anon.with_token(token)
    assert client.get("/store/websites").status_code == 200
    backend.auth.set_admin_active(1, False)
    assert client.get("/store/websites").status_code == 401
    backend.auth.set_admin_active(1, True)
    assert client.get("/store/websites").status_code == 401  # revoked when deactivated


def test_a_used_customer_token_stops_once_revoked_through_the_api(anon, credentials, backend):
    backend.clock.freeze()
    token = anon.post(CUSTOMER_TOKEN, customer_body(credentials)).get_json()
    client = anon.with_token(token)
    assert client.get("/customers/me").status_code == 200
    resp = client.post("/integration/customer/revoke-customer-token")
    assert (resp.status_code, resp.get_json()) == (200, True)
    assert client.get("/customers/me").status_code == 401


def test_a_used_admin_token_follows_a_change_of_the_admins_resources(anon, credentials, backend):
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    client = anon.with_token(token)
    assert client.get("/store/websites").status_code == 200
    with backend.db.write() as conn:
        conn.execute("UPDATE admin_user SET resources=? WHERE user_id=1", (json.dumps(["Magento_Catalog::products"]),))
    resp = client.get("/store/websites")
    assert resp.status_code == 401
    assert resp.get_json()["parameters"] == {"resources": "Magento_Backend::store"}


def test_a_used_admin_token_stops_when_another_process_deactivates_the_admin(anon, credentials, backend):
    """Who a token names is kept until the database changes (storage/change_cache.py); a commit by a
    connection of another process counts as much as one made through the API."""
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    client = anon.with_token(token)
    assert client.get("/store/websites").status_code == 200
    other = sqlite3.connect(backend.db.path, isolation_level=None)
    try:
        other.execute("UPDATE admin_user SET is_active=0 WHERE user_id=1")
        assert client.get("/store/websites").status_code == 401
        other.execute("UPDATE admin_user SET is_active=1 WHERE user_id=1")
        assert client.get("/store/websites").status_code == 200
    finally:
        other.close()


def test_a_token_verified_under_one_key_is_not_taken_under_another(anon, credentials, backend):
    token = anon.post(ADMIN_TOKEN, admin_body(credentials)).get_json()
    assert anon.with_token(token).get("/store/websites").status_code == 200
    backend.auth.jwt_secret = "another-key-" * 4
    assert anon.with_token(token).get("/store/websites").status_code == 401


# -- the cached reader against the reader it replaced ----------------------------------------------
def reference_context(backend: Any, token: str, store_id: int | None) -> UserContext:
    """TokenUserContext as the emulator read it before the cache: decode and verify on every call,
    then the revocation row, then the user's row."""
    try:
        claims = jwt.decode(token, backend.auth.jwt_secret, algorithms=["HS256"],
                            options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
        if not all(int(claims[name]) for name in ("uid", "utypid", "iat", "exp")):
            return GUEST
    except (jwt.PyJWTError, KeyError, TypeError, ValueError):
        return GUEST
    user_type, user_id = int(claims["utypid"]), int(claims["uid"])
    if user_type != USER_TYPE_INTEGRATION and int(claims["exp"]) <= backend.clock.time():
        return GUEST
    revoked = backend.db.one("SELECT revoked_before FROM jwt_revoked WHERE user_type=? AND user_id=?",
                             (user_type, user_id))
    if revoked is not None and int(claims["iat"]) <= revoked[0]:
        return GUEST
    if user_type == USER_TYPE_ADMIN:
        row = backend.db.one("SELECT * FROM admin_user WHERE user_id=?", (user_id,))
        if row is None or not row["is_active"]:
            return GUEST
        return UserContext(USER_TYPE_ADMIN, user_id, tuple(json.loads(row["resources"])))
    if user_type == USER_TYPE_CUSTOMER:
        row = backend.db.one("SELECT website_id FROM customer_entity WHERE entity_id=?", (user_id,))
        if row is None:
            return GUEST
        in_store = store_id is None or store_id in backend.stores.store_ids_of_website(row[0])
        return UserContext(USER_TYPE_CUSTOMER, user_id, (), self_in_store=in_store)
    return GUEST


STEPS = st.lists(st.one_of(
    st.tuples(st.just("issue"), st.sampled_from([USER_TYPE_ADMIN, USER_TYPE_CUSTOMER, USER_TYPE_INTEGRATION, 4]),
              st.integers(0, 3), st.integers(-120, 7200)),
    st.tuples(st.just("advance"), st.integers(0, 4000)),
    st.tuples(st.just("revoke"), st.sampled_from([USER_TYPE_ADMIN, USER_TYPE_CUSTOMER]), st.integers(1, 2)),
    st.tuples(st.just("active"), st.integers(1, 2), st.booleans()),
    st.tuples(st.just("forge"), st.integers(0, 10)),
    st.tuples(st.just("move_customer"), st.integers(1, 2), st.sampled_from([1, 2])),
), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(steps=STEPS, store_id=st.sampled_from([None, 1, 2, 3]))
def test_the_cached_reader_decides_as_the_uncached_one(steps, store_id):
    app = make_app()
    backend = app.extensions["fake_magento"]
    backend.clock.freeze()
    tokens: list[str] = []
    try:
        for index, step in enumerate(steps):
            now = int(backend.clock.time())
            if step[0] == "issue":
                _, user_type, user_id, lifetime = step
                if user_type in (USER_TYPE_ADMIN, USER_TYPE_CUSTOMER) and user_id and lifetime > 0:
                    tokens.append(backend.auth.issue_jwt(user_type, user_id))
                else:
                    tokens.append(jwt.encode({"uid": user_id, "utypid": user_type, "iat": now, "exp": now + lifetime},
                                             backend.auth.jwt_secret, algorithm="HS256"))
            elif step[0] == "advance":
                backend.clock.advance(step[1])
            elif step[0] == "revoke":
                backend.auth.revoke_tokens(step[1], step[2])
            elif step[0] == "active":
                backend.auth.set_admin_active(step[1], step[2])
            elif step[0] == "move_customer":  # another process moves the customer to another website
                other = sqlite3.connect(backend.db.path, isolation_level=None)
                other.execute("UPDATE customer_entity SET website_id=?, email=? WHERE entity_id=?",
                              (step[2], f"moved-{index}@example.com", step[1]))
                other.close()
            else:
                tokens.append(jwt.encode({"uid": 1, "utypid": 2, "iat": now, "exp": now + 60},
                                         f"forged-{step[1]}-" * 4, algorithm="HS256"))
            for token in tokens:
                assert backend.auth.context_from_bearer(token, store_id) == reference_context(backend, token, store_id)
    finally:
        backend.close()
