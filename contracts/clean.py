"""``magento-contracts clean --prefix ctk...``: remove what an interrupted run left behind.

A run deletes its own data at the end; a run that was killed leaves it. This removes, by the run's
prefix, what REST can remove: products (SKU), customers (e-mail) and ``color`` options (label).
Orders and their documents cannot be deleted through REST; they stay, marked with the prefix.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from contracts.builders import search
from contracts.client import MagentoClient

PREFIX = re.compile(r"^ctk[0-9a-f]{8}$")


def clean(client: MagentoClient, prefix: str, say: Callable[[str], None] = print) -> int:
    """Delete the prefix's products, customers and colour options; the number removed."""
    if not PREFIX.match(prefix):
        raise ValueError(f"{prefix!r} is not a kit prefix (ctk + 8 hex digits): refusing to delete by it")
    removed = 0
    products = client.get("/V1/products", query=search(("sku", f"{prefix}-%", "like"))).body
    for product in sorted(products.get("items", []), key=lambda p: p["type_id"] == "simple"):
        answer = client.delete("/V1/products/{sku}", sku=product["sku"])
        removed += answer.status == 200
        say(f"product {product['sku']}: {answer.status}")
    customers = client.get("/V1/customers/search", query=search(("email", f"{prefix}-%", "like"))).body
    for customer in customers.get("items", []):
        answer = client.delete("/V1/customers/{id}", id=customer["id"])
        removed += answer.status == 200
        say(f"customer {customer['email']}: {answer.status}")
    options = client.get("/V1/products/attributes/{code}/options", code="color").body
    for option in options if isinstance(options, list) else []:
        if str(option.get("label", "")).startswith(prefix):
            answer = client.delete("/V1/products/attributes/{code}/options/{optionId}", code="color",
                                   optionId=option["value"])
            removed += answer.status == 200
            say(f"color option {option['label']}: {answer.status}")
    return removed
