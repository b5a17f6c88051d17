"""A progress bar on stderr for long seeding runs (the ``large`` profile), silent otherwise."""
from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``step(stage, done, total)`` redraws one line on stderr at most ten times a second."""

    WIDTH = 30

    def __init__(self, profile: str, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.profile = profile
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.perf_counter()
        self._last = 0.0
        self._drawn = False

    def step(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\rseeding {self.profile}: [{bar}] {stage} {done:,}/{total:,}"
                          f" {now - self.started:5.1f}s\033[K")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write(f"\rseeding {self.profile}: done in {time.perf_counter() - self.started:.1f}s\033[K\n")
            self.stream.flush()
