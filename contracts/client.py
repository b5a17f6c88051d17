"""The kit's own small HTTP client: Magento REST over requests, nothing else.

Scenarios call operations by their path template (``/V1/products/{sku}``) with the values as
keyword arguments; the client percent-encodes every value (``quote(v, safe="")``: ``/`` is ``%2F``,
``+`` is ``%2B``, as Magento's router urldecodes each segment), puts the store code in the path
(``/rest/<store>/V1/...``) and tells its observers (the schema validator, the recorder) about every
exchange, tagged with the operation it called.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import requests
from requests.auth import AuthBase

from connector.signing import MagentoOAuth1

QueryValue = str | int | float | bool
Query = Mapping[str, QueryValue] | Sequence[tuple[str, QueryValue]]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class Exchange:
    """One request and its answer, as scenarios and observers see it."""

    method: str
    template: str  # "/V1/products/{sku}": the operation, without /rest/<store>
    path: str  # the encoded path sent, /rest/... included
    store: str | None
    query: list[tuple[str, str]]
    request_body: Any
    status: int
    body: Any  # parsed JSON, or the text when it is not JSON
    headers: Mapping[str, str]
    auth: str
    path_values: dict[str, str] = field(default_factory=dict)

    @property
    def operation(self) -> str:
        return f"{self.method} {self.template}"

    @property
    def message(self) -> str | None:
        return self.body.get("message") if isinstance(self.body, dict) else None

    def __repr__(self) -> str:
        text = json.dumps(self.body)[:600] if not isinstance(self.body, str) else self.body[:600]
        return f"<{self.method} {self.path} -> {self.status} {text}>"


Observer = Callable[[Exchange], None]


class BearerAuth(AuthBase):
    def __init__(self, token: str) -> None:
        self.token = token

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        request.headers["Authorization"] = f"Bearer {self.token}"
        return request


def encode_query(query: Query | None) -> list[tuple[str, str]]:
    items = list(query.items()) if isinstance(query, Mapping) else list(query or [])
    out: list[tuple[str, str]] = []
    for key, value in items:
        if isinstance(value, bool):
            value = int(value)
        out.append((str(key), str(value)))
    return out


def render_path(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders with percent-encoded values (every reserved character escaped)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"{template}: no value for {{{name}}}")
        return quote(str(values[name]), safe="")

    return _PLACEHOLDER.sub(fill, template)


class MagentoClient:
    """Calls one Magento (or the emulator) with one kind of credentials."""

    def __init__(self, base_url: str, auth: AuthBase | None, auth_name: str, session: requests.Session,
                 observers: Iterable[Observer] = (), timeout: float = 120.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.auth = auth
        self.auth_name = auth_name
        self.session = session
        self.observers = list(observers)
        self.timeout = timeout

    def with_auth(self, auth: AuthBase | None, auth_name: str) -> MagentoClient:
        return MagentoClient(self.base_url, auth, auth_name, self.session, self.observers, self.timeout)

    def with_token(self, token: str, auth_name: str = "bearer") -> MagentoClient:
        return self.with_auth(BearerAuth(token), auth_name)

    def anonymous(self) -> MagentoClient:
        return self.with_auth(None, "anonymous")

    def request(self, method: str, template: str, *, store: str | None = None, query: Query | None = None,
                json_body: Any = None, raw_body: str | None = None, headers: Mapping[str, str] | None = None,
                **values: Any) -> Exchange:
        path = "/rest" + (f"/{quote(store, safe='')}" if store is not None else "") + render_path(template, values)
        pairs = encode_query(query)
        url = self.base_url + path
        if pairs:
            url += "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
        hdrs = {"Accept": "application/json", **(headers or {})}
        data: str | None = raw_body
        if json_body is not None:
            data = json.dumps(json_body)
        if data is not None:
            hdrs.setdefault("Content-Type", "application/json")
        resp = self.session.request(method, url, data=data.encode() if data is not None else None,
                                    headers=hdrs, auth=self.auth, timeout=self.timeout)
        try:
            body: Any = resp.json()
        except ValueError:
            body = resp.text
        exchange = Exchange(method=method.upper(), template=template, path=path, store=store, query=pairs,
                            request_body=json_body if json_body is not None else raw_body,
                            status=resp.status_code, body=body, headers=dict(resp.headers), auth=self.auth_name,
                            path_values={k: str(v) for k, v in values.items()})
        for observe in self.observers:
            observe(exchange)
        return exchange

    def get(self, template: str, **kw: Any) -> Exchange:
        return self.request("GET", template, **kw)

    def post(self, template: str, body: Any = None, **kw: Any) -> Exchange:
        return self.request("POST", template, json_body=body, **kw)

    def put(self, template: str, body: Any = None, **kw: Any) -> Exchange:
        return self.request("PUT", template, json_body=body, **kw)

    def delete(self, template: str, body: Any = None, **kw: Any) -> Exchange:
        return self.request("DELETE", template, json_body=body, **kw)


def oauth(consumer_key: str, consumer_secret: str, access_token: str, access_token_secret: str,
          naive: bool = False) -> MagentoOAuth1:
    """The connector's signer. ``naive`` signs the path as sent (as most clients do: what later
    Magento's unreserved-only rule verifies), with no fallback, so a scenario can show a 2.4.7
    server's 401; otherwise the laminas-normalised URL Magento 2.4.7 verifies, also with no fallback."""
    return MagentoOAuth1(consumer_key, consumer_secret, access_token, access_token_secret,
                         normalisation="unreserved" if naive else "laminas")
