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
from collections.abc import Callable
from typing import Any


class Later:
    """A value worked out when the journal is read, not while the request is answered (the nearest
    routes of an unmatched path cost more than the request itself)."""

    def __init__(self, compute: Callable[[], Any]) -> None:
        self._compute: Callable[[], Any] | None = compute
        self._value: Any = None

    def value(self) -> Any:
        if self._compute is not None:
            self._value, self._compute = self._compute(), None
        return self._value


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
        items = items[-limit:] if limit else items
        return [{k: v.value() if isinstance(v, Later) else v for k, v in entry.items()} for entry in items]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()   # seq goes on: a reader polling by seq is not misled
