"""Transport: the retry policy made exact by injected jitter and sleep, what is retried and what never
is, Retry-After, timeouts, and the admin token renewed on expiry and on refusal. Every call goes over a
real socket: a scripted server (tests/connector_tests/fault_server.py) or the emulator."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import jwt
import pytest
import requests

from connector.config import ConnectorConfig
from connector.errors import (
    AuthenticationError,
    AuthorizationError,
    ConnectionFailed,
    RateLimitError,
    ServiceUnavailable,
    TimedOut,
)
from connector.requestor import Requestor
from connector.transport import USER_AGENT, AdminTokenAuth, RetryPolicy, Transport, encode_query
from fake_magento import ThreadedServer
from tests.support.emulator import control, emulator_config, emulator_credentials
from tests.connector_tests.fault_server import FaultServer, Reply, free_port


class Sleeps(list[float]):
    """An injected sleep that records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def policy(sleeps: Sleeps, max_retries: int = 4, **kw: Any) -> RetryPolicy:
    # jitter = the identity: the delay is exactly the capped exponential backoff
    return RetryPolicy(max_retries=max_retries, backoff_factor=0.5, backoff_max=3.0, jitter=lambda d: d,
                       sleep=sleeps, **kw)


@pytest.fixture
def scripted() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def transport(sleeps: Sleeps, timeout: float = 5.0, **kw: Any) -> Transport:
    return Transport(auth=None, timeout=timeout, retry=policy(sleeps, **kw))


OK = Reply(200, {"ok": True})


# -- the backoff ---------------------------------------------------------------------------------------------
def test_backoff_doubles_and_caps() -> None:
    p = policy(Sleeps())
    assert [p.backoff(n) for n in range(6)] == [0.5, 1.0, 2.0, 3.0, 3.0, 3.0]


def test_jitter_is_given_the_capped_delay() -> None:
    seen: list[float] = []
    p = RetryPolicy(backoff_factor=1.0, backoff_max=5.0, jitter=lambda d: seen.append(d) or d / 2)
    assert [p.backoff(n) for n in range(4)] == [0.5, 1.0, 2.0, 2.5]
    assert seen == [1.0, 2.0, 4.0, 5.0]


def test_default_jitter_stays_within_the_delay() -> None:
    p = RetryPolicy(backoff_factor=1.0)
    assert all(0.0 <= p.backoff(3) <= 8.0 for _ in range(50))


def test_policy_from_config() -> None:
    config = ConnectorConfig.from_dict({"url": "http://m", "token": "t", "maxRetries": 2, "backoffFactor": 0.25,
                                        "backoffMax": 9})
    p = RetryPolicy.from_config(config)
    assert (p.max_retries, p.backoff_factor, p.backoff_max) == (2, 0.25, 9.0)


# -- which statuses are retried, for reads ---------------------------------------------------------------------
@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_get_is_retried_on(scripted: FaultServer, sleeps: Sleeps, status: int) -> None:
    scripted.add(Reply(status, {"message": "busy"}), Reply(status, {"message": "busy"}), OK)
    response = transport(sleeps).send("GET", f"{scripted.url}/rest/V1/orders/1")
    assert response.status_code == 200 and response.json() == {"ok": True}
    assert len(scripted.seen) == 3
    assert sleeps == [0.5, 1.0]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 500, 501])
def test_get_is_not_retried_on(scripted: FaultServer, sleeps: Sleeps, status: int) -> None:
    scripted.add(Reply(status, {"message": "no"}), OK)
    response = transport(sleeps).send("GET", f"{scripted.url}/rest/V1/orders/1")
    assert response.status_code == status
    assert len(scripted.seen) == 1 and sleeps == []


