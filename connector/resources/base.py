"""What every resource shares: the requestor, a search over one list route, and paging over it."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from connector.requestor import Requestor
from connector.search import Page, PageWalk, SearchCriteria, iter_items, iter_pages


class Resource:
    #: the list route (``orders``, ``products``, ``customers/search`` ...), relative to ``/V1``
    list_path: str = ""
    #: the id key of the list's items, for paging
    key: str = "entity_id"

    def __init__(self, requestor: Requestor) -> None:
        self.requestor = requestor

    def search(self, criteria: SearchCriteria | None = None, *, store: str | None = None) -> dict[str, Any]:
        """One call of the list route: ``{"items", "search_criteria", "total_count"}``."""
        body = self.requestor.get(self.list_path, params=(criteria or SearchCriteria()).to_params(), store=store)
        return body if isinstance(body, dict) else {"items": [], "total_count": 0}

    def iter_pages(self, criteria: SearchCriteria | None = None, *, page_size: int = 100,
                   store: str | None = None, walk: PageWalk | None = None) -> Iterator[Page]:
        return iter_pages(lambda c: self.search(c, store=store), criteria or SearchCriteria(), page_size,
                          self.key, walk)

    def iter(self, criteria: SearchCriteria | None = None, *, page_size: int = 100,
             store: str | None = None) -> Iterator[dict[str, Any]]:
        """Every matching item as Magento's raw dict, each once, paging hidden."""
        return iter_items(lambda c: self.search(c, store=store), criteria or SearchCriteria(), page_size,
                          self.key)
