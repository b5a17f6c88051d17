"""Faults on purpose: rules that make a request fail the way production stores fail.

A rule matches a request by method, path pattern and, optionally, store code and the kind of
caller; it fires by call count (the nth call, every nth, the first n) or by a seeded probability;
what it does is its kind (http/faults.py turns a fired rule into the answer). Rules are checked in
the order they were added; every matching rule counts the call, the first that fires wins.

Counting is per rule and over the requests that match it, so two rules on the same path count
independently. Rules come from the control plane (``POST /_fake/faults``) and from the file given
to ``serve --faults``; those are the *configured* rules, which ``POST /_fake/reset`` restores with
their counts at zero (parsing and validation: fault_rules.py).
"""
from __future__ import annotations

import base64
import binascii
import fnmatch
import json
import random
import threading
from dataclasses import dataclass, field, replace
from typing import Any

# What a rule does (README, "Faults and the journal").
MASKED_500 = "masked_500"          # Magento's masked 500: the service failed, nothing written
MAINTENANCE = "maintenance"        # pub/errors 503 page: maintenance mode is on
RATE_LIMIT = "rate_limit"          # 429 Too Many Requests (Webapi RequestValidator backpressure)
LATENCY = "latency"                # answer as usual, late
DROP = "drop"                      # the connection closes before any byte of an answer
TRUNCATE = "truncate"              # the real answer, cut off half way (Content-Length says more)
MALFORMED_JSON = "malformed_json"  # a complete answer whose JSON body does not parse
TOKEN_EXPIRED = "token_expired"    # the caller's token has expired: the caller is a guest
LOST_RESPONSE = "lost_response"    # the request is applied, then the connection drops
STATUS = "status"                  # a given status and JSON body instead of the route's answer
KINDS = (MASKED_500, MAINTENANCE, RATE_LIMIT, LATENCY, DROP, TRUNCATE, MALFORMED_JSON, TOKEN_EXPIRED,
         LOST_RESPONSE, STATUS)

ADMIN, INTEGRATION, CUSTOMER, GUEST = "admin", "integration", "customer", "guest"
CALLER_KINDS = (ADMIN, INTEGRATION, CUSTOMER, GUEST)
# Authorization/Model/UserContextInterface user types, as the JWT's utypid claim carries them.
_USER_TYPES = {1: INTEGRATION, 2: ADMIN, 3: CUSTOMER, 4: GUEST}


def caller_kind(authorization: str | None) -> str:
    """Who the caller says it is, read from the Authorization header without verifying it.

    A rule matches on what a caller presents, so an expired or revoked admin token still counts as
    an admin's call: ``OAuth ...`` is an integration; a Bearer JWT is whoever its ``utypid`` claim
    names; any other Bearer token is an integration's access token (the
    enable_integration_as_bearer setting); no header is a guest.
    """
    if not authorization:
        return GUEST
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() == "oauth":
        return INTEGRATION
    if scheme.lower() != "bearer" or not token:
        return GUEST
    parts = token.split(".")
    if len(parts) != 3:
        return INTEGRATION
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
        return _USER_TYPES.get(int(claims["utypid"]), GUEST)
    except (ValueError, KeyError, TypeError, binascii.Error):
        return GUEST


@dataclass(frozen=True)
class FaultCall:
    """What a rule can match on: one request, as the dispatcher sees it after the store code."""

    method: str
    path: str                 # after /rest[/<store>] (and without /async, /async/bulk)
    store: str                # the store code in the URL; "default"'s code for /rest/V1
    authorization: str | None = None


@dataclass(frozen=True)
class Fired:
    """A rule that fired for one request: what the HTTP edge has to do."""

    rule_id: int
    kind: str
    delay_ms: int = 0
    retry_after: int | None = None
    status: int | None = None
    body: Any = None

    def journal(self) -> dict[str, Any]:
        return {"id": self.rule_id, "kind": self.kind}