def test_retries_run_out(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(*[Reply(503, {"message": "Service Unavailable"}) for _ in range(4)])
    config = ConnectorConfig.from_dict({"url": scripted.url, "token": "t"})
    requestor = Requestor(config, Transport(auth=None, retry=policy(sleeps, max_retries=3)))
    with pytest.raises(ServiceUnavailable) as caught:
        requestor.get("orders/1")
    assert caught.value.status == 503 and caught.value.message == "Service Unavailable"
    assert len(scripted.seen) == 4 and sleeps == [0.5, 1.0, 2.0]


def test_no_retries_configured(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(503, {"message": "x"}), OK)
    assert transport(sleeps, max_retries=0).send("GET", f"{scripted.url}/x").status_code == 503
    assert sleeps == [] and len(scripted.seen) == 1


# -- Retry-After ------------------------------------------------------------------------------------------------
def test_retry_after_seconds_is_waited_exactly(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(429, {"message": "slow"}, {"Retry-After": "7"}), OK)
    assert transport(sleeps).send("GET", f"{scripted.url}/x").status_code == 200
    assert sleeps == [7.0]


def test_retry_after_http_date(scripted: FaultServer, sleeps: Sleeps) -> None:
    past = format_datetime(datetime.now(UTC) - timedelta(seconds=30), usegmt=True)
    scripted.add(Reply(429, {"message": "slow"}, {"Retry-After": past}), OK)
    assert transport(sleeps).send("GET", f"{scripted.url}/x").status_code == 200
    assert sleeps == [0.0]


def test_retry_after_in_the_future_http_date(scripted: FaultServer, sleeps: Sleeps) -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)
    scripted.add(Reply(429, {"message": "slow"}, {"Retry-After": later}), OK)
    assert transport(sleeps).send("GET", f"{scripted.url}/x").status_code == 200
    assert len(sleeps) == 1 and 80 <= sleeps[0] <= 90


def test_retry_after_beyond_the_limit_is_not_waited(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(429, {"message": "Too many requests"}, {"Retry-After": "3600"}), OK)
    config = ConnectorConfig.from_dict({"url": scripted.url, "token": "t"})
    requestor = Requestor(config, Transport(auth=None, retry=policy(sleeps, retry_after_max=300)))
    with pytest.raises(RateLimitError) as caught:
        requestor.get("x")
    assert caught.value.retry_after == 3600.0 and caught.value.message == "Too many requests"
    assert sleeps == [] and len(scripted.seen) == 1


# -- writes ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_writes_are_never_retried_on_5xx(scripted: FaultServer, sleeps: Sleeps, method: str, status: int) -> None:
    scripted.add(Reply(status, {"message": "x"}), OK)
    response = transport(sleeps).send(method, f"{scripted.url}/rest/V1/order/1/ship", json={"items": []})
    assert response.status_code == status
    assert len(scripted.seen) == 1 and sleeps == []


def test_a_write_is_retried_on_429(scripted: FaultServer, sleeps: Sleeps) -> None:
    # Magento's rate limiters refuse before the service runs: nothing was applied
    scripted.add(Reply(429, {"message": "slow"}, {"Retry-After": "2"}), OK)
    response = transport(sleeps).send("POST", f"{scripted.url}/rest/V1/order/1/ship", json={"items": []})
    assert response.status_code == 200
    assert [s.method for s in scripted.seen] == ["POST", "POST"] and sleeps == [2.0]


def test_an_idempotent_write_may_be_retried(scripted: FaultServer, sleeps: Sleeps) -> None:
    # an absolute stock quantity: the requestor marks it idempotent
    scripted.add(Reply(503, b""), OK)
    response = transport(sleeps).send("PUT", f"{scripted.url}/rest/V1/products/a/stockItems/1",
                                      json={"stockItem": {"qty": 5}}, idempotent=True)
    assert response.status_code == 200 and len(scripted.seen) == 2


def test_a_read_timeout_on_a_write_is_not_retried(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(200, {"ok": True}, delay=1.0), OK)
    with pytest.raises(TimedOut) as caught:
        transport(sleeps, timeout=0.3).send("POST", f"{scripted.url}/rest/V1/order/1/invoice", json={})
    assert caught.value.method == "POST" and "ReadTimeout" in caught.value.message
    assert len(scripted.seen) == 1 and sleeps == []


