"""Checkout fixtures: guest and customer clients on a fresh copy of the default profile (their
helpers: tests/support/checkout.py)."""
from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def guest(shop: Any) -> Any:
    return shop.with_token(None)


@pytest.fixture
def customer(shop: Any) -> Any:
    """A customer client (JWT of customer 1) with ``.customer_id``."""
    client = shop.with_token(shop.backend.auth.issue_jwt(3, 1))
    client.customer_id = 1
    return client
