"""Product-type test helpers: recordings of a real Magento, JSON type shapes, product creation."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

RECORDINGS = Path("/work/shared/reference/recordings/oca-connector-magento-m2")


def recorded_product(name: str) -> dict[str, Any] | None:
    """The first product body of a recording (None when the reference is not mounted, e.g. in CI)."""
    path = RECORDINGS / name
    if not path.exists():
        return None
    import yaml

    data = yaml.safe_load(path.read_text())
    return json.loads(data["interactions"][0]["response"]["body"]["string"])


def shape(value: Any) -> Any:
    """Key sets and JSON types, recursively (lists by their first element)."""
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, (int, float)):
        return "number"
    return type(value).__name__


def p(sku: str) -> str:
    return quote(sku, safe="")


def make(client: Any, sku: str, type_id: str = "simple", **fields: Any) -> dict[str, Any]:
    body = {"sku": sku, "name": fields.pop("name", sku), "type_id": type_id, "attribute_set_id": 4, **fields}
    if type_id in ("simple", "virtual", "downloadable") and "price" not in body:
        body["price"] = 10
    resp = client.post("/products", {"product": body})
    assert resp.status_code == 200, resp.get_data(as_text=True)
    return resp.get_json()
