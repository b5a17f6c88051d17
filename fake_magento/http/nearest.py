"""The routes nearest to a request that matched none, for the journal (never for the answer: Magento's
404 names none).

Distance is an edit distance over path segments: a ``:param`` takes any segment for a little (0.1,
so that a route whose literal segments agree beats one that is all parameters), two literal segments
cost their character edit distance over the longer length (so ``order`` is close to ``orders``), and
a missing or extra segment costs 1. Routes the path fits exactly come first (then the verb is what
is wrong), then those of the request's own method, then the nearest.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from fake_magento.http.routing import Route

SHOWN = 3
PARAMETER_COST = 0.1


def nearest_routes(routes: Iterable[Route], method: str, segments: Sequence[str], limit: int = SHOWN) -> list[str]:
    wanted = tuple(segments)
    ranked = []
    for route in routes:
        if abs(len(route.segments) - len(wanted)) > 2:
            continue
        fits = len(route.segments) == len(wanted) and all(
            p == w or p.startswith(":") for p, w in zip(route.segments, wanted))
        ranked.append((not fits, route.method != method, path_distance(route.segments, wanted), route.path,
                       route.method))
    ranked.sort()
    return [f"{m} {path}" for _, _, _, path, m in ranked[:limit]]


def path_distance(pattern: Sequence[str], segments: Sequence[str]) -> float:
    previous = [float(j) for j in range(len(segments) + 1)]
    for i, part in enumerate(pattern, start=1):
        current = [float(i)]
        for j, raw in enumerate(segments, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + segment_cost(part, raw)))
        previous = current
    return round(previous[-1], 3)


@lru_cache(maxsize=8192)
def segment_cost(pattern: str, raw: str) -> float:
    if pattern == raw:
        return 0.0
    if pattern.startswith(":"):
        return PARAMETER_COST
    return _edits(pattern, raw) / max(len(pattern), len(raw))


def _edits(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
