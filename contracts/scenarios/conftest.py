"""Fixtures shared by the scenarios: store views discovered from the target, and shared products."""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import ok
from contracts.target import Target


@pytest.fixture(scope="session")
def store_views(target: Target) -> list[dict[str, Any]]:
    return list(ok(target.client().get("/V1/store/storeViews")))


@pytest.fixture(scope="session")
def second_view(store_views: list[dict[str, Any]]) -> dict[str, Any]:
    """A store view other than the default one (the reference topology has ``de`` and ``fr``)."""
    others = [v for v in store_views if v["id"] not in (0, 1) and v.get("is_active")]
    if not others:
        pytest.skip("the target has a single store view")
    return min(others, key=lambda v: int(v["id"]))
