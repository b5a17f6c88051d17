"""The one clock behind created_at, updated_at and token expiry.

Tests freeze, set or advance it through /_fake/clock; Magento stores UTC
``YYYY-MM-DD HH:MM:SS`` strings, so that is what ``stamp()`` gives.
"""
from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

FORMAT = "%Y-%m-%d %H:%M:%S"


class Clock:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._frozen_at: float | None = None
        self._offset = 0.0
        self._touched = False  # set, frozen or advanced since the last reset

    def time(self) -> float:
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return time.time() + self._offset

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.time(), tz=UTC)

    def stamp(self) -> str:
        return self.now().strftime(FORMAT)

    def freeze(self, at: float | None = None) -> None:
        """Stop the clock at ``at``, else at its current reading (a frozen clock stays put)."""
        with self._lock:
            self._touched = True
            if at is not None:
                self._frozen_at = at
            elif self._frozen_at is None:
                self._frozen_at = time.time() + self._offset

    def unfreeze(self) -> None:
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - time.time()
            self._frozen_at = None

    def set(self, at: float) -> None:
        with self._lock:
            self._touched = True
            if self._frozen_at is not None:
                self._frozen_at = at
            else:
                self._offset = at - time.time()

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._touched = True
            if self._frozen_at is not None:
                self._frozen_at += seconds
            else:
                self._offset += seconds

    def reset(self) -> None:
        with self._lock:
            self._frozen_at = None
            self._offset = 0.0
            self._touched = False

    def is_set(self) -> bool:
        """Whether the clock was set, frozen or advanced since its last reset (else it is wall time)."""
        return self._touched

    def state(self) -> dict[str, object]:
        frozen = self._frozen_at is not None
        return {"now": self.stamp(), "epoch": self.time(), "frozen": frozen}


def parse_stamp(value: str) -> float:
    return datetime.strptime(value, FORMAT).replace(tzinfo=UTC).timestamp()
