"""List responses: ``{"items": [...], "search_criteria": {...}, "total_count": N}``."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from marshmallow import ValidationError

from connector.models.base import MagentoModel, ModelError, load_many
from connector.models.fields import Integer

M = TypeVar("M", bound=MagentoModel)

_KNOWN = ("items", "search_criteria", "total_count")


@dataclass(frozen=True, kw_only=True, slots=True)
class SearchResult(Generic[M]):
    """One page of a search.

    ``total_count`` counts every match, not this page. It is None when the request's ``fields``
    filter left it out (``fields=items[entity_id]`` returns only ``items``): Magento's
    FieldsFilter applies to the whole body.
    """

    items: list[M] = field(default_factory=list)
    total_count: int | None = None
    search_criteria: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def load_search_result(model_type: type[M], body: Any) -> SearchResult[M]:
    """A search response body -> ``SearchResult[model_type]``; raises ModelError on a wrong shape."""
    name = f"SearchResult[{model_type.__name__}]"
    if not isinstance(body, dict):
        raise ModelError(name, {"_schema": ["Invalid input type."]})
    try:
        items = load_many(model_type, body.get("items"))
    except ModelError as exc:
        raise ModelError(name, {"items": exc.messages}) from exc
    criteria = body.get("search_criteria")
    if criteria is None or criteria == []:
        criteria = {}
    if not isinstance(criteria, dict):
        raise ModelError(name, {"search_criteria": ["Not a valid object."]})
    total = body.get("total_count")
    if total is not None:
        try:
            total = Integer().deserialize(total)
        except ValidationError as exc:
            raise ModelError(name, {"total_count": ["Not a valid integer."]}) from exc
    extra = {key: value for key, value in body.items() if key not in _KNOWN}
    return SearchResult(items=items, total_count=total, search_criteria=dict(criteria), extra=extra)
