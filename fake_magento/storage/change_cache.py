"""Values worked out from the database, kept until ``Database.change_token`` moves.

For reads that every request makes (who the caller is, say): each SQL statement under a threaded
server hands the GIL to the other request threads and back, which costs far more than the statement.
A value is kept under the token read *before* it was built, and found only under that same token, so
nothing is served that a commit has since made stale (one by another process: within
``Database.EXTERNAL_WINDOW``). Callers must not change what they get back: it is shared.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from fake_magento.storage.db import Database

V = TypeVar("V")
_MISSING = object()


class ChangeCache(Generic[V]):
    def __init__(self, db: Database, size: int = 4096) -> None:
        self.db = db
        self.size = size   # values kept; all are dropped when full
        self._kept: tuple[tuple[int, ...] | None, dict[Hashable, V]] = (None, {})

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        token = self.db.change_token()
        kept = self._kept
        if kept[0] != token:
            kept = self._kept = (token, {})   # one assignment: threads racing here each keep a whole pair
        entries = kept[1]
        found = entries.get(key, _MISSING)
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        value = build()
        if len(entries) >= self.size:
            entries.clear()
        entries[key] = value
        return value
