"""What a run created on the target, and how to remove it afterwards.

Sandbox mode creates its own data (every name, SKU and e-mail starts with the run's prefix) and
deletes it at the end of the session, newest first. Magento cannot delete some things through REST
(orders, invoices, shipments, credit memos): those are left, marked with the prefix (the customer
e-mail and an order comment), and listed as kept.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from contracts.client import Exchange


@dataclass
class Entry:
    kind: str
    name: str
    remove: Callable[[], Exchange] | None  # None: cannot be removed through REST; kept, marked


@dataclass
class Ledger:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    removed: int = 0

    def add(self, kind: str, name: str, remove: Callable[[], Exchange] | None) -> None:
        self.entries.append(Entry(kind, name, remove))

    def keep(self, kind: str, name: str) -> None:
        self.entries.append(Entry(kind, name, None))

    @property
    def kept(self) -> list[Entry]:
        return [e for e in self.entries if e.remove is None]

    def clean(self) -> None:
        """Remove everything removable, newest first; a 404 means it is already gone."""
        for entry in reversed(self.entries):
            if entry.remove is None:
                continue
            try:
                answer = entry.remove()
            except Exception as exc:  # noqa: BLE001 - cleanup goes on; the problem is reported
                self.problems.append(f"{entry.kind} {entry.name}: {exc}")
                continue
            if answer.status in (200, 204, 404):
                self.removed += 1
            else:
                self.problems.append(f"{entry.kind} {entry.name}: {answer.status} {answer.body!r}"[:300])
        self.entries = self.kept

    def summary(self) -> dict[str, Any]:
        return {"removed": self.removed, "kept": [f"{e.kind} {e.name}" for e in self.kept],
                "problems": list(self.problems)}
