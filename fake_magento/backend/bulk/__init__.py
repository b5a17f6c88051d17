"""bulk area: asynchronous operations (AsynchronousOperations: MassSchedule, BulkStatus, OperationProcessor).

An async or bulk request becomes one bulk (``magento_bulk``) with one operation per item
(``magento_operation``, status 4 = open). The emulator runs open operations itself, in order, right
after scheduling (what the ``async.operations.all`` consumer does in Magento), unless the control
plane holds them (``POST /_fake/bulk {"hold": true}``) so clients can watch them stay open.

Running an operation calls back into the HTTP layer (``runner``, installed by create_app from ``http/async_ops``), which
invokes the sync route's view with the item's body; the backend itself never imports Flask.
"""
from __future__ import annotations

import hashlib
import json
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend import SeedState
    from fake_magento.backend.clock import Clock
    from fake_magento.config import Config
    from fake_magento.storage import Database

# Fw/Bulk/OperationInterface
STATUS_COMPLETE = 1
STATUS_RETRIABLY_FAILED = 2
STATUS_NOT_RETRIABLY_FAILED = 3
STATUS_OPEN = 4
STATUS_REJECTED = 5


@dataclass
class OperationOutcome:
    status: int
    result_message: str
    error_code: int | None
    result: str | None  # result_serialized_data (JSON) on success


Runner = Callable[[dict[str, Any]], OperationOutcome]


def _not_found(bulk_uuid: str) -> NoSuchEntityError:
    # AsynchronousOperations/Model/BulkOperationsStatus::getBulkShortStatus / getBulkDetailedStatus
    return NoSuchEntityError("Bulk uuid %bulkUuid not exist", {"bulkUuid": bulk_uuid})


def _operations_entity() -> Any:
    from fake_magento.search import EntitySearch, Field

    return EntitySearch(
        "magento_operation o JOIN magento_bulk b ON b.uuid = o.bulk_uuid", "o.id", unknown_field="flat", fields={
            "id": Field("o.id", "int"), "operation_key": Field("o.operation_key", "int"),
            "bulk_uuid": Field("o.bulk_uuid"), "topic_name": Field("o.topic_name"),
            "status": Field("o.status", "int"), "error_code": Field("o.error_code", "int"),
            "result_message": Field("o.result_message"), "serialized_data": Field("o.serialized_data"),
            "result_serialized_data": Field("o.result_serialized_data"), "start_time": Field("b.start_time", "date"),
        })


