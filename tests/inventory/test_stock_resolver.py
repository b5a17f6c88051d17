"""GET /V1/inventory/stock-resolver/{type}/{code}: the stock a sales channel is assigned to.

Evidence: the contract recording (test_inventory.py::test_stock_resolver_maps_the_base_website_to_the_default_stock)
and each call below made on the 2.4.7-p3 sandbox, where every website is on the default stock.
Source: InventorySales Model/StockResolver, Model/ResourceModel/StockIdResolver (a query on
inventory_stock_sales_channel, utf8_general_ci), InventoryCatalog AdaptStockResolverToAdminWebsitePlugin.
"""
from __future__ import annotations

import pytest

DEFAULT_STOCK = {"stock_id": 1, "name": "Default Stock", "extension_attributes": {"sales_channels": [
    {"type": "website", "code": "base"}, {"type": "website", "code": "eu"}]}}
NOT_LINKED = {"message": "No linked stock found"}


@pytest.mark.parametrize("path", [
    "website/base", "website/eu",
    "website/admin",  # the admin website is the default stock's, though no channel names it
    "WEBSITE/base", "website/BASE", "website/b%C3%A4se", "website/base%20",  # the column's collation
])
def test_channels_resolve_to_the_default_stock(admin, path):
    resp = admin.get(f"/inventory/stock-resolver/{path}")
    assert resp.status_code == 200 and resp.get_json() == DEFAULT_STOCK


@pytest.mark.parametrize("path", ["website/nosuch", "website/ADMIN", "store/default", "foo/base"])
def test_an_unassigned_channel_has_no_stock(admin, path):
    resp = admin.get(f"/inventory/stock-resolver/{path}")
    assert resp.status_code == 404 and resp.get_json() == NOT_LINKED


def test_the_store_in_the_path_does_not_matter(admin):
    for prefix in ("/rest/de/V1", "/rest/all/V1"):
        assert admin.get(f"{prefix}/inventory/stock-resolver/website/base").get_json() == DEFAULT_STOCK


def test_an_empty_code_is_no_route(admin):
    resp = admin.get("/inventory/stock-resolver/website/")
    assert resp.status_code == 404 and resp.get_json() == {"message": "Request does not match any route."}


def test_a_channel_follows_its_stock(admin):
    """Saving a stock with a channel moves the channel (ReplaceSalesChannelsDataForStock: insertOnDuplicate)."""
    stock_id = admin.post("/inventory/stocks", {"stock": {"name": "EU only", "extension_attributes": {
        "sales_channels": [{"type": "website", "code": "eu"}]}}}).get_json()
    assert admin.get("/inventory/stock-resolver/website/eu").get_json() == {
        "stock_id": stock_id, "name": "EU only",
        "extension_attributes": {"sales_channels": [{"type": "website", "code": "eu"}]}}
    assert admin.get("/inventory/stock-resolver/website/base").get_json()["extension_attributes"] == {
        "sales_channels": [{"type": "website", "code": "base"}]}
