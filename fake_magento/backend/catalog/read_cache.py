"""Products as GET /V1/products/{sku} answers them, kept until the database changes.

A product read is several SQL statements; under a threaded server each one hands the GIL around,
so the read costs several times its single-threaded time. The answer depends only on the database
(the clock and the config play no part in it), so it is kept per thread and per (SKU, store) and
thrown away as soon as ``Database.change_token`` moves (a commit in this process at once, one by
another process within ``Database.EXTERNAL_WINDOW``).

The kept dict is shared by the requests of one thread: callers must not change it (the view hands
it to the JSON encoder and the ``fields`` filter, which build new values).
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fake_magento.storage import Database


class ProductReadCache:
    SIZE = 512  # answers kept per thread; all are dropped when full

    def __init__(self, db: Database) -> None:
        self.db = db
        self._local = threading.local()

    def get(self, key: tuple[Any, ...], build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        return self._entry(key, build)[0]

    def get_derived(self, key: tuple[Any, ...], build: Callable[[], dict[str, Any]],
                    derive: Callable[[dict[str, Any]], Any]) -> Any:
        """``derive(answer)`` (the answer's JSON text, say), kept with the answer."""
        entry = self._entry(key, build)
        if entry[1] is None:
            entry[1] = (derive(entry[0]),)
        return entry[1][0]

    def _entry(self, key: tuple[Any, ...], build: Callable[[], dict[str, Any]]) -> list[Any]:
        token = self.db.change_token()
        local = self._local
        kept: tuple[int, ...] | None = getattr(local, "token", None)
        entries: dict[tuple[Any, ...], list[Any]] | None = getattr(local, "entries", None)
        if entries is None or kept != token:
            entries = local.entries = {}
            local.token = token
        found = entries.get(key)
        if found is None:
            found = [build(), None]
            if len(entries) >= self.SIZE:
                entries.clear()
            entries[key] = found
        return found
