"""The store scope a request runs in, resolved once at the edge from the URL."""
from __future__ import annotations

from dataclasses import dataclass

ADMIN_STORE_ID = 0


@dataclass(frozen=True)
class StoreScope:
    store_id: int
    code: str
    website_id: int
    group_id: int
    # True when the URL named the scope (/rest/<code>/V1 or /rest/all/V1), False for /rest/V1.
    explicit: bool = True

    @property
    def is_admin(self) -> bool:
        return self.store_id == ADMIN_STORE_ID

    def fallback_store_ids(self) -> tuple[int, ...]:
        """Read order for store-scoped values: this view, then the admin values (store 0)."""
        return (ADMIN_STORE_ID,) if self.is_admin else (self.store_id, ADMIN_STORE_ID)
