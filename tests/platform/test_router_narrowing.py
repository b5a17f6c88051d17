"""The router narrows its candidates by the second segment; it must match exactly as the full scan."""
from __future__ import annotations

from urllib.parse import unquote_plus

from hypothesis import given
from hypothesis import strategies as st

from fake_magento.http.registry import build_router
from fake_magento.http.routing import bulk_placeholder

ROUTER = build_router()
WORDS = sorted({s for r in ROUTER.routes for s in r.segments if not s.startswith(":")})
PARAMS = sorted({bulk_placeholder(s[1:]) for r in ROUTER.routes for s in r.segments if s.startswith(":")})


def full_scan(method, raw_segments, bulk):
    """Router::match before narrowing: every route of the method and segment count, in ksort order."""
    candidates = sorted((r for r in ROUTER.routes if r.method == method and len(r.segments) == len(raw_segments)),
                        key=lambda r: r.path)
    found = None
    for route in candidates:
        params = {}
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
                return route, params
            found = (route, params)
    return found


segment = st.one_of(st.sampled_from(WORDS), st.sampled_from(PARAMS), st.text("ab1%2F+ ", max_size=5))


@given(method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
       route_index=st.integers(0, len(ROUTER.routes) - 1), swaps=st.lists(st.tuples(st.integers(0, 8), segment),
                                                                       max_size=3),
       bulk=st.booleans())
def test_narrowed_match_is_the_full_scan(method, route_index, swaps, bulk):
    raw = [s if not s.startswith(":") else "x" for s in ROUTER.routes[route_index].segments]
    for position, value in swaps:
        if position < len(raw):
            raw[position] = value
        else:
            raw.append(value)
    assert ROUTER.match(method, raw, bulk=bulk) == full_scan(method, raw, bulk)


def test_every_route_matches_itself():
    for route in ROUTER.routes:
        raw = [s if not s.startswith(":") else "v" for s in route.segments]
        matched = ROUTER.match(route.method, raw)
        assert matched is not None and matched == full_scan(route.method, raw, False)
