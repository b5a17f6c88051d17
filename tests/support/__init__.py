"""Helpers the tests share (fixtures live in the conftest.py files, helpers here).

``make_app`` gives a fresh app on its own copy of a seeded database; ``RestClient`` speaks Magento
REST to a Flask test client; ``search_query`` writes a searchCriteria query string. Area helpers:
``tests.support.catalog``, ``tests.support.checkout``, ``tests.support.emulator`` (a server over a
real socket and the connector's configuration for it).
"""
from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
from typing import Any
from urllib.parse import urlencode

from fake_magento import Config, create_app
from fake_magento.backend import Backend
from fake_magento.seed.lifecycle import seed_state

# Every database a test makes lives under here, removed when the process ends. Seeding, copies, resets
# and WAL checkpoints write and sync these files over and over: on a RAM-backed filesystem (Linux's
# /dev/shm) they cost no disk waits. FAKE_MAGENTO_TEST_SCRATCH names another parent directory.
def _scratch_parent() -> str | None:
    chosen = os.environ.get("FAKE_MAGENTO_TEST_SCRATCH")
    if chosen:
        return chosen
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


SCRATCH = tempfile.mkdtemp(prefix="fake-magento-tests-", dir=_scratch_parent())
atexit.register(shutil.rmtree, SCRATCH, True)

_TEMPLATES: dict[tuple[str, int], str] = {}


def seeded_template(profile: str, seed: int) -> str:
    """Seed each (profile, seed) once per process; every app then starts from a copy."""
    key = (profile, seed)
    if key not in _TEMPLATES:
        path = tempfile.mkdtemp(dir=SCRATCH) + "/template.db"
        backend = Backend(Config(db_path=path, profile=profile, seed=seed))
        seed_state(backend, seed=seed, profile=profile)
        backend.close()
        _TEMPLATES[key] = path
    return _TEMPLATES[key]


def seeded_copy(profile: str = "minimal", seed: int = 42, name: str = "state.db") -> str:
    """A private copy of the seeded database (and its reset snapshot): a file copy, not a re-seed."""
    source = seeded_template(profile, seed)
    path = os.path.join(tempfile.mkdtemp(dir=SCRATCH), name)
    shutil.copyfile(source, path)
    shutil.copyfile(source + ".seed", path + ".seed")
    return path


def make_app(profile: str = "minimal", seed: int = 42, **config: Any) -> Any:
    """A fresh app on its own copy of the seeded database."""
    return create_app(Config(db_path=seeded_copy(profile, seed), profile=profile, seed=seed, **config))


def discard_app(app: Any) -> None:
    """Close an app from ``make_app`` and remove its copy of the database (not kept to the process's end)."""
    backend = app.extensions["fake_magento"]
    backend.close()
    folder = os.path.dirname(backend.db.path)
    if os.path.dirname(folder) == SCRATCH:
        shutil.rmtree(folder, ignore_errors=True)


def admin_token(flask_client: Any, backend: Backend) -> str:
    creds = backend.db.get_meta("credentials")
    resp = flask_client.post("/rest/V1/integration/admin/token",
                             json={"username": creds["admin_username"], "password": creds["admin_password"]})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return str(resp.get_json())


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


def search_query(groups: Any = (), sorts: Any = (), **extra: Any) -> str:
    """A searchCriteria query string: groups of (field, value, condition or None), sorts of (field, direction)."""
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
