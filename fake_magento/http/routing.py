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
from typing import Any, NamedTuple
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
        # The same buckets narrowed by the second segment (``products`` in /V1/products/:sku): a route
        # whose second segment is another literal cannot match, so it is left out; the order is kept.
        self._narrowed: dict[tuple[str, int], tuple[dict[str, list[_Candidate]], list[_Candidate]]] = {}
        for method, by_len in self._by_method.items():
            for length, bucket in by_len.items():
                candidates = [_Candidate(r, tuple((s[1:], True) if s.startswith(":") else (s, False)
                                                  for s in r.segments)) for r in bucket]
                literals = {c.parts[1][0] for c in candidates if length > 1 and not c.parts[1][1]}
                wildcard = [c for c in candidates if length < 2 or c.parts[1][1]]
                by_literal = {lit: [c for c in candidates if length < 2 or c.parts[1][1] or c.parts[1][0] == lit]
                              for lit in literals}
                self._narrowed[(method, length)] = (by_literal, wildcard)

    def match(self, method: str, raw_segments: list[str], *,
              bulk: bool = False) -> tuple[Route, dict[str, str]] | None:
        narrowed = self._narrowed.get((method, len(raw_segments)))
        if narrowed is None:
            return None
        by_literal, wildcard = narrowed
        candidates = by_literal.get(raw_segments[1], wildcard) if len(raw_segments) > 1 else wildcard
        found: tuple[Route, dict[str, str]] | None = None
        for candidate in candidates:
            params: dict[str, str] = {}
            for (name, is_param), raw in zip(candidate.parts, raw_segments):
                if bulk and is_param:
                    if raw != bulk_placeholder(name):
                        break
                elif is_param:
                    params[name] = unquote_plus(raw)
                elif name != raw:
                    break
            else:
                if not params:
                    return candidate.route, params   # an exact path wins outright
                found = (candidate.route, params)
        return found


class _Candidate(NamedTuple):
    route: Route
    parts: tuple[tuple[str, bool], ...]   # (literal or parameter name, is a parameter) per segment


def bulk_placeholder(name: str) -> str:
    """BulkServiceConfig::URL_PARAM_PREFIX_PLACEHOLDER and ucfirst: ``sku`` -> ``bySku``."""
    return "by" + name[:1].upper() + name[1:]
