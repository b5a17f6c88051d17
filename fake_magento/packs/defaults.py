"""What a pack entry gets when it leaves a field out (applied after validation)."""
from __future__ import annotations

import itertools
from typing import Any

# an order or customer address's missing lines: Springfield, Illinois (region 23 in Magento's directory)
DEFAULT_ADDRESS = {"street": ["1 Pack Street"], "city": "Springfield", "postcode": "62701", "telephone": "555-0100"}


def product_defaults(product: dict[str, Any]) -> dict[str, Any]:
    out = dict(product)
    out.setdefault("sku", out["ref"])
    out.setdefault("name", out["sku"])
    out.setdefault("status", "enabled")
    out.setdefault("visibility", 4)
    out.setdefault("websites", ["base"])
    out.setdefault("attribute_set_id", 4)
    out.setdefault("attributes", {})
    if out["type_id"] not in ("configurable", "grouped"):
        out.setdefault("price", 10)
    if out["type_id"] in ("simple", "virtual", "downloadable"):
        out.setdefault("qty", 100)
    if out["type_id"] == "simple":
        out.setdefault("weight", 1)
    if out["type_id"] == "configurable":
        spec = dict(out["configurable"])
        spec.setdefault("price", out.get("price", 10))
        spec.setdefault("qty", out.get("qty", 100))
        axes = spec["attributes"]
        spec["children"] = [dict(zip(axes, labels, strict=True)) for labels in itertools.product(*axes.values())]
        out["configurable"] = spec
    if out["type_id"] == "bundle":
        spec = dict(out["bundle"])
        spec.setdefault("price_type", "dynamic")
        spec.setdefault("shipment_type", "together")
        out["bundle"] = spec
    if out["type_id"] == "downloadable":
        out.setdefault("downloadable", [{"title": "Download"}])
    return out


def customer_defaults(customer: dict[str, Any]) -> dict[str, Any]:
    out = dict(customer)
    out.setdefault("website", "base")
    out.setdefault("group_id", 1)
    out["addresses"] = [{**DEFAULT_ADDRESS, "firstname": out["firstname"], "lastname": out["lastname"], **a}
                        for a in out.get("addresses") or []]
    return out


def order_defaults(order: dict[str, Any], customers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out = dict(order)
    out.setdefault("store", "default")
    out.setdefault("shipping_method", "flatrate_flatrate")
    out.setdefault("payment_method", "checkmo")
    out.setdefault("state", "new")
    out["items"] = [{"qty": 1, **item} for item in out["items"]]
    if "address" not in out:
        owner = customers.get(out.get("customer", "")) or {}
        first = (owner.get("addresses") or [None])[0]
        names = {"firstname": owner.get("firstname") or out.get("guest", {}).get("firstname", "Pack"),
                 "lastname": owner.get("lastname") or out.get("guest", {}).get("lastname", "Guest")}
        out["address"] = dict(first) if first else {"country_id": "US", "region_id": 23, **names}
    out["address"] = {**DEFAULT_ADDRESS, "firstname": "Pack", "lastname": "Guest", **out["address"]}
    return out
