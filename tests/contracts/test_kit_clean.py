"""``magento-contracts clean``: what an interrupted run left is found by its prefix and removed."""
from __future__ import annotations

from dataclasses import replace

import pytest

from contracts.builders import create_customer, create_product, ok, search
from contracts.clean import clean
from contracts.ledger import Ledger
from contracts.target import InProcessEmulator


def test_clean_removes_products_customers_and_colour_options_by_prefix() -> None:
    emulator = InProcessEmulator(profile="minimal")
    try:
        target = emulator.target()
        target.prefix = "ctk0badc0de"
        create_product(target, "left-a")
        create_product(target, "left-b", type_id="virtual")
        create_customer(target, "left")
        client = target.client()
        ok(client.post("/V1/products/attributes/{code}/options", {"option": {"label": "ctk0badc0de-red"}},
                       code="color"))
        other = create_product(replace(target, prefix="ctk00000000", ledger=Ledger()), "kept")
        lines: list[str] = []
        assert clean(client, "ctk0badc0de", lines.append) == 4
        assert ok(client.get("/V1/products", query=search(("sku", "ctk0badc0de-%", "like"))))["total_count"] == 0
        assert ok(client.get("/V1/customers/search", query=search(("email", "ctk0badc0de-%", "like"))))["total_count"] == 0
        labels = [o["label"] for o in ok(client.get("/V1/products/attributes/{code}/options", code="color"))]
        assert "ctk0badc0de-red" not in labels
        assert client.get("/V1/products/{sku}", sku=other["sku"]).status == 200
    finally:
        emulator.stop()


@pytest.mark.parametrize("prefix", ["", "ck", "ctk", "mystore", "ctk0badc0dex", "CTK0BADC0DE"])
def test_clean_refuses_what_is_not_a_kit_prefix(prefix: str) -> None:
    with pytest.raises(ValueError, match="not a kit prefix"):
        clean(None, prefix)  # type: ignore[arg-type]
