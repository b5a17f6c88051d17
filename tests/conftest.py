"""Shared fixtures: a fresh app per test (minimal profile unless a test asks for more)."""
from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from fake_magento import Config, create_app
from fake_magento.backend import Backend
from fake_magento.seed.lifecycle import seed_state

# CI runs every property test on Hypothesis's fixed seed so a landing is judged on the same cases
# each time; HYPOTHESIS_PROFILE=explore draws fresh cases (run it to hunt, then pin what it finds
# as an example test).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class RestClient:
    """Flask test client speaking Magento REST: JSON in, JSON out, optional auth header."""

    def __init__(self, flask_client: Any, token: str | None = None, prefix: str = "/rest/V1") -> None:
        self.client = flask_client
        self.token = token
        self.prefix = prefix

    def with_prefix(self, prefix: str) -> RestClient:
        return RestClient(self.client, self.token, prefix)

    def with_token(self, token: str | None) -> RestClient:
        return RestClient(self.client, token, self.prefix)

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
                **kw: Any) -> Any:
        hdrs = dict(headers or {})
        if self.token and "Authorization" not in hdrs:
            hdrs["Authorization"] = f"Bearer {self.token}"
        url = path if path.startswith("/rest") or path.startswith("/_fake") else self.prefix + path
        if body is not None:
            hdrs.setdefault("Content-Type", "application/json")
            kw["data"] = json.dumps(body)
        return self.client.open(url, method=method, headers=hdrs, **kw)

    def get(self, path: str, **kw: Any) -> Any:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any) -> Any:
        return self.request("PUT", path, body, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)


_TEMPLATES: dict[tuple[str, int], str] = {}
_SCRATCH = tempfile.mkdtemp(prefix="fake-magento-tests-")
atexit.register(shutil.rmtree, _SCRATCH, True)


def _template(profile: str, seed: int) -> str:
    """Seed each (profile, seed) once per process; every app then starts from a copy."""
    key = (profile, seed)
    if key not in _TEMPLATES:
        path = tempfile.mkdtemp(dir=_SCRATCH) + "/template.db"
        backend = Backend(Config(db_path=path, profile=profile, seed=seed))
        seed_state(backend, seed=seed, profile=profile)
        backend.close()
        _TEMPLATES[key] = path
    return _TEMPLATES[key]


def make_app(profile: str = "minimal", seed: int = 42, **config: Any) -> Any:
    """A fresh app on its own copy of the seeded database (fast: a file copy, not a re-seed)."""
    source = _template(profile, seed)
    path = os.path.join(tempfile.mkdtemp(dir=_SCRATCH), "state.db")
    shutil.copyfile(source, path)
    shutil.copyfile(source + ".seed", path + ".seed")
    return create_app(Config(db_path=path, profile=profile, seed=seed, **config))


def admin_token(flask_client: Any, backend: Backend) -> str:
    creds = backend.db.get_meta("credentials")
    resp = flask_client.post("/rest/V1/integration/admin/token",
                             json={"username": creds["admin_username"], "password": creds["admin_password"]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return str(resp.get_json())


@pytest.fixture
def app() -> Iterator[Any]:
    application = make_app()
    yield application
    application.extensions["fake_magento"].close()


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


def search_query(groups: Any = (), sorts: Any = (), **extra: Any) -> str:
    """A searchCriteria query string: groups of (field, value, condition or None), sorts of (field, direction)."""
    from urllib.parse import urlencode

    pairs: list[tuple[str, Any]] = []
    for g, filters in enumerate(groups):
        for f, (field, value, condition) in enumerate(filters):
            base = f"searchCriteria[filter_groups][{g}][filters][{f}]"
            pairs += [(f"{base}[field]", field), (f"{base}[value]", value)]
            if condition:
                pairs.append((f"{base}[condition_type]", condition))
    for i, (field, direction) in enumerate(sorts):
        pairs += [(f"searchCriteria[sortOrders][{i}][field]", field),
                  (f"searchCriteria[sortOrders][{i}][direction]", direction)]
    pairs += [(f"searchCriteria[{key}]", value) for key, value in extra.items()]
    return urlencode(pairs) if pairs else "searchCriteria"


@pytest.fixture
def shop() -> Iterator[RestClient]:
    """An admin client on a fresh copy of the default profile (catalogue, customers, orders)."""
    application = make_app(profile="default")
    flask_client = application.test_client()
    rest = RestClient(flask_client, admin_token(flask_client, application.extensions["fake_magento"]))
    rest.backend = application.extensions["fake_magento"]  # type: ignore[attr-defined]
    yield rest
    application.extensions["fake_magento"].close()
