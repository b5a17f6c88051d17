"""The seeded catalogue (default profile): every type, values in every view, awkward SKUs."""
from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.support import RestClient, admin_token, make_app


@pytest.fixture(scope="module")
def client():
    app = make_app(profile="default")
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    app.extensions["fake_magento"].close()


def test_every_type_is_seeded(client):
    items = client.get("/products?searchCriteria[pageSize]=200").get_json()["items"]
    assert {p["type_id"] for p in items} == {"simple", "virtual", "configurable", "bundle", "grouped", "downloadable"}
    assert {"MH09 L Blue", "24-WB04/Blue", "WS12+XL", "Café-Crème 100%"} <= {p["sku"] for p in items}
    assert any(p["extension_attributes"].get("category_links") for p in items)


def test_values_in_every_view(client):
    sku = quote("MH09 L Blue", safe="")
    seen = {}
    for code in ("all", "default", "de", "fr"):
        product = client.with_prefix(f"/rest/{code}/V1").get(f"/products/{sku}").get_json()
        values = {a["attribute_code"]: a["value"] for a in product["custom_attributes"]}
        seen[code] = (product["name"], values.get("description"), values.get("short_description"))
    assert len({seen[c][0] for c in ("all", "de", "fr")}) == 3 and seen["default"][0] == seen["all"][0]
    assert len({seen[c][1] for c in ("all", "de", "fr")}) == 3
    assert seen["default"][2] and not seen["all"][2]


def test_minimal_profile_has_attributes_but_no_products(admin):
    assert admin.get("/products?searchCriteria").get_json()["total_count"] == 0
    assert admin.get("/products/attributes/color").status_code == 200
    assert admin.get("/products/attribute-sets/4").status_code == 200
