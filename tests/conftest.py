"""Shared fixtures: a fresh app per test (minimal profile unless a test asks for more).

Helpers (RestClient, make_app, admin_token, search_query...) live in tests/support; every test
directory is a package, so a test imports them as ``from tests.support import ...``.
"""
from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from fake_magento.backend import Backend
from tests.support import RestClient, admin_token, discard_app, make_app

# CI runs every property test on Hypothesis's fixed seed so a landing is judged on the same cases
# each time; HYPOTHESIS_PROFILE=explore draws fresh cases (run it to hunt, then pin what it finds
# as an example test). No deadline: tests assert no timings, and on a shared machine a slow first
# example failed as DeadlineExceeded (tests/sales/test_money.py, 328 ms against 200 ms).
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("explore", derandomize=False, print_blob=True, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (every test module, the parsed OpenAPI schemas, the libraries) lives to the
    end of the run: collect it once, then freeze it out of the cyclic collector, whose full passes
    otherwise walk all of it again and again (measured: 12% of the CPU of the Hypothesis-heavy modules
    in a process that collected the suite)."""
    gc.collect()
    gc.freeze()


@pytest.fixture
def app() -> Iterator[Any]:
    application = make_app()
    yield application
    discard_app(application)


@pytest.fixture
def backend(app: Any) -> Backend:
    return app.extensions["fake_magento"]


@pytest.fixture
def anon(app: Any) -> RestClient:
    return RestClient(app.test_client())


@pytest.fixture
def admin(app: Any, backend: Backend) -> RestClient:
    flask_client = app.test_client()
    return RestClient(flask_client, admin_token(flask_client, backend))


@pytest.fixture
def credentials(backend: Backend) -> dict[str, Any]:
    return dict(backend.db.get_meta("credentials"))


@pytest.fixture
def make_product(backend: Backend) -> Any:
    """make_product(sku, type_id="simple", qty=None) -> product id, saved through the catalog in admin scope."""

    def make(sku: str, type_id: str = "simple", qty: float | None = None) -> int:
        product: dict[str, Any] = {"sku": sku, "name": sku, "type_id": type_id, "price": 10,
                                   "attribute_set_id": 4, "status": 1, "visibility": 4}
        if qty is not None:
            product["extension_attributes"] = {"stock_item": {"qty": qty, "is_in_stock": qty > 0}}
        backend.catalog.save_product(product, backend.stores.scope_for_code("all"))
        return int(backend.catalog.find_id(sku))

    return make


@pytest.fixture
def shop() -> Iterator[RestClient]:
    """An admin client on a fresh copy of the default profile (catalogue, customers, orders)."""
    application = make_app(profile="default")
    flask_client = application.test_client()
    rest = RestClient(flask_client, admin_token(flask_client, application.extensions["fake_magento"]))
    rest.backend = application.extensions["fake_magento"]  # type: ignore[attr-defined]
    yield rest
    discard_app(application)
