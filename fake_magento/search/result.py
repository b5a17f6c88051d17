"""The search-results envelope shared by every list route."""
from __future__ import annotations

from typing import Any

from fake_magento.search.criteria import SearchCriteria


def search_result(items: list[Any], criteria: SearchCriteria, total: int) -> dict[str, Any]:
    return {"items": items, "search_criteria": criteria.echo(), "total_count": total}
