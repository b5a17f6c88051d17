"""Sources and stocks list without searchCriteria; the other inventory lists require it.

Evidence: the 2.4.7-p3 sandbox, 2026-12-03: GET /V1/inventory/sources, /V1/inventory/sources/ and
/V1/inventory/stocks without a query -> 200, every item, "search_criteria": {"filter_groups": []};
/V1/inventory/source-items and /V1/inventory/stock-source-links -> 400 '"%fieldName" is required. Enter
and try again.' (searchCriteria). InventoryApi SourceRepositoryInterface::getList and
StockRepositoryInterface::getList take SearchCriteriaInterface $searchCriteria = null.
"""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/inventory/sources", "/inventory/sources/", "/inventory/stocks"])
def test_optional(admin, path):
    body = admin.get(path).get_json()
    assert body["search_criteria"] == {"filter_groups": []}
    assert body["total_count"] == len(body["items"]) >= 1


@pytest.mark.parametrize("path", ["/inventory/source-items", "/inventory/stock-source-links"])
def test_required(admin, path):
    resp = admin.get(path)
    assert resp.status_code == 400 and resp.get_json() == {
        "message": '"%fieldName" is required. Enter and try again.', "parameters": {"fieldName": "searchCriteria"}}
