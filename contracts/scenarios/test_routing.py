"""Routing and store scoping (Webapi/Controller/Rest/Router, Store/App/Request/PathInfoProcessor).

``/rest/V1`` is the default store view, ``/rest/<code>/V1`` that view, ``/rest/all/V1`` the admin
scope; path values are urldecoded per segment, so a SKU with ``/`` or ``+`` travels as ``%2F`` /
``%2B``; an OAuth signature is checked over the laminas-normalised path.
"""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import create_product, ok
from contracts.target import Target


def test_store_views_include_admin_and_default(store_views: list[dict[str, Any]]) -> None:
    by_code = {v["code"]: v for v in store_views}
    assert by_code["admin"] == {"id": 0, "code": "admin", "name": "Admin", "website_id": 0,
                                "store_group_id": 0, "is_active": 1}
    assert by_code["default"]["id"] == 1
    assert by_code["default"]["website_id"] == 1


def test_websites_and_groups_link_up(target: Target, store_views: list[dict[str, Any]]) -> None:
    client = target.client()
    websites = {w["id"]: w for w in ok(client.get("/V1/store/websites"))}
    groups = {g["id"]: g for g in ok(client.get("/V1/store/storeGroups"))}
    assert websites[0]["code"] == "admin"
    for view in store_views:
        assert view["website_id"] in websites
        assert view["store_group_id"] in groups
        assert groups[view["store_group_id"]]["website_id"] == view["website_id"]
    for group in groups.values():
        if group["id"]:
            assert group["default_store_id"] in {v["id"] for v in store_views}


def test_store_configs_name_each_view(target: Target, store_views: list[dict[str, Any]]) -> None:
    configs = ok(target.client().get("/V1/store/storeConfigs"))
    codes = {c["code"] for c in configs}
    assert codes == {v["code"] for v in store_views if v["id"] != 0}
    for config in configs:
        assert config["base_currency_code"] and config["locale"] and config["timezone"]
        assert config["base_url"].endswith("/")


def test_store_config_filter_by_code(target: Target, second_view: dict[str, Any]) -> None:
    configs = ok(target.client().get("/V1/store/storeConfigs", query=[("storeCodes[]", second_view["code"])]))
    assert [c["code"] for c in configs] == [second_view["code"]]
    assert configs[0]["website_id"] == second_view["website_id"]


def test_default_code_is_the_default_view(target: Target) -> None:
    product = create_product(target, "route-default")
    client = target.client()
    plain = ok(client.get("/V1/products/{sku}", sku=product["sku"]))
    scoped = ok(client.get("/V1/products/{sku}", sku=product["sku"], store="default"))
    assert plain["name"] == scoped["name"] == product["name"]


def test_store_view_value_overrides_only_that_view(target: Target, second_view: dict[str, Any]) -> None:
    product = create_product(target, "route-view")
    client = target.client()
    code, sku = second_view["code"], product["sku"]
    saved = ok(client.put("/V1/products/{sku}", {"product": {"sku": sku, "name": f"{sku} view name"}},
                          sku=sku, store=code))
    assert saved["name"] == f"{sku} view name"
    assert ok(client.get("/V1/products/{sku}", sku=sku, store=code))["name"] == f"{sku} view name"
    assert ok(client.get("/V1/products/{sku}", sku=sku))["name"] == product["name"]
    assert ok(client.get("/V1/products/{sku}", sku=sku, store="all"))["name"] == product["name"]


def test_store_view_null_name_falls_back_to_admin_value(target: Target, second_view: dict[str, Any]) -> None:
    """Measured on 2.4.7-p3: a view's ``name: null`` removes the override (magento-semantics § Measured)."""
    product = create_product(target, "route-null")
    client = target.client()
    code, sku = second_view["code"], product["sku"]
    ok(client.put("/V1/products/{sku}", {"product": {"sku": sku, "name": f"{sku} view"}}, sku=sku, store=code))
    answer = client.put("/V1/products/{sku}", {"product": {"sku": sku, "name": None}}, sku=sku, store=code)
    assert answer.status == 200, answer
    assert ok(client.get("/V1/products/{sku}", sku=sku, store=code))["name"] == product["name"]


def test_unknown_store_code_is_400(target: Target) -> None:
    """Measured on 2.4.7-p3 (magento-semantics.md § Measured): not 404."""
    answer = target.client().get("/V1/store/storeViews", store=f"{target.prefix}nostore")
    assert answer.status == 400
    assert answer.body == {"message": "Specified request cannot be processed."}


def test_unknown_route_under_a_valid_store_is_404(target: Target, second_view: dict[str, Any]) -> None:
    answer = target.client().get("/V1/no-such-route", store=second_view["code"])
    assert answer.status == 404
    assert answer.body == {"message": "Request does not match any route."}


def test_reserved_characters_in_a_sku_travel_encoded(target: Target) -> None:
    """``/`` and ``+`` percent-encoded in the path reach the product (each segment is urldecoded)."""
    product = create_product(target, "route a/b+c")
    sku = product["sku"]
    assert "/" in sku and "+" in sku and " " in sku
    clients = [target.client()] + ([target.admin_client()] if target.credentials.has_admin else [])
    for client in clients:
        found = ok(client.get("/V1/products/{sku}", sku=sku))
        assert found["sku"] == sku


def test_oauth_signature_over_the_path_as_sent_is_refused(target: Target) -> None:
    """Magento verifies over laminas's normalised URL (``%2F`` decoded): a client that signs the path
    as sent gets 401 (measured on the 2.4.7-p3 sandbox, magento-semantics.md § Measured)."""
    if not target.credentials.has_oauth:
        pytest.skip("no OAuth integration credentials given")
    product = create_product(target, "route-x/y")
    naive = target.integration_client(naive=True)
    answer = naive.get("/V1/products/{sku}", sku=product["sku"])
    assert answer.status == 401
    assert answer.body == {"message": "The signature is invalid. Verify and try again."}
    plain = naive.get("/V1/products/{sku}", sku=target.unique("route-plain-missing"))
    assert plain.status == 404  # nothing to normalise: both ways of signing agree