@dataclass
class FaultRule:
    path: str                               # fnmatch pattern on the path after /rest[/<store>]
    kind: str = MASKED_500
    methods: tuple[str, ...] = ("*",)
    stores: tuple[str, ...] | None = None   # store codes as in the URL ("all", "de"); None: any
    callers: tuple[str, ...] | None = None  # CALLER_KINDS; None: any
    times: int | None = None                # fire at most this many times (alone: the first n calls)
    nth: int | None = None                  # fire on the nth matching call only
    every: int | None = None                # fire on every nth matching call
    probability: float | None = None        # fire with this probability, drawn from random.Random(seed)
    seed: int = 0
    delay_ms: int | tuple[int, int] = 0     # fixed, or a [low, high] range drawn per firing
    retry_after: int | None = None          # rate_limit: the Retry-After header (None: no header)
    status: int | None = None               # status kind: the status answered
    body: Any = None                        # status kind: the JSON answered; malformed_json: the text
    id: int = 0
    calls: int = 0
    fired: int = 0
    _rng: random.Random = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def matches(self, call: FaultCall) -> bool:
        if "*" not in self.methods and call.method not in self.methods:
            return False
        if not fnmatch.fnmatchcase(call.path, self.path):
            return False
        if self.stores is not None and call.store not in self.stores:
            return False
        return self.callers is None or caller_kind(call.authorization) in self.callers

    def count(self, may_fire: bool = True) -> bool:
        """Count one matching call; True when the rule fires on it (never when ``may_fire`` is False:
        an earlier rule fired, yet this one's count and random sequence still advance)."""
        self.calls += 1
        if self.nth is not None:
            hit = self.calls == self.nth
        elif self.every is not None:
            hit = self.calls % self.every == 0
        elif self.probability is not None:
            hit = self._rng.random() < self.probability  # drawn on every call: reproducible by seed
        else:
            hit = True
        if not may_fire or (self.times is not None and self.fired >= self.times):
            hit = False
        if hit:
            self.fired += 1
        return hit

    def firing(self) -> Fired:
        delay = self.delay_ms
        if isinstance(delay, tuple):
            delay = self._rng.randint(delay[0], delay[1])
        return Fired(self.id, self.kind, delay, self.retry_after, self.status, self.body)

    def fresh(self) -> FaultRule:
        """The same rule with its counts at zero and its random sequence from the start."""
        return replace(self, calls=0, fired=0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "path": self.path,
            "method": self.methods[0] if len(self.methods) == 1 else list(self.methods),
            "store": _listed(self.stores), "auth": _listed(self.callers),
            "times": self.times, "nth": self.nth, "every": self.every,
            "probability": self.probability, "seed": self.seed,
            "delay_ms": list(self.delay_ms) if isinstance(self.delay_ms, tuple) else self.delay_ms,
            "retry_after": self.retry_after, "status": self.status, "body": self.body,
            "calls": self.calls, "fired": self.fired,
        }


def _listed(values: tuple[str, ...] | None) -> str | list[str] | None:
    if values is None:
        return None
    return values[0] if len(values) == 1 else list(values)


class FaultRegistry:
    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._configured: list[FaultRule] = []
        self._next_id = 1
        self._lock = threading.Lock()

    def configure(self, rules: list[FaultRule]) -> list[FaultRule]:
        """The rules a server starts with (``serve --faults``); reset brings them back."""
        with self._lock:
            self._configured = []
            self._next_id = 1
            for rule in rules:
                self._configured.append(replace(rule, id=self._next_id, calls=0, fired=0))
                self._next_id += 1
            self._rules = [r.fresh() for r in self._configured]
            return list(self._rules)

    def add(self, *rules: FaultRule) -> list[FaultRule]:
        with self._lock:
            added = []
            for rule in rules:
                rule = replace(rule, id=self._next_id, calls=0, fired=0)
                self._next_id += 1
                added.append(rule)
            self._rules = [*self._rules, *added]
            return added

    @property
    def active(self) -> bool:
        return bool(self._rules)

    def take(self, call: FaultCall) -> Fired | None:
        """Count the call on every rule it matches; the first rule that fires wins."""
        if not self._rules:   # the usual case: no lock, no work
            return None
        fired: Fired | None = None
        with self._lock:
            for rule in self._rules:
                if rule.matches(call) and rule.count(may_fire=fired is None):
                    fired = rule.firing()
        return fired

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.to_dict() for r in self._rules]

    def remove(self, rule_id: int) -> bool:
        with self._lock:
            kept = [r for r in self._rules if r.id != rule_id]
            found = len(kept) != len(self._rules)
            self._rules = kept
            return found

    def remove_all(self) -> None:
        """``DELETE /_fake/faults``: no rule at all, the configured ones included."""
        with self._lock:
            self._rules = []

    def clear(self) -> None:
        """What ``POST /_fake/reset`` does (Backend.reset): back to the configured rules, counts at zero."""
        with self._lock:
            self._rules = [r.fresh() for r in self._configured]
            self._next_id = len(self._configured) + 1
