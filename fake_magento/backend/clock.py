"""The one clock behind created_at, updated_at and token expiry.

Tests freeze, set or advance it through /_fake/clock; Magento stores UTC
``YYYY-MM-DD HH:MM:SS`` strings, so that is what ``stamp()`` gives.

Every request reads the clock, so reading takes no lock: the reading (frozen time, offset) is one
tuple, replaced whole by the writers (who do lock among themselves), so a reader sees the old pair
or the new one, never half of each.
"""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

FORMAT = "%Y-%m-%d %H:%M:%S"


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._reading: tuple[float | None, float] = (None, 0.0)   # (frozen at, offset from wall time)
        self._touched = False  # set, frozen or advanced since the last reset
        self._stamp: tuple[int, str] = (-1, "")   # the last whole second formatted, and its text

    def time(self) -> float:
        frozen_at, offset = self._reading
        return frozen_at if frozen_at is not None else time.time() + offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), tz=UTC)

    def stamp(self) -> str:
        second = int(self.time() // 1)
        kept = self._stamp
        if kept[0] != second:
            kept = self._stamp = (second, datetime.fromtimestamp(second, tz=UTC).strftime(FORMAT))
        return kept[1]

    def freeze(self, at: float | None = None) -> None:
        """Stop the clock at ``at``, else at its current reading (a frozen clock stays put)."""
        with self._lock:
            self._touched = True
            frozen_at, offset = self._reading
            if at is not None:
                self._reading = (at, offset)
            elif frozen_at is None:
                self._reading = (time.time() + offset, offset)

    def unfreeze(self) -> None:
        with self._lock:
            frozen_at, offset = self._reading
            if frozen_at is not None:
                offset = frozen_at - time.time()
            self._reading = (None, offset)

    def set(self, at: float) -> None:
        with self._lock:
            self._touched = True
            frozen_at, offset = self._reading
            self._reading = (at, offset) if frozen_at is not None else (None, at - time.time())

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._touched = True
            frozen_at, offset = self._reading
            self._reading = (frozen_at + seconds, offset) if frozen_at is not None else (None, offset + seconds)

    def reset(self) -> None:
        with self._lock:
            self._reading = (None, 0.0)
            self._touched = False

    def is_set(self) -> bool:
        """Whether the clock was set, frozen or advanced since its last reset (else it is wall time)."""
        return self._touched

    def state(self) -> dict[str, object]:
        frozen = self._reading[0] is not None
        return {"now": self.stamp(), "epoch": self.time(), "frozen": frozen}


def parse_stamp(value: str) -> float:
    return datetime.strptime(value, FORMAT).replace(tzinfo=UTC).timestamp()
