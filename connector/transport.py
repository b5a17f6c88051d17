"""One requests Session, the three auth modes, and the retry policy.

Retries: idempotent calls (GET) are retried with exponential backoff and full jitter on connection
errors (a body cut short included), 429 and 503 (honouring ``Retry-After`` when sent), 502 and 504.
A write is never retried blindly: only when the server cannot have applied it, i.e. the connection
was never made, or a 429 (Magento's rate limiters refuse before the service runs). A 401 is not an
applied write either: the admin token is renewed once, and an ``auto`` OAuth signature is re-made
once the other way.
"""
from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import jwt
import requests

from connector.config import ConnectorConfig
from connector.errors import (
    NOT_AUTHORIZED,
    ConnectionFailed,
    TimedOut,
    error_for_response,
    retry_after_seconds,
)
from connector.signing import MagentoOAuth1

RETRY_STATUSES = frozenset({429, 502, 503, 504})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGNATURE_INVALID = "The signature is invalid. Verify and try again."
USER_AGENT = "magento-connector/0.1 (+fake-magento)"

Params = Sequence[tuple[str, Any]]


def full_jitter(delay: float) -> float:
    return random.uniform(0.0, delay)


@dataclass
class RetryPolicy:
    max_retries: int = 4
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    # A Retry-After above this is not waited for: the error is raised instead.
    retry_after_max: float = 300.0
    jitter: Callable[[float], float] = full_jitter
    sleep: Callable[[float], None] = time.sleep

    def backoff(self, attempt: int) -> float:
        """Delay before retry number ``attempt`` (0-based): jitter over factor * 2^attempt, capped."""
        return self.jitter(min(self.backoff_max, self.backoff_factor * (2 ** attempt)))

    @classmethod
    def from_config(cls, config: ConnectorConfig) -> RetryPolicy:
        return cls(max_retries=config.max_retries, backoff_factor=config.backoff_factor,
                   backoff_max=config.backoff_max)


class BearerAuth(requests.auth.AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self.token}"
        return r


class AdminTokenAuth(requests.auth.AuthBase):
    """Admin credentials: the token comes from ``POST /V1/integration/admin/token`` (a bare JSON
    string; a JWT since 2.4.4, 60 minutes by default) and is renewed a minute before its ``exp``
    or when a call is refused."""

    def __init__(self, base_url: str, username: str, password: str, clock: Callable[[], float] = time.time,
                 margin: float = 60.0) -> None:
        self.base_url, self.username, self.password = base_url, username, password
        self.clock, self.margin = clock, margin
        self.token: str | None = None
        self.expires_at: float | None = None
        self.renewals = 0
        self._lock = threading.Lock()
        self.transport: Transport | None = None

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers["Authorization"] = f"Bearer {self.current()}"
        return r

    def current(self) -> str:
        with self._lock:
            if self.token is None or (self.expires_at is not None
                                      and self.clock() >= self.expires_at - self.margin):
                self._fetch()
            assert self.token is not None
            return self.token

    def renew(self) -> None:
        with self._lock:
            self._fetch()

    def _fetch(self) -> None:
        assert self.transport is not None, "AdminTokenAuth is used through a Transport"
        url = f"{self.base_url}/rest/V1/integration/admin/token"
        response = self.transport.send("POST", url, json={"username": self.username, "password": self.password},
                                       authenticate=False)
        if not response.ok:
            raise error_for_response(response)
        token = response.json()
        if not isinstance(token, str):
            raise ConnectionFailed(f"unexpected admin token answer: {token!r}", status=response.status_code)
        self.token, self.expires_at = token, _jwt_expiry(token)
        self.renewals += 1


def _jwt_expiry(token: str) -> float | None:
    """The ``exp`` claim of a JWT (read, not verified: only Magento holds the key); None for the
    opaque tokens of Magento before 2.4.4."""
    try:
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return None
    exp = claims.get("exp")
    return float(exp) if isinstance(exp, (int, float)) else None


