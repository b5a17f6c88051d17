"""Fixtures of the product-type tests (their helpers: tests/support/catalog.py)."""
from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def attr_ids(backend: Any) -> dict[str, str]:
    return {code: str(meta["attribute_id"]) for code, meta in backend.catalog.attributes().items()}
