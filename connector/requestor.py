"""Magento paths and answers: ``/rest/<store>/<V1|async/V1|async/bulk/V1>/...``, percent-encoded path
values, JSON in and out, every error status mapped to the error tree.

Resources call ``get("products/{}", sku)``; they never build URLs themselves.
"""
from __future__ import annotations

import json as jsonlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from connector.config import ConnectorConfig
from connector.errors import MalformedResponse, error_for_response
from connector.transport import IDEMPOTENT_METHODS, Params, Transport

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})


def path(template: str, *values: Any) -> str:
    """Fill ``{}`` slots with percent-encoded values: ``quote(value, safe="")``, so a ``/`` in a SKU is
    ``%2F`` and a ``+`` is ``%2B`` (Magento's router urldecodes each segment, so a literal ``+``
    would be a space)."""
    return template.format(*(quote(str(v), safe="") for v in values))


class Requestor:
    def __init__(self, config: ConnectorConfig, transport: Transport) -> None:
        self.config = config
        self.transport = transport

    def url(self, relative: str, *, store: str | None = None, api: str = "V1") -> str:
        code = store if store is not None else self.config.store_code
        scope = f"/{quote(code, safe='')}" if code else ""
        return f"{self.config.url}/rest{scope}/{api}/{relative.lstrip('/')}"

    def api_for(self, method: str, api: str | None) -> str:
        """Reads always go to V1; writes follow the configured type unless the call says otherwise."""
        if api is not None:
            return api
        return self.config.type if method in WRITE_METHODS else "V1"

    def request(self, method: str, relative: str, *, params: Params = (), json: Any = None,
                store: str | None = None, api: str | None = None, idempotent: bool | None = None) -> Any:
        """Send and decode. A successful answer whose body is not JSON (a proxy's page, a body cut
        short with a Content-Length to match) is asked again with the transport's backoff when the
        call is idempotent; a write's is raised as MalformedResponse (it may have been applied)."""
        method = method.upper()
        url = self.url(relative, store=store, api=self.api_for(method, api))
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        retry = self.transport.retry
        attempt = 0
        while True:
            response = self.transport.send(method, url, params, json, idempotent=idempotent)
            if not 200 <= response.status_code < 300:
                raise error_for_response(response)
            if not response.content:
                return None
            try:
                return response.json()
            except (ValueError, jsonlib.JSONDecodeError) as exc:
                if idempotent and attempt < retry.max_retries:
                    retry.sleep(retry.backoff(attempt))
                    attempt += 1
                    continue
                raise MalformedResponse(f"not JSON: {response.text[:200]!r}", status=response.status_code,
                                        body=response.text, method=method, url=url) from exc

    def get(self, relative: str, *, params: Params = (), store: str | None = None) -> Any:
        return self.request("GET", relative, params=params, store=store)

    def post(self, relative: str, json: Any = None, *, store: str | None = None, api: str | None = None,
             idempotent: bool | None = None) -> Any:
        return self.request("POST", relative, json=json, store=store, api=api, idempotent=idempotent)

    def put(self, relative: str, json: Any = None, *, store: str | None = None, api: str | None = None,
            idempotent: bool | None = None) -> Any:
        return self.request("PUT", relative, json=json, store=store, api=api, idempotent=idempotent)

    def delete(self, relative: str, *, store: str | None = None, api: str | None = None,
               params: Sequence[tuple[str, Any]] = ()) -> Any:
        return self.request("DELETE", relative, params=params, store=store, api=api)
