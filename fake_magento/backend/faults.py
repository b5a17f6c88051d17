"""Where faults are injected: a rule matches method and path and answers instead of the route."""
from __future__ import annotations

import fnmatch
import threading
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FaultRule:
    path: str                    # fnmatch pattern on the path after /rest[/<store>], e.g. "/V1/orders*"
    method: str = "*"
    status: int = 500
    body: Any = None             # None -> Magento's masked 500 body
    delay_ms: int = 0
    times: int | None = None     # None -> every time
    hits: int = field(default=0)

    def matches(self, method: str, path: str) -> bool:
        return (self.method in ("*", method)) and fnmatch.fnmatchcase(path, self.path)


class FaultRegistry:
    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(self, rule: FaultRule) -> None:
        with self._lock:
            self._rules.append(rule)

    def take(self, method: str, path: str) -> FaultRule | None:
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path) and (rule.times is None or rule.hits < rule.times):
                    rule.hits += 1
                    return rule
        return None

    def rules(self) -> list[dict[str, Any]]:
        with self._lock:
            return [vars(r).copy() for r in self._rules]

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
