"""Magento's REST route table.

Magento matches on the raw REQUEST_URI split into segments (Webapi/Controller/Rest/Router):
an exact path wins; otherwise routes with the same segment count are tried with ``:param``
matching one segment, and after ``ksort`` the *last* match wins, so a literal segment beats
a parameter (``/V1/products/types`` beats ``/V1/products/:sku``). Path values are
``urldecode()``d per segment: ``%2F`` is a slash inside a value, ``+`` is a space.
A wrong verb is simply no match: 404 "Request does not match any route.".

Under ``/async/bulk`` the routes are WebapiAsync's BulkServiceConfig copies, where every ``/:param``
became the literal ``/by<Param>`` (``ucfirst``): ``/V1/products/bySku``,
``/V1/products/byProductSku/stockItems/byItemId``. Nothing else matches there (a real SKU in place of
``bySku`` is 404, measured on 2.4.7-p3), and such a route has no path values at all.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

View = Callable[..., Any]


@dataclass(frozen=True)
class Route:
    method: str
    path: str                      # Magento form: /V1/products/:sku
    view: View
    resources: tuple[str, ...]     # ACL resource ids; ("anonymous",) or ("self",) for the special ones
    segments: tuple[str, ...] = field(default=())
    # True when the route may be called through /async and /async/bulk (write routes).
    async_allowed: bool = True

    @property
    def openapi_path(self) -> str:
        return "/" + "/".join("{" + s[1:] + "}" if s.startswith(":") else s for s in self.segments)


class Routes:
    """A collection of routes declared with decorators, one per area module."""

    def __init__(self) -> None:
        self.routes: list[Route] = []

    def add(self, method: str, path: str, *resources: str, async_allowed: bool = True) -> Callable[[View], View]:
        if not resources:
            raise ValueError(f"{method} {path}: an ACL resource is required")

        def decorator(view: View) -> View:
            segments = tuple(s for s in path.split("/") if s)
            self.routes.append(Route(method, path, view, tuple(resources), segments, async_allowed))
            return view

        return decorator

    def get(self, path: str, *resources: str) -> Callable[[View], View]:
        return self.add("GET", path, *resources, async_allowed=False)

    def post(self, path: str, *resources: str) -> Callable[[View], View]:
        return self.add("POST", path, *resources)

    def put(self, path: str, *resources: str) -> Callable[[View], View]:
        return self.add("PUT", path, *resources)

    def delete(self, path: str, *resources: str) -> Callable[[View], View]:
        return self.add("DELETE", path, *resources)


class Router:
    def __init__(self, groups: Iterable[Routes]) -> None:
        self.routes: list[Route] = [r for g in groups for r in g.routes]
        seen: set[tuple[str, str]] = set()
        for r in self.routes:
            key = (r.method, "/".join(":" if s.startswith(":") else s for s in r.segments))
            if key in seen:
                raise ValueError(f"duplicate route {r.method} {r.path}")
            seen.add(key)
        self._by_method: dict[str, dict[int, list[Route]]] = {}
        for r in self.routes:
            self._by_method.setdefault(r.method, {}).setdefault(len(r.segments), []).append(r)
        for by_len in self._by_method.values():
            for bucket in by_len.values():
                bucket.sort(key=lambda r: r.path)  # ksort; the last match wins

    def match(self, method: str, raw_segments: list[str], *,
              bulk: bool = False) -> tuple[Route, dict[str, str]] | None:
        candidates = self._by_method.get(method, {}).get(len(raw_segments), [])
        found: tuple[Route, dict[str, str]] | None = None
        for route in candidates:
            params: dict[str, str] = {}
            for pattern, raw in zip(route.segments, raw_segments):
                if bulk and pattern.startswith(":"):
                    if raw != bulk_placeholder(pattern[1:]):
                        break
                elif pattern.startswith(":"):
                    params[pattern[1:]] = unquote_plus(raw)
                elif pattern != raw:
                    break
            else:
                if not params:
                    return route, params   # an exact path wins outright
                found = (route, params)
        return found


def bulk_placeholder(name: str) -> str:
    """BulkServiceConfig::URL_PARAM_PREFIX_PLACEHOLDER and ucfirst: ``sku`` -> ``bySku``."""
    return "by" + name[:1].upper() + name[1:]
