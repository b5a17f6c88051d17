"""The product list's custom filters: category_id, website_id, store_id (backend/catalog/filters.py).

Evidence: the 2.4.7-p3 sandbox, 2026-12-03. Categories H10C-A (3) and H10C-B (4) under 2 and H10C-C (5)
were created with POST /rest/all/V1/categories, products H10C-P1 in A, H10C-P2 in B, H10C-P3 in both,
H10C-P4 in C with POST /rest/all/V1/products (category_links), then listed with
  curl -sg -G http://127.0.0.1:8082/rest/V1/products -H "Authorization: Bearer $TOKEN" \\
    --data-urlencode 'searchCriteria[filter_groups][0][filters][0][field]=category_id' \\
    --data-urlencode 'searchCriteria[filter_groups][0][filters][0][value]=3,4' \\
    [--data-urlencode 'searchCriteria[filter_groups][0][filters][0][condition_type]=in']
The same setup on the emulator answered the same for every case below (compared case by case).
"""
from __future__ import annotations

import pytest

from tests.support import RestClient, admin_token, make_app, search_query

MASKED = "Internal Error. Details are available in Magento log file. Report ID: webapi-"


@pytest.fixture(scope="module")
def shop():
    app = make_app(profile="minimal")
    flask_client = app.test_client()
    admin = RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]), "/rest/all/V1")
    ids = {}
    for name in ("A", "B", "C"):
        body = admin.post("/categories", {"category": {"name": f"H10C-{name}", "parent_id": 2, "is_active": True}})
        ids[name] = body.get_json()["id"]
    for sku, cats in (("P1", "A"), ("P2", "B"), ("P3", "AB"), ("P4", "C")):
        links = [{"position": 0, "category_id": str(ids[c])} for c in cats]
        resp = admin.post("/products", {"product": {
            "sku": f"H10C-{sku}", "name": f"H10C {sku}", "attribute_set_id": 4, "price": 5, "type_id": "simple",
            "status": 1, "visibility": 4, "extension_attributes": {"category_links": links}}})
        assert resp.status_code == 200, resp.get_json()
    yield admin.with_prefix("/rest/V1"), ids
    app.extensions["fake_magento"].close()


def listed(client: RestClient, field: str, value: str, condition: str | None = None) -> tuple[int, object]:
    resp = client.get("/products?" + search_query([[(field, value, condition)]]))
    body = resp.get_json()
    if resp.status_code != 200:
        return resp.status_code, body
    return 200, sorted(p["sku"].removeprefix("H10C-") for p in body["items"] if p["sku"].startswith("H10C-"))


@pytest.mark.parametrize(("value", "condition", "expected"), [
    ("{A},{B}", None, ["P1", "P3"]),          # eq by default: '3,4' is read as 3
    ("{B},{A}", None, ["P2", "P3"]),
    ("{A},{B}", "eq", ["P1", "P3"]),
    ("{A},{B}", "in", ["P1", "P2", "P3"]),    # in explodes the value: the union
    ("{A}, {B}", "in", ["P1", "P2", "P3"]),
    ("{A},abc", "in", ["P1", "P3"]),
    ("{A},{B}", "nin", ["P4"]),
    ("{A},{B}", "neq", ["P2", "P4"]),        # neq is nin of ('3,4') = not in 3
    ("{B}", "neq", ["P1", "P4"]),
    (" {B}", None, ["P2", "P3"]),
    ("{B}abc", None, ["P2", "P3"]),
    ("abc", None, []),
    ("", None, []),
    ("{A}", "moreq", []),                    # an unknown type: never equal
    ("{A}", "EQ", []),
    ("{A}", "In", []),
    ("{A}", "null", []),
    ("{A}", "notnull", ["P1", "P2", "P3", "P4"]),
    ("{C}", "gt", []),                        # one product: compared with its id
    ("{C}", "lteq", ["P1", "P2", "P3", "P4"]),
    ("{C}", "like", ["P4"]),
    ("{C}", "finset", ["P4"]),
    ("{C}", "seq", ["P4"]),
])
def test_category_filter(shop, value, condition, expected):
    client, ids = shop
    assert listed(client, "category_id", value.format(**ids), condition) == (200, expected)


@pytest.mark.parametrize("condition", ["gt", "gteq", "from", "like", "finset"])
def test_category_filter_comparing_with_several_products_is_a_masked_500(shop, condition):
    client, ids = shop
    status, body = listed(client, "category_id", str(ids["A"]), condition)
    assert status == 500 and body["message"].startswith(MASKED)


@pytest.mark.parametrize(("value", "expected"), [
    ("1", 200), ("2", 200), ("base", 200), ("eu", 200), ("1,2", 200), ("1,x", 200), ("", 200), ("1|neq", 200)])
def test_website_filter_known(shop, value, expected):
    client, _ = shop
    value, _, condition = value.partition("|")
    assert listed(client, "website_id", value, condition or None) == (200, ["P1", "P2", "P3", "P4"])


@pytest.mark.parametrize("value", ["0", "admin"])
def test_website_filter_admin_has_no_products(shop, value):
    assert listed(shop[0], "website_id", value) == (200, [])


@pytest.mark.parametrize(("value", "kind"), [("99", "id 99"), ("abc", "code abc"), ("1abc", "code 1abc"),
                                             (" 1", "id  1"), ("1.0", "id 1.0"), ("BASE", "code BASE")])
def test_website_filter_unknown_is_404(shop, value, kind):
    assert listed(shop[0], "website_id", value) == (404, {
        "message": f"The website with {kind} that was requested wasn't found. Verify the website and try again."})


@pytest.mark.parametrize("field", ["store_id", "store"])
@pytest.mark.parametrize("value", ["99", "abc", " 1", "1,2"])
def test_store_filter_unknown_is_404(shop, field, value):
    assert listed(shop[0], field, value) == (404, {
        "message": "The store that was requested wasn't found. Verify the store and try again."})


@pytest.mark.parametrize("field", ["store_id", "store"])
@pytest.mark.parametrize("value", ["1", "2", "de", "default", "admin", "0", ""])
def test_store_filter_known(shop, field, value):
    assert listed(shop[0], field, value) == (200, ["P1", "P2", "P3", "P4"])