def make_auth(config: ConnectorConfig, signature: str = "auto") -> requests.auth.AuthBase:
    mode = config.auth_mode
    if mode == "oauth":
        assert config.consumer_key and config.consumer_secret and config.access_token and config.access_token_secret
        return MagentoOAuth1(config.consumer_key, config.consumer_secret, config.access_token,
                             config.access_token_secret, normalisation=signature)  # type: ignore[arg-type]
    if mode == "token":
        assert config.token
        return BearerAuth(config.token)
    assert config.username and config.password
    return AdminTokenAuth(config.url, config.username, config.password)


def encode_query(params: Params) -> str:
    """Every name and value percent-encoded (a space is ``%20``, never ``+``): Magento rawurldecodes
    query pairs for the signature, so ``+`` would be signed as a plus but read as a space."""
    return "&".join(f"{quote(str(k), safe='')}={quote(_scalar(v), safe='')}" for k, v in params)


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


@dataclass
class Transport:
    """Sends requests; knows nothing of Magento paths. Answers every response it gets (errors are
    mapped by the caller), and raises ConnectionFailed when there is none."""

    auth: requests.auth.AuthBase | None
    timeout: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    session: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.headers["Accept"] = "application/json"
        if isinstance(self.auth, AdminTokenAuth):
            self.auth.transport = self

    @classmethod
    def from_config(cls, config: ConnectorConfig, session: requests.Session | None = None,
                    signature: str = "auto") -> Transport:
        return cls(auth=make_auth(config, signature), timeout=config.timeout,
                   retry=RetryPolicy.from_config(config), session=session or requests.Session())

    def send(self, method: str, url: str, params: Params = (), json: Any = None, *,
             idempotent: bool | None = None, authenticate: bool = True) -> requests.Response:
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        if params:
            url = f"{url}?{encode_query(params)}"
        attempt = 0
        renewed = resigned = False
        while True:
            try:
                response = self._once(method, url, json, authenticate)
            except requests.RequestException as exc:
                if attempt < self.retry.max_retries and (idempotent or _never_sent(exc)):
                    self.retry.sleep(self.retry.backoff(attempt))
                    attempt += 1
                    continue
                kind = TimedOut if isinstance(exc, requests.Timeout) else ConnectionFailed
                raise kind(f"{type(exc).__name__}: {exc}", method=method, url=url) from exc
            if response.status_code == 401 and authenticate:
                if not renewed and isinstance(self.auth, AdminTokenAuth) and _message(response) == NOT_AUTHORIZED:
                    renewed = True
                    self.auth.renew()
                    continue
                if not resigned and isinstance(self.auth, MagentoOAuth1) and _message(response) == SIGNATURE_INVALID:
                    other = self.auth.alternative(url)
                    if other is not None:
                        resigned = True
                        before, self.auth.preferred = self.auth.preferred, other
                        retried = self._once(method, url, json, authenticate)
                        if retried.status_code == 401 and _message(retried) == SIGNATURE_INVALID:
                            self.auth.preferred = before
                        response = retried
            if (response.status_code in RETRY_STATUSES and attempt < self.retry.max_retries
                    and (idempotent or response.status_code == 429)):
                delay = self._delay(response, attempt)
                if delay is not None:
                    self.retry.sleep(delay)
                    attempt += 1
                    continue
            return response

    def _once(self, method: str, url: str, json: Any, authenticate: bool) -> requests.Response:
        return self.session.request(method, url, json=json, timeout=self.timeout,
                                    auth=self.auth if authenticate else None, allow_redirects=False)

    def _delay(self, response: requests.Response, attempt: int) -> float | None:
        # RFC 9110 10.2.3: Retry-After on a 429, and on a 503 when the server knows how long it is down
        if response.status_code in (429, 503):
            after = retry_after_seconds(response.headers.get("Retry-After"))
            if after is not None:
                return after if after <= self.retry.retry_after_max else None
        return self.retry.backoff(attempt)

    def close(self) -> None:
        self.session.close()


def _never_sent(exc: requests.RequestException) -> bool:
    """The connection was never made, so a write cannot have been applied."""
    return isinstance(exc, requests.exceptions.ConnectTimeout) or (
        isinstance(exc, requests.ConnectionError) and "NewConnectionError" in repr(exc.args))


def _message(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("message") if isinstance(body, dict) else None
