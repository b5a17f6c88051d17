"""Bulk status routes (AsynchronousOperations/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.backend.categories.search import parse_criteria, run
from fake_magento.http.categories import int_value
from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes

routes = Routes()
BULK = "Magento_Logging::system_magento_logging_bulk_operations"
OPERATION_FIELDS = {"id", "bulk_uuid", "topic_name", "serialized_data", "result_serialized_data", "status",
                    "result_message", "error_code", "start_time"}


@routes.get("/V1/bulk/:bulkUuid/status", BULK)
def short_status(req: RestRequest) -> Any:
    return req.backend.bulk.short_status(req.params["bulkUuid"])


@routes.get("/V1/bulk/:bulkUuid/detailed-status", BULK)
def detailed_status(req: RestRequest) -> Any:
    return req.backend.bulk.detailed_status(req.params["bulkUuid"])


@routes.get("/V1/bulk/:bulkUuid/operation-status/:status", BULK)
def operation_count(req: RestRequest) -> Any:
    return req.backend.bulk.count_by_status(req.params["bulkUuid"], int_value(req.params["status"]))


@routes.get("/V1/bulk", BULK)
def operation_search(req: RestRequest) -> Any:
    """OperationRepositoryInterface::getList: operations with their bulk's start time."""
    crit = parse_criteria(req.query)
    rows = req.backend.bulk.operation_rows()
    flat = [{**r, "start_time": r["extension_attributes"]["start_time"]} for r in rows]
    page, total = run(flat, crit, fields=None)
    items = [{k: v for k, v in r.items() if k != "start_time"} for r in page]
    return {"items": items, "search_criteria": crit.echo(), "total_count": total}
