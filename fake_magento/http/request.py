"""What a view receives: scope, path values, query, body, caller, backend."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fake_magento.errors import required_field

if TYPE_CHECKING:
    from fake_magento.backend import Backend
    from fake_magento.backend.auth import UserContext
    from fake_magento.backend.scope import StoreScope


def snake(name: str) -> str:
    """SimpleDataObjectConverter::camelCaseToSnakeCase."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def snake_keys(value: Any) -> Any:
    """Magento accepts data-object keys in camelCase or snake_case; normalise to snake_case."""
    if isinstance(value, dict):
        return {snake(k) if isinstance(k, str) else k: snake_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [snake_keys(v) for v in value]
    return value


@dataclass
class RestRequest:
    backend: Backend
    scope: StoreScope
    user: UserContext
    method: str
    path: str                          # after /rest[/<store>], e.g. /V1/products/ABC
    params: dict[str, str]             # decoded path values
    query: dict[str, Any]              # PHP-style nested query
    body: Any = None                   # decoded JSON body (POST/PUT) or None
    # the service arguments ServiceInputProcessor converted from the contract (http/service_input.py)
    input: dict[str, Any] = field(default_factory=dict)

    def arg(self, name: str, default: Any = None) -> Any:
        """A service parameter, converted to its contract type when the contract declares it; otherwise
        from path, body or query, in camelCase or snake_case.

        Path values override body values (ParamsOverrider::overrideRequestBodyIdWithPathParam).
        """
        for key in (name, camel(name), snake(name)):
            if key in self.input:
                return self.input[key]
        for key in (name, snake(name), camel(name)):
            if key in self.params:
                return self.params[key]
        sources = [self.body] if isinstance(self.body, dict) else []
        sources.append(self.query)
        for source in sources:
            for key in (name, snake(name), camel(name)):
                if key in source:
                    return source[key]
        return default

    def require(self, name: str) -> Any:
        value = self.arg(name)
        if value is None:
            raise required_field(name)
        return value
