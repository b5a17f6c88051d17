"""Async and bulk operations: the receipt of an ``async/V1`` or ``async/bulk/V1`` write, and polling
``GET /V1/bulk/{uuid}/status`` until every operation has left status 4 (open)."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from connector.requestor import path
from connector.resources.base import Resource

# AsynchronousOperations OperationInterface statuses
COMPLETE, FAILED_RETRIABLE, FAILED_NOT_RETRIABLE, OPEN, REJECTED = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class BulkStatus:
    bulk_id: str
    operations: list[dict[str, Any]]
    raw: dict[str, Any]

    @property
    def open(self) -> int:
        return sum(1 for op in self.operations if op.get("status") == OPEN)

    @property
    def done(self) -> bool:
        return self.open == 0

    @property
    def failed(self) -> list[dict[str, Any]]:
        return [op for op in self.operations if op.get("status") in (FAILED_RETRIABLE, FAILED_NOT_RETRIABLE, REJECTED)]


class Bulk(Resource[dict[str, Any]]):
    def status(self, bulk_uuid: str) -> BulkStatus:
        body = self.requestor.get(path("bulk/{}/status", bulk_uuid))
        return BulkStatus(str(body.get("bulk_id", bulk_uuid)), list(body.get("operations_list") or []), body)

    def detailed(self, bulk_uuid: str) -> dict[str, Any]:
        body: dict[str, Any] = self.requestor.get(path("bulk/{}/detailed-status", bulk_uuid))
        return body

    def wait(self, bulk_uuid: str, *, timeout: float = 60.0, interval: float = 1.0,
             sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic
             ) -> BulkStatus:
        """Poll until no operation is open, or ``timeout`` seconds pass (then the last status is
        answered: without queue consumers, as on a store with no cron, operations stay open)."""
        deadline = clock() + timeout
        while True:
            status = self.status(bulk_uuid)
            if status.done or clock() >= deadline:
                return status
            sleep(interval)