class BulkService:
    def __init__(self, db: Database, clock: Clock, config: Config, *, seeding: SeedState) -> None:
        self.db = db
        self.clock = clock
        self.config = config
        self.seeding = seeding
        self.hold = False
        self.runner: Runner | None = None
        self._run_lock = threading.Lock()

    def invalidate(self) -> None:
        self.hold = False

    # -- scheduling (MassSchedule::publishMass) ----------------------------------------------
    def new_uuid(self) -> str:
        """IdentityService::generateId: a v4 UUID, derived from the seed and a counter (deterministic)."""
        with self.db.write():
            n = self.db.next_id("bulk_uuid")
        digest = hashlib.sha256(f"{self.seeding.seed}:bulk:{n}".encode()).digest()[:16]
        return str(uuid.UUID(bytes=digest, version=4))

    def schedule(self, topic: str, user_type: int | None, user_id: int | None,
                 operations: list[dict[str, Any]]) -> str:
        """Store a bulk and its operations; ``operations`` carry key, serialized_data, status,
        result_message and what the runner needs (route, params, store code, body, caller)."""
        bulk_uuid = self.new_uuid()
        now = self.clock.stamp()
        with self.db.write() as conn:
            top = conn.execute("SELECT MAX(id) FROM magento_bulk").fetchone()[0] or 0
            conn.execute("INSERT INTO magento_bulk(id, uuid, user_id, user_type, description, operation_count,"
                         " start_time) VALUES (?,?,?,?,?,?,?)",
                         (top + 1, bulk_uuid, user_id, user_type, f"Topic {topic}", len(operations), now))
            for op in operations:
                conn.execute(
                    "INSERT INTO magento_operation(operation_key, bulk_uuid, topic_name, serialized_data, status,"
                    " error_code, result_message, route_method, route_path, params, store_code, body, caller)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (op["key"], bulk_uuid, topic, op["serialized_data"], op.get("status", STATUS_OPEN),
                     op.get("error_code"), op.get("result_message"), op.get("route_method"), op.get("route_path"),
                     json.dumps(op.get("params") or {}), op.get("store_code"), json.dumps(op.get("body")),
                     json.dumps(op.get("caller") or {})))
        return bulk_uuid

    # -- the consumer --------------------------------------------------------------------------
    def run_open(self, bulk_uuid: str | None = None) -> int:
        """Run open operations in id order (OperationProcessor::process); returns how many ran."""
        if self.runner is None:
            return 0
        ran = 0
        with self._run_lock:
            sql = "SELECT * FROM magento_operation WHERE status=?"
            args: list[Any] = [STATUS_OPEN]
            if bulk_uuid is not None:
                sql += " AND bulk_uuid=?"
                args.append(bulk_uuid)
            for row in self.db.query(sql + " ORDER BY id", args):
                op = dict(row)
                op["params"] = json.loads(op["params"] or "{}")
                op["body"] = json.loads(op["body"]) if op["body"] is not None else None
                op["caller"] = json.loads(op["caller"] or "{}")
                started = self.clock.stamp()
                outcome = self.runner(op)
                with self.db.write() as conn:
                    # OperationManagement::changeOperationStatus: serialized_data is kept only on failure.
                    conn.execute(
                        "UPDATE magento_operation SET status=?, error_code=?, result_message=?,"
                        " serialized_data=?, result_serialized_data=?, started_at=? WHERE id=?",
                        (outcome.status, outcome.error_code, outcome.result_message,
                         op["serialized_data"] if outcome.error_code is not None else None,
                         outcome.result, started, op["id"]))
                ran += 1
        return ran

    def after_schedule(self, bulk_uuid: str) -> None:
        if not self.hold:
            self.run_open(bulk_uuid)

    def set_hold(self, hold: bool) -> None:
        self.hold = hold

    # -- BulkStatusInterface -----------------------------------------------------------------
    def _bulk(self, bulk_uuid: str) -> Any:
        row = self.db.one("SELECT * FROM magento_bulk WHERE uuid=?", (bulk_uuid,))
        if row is None:
            raise _not_found(bulk_uuid)
        return row

    def _operations(self, bulk_uuid: str) -> list[Any]:
        return self.db.query("SELECT * FROM magento_operation WHERE bulk_uuid=? ORDER BY id", (bulk_uuid,))

    @staticmethod
    def _summary(bulk: Any, operations: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {"operations_list": operations}
        if bulk["user_type"] is not None:
            out["user_type"] = bulk["user_type"]
        out["bulk_id"] = bulk["uuid"]
        out["description"] = bulk["description"]
        out["start_time"] = bulk["start_time"]
        if bulk["user_id"] is not None:
            out["user_id"] = bulk["user_id"]
        out["operation_count"] = bulk["operation_count"]
        return out

    def short_status(self, bulk_uuid: str) -> dict[str, Any]:
        """getBulkShortStatus: operations as {id, status, result_message, error_code}."""
        bulk = self._bulk(bulk_uuid)
        ops = [{"id": r["operation_key"], "status": r["status"], "result_message": r["result_message"],
                "error_code": r["error_code"]} for r in self._operations(bulk_uuid)]
        return self._summary(bulk, ops)

    @staticmethod
    def operation_data(r: Any) -> dict[str, Any]:
        # OperationInterface::ID is 'operation_key': an operation's id is its place in its bulk (0, 1, ...),
        # measured on 2.4.7-p3 in the status, detailed status and search answers alike.
        return {"id": r["operation_key"], "bulk_uuid": r["bulk_uuid"], "topic_name": r["topic_name"],
                "serialized_data": r["serialized_data"], "result_serialized_data": r["result_serialized_data"],
                "status": r["status"], "result_message": r["result_message"], "error_code": r["error_code"]}

    def detailed_status(self, bulk_uuid: str) -> dict[str, Any]:
        bulk = self._bulk(bulk_uuid)
        return self._summary(bulk, [self.operation_data(r) for r in self._operations(bulk_uuid)])

    def count_by_status(self, bulk_uuid: str, status: int) -> int:
        """getOperationsCountByBulkIdAndStatus: a bare count; unknown bulks count 0."""
        row = self.db.one("SELECT COUNT(*) FROM magento_operation WHERE bulk_uuid=? AND status=?",
                          (bulk_uuid, status))
        return int(row[0]) if row else 0

    def operation_list(self, criteria: Any) -> dict[str, Any]:
        """OperationRepositoryInterface::getList: operations with their bulk's start time."""
        from fake_magento.search import run_search, search_result

        ids, total = run_search(self.db, _operations_entity(), criteria, config=self.config)
        items = []
        for op_id in ids:
            r = self.db.one("SELECT o.*, b.start_time AS bulk_start FROM magento_operation o"
                            " JOIN magento_bulk b ON b.uuid = o.bulk_uuid WHERE o.id=?", (op_id,))
            items.append({"extension_attributes": {"start_time": r["bulk_start"]}, **self.operation_data(r)})
        return search_result(items, criteria, total)
