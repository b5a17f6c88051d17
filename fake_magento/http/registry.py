"""Every area's route module, in one list; the router and the OpenAPI coverage test read it."""
from __future__ import annotations

from importlib import import_module

from fake_magento.http.routing import Router, Routes

AREA_MODULES = [
    "fake_magento.http.stores",
    "fake_magento.http.tokens",
    "fake_magento.http.categories",
    "fake_magento.http.catalog",
    "fake_magento.http.prices",
    "fake_magento.http.eav",
    "fake_magento.http.inventory",
    "fake_magento.http.customers",
    "fake_magento.http.customer_account",
    "fake_magento.http.checkout",
    "fake_magento.http.sales",
    "fake_magento.http.bulk",
]


def route_groups() -> list[Routes]:
    return [import_module(name).routes for name in AREA_MODULES]


def build_router() -> Router:
    return Router(route_groups())
