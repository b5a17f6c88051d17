"""What every resource shares: the requestor, a search over one list route, paging over it, and
loading answers into typed models."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar, cast

from connector.requestor import Requestor
from connector.search import Key, Page, PageWalk, SearchCriteria, iter_items, iter_pages

M = TypeVar("M")


class Resource(Generic[M]):
    #: the list route (``orders``, ``products``, ``customers/search`` ...), relative to ``/V1``
    list_path: str = ""
    #: the identity of the list's items, for paging
    key: Key = "entity_id"
    #: the typed model a list item or a get loads into
    model: type[M] | None = None

    def __init__(self, requestor: Requestor) -> None:
        self.requestor = requestor

    def load(self, data: Any) -> M:
        """The typed model; a resource without one (categories, stores) answers Magento's dict, as
        its ``list`` and ``iter`` do."""
        from connector.models import load  # models import nothing from resources
        if self.model is None:
            return cast(M, data)
        # M is a MagentoModel wherever ``model`` is set
        return load(self.model, data)  # type: ignore[type-var]

    def search(self, criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        """One call of the list route, raw: ``{"items", "search_criteria", "total_count"}``."""
        body = self.requestor.get(self.list_path, params=(criteria or SearchCriteria()).to_params(), store=store)
        return body if isinstance(body, dict) else {"items": [], "total_count": 0}

    def iter_pages(self, criteria: SearchCriteria | None = None, *, page_size: int = 100,
                   store: str | None = None, walk: PageWalk | None = None) -> Iterator[Page]:
        return iter_pages(lambda c: self.search(c, store=store), criteria or SearchCriteria(), page_size,
                          self.key, walk)

    def iter_raw(self, criteria: SearchCriteria | None = None, *, page_size: int = 100,
                 store: str | None = None) -> Iterator[dict[str, Any]]:
        """Every matching item as Magento's dict, each once, paging hidden."""
        return iter_items(lambda c: self.search(c, store=store), criteria or SearchCriteria(), page_size,
                          self.key)

    def iter(self, criteria: SearchCriteria | None = None, *, page_size: int = 100,
             store: str | None = None) -> Iterator[M]:
        """Every matching item, typed, each once, paging hidden."""
        for item in self.iter_raw(criteria, page_size=page_size, store=store):
            yield self.load(item)

    def list(self, criteria: SearchCriteria | None = None, *, store: str | None = None) -> tuple[list[M], int]:
        """One page, typed, with the total count."""
        body = self.search(criteria, store=store)
        return [self.load(i) for i in body.get("items") or []], int(body.get("total_count") or 0)


def entity_id(value: Any) -> int:
    """An id Magento answered (``3`` or ``"3"``: the write services' int results come back as
    JSON strings on some versions)."""
    return int(value)


def comment_body(comment: str | None, visible_on_front: bool) -> dict[str, Any] | None:
    return None if comment is None else {"comment": comment, "is_visible_on_front": int(visible_on_front)}


def items_body(items: dict[int, float] | None) -> list[dict[str, Any]]:
    """``{order_item_id: qty}`` as Magento's ``[{"order_item_id", "qty"}]``; none means all."""
    return [{"order_item_id": item_id, "qty": qty} for item_id, qty in (items or {}).items()]
