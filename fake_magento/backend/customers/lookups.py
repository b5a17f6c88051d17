"""Ids, stores and websites as the customer services look them up (the registries' rules, shared by
the repositories and AccountManagement)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from fake_magento.errors import NoSuchEntityError

if TYPE_CHECKING:
    from fake_magento.backend.stores import StoreRepository


def is_row_id(value: Any) -> bool:
    """An id that can name a row (PHP saturates bigger ones at PHP_INT_MAX: nothing is found)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return False
    if isinstance(value, str) and not re.fullmatch(r"\s*-?[0-9]+\s*", value):
        return False
    return abs(int(value)) < 2**63 - 1


def php_value(value: Any) -> Any:
    """Ids reach the registries already cast to int, so the error parameter is a JSON number."""
    try:
        return int(str(value))
    except ValueError:
        return str(value)


def store_by_id(stores: StoreRepository, store_id: Any) -> dict[str, Any]:
    """StoreRepository::getById."""
    by_id = {s["store_id"]: s for s in stores.stores()}
    if not is_row_id(store_id) or int(store_id) not in by_id:
        raise NoSuchEntityError("The store that was requested wasn't found. Verify the store and try again.")
    return by_id[int(store_id)]


def website_default_store(stores: StoreRepository, website_id: Any) -> int:
    """WebsiteRepository::getById, then the website's default group's default store view."""
    websites = {w["website_id"]: w for w in stores.websites()}
    if not is_row_id(website_id) or int(website_id) not in websites:
        raise NoSuchEntityError("The website with id %1 that was requested wasn't found. Verify the website "
                                "and try again.", [str(website_id)])
    group_id = websites[int(website_id)]["default_group_id"]
    return int(next(g for g in stores.groups() if g["group_id"] == group_id)["default_store_id"])
