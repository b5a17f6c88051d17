"""Bulk status routes (AsynchronousOperations/etc/webapi.xml)."""
from __future__ import annotations

from typing import Any

from fake_magento.http.request import RestRequest
from fake_magento.http.routing import Routes
from fake_magento.search import parse_search_criteria

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
    return req.backend.bulk.count_by_status(req.params["bulkUuid"], req.arg("status"))


@routes.get("/V1/bulk", BULK)
def operation_search(req: RestRequest) -> Any:
    """OperationRepositoryInterface::getList: operations with their bulk's start time."""
    return req.backend.bulk.operation_list(parse_search_criteria(req.query))
