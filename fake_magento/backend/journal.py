"""The last N requests, for tests to assert on what a client really sent and what it got.

An entry: ``seq``, ``method``, ``path`` (as sent, store code included), ``query`` (raw), ``status``
(None when the connection was dropped before a status line), ``duration_ms``, ``time`` (the
emulator's clock), ``fault`` (``{"id", "kind"}`` of the rule that fired, a lost answer's
``status`` too; None) and, for a path that matched no route, ``nearest_routes``. The oldest
entries go once ``Config.journal_size`` is reached.
"""
from __future__ import annotations

import itertools
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
    """Written by every request, so it takes no lock: under a threaded server a lock here is where
    the request threads queue up (a thread that loses the GIL while holding it stalls all the
    others; measured, it halved GET by SKU throughput). ``next()`` on the counter and the deque's
    ``append`` and ``copy`` are each atomic under the GIL; two requests finishing together may
    append in the other order of their seq, so readers sort."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: deque[dict[str, Any]] = deque(maxlen=size)
        self._seq = itertools.count(1)
        self._cleared_at = 0   # the last seq recorded when the journal was last cleared

    @property
    def recorded(self) -> int:
        """How many requests were recorded since the server started (kept or not): the last seq."""
        kept = self._entries.copy()
        return max([self._cleared_at, *(entry["seq"] for entry in kept)])

    def record(self, entry: dict[str, Any]) -> None:
        self._entries.append({"seq": next(self._seq), **entry})

    def entries(self, limit: int | None = None) -> list[dict[str, Any]]:
        items = sorted(self._entries.copy(), key=lambda entry: entry["seq"])
        items = items[-limit:] if limit else items
        return [{k: v.value() if isinstance(v, Later) else v for k, v in entry.items()} for entry in items]

    def clear(self) -> None:
        self._cleared_at = self.recorded
        self._entries.clear()   # seq goes on: a reader polling by seq is not misled
