"""GET /V1/products/{sku} answers from a per-thread cache; every change to the database must show.

Each check reads the product first (so it is kept), changes something, and compares the GET answer
with the uncached read (CatalogService.get_product) and with what the change should show.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fake_magento.http.encoding import php_json
from tests.support import RestClient, admin_token, make_app

SKU = "MH09 L Blue"
STORES = {"V1": None, "de/V1": "de", "all/V1": "all"}


@pytest.fixture
def shop() -> Any:
    app = make_app("default")
    backend = app.extensions["fake_magento"]
    client = app.test_client()
    yield app, backend, RestClient(client, admin_token(client, backend))
    backend.close()


def scope_of(backend: Any, prefix: str) -> Any:
    code = STORES[prefix]
    return backend.stores.default_scope() if code is None else backend.stores.scope_for_code(code)


def answered(rest: RestClient, prefix: str, sku: str = SKU) -> Any:
    resp = rest.get(f"/rest/{prefix}/products/{quote(sku, safe='')}")
    return resp.status_code, resp.get_data(as_text=True)


def uncached(backend: Any, prefix: str, sku: str = SKU) -> Any:
    return 200, php_json(backend.catalog.get_product(sku, scope_of(backend, prefix)))


def test_a_save_through_a_store_view_shows(shop):
    _, backend, rest = shop
    before = answered(rest, "de/V1")
    resp = rest.put(f"/rest/de/V1/products/{SKU.replace(' ', '%20')}", {"product": {"name": "Neu"}})
    assert resp.status_code == 200
    after = answered(rest, "de/V1")
    assert after != before and json.loads(after[1])["name"] == "Neu"
    assert after == uncached(backend, "de/V1")
    assert json.loads(answered(rest, "all/V1")[1])["name"] != "Neu"  # the admin value is untouched


def test_a_stock_update_shows(shop):
    _, backend, rest = shop
    item_id = json.loads(answered(rest, "V1")[1])["extension_attributes"]["stock_item"]["item_id"]
    resp = rest.put(f"/rest/V1/products/{SKU.replace(' ', '%20')}/stockItems/{item_id}",
                    {"stockItem": {"qty": 7, "is_in_stock": True}})
    assert resp.status_code == 200
    assert json.loads(answered(rest, "V1")[1])["extension_attributes"]["stock_item"]["qty"] == 7
    assert answered(rest, "V1") == uncached(backend, "V1")


def test_a_deleted_product_is_gone(shop):
    _, _, rest = shop
    assert answered(rest, "V1")[0] == 200
    assert rest.delete(f"/rest/V1/products/{SKU.replace(' ', '%20')}").status_code == 200
    status, body = answered(rest, "V1")
    assert (status, json.loads(body)["message"]) == (
        404, "The product that was requested doesn't exist. Verify the product and try again.")


def test_a_reset_restores_what_was_kept_before_the_change(shop):
    _, backend, rest = shop
    seeded = answered(rest, "V1")
    rest.put(f"/rest/all/V1/products/{SKU.replace(' ', '%20')}", {"product": {"price": 99.5}})
    assert json.loads(answered(rest, "V1")[1])["price"] == 99.5
    assert rest.post("/_fake/reset").status_code == 200
    assert answered(rest, "V1") == seeded == uncached(backend, "V1")


def test_a_write_from_another_thread_shows(shop):
    _, backend, rest = shop
    answered(rest, "V1")

    def write() -> None:
        with backend.db.write() as conn:
            conn.execute("UPDATE catalog_product_entity SET updated_at='2030-01-01 00:00:00' WHERE sku=?", (SKU,))

    worker = threading.Thread(target=write)
    worker.start()
    worker.join()
    assert json.loads(answered(rest, "V1")[1])["updated_at"] == "2030-01-01 00:00:00"


def test_a_write_from_another_process_connection_shows(shop):
    _, backend, rest = shop
    answered(rest, "V1")
    other = sqlite3.connect(backend.db.path, isolation_level=None)
    other.execute("UPDATE catalog_product_entity SET updated_at='2031-01-01 00:00:00' WHERE sku=?", (SKU,))
    other.close()
    assert json.loads(answered(rest, "V1")[1])["updated_at"] == "2031-01-01 00:00:00"


def test_a_raw_write_on_the_same_connection_shows(shop):
    _, backend, rest = shop
    answered(rest, "V1")
    backend.db.connection().execute("UPDATE catalog_product_entity SET updated_at='2032-01-01 00:00:00' WHERE sku=?",
                                    (SKU,))
    assert json.loads(answered(rest, "V1")[1])["updated_at"] == "2032-01-01 00:00:00"


def test_a_state_import_shows(shop):
    _, backend, rest = shop
    state = rest.get("/_fake/state").get_json()
    for row in state["tables"]["catalog_product_entity"]:
        if row["sku"] == SKU:
            row["updated_at"] = "2033-01-01 00:00:00"
    answered(rest, "V1")
    assert rest.put("/_fake/state", state).status_code == 200
    assert json.loads(answered(rest, "V1")[1])["updated_at"] == "2033-01-01 00:00:00"


OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("name"), st.sampled_from(sorted(STORES)), st.text("abc ", min_size=1, max_size=6)),
    st.tuples(st.just("price"), st.integers(1, 500)),
    st.tuples(st.just("qty"), st.integers(0, 50)),
    st.tuples(st.just("reset")),
    st.tuples(st.just("other_connection"), st.integers(0, 9)),
), min_size=1, max_size=8)


@settings(max_examples=15, deadline=None)
@given(operations=OPERATIONS, sku_index=st.integers(0, 5))
def test_every_answer_is_the_uncached_read(operations, sku_index):
    app = make_app("default")
    backend = app.extensions["fake_magento"]
    client = app.test_client()
    rest = RestClient(client, admin_token(client, backend))
    skus = [r[0] for r in backend.db.query("SELECT sku FROM catalog_product_entity ORDER BY entity_id LIMIT 6")]
    sku = skus[sku_index]
    path = quote(sku, safe="")
    try:
        for operation in operations:
            for prefix in STORES:
                assert answered(rest, prefix, sku) == uncached(backend, prefix, sku)
            kind = operation[0]
            if kind == "name":
                rest.put(f"/rest/{operation[1]}/products/{path}", {"product": {"name": operation[2]}})
            elif kind == "price":
                rest.put(f"/rest/all/V1/products/{path}", {"product": {"price": operation[1]}})
            elif kind == "qty":
                rest.put(f"/rest/V1/products/{path}", {"product": {"extension_attributes": {
                    "stock_item": {"qty": operation[1], "is_in_stock": True}}}})
            elif kind == "reset":
                rest.post("/_fake/reset")
            else:
                other = sqlite3.connect(backend.db.path, isolation_level=None)
                other.execute("UPDATE catalog_product_entity SET updated_at=? WHERE sku=?",
                              (f"2030-01-1{operation[1]} 00:00:00", sku))
                other.close()
        for prefix in STORES:
            assert answered(rest, prefix, sku) == uncached(backend, prefix, sku)
    finally:
        backend.close()


def test_the_kept_text_is_answered_with_the_headers_of_every_json_answer(shop):
    _, _, rest = shop
    plain = rest.get(f"/rest/V1/products/{quote(SKU, safe='')}")
    filtered = rest.get(f"/rest/V1/products/{quote(SKU, safe='')}?fields=sku,name")
    assert filtered.get_json() == {"sku": SKU, "name": plain.get_json()["name"]}
    names = [(k, v) for k, v in plain.headers if k != "Content-Length"]
    assert names == [(k, v) for k, v in filtered.headers if k != "Content-Length"]
    assert names[0] == ("Content-Type", "application/json; charset=utf-8")
    assert [k for k, _ in names[1:]] == ["Cache-Control", "Pragma", "Expires", "X-Frame-Options"]
