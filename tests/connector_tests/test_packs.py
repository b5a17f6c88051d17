"""Pushing a seed pack through REST only: to the emulator over a socket, and to a real Magento
(``sandbox``, skipped unless MAGENTO_URL is set)."""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from connector.client import MagentoClient
from connector.operations.packs import PackApplyError, push_pack
from connector.requestor import path
from fake_magento import ThreadedServer
from tests.support.emulator import emulator_config, start_emulator

SAMPLE = Path(__file__).parents[1] / "packs" / "sample.yaml"
STATES = {"fresh": "new", "paid": "processing", "shipped": "complete", "refunded": "closed", "stopped": "canceled",
          "waiting": "holded", "digital": "complete", "gateway": "payment_review"}


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadedServer]:
    started = start_emulator("minimal")
    yield started
    started.stop()


@pytest.fixture
def client(server: ThreadedServer) -> Iterator[MagentoClient]:
    with MagentoClient(emulator_config(server)) as connected:
        yield connected


def _states(client: MagentoClient, mapping: dict[str, Any]) -> dict[str, str]:
    return {ref: client.requestor.get(f"orders/{entry['id']}")["state"] for ref, entry in mapping["orders"].items()}


def test_sample_pack_pushed_over_http_reaches_every_state(client: MagentoClient, tmp_path: Path):
    out = tmp_path / "ids.json"
    mapping = push_pack(client, SAMPLE, prefix="push1", mapping_file=out)
    assert _states(client, mapping) == STATES
    assert json.loads(out.read_text()) == mapping
    hoodie = client.requestor.get("products/push1-PACK-HOODIE")
    assert hoodie["type_id"] == "configurable"
    assert sorted(hoodie["extension_attributes"]["configurable_product_links"]) == \
        sorted(mapping["products"]["hoodie"]["children"].values())
    jane = client.requestor.get(f"customers/{mapping['customers']['jane']['id']}")
    assert jane["email"] == "push1-jane.pack@example.com"
    assert jane["addresses"][0]["region"] == {"region_code": "CA", "region": "California", "region_id": 12}
    shipment = client.requestor.get(f"shipment/{mapping['orders']['shipped']['shipments'][0]}")
    assert [t["track_number"] for t in shipment["tracks"]] == ["1Z999AA10123456784"]


def test_a_refused_call_names_the_entry_and_keeps_the_partial_mapping(client: MagentoClient, tmp_path: Path):
    pack = {"products": [{"ref": "one", "sku": f"P-{uuid.uuid4().hex[:8]}", "type_id": "virtual"}],
            "customers": [{"ref": "c", "email": "twice@example.com", "firstname": "T", "lastname": "W"},
                          {"ref": "d", "email": "twice@example.com", "firstname": "T", "lastname": "W"}]}
    out = tmp_path / "ids.json"
    with pytest.raises(PackApplyError) as caught:
        push_pack(client, pack, mapping_file=out)
    assert str(caught.value).startswith("customers[1] (d): 400 A customer with the same email address already "
                                        "exists in an associated website.")
    written = json.loads(out.read_text())
    assert set(written["products"]) == {"one"} and set(written["customers"]) == {"c"} and written["orders"] == {}


@pytest.mark.sandbox
def test_sample_pack_pushed_to_a_real_magento(sandbox_config: Any, tmp_path: Path):
    """The sample pack without its grouped product (a Magento without a search engine refuses to save
    product links), under a unique prefix; products and customers are deleted afterwards, the orders
    stay (REST cannot delete them), marked by the prefix in their e-mails."""
    data = yaml.safe_load(SAMPLE.read_text())
    data["products"] = [p for p in data["products"] if p["type_id"] != "grouped"]
    prefix = f"pk{uuid.uuid4().hex[:8]}"
    with MagentoClient(sandbox_config) as client:
        mapping: dict[str, Any] = {}
        try:
            mapping = push_pack(client, data, prefix=prefix, mapping_file=tmp_path / "ids.json")
            assert _states(client, mapping) == STATES
            shipped = client.requestor.get(f"orders/{mapping['orders']['shipped']['id']}")
            assert f"{prefix}-PACK-HOODIE-Blue" in [i["sku"] for i in shipped["items"]]
            jane = client.requestor.get(f"customers/{mapping['customers']['jane']['id']}")
            assert [a["region"]["region"] for a in jane["addresses"]] == ["California", "Berlin"]
        finally:
            if not mapping and (tmp_path / "ids.json").exists():
                mapping = json.loads((tmp_path / "ids.json").read_text())
            for entry in mapping.get("customers", {}).values():
                client.requestor.delete(f"customers/{entry['id']}")
            for entry in mapping.get("products", {}).values():
                for sku in [entry["sku"], *entry.get("children", {})]:
                    client.requestor.delete(path("products/{}", sku), store="all")
