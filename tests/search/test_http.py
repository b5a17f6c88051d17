"""searchCriteria through real list routes (customers, categories, MSI), as Magento's tests do."""
from __future__ import annotations

import pytest

from tests.support import RestClient, admin_token, make_app, search_query


@pytest.fixture(scope="module")
def client():
    app = make_app(profile="default")
    flask_client = app.test_client()
    rest = RestClient(flask_client, admin_token(flask_client, app.extensions["fake_magento"]))
    rest.credentials = app.extensions["fake_magento"].db.get_meta("credentials")  # type: ignore[attr-defined]
    yield rest
    app.extensions["fake_magento"].close()


def criteria(groups, sorts=(), **extra) -> str:
    return search_query(groups, sorts, **extra)


def test_customers_search_by_email(client):
    email = client.credentials["customer_email"]
    body = client.get("/customers/search?" + criteria([[("email", email, None)]])).get_json()
    assert body["total_count"] == 2  # the same email on both websites
    assert {c["website_id"] for c in body["items"]} == {1, 2}
    assert body["search_criteria"] == {"filter_groups": [{"filters": [
        {"field": "email", "value": email, "condition_type": "eq"}]}]}


def test_customers_two_emails_ored_and_lastname_anded(client):
    everyone = [c for c in client.get("/customers/search?searchCriteria").get_json()["items"] if c["website_id"] == 1]
    a = everyone[1]
    b = next(c for c in everyone[2:] if c["lastname"] != a["lastname"])
    query = criteria([[("email", a["email"], None), ("email", b["email"], None)]], [("email", "ASC")])
    both = client.get("/customers/search?" + query).get_json()
    assert [c["email"] for c in both["items"]] == sorted([a["email"], b["email"]])
    query = criteria([[("email", a["email"], None), ("email", b["email"], None)],
                      [("lastname", a["lastname"], None)]], [("email", "ASC")])
    assert [c["email"] for c in client.get("/customers/search?" + query).get_json()["items"]] == [a["email"]]
    missing = criteria([[("email", a["email"], None), ("email", b["email"], None)],
                        [("lastname", "No Such Name", None)]])
    assert client.get("/customers/search?" + missing).get_json()["total_count"] == 0


def test_customers_search_is_case_insensitive_and_sorted(client):
    first = client.credentials["customer_email"]
    body = client.get("/customers/search?" + criteria([[("email", first.upper(), "eq")]])).get_json()
    assert body["total_count"] == 2
    names = client.get("/customers/search?" + criteria([], [("lastname", "DESC"), ("entity_id", "ASC")])).get_json()
    keys = [(c["lastname"].lower(), -c["id"]) for c in names["items"]]
    assert keys == sorted(keys, reverse=True)


def test_customers_unknown_field_is_an_eav_error(client):
    resp = client.get("/customers/search?" + criteria([[("no_such_field", "1", None)]]))
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'The "%1" attribute name is invalid. Reset the name and try again.',
                               "parameters": ["no_such_field"]}


def test_customers_search_requires_search_criteria(client):
    resp = client.get("/customers/search")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "searchCriteria"}}


def test_paging_past_the_end_and_fields(client):
    total = client.get("/customers/search?searchCriteria").get_json()["total_count"]
    past = client.get("/customers/search?" + criteria([], pageSize=5, currentPage=99)).get_json()
    assert past["items"] == [] and past["total_count"] == total
    assert past["search_criteria"] == {"filter_groups": [], "page_size": 5, "current_page": 99}
    slim = client.get("/customers/search?" + criteria([], pageSize=2) + "&fields=items[email],total_count")
    assert slim.get_json() == {"items": [{"email": e["email"]} for e in client.get(
        "/customers/search?" + criteria([], pageSize=2)).get_json()["items"]], "total_count": total}


def test_categories_list_in_store_scope(client):
    body = client.get("/categories/list?" + criteria([[("level", "2", "gteq")]], [("position", "ASC")])).get_json()
    assert body["total_count"] > 0
    assert all(c["level"] >= 2 for c in body["items"])
    de = client.get("/rest/de/V1/categories/list?" + criteria([[("entity_id", str(body["items"][0]["id"]), None)]]))
    assert de.status_code == 200 and de.get_json()["total_count"] == 1


def test_categories_list_filters_store_scoped_names(client):
    default = client.get("/categories/list?" + criteria([[("level", "2", None)]])).get_json()["items"][0]
    de = client.get(f"/rest/de/V1/categories/{default['id']}").get_json()
    found = client.get("/rest/de/V1/categories/list?" + criteria([[("name", de["name"], None)]])).get_json()
    assert default["id"] in [c["id"] for c in found["items"]]


def test_msi_lists_are_flat(client):
    sources = client.get("/inventory/sources?" + criteria([[("source_code", "default", "neq")]])).get_json()
    assert "default" not in [s["source_code"] for s in sources["items"]]
    resp = client.get("/inventory/sources?" + criteria([[("no_such_column", "1", None)]]))
    assert resp.status_code == 500
    assert resp.get_json()["message"].startswith("Internal Error. Details are available in Magento log file.")
    items = client.get("/inventory/source-items?" + criteria([[("quantity", "0", "gt")]],
                                                              [("quantity", "DESC")], pageSize=3)).get_json()
    quantities = [i["quantity"] for i in items["items"]]
    assert quantities == sorted(quantities, reverse=True) and len(quantities) <= 3