def test_a_read_timeout_on_a_read_is_retried(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(200, {"slow": True}, delay=1.0), OK)
    response = transport(sleeps, timeout=0.3).send("GET", f"{scripted.url}/rest/V1/orders/1")
    assert response.json() == {"ok": True}
    assert sleeps == [0.5]


def test_a_dropped_answer_to_a_write_is_not_retried(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(action="drop"), OK)
    with pytest.raises(ConnectionFailed) as caught:
        transport(sleeps).send("POST", f"{scripted.url}/rest/V1/order/1/ship", json={})
    assert not isinstance(caught.value, TimedOut)
    assert len(scripted.seen) == 1 and sleeps == []


def test_a_dropped_answer_to_a_read_is_retried(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(action="drop"), OK)
    assert transport(sleeps).send("GET", f"{scripted.url}/rest/V1/orders/1").status_code == 200
    assert len(scripted.seen) == 2 and sleeps == [0.5]


def test_a_write_never_sent_is_retried(sleeps: Sleeps) -> None:
    """Connection refused: the write cannot have been applied. The server comes up during the
    second backoff; the write then arrives exactly once."""
    port = free_port()
    started: list[FaultServer] = []

    def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            started.append(FaultServer(port=port).add(OK).start())

    t = Transport(auth=None, timeout=5, retry=RetryPolicy(max_retries=4, backoff_factor=0.5, jitter=lambda d: d,
                                                          sleep=sleep))
    try:
        response = t.send("POST", f"http://127.0.0.1:{port}/rest/V1/order/1/ship", json={"items": []})
        assert response.status_code == 200
        assert sleeps == [0.5, 1.0]
        assert [s.method for s in started[0].seen] == ["POST"]
    finally:
        for server in started:
            server.stop()


def test_refused_every_time(sleeps: Sleeps) -> None:
    url = f"http://127.0.0.1:{free_port()}/rest/V1/orders/1"
    with pytest.raises(ConnectionFailed) as caught:
        transport(sleeps, max_retries=2).send("POST", url, json={})
    assert caught.value.url == url and "ConnectionError" in caught.value.message
    assert sleeps == [0.5, 1.0]


