"""Loading a pack into the emulator: through its REST routes, in one transaction, refs -> ids."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fake_magento.cli import main
from fake_magento.packs import PackApplyError, apply_pack, parse_pack, read_pack
from tests.support import RestClient, admin_token, make_app

SAMPLE = Path(__file__).with_name("sample.yaml")
STATES = {"fresh": ("new", "pending"), "paid": ("processing", "processing"), "shipped": ("complete", "complete"),
          "refunded": ("closed", "closed"), "stopped": ("canceled", "canceled"), "waiting": ("holded", "holded"),
          "digital": ("complete", "complete"), "gateway": ("payment_review", "payment_review")}


@pytest.fixture(scope="module")
def loaded() -> Any:
    app = make_app("minimal")
    mapping = apply_pack(app, read_pack(SAMPLE))
    flask_client = app.test_client()
    yield RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"])), mapping
    app.extensions["fake_magento"].close()


def test_orders_reach_their_states(loaded: Any):
    admin, mapping = loaded
    for ref, (state, status) in STATES.items():
        order = admin.get(f"/orders/{mapping['orders'][ref]['id']}").get_json()
        assert (order["state"], order["status"]) == (state, status), ref
        assert order["increment_id"] == mapping["orders"][ref]["increment_id"]


def test_documents_are_mapped(loaded: Any):
    admin, mapping = loaded
    shipped = mapping["orders"]["shipped"]
    (shipment_id,) = shipped["shipments"]
    shipment = admin.get(f"/shipment/{shipment_id}").get_json()
    assert shipment["order_id"] == shipped["id"]
    assert [(t["carrier_code"], t["track_number"], t["title"]) for t in shipment["tracks"]] == \
        [("ups", "1Z999AA10123456784", "United Parcel Service")]
    (memo_id,) = mapping["orders"]["refunded"]["creditmemos"]
    assert admin.get(f"/creditmemo/{memo_id}").get_json()["order_id"] == mapping["orders"]["refunded"]["id"]
    assert mapping["orders"]["fresh"]["invoices"] == [] and len(mapping["orders"]["paid"]["invoices"]) == 1


def test_products_of_every_type_are_readable_by_sku(loaded: Any):
    admin, mapping = loaded
    types = {}
    for ref, entry in mapping["products"].items():
        product = admin.get(f"/products/{entry['sku']}").get_json()
        assert product["id"] == entry["id"]
        types[ref] = product["type_id"]
    assert sorted(set(types.values())) == sorted(["simple", "virtual", "configurable", "bundle", "grouped",
                                                   "downloadable"])
    hoodie = admin.get("/products/PACK-HOODIE").get_json()["extension_attributes"]
    assert sorted(hoodie["configurable_product_links"]) == sorted(mapping["products"]["hoodie"]["children"].values())


def test_shipped_order_carries_the_chosen_variant_and_bundle_selection(loaded: Any):
    admin, mapping = loaded
    order = admin.get(f"/orders/{mapping['orders']['shipped']['id']}").get_json()
    skus = [i["sku"] for i in order["items"]]
    assert "PACK-HOODIE-Blue" in skus and "PACK-MUG" in skus


def test_customer_addresses_get_region_names_from_their_ids(loaded: Any):
    admin, mapping = loaded
    customer = admin.get(f"/customers/{mapping['customers']['jane']['id']}").get_json()
    assert [a["region"] for a in customer["addresses"]] == [
        {"region_code": "CA", "region": "California", "region_id": 12},
        {"region_code": "BER", "region": "Berlin", "region_id": 82}]
    assert customer["default_billing"] == str(mapping["customers"]["jane"]["addresses"][0])
    otto = admin.get(f"/customers/{mapping['customers']['otto']['id']}").get_json()
    assert otto["website_id"] == 2 and otto["store_id"] == 2


def test_a_pack_refused_half_way_writes_nothing():
    app = make_app("minimal")
    backend = app.extensions["fake_magento"]
    taken = backend.db.get_meta("credentials")["customer_email"]
    pack = parse_pack(json.dumps({
        "products": [{"ref": "a", "type_id": "simple"}],
        "customers": [{"ref": "dup", "email": taken, "firstname": "D", "lastname": "Up"}]}))

    def counts() -> tuple[int, ...]:
        return tuple(backend.db.one(f"SELECT COUNT(*) FROM {t}")[0]
                     for t in ("catalog_product_entity", "customer_entity", "sales_order"))

    before = counts()
    try:
        with pytest.raises(PackApplyError) as caught:
            apply_pack(app, pack)
        assert str(caught.value) == ("customers[0] (dup): POST /V1/customers: 400 A customer with the same email "
                                     "address already exists in an associated website.")
        assert counts() == before
        flask_client = app.test_client()
        admin = RestClient(flask_client, admin_token(flask_client, backend))
        assert admin.get("/products/a").status_code == 404
    finally:
        backend.close()


def test_prefix_keeps_a_second_load_apart():
    app = make_app("minimal")
    try:
        pack = read_pack(SAMPLE)
        first = apply_pack(app, pack)
        second = apply_pack(app, pack, prefix="run2")
        assert second["products"]["tee"]["sku"] == "run2-PACK-TEE"
        assert second["customers"]["jane"]["email"] == "run2-jane.pack@example.com"
        assert second["orders"]["fresh"]["id"] != first["orders"]["fresh"]["id"]
    finally:
        app.extensions["fake_magento"].close()


def test_cli_seeds_a_profile_then_the_pack_and_a_bad_pack_leaves_the_database_as_it_was(tmp_path: Path):
    db = str(tmp_path / "shop.db")
    runner = CliRunner()
    done = runner.invoke(main, ["seed", "--db", db, "--profile", "minimal", "--pack", str(SAMPLE),
                                "--map", str(tmp_path / "ids.json")])
    assert done.exit_code == 0, done.output
    assert done.output.strip() == f"loaded {SAMPLE} into {db}: 7 products, 2 customers, 8 orders"
    ids = json.loads((tmp_path / "ids.json").read_text())
    assert set(ids) == {"products", "customers", "orders"} and ids["products"]["tee"]["sku"] == "PACK-TEE"
    exported = runner.invoke(main, ["export", "--db", db]).output
    bad = tmp_path / "bad.yaml"
    bad.write_text("products:\n  - {ref: b, type_id: simple}\n  - {ref: c, type_id: foo}\n")
    refused = runner.invoke(main, ["seed", "--db", db, "--pack", str(bad)])
    assert refused.exit_code == 1
    assert refused.output == ("Error: invalid seed pack:\n  products[1].type_id: 'foo' is not one of simple, "
                              "virtual, configurable, bundle, grouped, downloadable\n")
    again = tmp_path / "again.yaml"  # valid, but its SKU is taken: refused by the catalog, nothing written
    again.write_text("products:\n  - {ref: new, type_id: virtual}\n"
                     "customers:\n  - {ref: j, email: jane.pack@example.com, firstname: J, lastname: P}\n")
    refused = runner.invoke(main, ["seed", "--db", db, "--pack", str(again)])
    assert refused.exit_code == 1 and "customers[0] (j): POST /V1/customers: 400" in refused.output
    assert runner.invoke(main, ["export", "--db", db]).output == exported