def _orders(client):
    return client.get("/orders?searchCriteria").get_json()["items"]


def test_orders_list_as_magento_order_list_test(client):
    """Sales/Service/V1/OrderListTest::testOrderList: status=processing AND (state=new OR increment_id=X),
    grand_total DESC, pageSize 20; the echo equals the criteria sent (SearchCriteria::__toArray)."""
    everything = _orders(client)
    processing = [o for o in everything if o["status"] == "processing"]
    assert len(processing) >= 2
    target = processing[0]["increment_id"]
    query = criteria([[("status", "processing", "eq")], [("state", "new", "eq"), ("increment_id", target, "eq")]],
                     [("grand_total", "DESC")], pageSize=20)
    body = client.get("/orders?" + query).get_json()
    expected = sorted((o for o in processing if o["state"] == "new" or o["increment_id"] == target),
                      key=lambda o: (-o["grand_total"], o["entity_id"]))
    assert [o["increment_id"] for o in body["items"]] == [o["increment_id"] for o in expected]
    assert body["total_count"] == len(expected)
    assert body["search_criteria"] == {
        "filter_groups": [{"filters": [{"field": "status", "value": "processing", "condition_type": "eq"}]},
                          {"filters": [{"field": "state", "value": "new", "condition_type": "eq"},
                                       {"field": "increment_id", "value": target, "condition_type": "eq"}]}],
        "sort_orders": [{"field": "grand_total", "direction": "DESC"}], "page_size": 20}
    assert list(body) == ["items", "search_criteria", "total_count"]


def test_orders_list_default_order_paging_and_ranges(client):
    everything = _orders(client)
    ids = [o["entity_id"] for o in everything]
    assert ids == sorted(ids)  # no sort order: id ascending
    pages = []
    for page in range(1, len(ids) // 5 + 2):
        body = client.get("/orders?" + criteria([], pageSize=5, currentPage=page)).get_json()
        assert body["total_count"] == len(ids)
        pages += [o["entity_id"] for o in body["items"]]
    assert pages == ids
    low, high = sorted(o["grand_total"] for o in everything)[1], sorted(o["grand_total"] for o in everything)[-2]
    # a from and a to on one field in one group make a range (FilterProcessor::checkFromTo)
    body = client.get("/orders?" + criteria([[("grand_total", str(low), "from"), ("grand_total", str(high), "to")]])
                      ).get_json()
    assert {o["entity_id"] for o in body["items"]} == {o["entity_id"] for o in everything
                                                       if low <= o["grand_total"] <= high}


def test_orders_list_errors(client):
    resp = client.get("/orders?" + criteria([[("status", "(", "regexp")]]))
    assert resp.status_code == 500
    assert resp.get_json()["message"].startswith("Internal Error. Details are available in Magento log file.")
    resp = client.get("/orders?searchCriteria[filter_groups][0][filters][0][value][]=x")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'Error occurred during "filter_groups" processing. Error occurred during '
                                          '"filters" processing. Error occurred during "value" processing. The '
                                          '"array" value\'s type is invalid. The "string" type was expected. '
                                          'Verify and try again.'}
    resp = client.get("/orders?" + criteria([], [("grand_total", "sideways")]))
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "The sort order has to be specified as %1 for ascending order or %2 for "
                                          "descending order.", "parameters": ["ASC", "DESC"]}


def test_products_get_list_echo_as_magento_test(client):
    """Catalog/Api/ProductRepositoryInterfaceTest::testGetList: the echo equals the criteria sent."""
    sku = client.get("/products?" + criteria([], pageSize=1)).get_json()["items"][0]["sku"]
    body = client.get("/products?" + criteria([[("sku", sku, "eq")]], current_page=1, page_size=2)).get_json()
    assert body["search_criteria"] == {"filter_groups": [{"filters": [{"field": "sku", "value": sku,
                                                                       "condition_type": "eq"}]}],
                                       "current_page": 1, "page_size": 2}
    assert body["total_count"] == 1 and body["items"][0]["sku"] == sku
    assert "website_ids" in body["items"][0]["extension_attributes"]
    slim = client.get("/products?" + criteria([[("sku", sku.lower(), "eq")]])
                      + "&fields=items[sku,extension_attributes[website_ids]],total_count").get_json()
    assert slim == {"items": [{"sku": sku, "extension_attributes": {
        "website_ids": body["items"][0]["extension_attributes"]["website_ids"]}}], "total_count": 1}
    assert client.get("/products?" + criteria([], pageSize=1) + "&fields=nothing_known").get_json() == []


def test_products_custom_filters_are_anded(client):
    """category_id sits in an OR group with a name filter but is AND'ed (ProductFilterProcessor)."""
    everything = client.get("/products?searchCriteria").get_json()
    first = everything["items"][0]
    categories = client.get("/products?" + criteria([[("category_id", "999999", None),
                                                      ("sku", first["sku"], "eq")]])).get_json()
    assert categories["total_count"] == 0
