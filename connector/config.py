"""Connector configuration, in the shape integration platforms already use.

The core keys are the ones Magento's integration page shows and most platforms store
(``url``, ``consumerKey``, ``consumerSecret``, ``accessToken``, ``accessTokenSecret``, ``type``).
Snake-case spellings are accepted too. Besides OAuth 1.0a there are two more modes: a Bearer
token (``token``) and admin credentials (``username`` + ``password``), whose token the
transport fetches and renews.
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

ApiType = Literal["V1", "async/V1", "async/bulk/V1"]
AuthMode = Literal["oauth", "token", "admin"]

WATERMARKS = ("orders_last_pull", "customers_last_pull", "products_last_pull")

# platform key -> dataclass field; every field's own name is accepted as well.
_ALIASES = {
    "consumerKey": "consumer_key", "consumerSecret": "consumer_secret",
    "accessToken": "access_token", "accessTokenSecret": "access_token_secret",
    "storeCode": "store_code", "store": "store_code",
    "bearerToken": "token", "adminUsername": "username", "adminPassword": "password",
    "admin_username": "username", "admin_password": "password",
    "base_url": "url", "baseUrl": "url", "adminPath": "admin_path",
    "maxRetries": "max_retries", "backoffFactor": "backoff_factor", "backoffMax": "backoff_max",
}

# MAGENTO_<NAME> environment variables.
_ENV = {
    "URL": "url", "CONSUMER_KEY": "consumer_key", "CONSUMER_SECRET": "consumer_secret",
    "ACCESS_TOKEN": "access_token", "ACCESS_TOKEN_SECRET": "access_token_secret",
    "TYPE": "type", "STORE_CODE": "store_code", "TOKEN": "token", "USERNAME": "username",
    "PASSWORD": "password", "TIMEOUT": "timeout", "MAX_RETRIES": "max_retries",
    "ADMIN_PATH": "admin_path", "ORDERS_LAST_PULL": "orders_last_pull",
    "CUSTOMERS_LAST_PULL": "customers_last_pull", "PRODUCTS_LAST_PULL": "products_last_pull",
}


class ConfigError(ValueError):
    """The configuration cannot be used (a missing key, an unknown type, no credentials)."""


@dataclass(frozen=True)
class ConnectorConfig:
    url: str
    consumer_key: str | None = None
    consumer_secret: str | None = None
    access_token: str | None = None
    access_token_secret: str | None = None
    type: ApiType = "V1"
    token: str | None = None
    username: str | None = None
    password: str | None = None
    store_code: str | None = None
    timeout: float = 30.0
    max_retries: int = 4
    backoff_factor: float = 0.5
    backoff_max: float = 30.0
    # Admin area front name (app/etc/env.php backend/frontName) for deep links.
    admin_path: str = "admin"
    orders_last_pull: str | None = None
    customers_last_pull: str | None = None
    products_last_pull: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.url:
            raise ConfigError("url is required")
        if self.type not in ("V1", "async/V1", "async/bulk/V1"):
            raise ConfigError(f"type must be 'V1' or 'async/V1', not {self.type!r}")
        object.__setattr__(self, "url", base_url(self.url))
        self.auth_mode  # noqa: B018 - validates that one mode is complete

    @property
    def auth_mode(self) -> AuthMode:
        oauth = (self.consumer_key, self.consumer_secret, self.access_token, self.access_token_secret)
        if all(oauth):
            return "oauth"
        if self.token:
            return "token"
        if self.username and self.password:
            return "admin"
        if any(oauth):
            raise ConfigError("OAuth needs consumerKey, consumerSecret, accessToken and accessTokenSecret")
        raise ConfigError("no credentials: give the OAuth 1.0a keys, a token, or username and password")

    def with_watermark(self, name: str, value: str) -> ConnectorConfig:
        if name not in WATERMARKS:
            raise ConfigError(f"unknown watermark {name!r}")
        changes: dict[str, Any] = {name: value}
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ConnectorConfig:
        known = {f.name for f in fields(cls)} - {"extra"}
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            name = _ALIASES.get(key, key)
            if name in known:
                values[name] = value
            else:
                extra[key] = value
        for name in ("timeout", "backoff_factor", "backoff_max"):
            if name in values and values[name] is not None:
                values[name] = float(values[name])
        if values.get("max_retries") is not None:
            values["max_retries"] = int(values["max_retries"])
        if "url" not in values:
            raise ConfigError("url is required")
        return cls(**values, extra=extra)

    @classmethod
    def from_file(cls, path: str | Path) -> ConnectorConfig:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ConfigError(f"cannot read {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise ConfigError(f"{path} must hold a JSON object")
        return cls.from_dict(data)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ConnectorConfig:
        env = os.environ if environ is None else environ
        data = {name: env[f"MAGENTO_{key}"] for key, name in _ENV.items() if env.get(f"MAGENTO_{key}")}
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The platform shape (camelCase core keys), watermarks included."""
        out: dict[str, Any] = {"url": self.url, "type": self.type}
        for name, key in (("consumer_key", "consumerKey"), ("consumer_secret", "consumerSecret"),
                          ("access_token", "accessToken"), ("access_token_secret", "accessTokenSecret")):
            if getattr(self, name):
                out[key] = getattr(self, name)
        for name in ("token", "username", "password", "store_code", *WATERMARKS):
            if getattr(self, name) is not None:
                out[name] = getattr(self, name)
        out.update(timeout=self.timeout, max_retries=self.max_retries, admin_path=self.admin_path)
        return out


def base_url(url: str) -> str:
    """The store's base URL: a trailing ``/`` or ``/rest`` is not part of it (``/index.php`` stays,
    for stores served without URL rewrites)."""
    url = url.rstrip("/")
    return url.removesuffix("/rest")
