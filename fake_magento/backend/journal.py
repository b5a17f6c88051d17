"""The last N requests, for tests to assert on what a client really sent and what it got.

An entry: ``seq``, ``method``, ``path`` (as sent, store code included), ``query`` (raw), ``status``
(None when the connection was dropped before a status line), ``duration_ms``, ``time`` (the
emulator's clock), ``fault`` (``{"id", "kind"}`` of the rule that fired, a lost answer's
``status`` too; None) and, for a path that matched no route, ``nearest_routes``. The oldest
entries go once ``Config.journal_size`` is reached.
"""
from __future__ import annotations

import threading
from collections import deque
from typing import Any


class Journal:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: deque[dict[str, Any]] = deque(maxlen=size)
        self._lock = threading.Lock()
        self._seq = 0

    @property
    def recorded(self) -> int:
        """How many requests were recorded since the server started (kept or not): the last seq."""
        return self._seq

    def record(self, entry: dict[str, Any]) -> None:
        with self._lock:
            self._seq += 1
            self._entries.append({"seq": self._seq, **entry})

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        with self._lock:
            items = list(self._entries)
        return items[-limit:] if limit else items

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()   # seq goes on: a reader polling by seq is not misled
