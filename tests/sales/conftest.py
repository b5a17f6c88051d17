"""Fixtures of the sales tests that replay the sandbox runs (see shop.py)."""
from __future__ import annotations

import pytest

from tests.support import RestClient
from tests.sales.shop import create_bundle, create_simple


@pytest.fixture
def client(shop: RestClient) -> RestClient:
    """An admin client on a fresh copy of the default profile (its orders in every state)."""
    return shop


@pytest.fixture
def simples(admin: RestClient) -> RestClient:
    """RK-A at 8.00 and RK-B at 5.00, 100 in stock each."""
    create_simple(admin, "RK-A", 8)
    create_simple(admin, "RK-B", 5)
    return admin


@pytest.fixture
def bundles(admin: RestClient) -> RestClient:
    """BF-A (8.00) and BF-B (5.00), and three bundles selecting BF-A x2 and BF-B x1: BF-DYN (dynamic
    price, shipped together), BF-FIX (fixed price 30.00, together), BF-SEP (dynamic, separately)."""
    create_simple(admin, "BF-A", 8)
    create_simple(admin, "BF-B", 5)
    selections = [("BF-A", 2), ("BF-B", 1)]
    create_bundle(admin, "BF-DYN", selections, fixed_price=None, separately=False)
    create_bundle(admin, "BF-FIX", selections, fixed_price=30, separately=False)
    create_bundle(admin, "BF-SEP", selections, fixed_price=None, separately=True)
    return admin