# -- what every request carries ------------------------------------------------------------------------------------
def test_headers_query_and_body(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(OK)
    transport(sleeps).send("PUT", f"{scripted.url}/rest/de/V1/products/a%2Fb",
                           params=[("searchCriteria[pageSize]", 5), ("q", "a b+c/é"), ("flag", True)],
                           json={"product": {"sku": "a/b"}})
    seen = scripted.seen[0]
    assert seen.path == ("/rest/de/V1/products/a%2Fb?searchCriteria%5BpageSize%5D=5&q=a%20b%2Bc%2F%C3%A9&flag=1")
    assert seen.headers["User-Agent"] == USER_AGENT and seen.headers["Accept"] == "application/json"
    assert seen.headers["Content-Type"] == "application/json"
    assert seen.body == b'{"product": {"sku": "a/b"}}'


def test_encode_query_never_uses_plus_for_space() -> None:
    assert encode_query([("a b", "c d+e"), ("t", False)]) == "a%20b=c%20d%2Be&t=0"


def test_redirects_are_not_followed(scripted: FaultServer, sleeps: Sleeps) -> None:
    scripted.add(Reply(302, b"", {"Location": "/admin"}))
    assert transport(sleeps).send("GET", f"{scripted.url}/rest/V1/orders/1").status_code == 302
    assert len(scripted.seen) == 1


# -- admin credentials: the token is fetched, renewed on expiry and on refusal (emulator) ------------------------------
def journal(server: ThreadedServer) -> list[tuple[str, str, int]]:
    return [(e["method"], e["path"], e["status"]) for e in control(server, "journal", method="GET")["entries"]]


@pytest.fixture
def fresh(emulator: ThreadedServer) -> Iterator[ThreadedServer]:
    control(emulator, "reset")
    yield emulator
    control(emulator, "reset")


TOKEN = ("POST", "/rest/V1/integration/admin/token", 200)
WEBSITES = ("GET", "/rest/V1/store/websites", 200)


def admin_requestor(server: ThreadedServer, **overrides: Any) -> tuple[Requestor, AdminTokenAuth]:
    config = emulator_config(server, "admin", **overrides)
    t = Transport.from_config(config)
    assert isinstance(t.auth, AdminTokenAuth)
    return Requestor(config, t), t.auth


def test_admin_token_is_fetched_once_and_reused(fresh: ThreadedServer) -> None:
    requestor, auth = admin_requestor(fresh)
    assert [w["code"] for w in requestor.get("store/websites")] == ["admin", "base", "eu"]
    requestor.get("store/websites")
    assert journal(fresh) == [TOKEN, WEBSITES, WEBSITES]
    assert auth.renewals == 1
    claims = jwt.decode(auth.token or "", options={"verify_signature": False})
    assert auth.expires_at == claims["exp"] == claims["iat"] + 3600


def test_admin_token_renewed_before_it_expires(fresh: ThreadedServer) -> None:
    requestor, auth = admin_requestor(fresh)
    auth.clock = fresh.backend.clock.time      # the client's clock agrees with the server's
    requestor.get("store/websites")
    first = auth.token
    control(fresh, "clock", {"advance": 3600 - 30})   # inside the minute before exp
    requestor.get("store/websites")
    assert auth.token != first and auth.renewals == 2
    assert journal(fresh) == [TOKEN, WEBSITES, TOKEN, WEBSITES]   # never refused


def test_admin_token_renewed_when_refused_as_expired(fresh: ThreadedServer) -> None:
    requestor, auth = admin_requestor(fresh)     # the client's own clock: it cannot tell
    requestor.get("store/websites")
    control(fresh, "clock", {"advance": 3601})
    assert [w["code"] for w in requestor.get("store/websites")] == ["admin", "base", "eu"]
    assert auth.renewals == 2
    assert journal(fresh) == [TOKEN, WEBSITES, ("GET", "/rest/V1/store/websites", 401), TOKEN, WEBSITES]


def test_admin_token_renewed_when_revoked(fresh: ThreadedServer) -> None:
    requestor, auth = admin_requestor(fresh)
    requestor.get("store/websites")
    uid = jwt.decode(auth.token or "", options={"verify_signature": False})["uid"]
    fresh.backend.auth.revoke_tokens(2, uid)   # what saving the admin user does (AdminUser::afterSave)
    control(fresh, "clock", {"advance": 2})     # a token issued in the revocation's second is revoked too
    requestor.get("store/websites")
    assert auth.renewals == 2
    assert journal(fresh)[-3:] == [("GET", "/rest/V1/store/websites", 401), TOKEN, WEBSITES]


def test_renewed_once_only_when_the_acl_refuses(fresh: ThreadedServer) -> None:
    creds = emulator_credentials(fresh)
    # catalog_manager (same password as admin in the seed) may read the catalog only
    requestor, auth = admin_requestor(fresh, username=creds["catalog_admin_username"])
    with pytest.raises(AuthorizationError) as caught:
        requestor.get("orders/1")
    assert caught.value.message == "The consumer isn't authorized to access Magento_Sales::actions_view."
    assert auth.renewals == 2
    assert [s for _, _, s in journal(fresh)] == [200, 401, 200, 401]


def test_wrong_admin_password(fresh: ThreadedServer) -> None:
    requestor, _ = admin_requestor(fresh, password="wrong")
    with pytest.raises(AuthenticationError) as caught:
        requestor.get("store/websites")
    assert caught.value.message == ("The account sign-in was incorrect or your account is disabled temporarily. "
                                    "Please wait and try again later.")
    assert [s for _, _, s in journal(fresh)] == [401]


def test_bearer_mode_sends_the_token(fresh: ThreadedServer) -> None:
    config = emulator_config(fresh, "token")
    requestor = Requestor(config, Transport.from_config(config))
    assert [w["code"] for w in requestor.get("store/websites")] == ["admin", "base", "eu"]
    assert isinstance(requestor.transport.session, requests.Session)
