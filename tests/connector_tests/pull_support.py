"""What the pull tests share: the emulator's clock, the records the list routes answer now, and
wrappers around a resource's search (recording the criteria asked, failing after N calls)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from connector.client import MagentoClient
from connector.errors import MagentoError
from connector.operations.pull import ENTITIES
from connector.operations.state import shift
from connector.search import SearchCriteria
from fake_magento import ThreadedServer
from tests.support.emulator import control

# After every seeded date: records written from here on sort after the seeded ones.
S = "2027-06-01 12:00:00"


def at(offset: int) -> str:
    return shift(S, offset)


def freeze(server: ThreadedServer, second: str) -> None:
    control(server, "clock", {"set": second, "freeze": True})


def lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def ident(entity: str, record: dict[str, Any]) -> int:
    return int(record[ENTITIES[entity].key])


def current(client: MagentoClient, entity: str, page_size: int = 100) -> dict[int, dict[str, Any]]:
    """Every record as the list route answers it now, by id (through a fresh resource: a test's
    wrapped search is not asked)."""
    wrapped = getattr(client, ENTITIES[entity].resource)
    resource = type(wrapped)(wrapped.requestor)
    return {ident(entity, r): r for r in resource.iter_raw(SearchCriteria().order_by("entity_id"), page_size=page_size)}


def recorded(client: MagentoClient, entity: str) -> list[SearchCriteria]:
    """Wrap the resource's search to record every criteria it is asked (and still answer it)."""
    resource = getattr(client, ENTITIES[entity].resource)
    original = resource.search
    seen: list[SearchCriteria] = []

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        assert criteria is not None
        seen.append(criteria)
        return original(criteria, store=store)

    resource.search = search
    return seen


def new_customer(client: MagentoClient, n: int | str) -> int:
    return client.customers.create({"email": f"pull-{n}@example.com", "firstname": "Pull", "lastname": f"N{n}",
                                    "website_id": 1, "group_id": 1}).id


def save_product(client: MagentoClient, sku: str, price: float) -> int:
    return int(client.products.save({"sku": sku, "name": sku, "price": price, "attribute_set_id": 4,
                                     "type_id": "simple", "status": 1, "visibility": 4})["id"])


def failing_after(client: MagentoClient, entity: str, calls: int) -> None:
    resource = getattr(client, ENTITIES[entity].resource)
    original = resource.search
    made = 0

    def search(criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        nonlocal made
        made += 1
        if made > calls:
            raise MagentoError("connection lost")
        return original(criteria, store=store)

    resource.search = search
