"""Categories: tree, get, list, create/update, move, delete, product assignments (exact Magento shapes)."""
from __future__ import annotations

import pytest

from tests.support import RestClient, admin_token, make_app


@pytest.fixture(scope="module")
def seeded():
    """The default profile (tree under category 2 with de/fr names); read-only tests share it."""
    app = make_app("default")
    client = app.test_client()
    backend = app.extensions["fake_magento"]
    yield RestClient(client, admin_token(client, backend))
    backend.close()


def test_root_category_has_no_is_active_key(seeded):
    body = seeded.get("/rest/all/V1/categories/1").get_json()
    assert "is_active" not in body
    assert body["parent_id"] == 0 and body["level"] == 0 and body["path"] == "1" and body["children"] == "2"
    assert body["custom_attributes"][0] == {"attribute_code": "path", "value": "1"}


def test_category_shape_and_types(seeded):
    body = seeded.get("/categories/4").get_json()
    assert list(body) == ["id", "parent_id", "name", "is_active", "position", "level", "children", "created_at",
                          "updated_at", "path", "available_sort_by", "include_in_menu", "custom_attributes"]
    assert body["path"] == "1/2/3/4" and body["level"] == 3 and body["is_active"] is True
    assert all(isinstance(a["value"], str) for a in body["custom_attributes"])


def test_path_is_escaped_like_php(seeded):
    assert '"path":"1\\/2\\/3\\/4"' in seeded.get("/categories/4").get_data(as_text=True)


def test_store_view_names(seeded):
    assert seeded.get("/categories/3").get_json()["name"] == "Gear"
    assert seeded.get("/rest/de/V1/categories/3").get_json()["name"] == "Ausrüstung"
    assert seeded.get("/rest/fr/V1/categories/3").get_json()["name"] == "Équipement"
    assert seeded.get("/rest/all/V1/categories/3").get_json()["name"] == "Gear"


def test_children_count_and_children_string(seeded):
    body = seeded.get("/categories/2").get_json()
    assert body["children"] == "3,6,9,12"
    count = {a["attribute_code"]: a["value"] for a in body["custom_attributes"]}["children_count"]
    assert count == "14"  # ten, and the chain Yoga > Mats > Travel Mats > Foldable under Fitness Equipment


def test_tree_from_store_root_with_depth(seeded):
    tree = seeded.get("/categories?depth=1").get_json()
    assert tree["id"] == 2 and [c["id"] for c in tree["children_data"]] == [3, 6, 9, 12]
    assert all(c["children_data"] == [] for c in tree["children_data"])
    assert list(tree) == ["id", "parent_id", "name", "is_active", "position", "level", "product_count",
                          "children_data"]


def test_tree_admin_scope_starts_at_level_zero(seeded):
    tree = seeded.get("/rest/all/V1/categories?depth=0").get_json()
    assert tree["id"] == 1 and tree["children_data"] == []
    # CategoryTreeInterface::getIsActive is non-nullable: the root's unset value is written as null
    assert list(tree) == ["id", "parent_id", "name", "is_active", "position", "level", "product_count",
                          "children_data"] and tree["is_active"] is None


def test_tree_with_root_and_store_names(seeded):
    tree = seeded.get("/rest/de/V1/categories?rootCategoryId=6").get_json()
    assert tree["name"] == "Herren"
    assert [(c["id"], c["name"]) for c in tree["children_data"]] == [(7, "Oberteile"), (8, "Unterteile")]


def test_unknown_category_404(seeded):
    resp = seeded.get("/categories/999")
    assert resp.status_code == 404
    assert resp.get_json() == {"message": "No such entity with %fieldName = %fieldValue",
                               "parameters": {"fieldName": "id", "fieldValue": 999}}


def test_non_integer_id_400(seeded):
    resp = seeded.get("/categories/abc")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'The "abc" value\'s type is invalid. The "int" type was expected.'
                                          " Verify and try again."}


def test_list_filters_pages_and_echoes(seeded):
    q = ("/categories/list?searchCriteria[filter_groups][0][filters][0][field]=name"
         "&searchCriteria[filter_groups][0][filters][0][value]=Tops&searchCriteria[pageSize]=1")
    body = seeded.get(q).get_json()
    assert body["total_count"] == 2 and [i["id"] for i in body["items"]] == [7]
    assert body["search_criteria"] == {"filter_groups": [{"filters": [
        {"field": "name", "value": "Tops", "condition_type": "eq"}]}], "page_size": 1}


def test_list_requires_search_criteria(seeded):
    resp = seeded.get("/categories/list")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "searchCriteria"}}


def test_list_unknown_field_is_eav_error(seeded):
    resp = seeded.get("/categories/list?searchCriteria[filter_groups][0][filters][0][field]=nope"
                      "&searchCriteria[filter_groups][0][filters][0][value]=1")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": 'The "%1" attribute name is invalid. Reset the name and try again.',
                               "parameters": ["nope"]}


# -- writes (fresh minimal app per test) -------------------------------------------------------
def test_create_under_default_category(admin):
    resp = admin.post("/categories", {"category": {"name": "New & Shiny", "is_active": True,
                                                   "available_sort_by": ["position", "name"]}})
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["parent_id"] == 2 and body["path"] == f"1/2/{body['id']}" and body["level"] == 2
    assert body["position"] == 1 and body["available_sort_by"] == ["position", "name"]
    attrs = {a["attribute_code"]: a["value"] for a in body["custom_attributes"]}
    assert attrs["url_key"] == "new-and-shiny"
    root = admin.get("/rest/all/V1/categories/2").get_json()
    assert root["children"] == str(body["id"])


def test_create_without_name(admin):
    resp = admin.post("/categories", {"category": {"parent_id": 2}})
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Could not save category: %1", "parameters": [
        'The "Name" attribute value is empty. Set the attribute and try again.']}


def test_create_requires_category(admin):
    resp = admin.post("/categories", {})
    assert resp.status_code == 400
    assert resp.get_json()["parameters"] == {"fieldName": "category"}


def test_update_in_store_view_creates_override(admin):
    cid = admin.post("/categories", {"category": {"name": "Shoes", "is_active": True}}).get_json()["id"]
    resp = admin.put(f"/rest/de/V1/categories/{cid}", {"category": {"name": "Schuhe"}})
    assert resp.status_code == 200 and resp.get_json()["name"] == "Schuhe"
    assert admin.get(f"/rest/de/V1/categories/{cid}").get_json()["name"] == "Schuhe"
    assert admin.get(f"/rest/all/V1/categories/{cid}").get_json()["name"] == "Shoes"


def test_update_unknown(admin):
    resp = admin.put("/categories/555", {"category": {"name": "x"}})
    assert resp.status_code == 404


@pytest.mark.parametrize("cid", [1, 2])
def test_delete_root_refused(admin, cid):
    resp = admin.delete(f"/categories/{cid}")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "Cannot delete category with id %1", "parameters": [str(cid)]}


def test_delete_removes_subtree_and_counts(admin):
    a = admin.post("/categories", {"category": {"name": "A"}}).get_json()["id"]
    b = admin.post("/categories", {"category": {"name": "B", "parent_id": a}}).get_json()["id"]
    assert admin.delete(f"/categories/{a}").get_json() is True
    assert admin.get(f"/categories/{b}").status_code == 404
    counts = {x["attribute_code"]: x["value"] for x in admin.get("/categories/2").get_json()["custom_attributes"]}
    assert counts["children_count"] == "0"
    assert admin.delete(f"/categories/{a}").status_code == 404


def test_move_reorders_and_repaths(admin):
    ids = [admin.post("/categories", {"category": {"name": n}}).get_json()["id"] for n in ("A", "B", "C")]
    child = admin.post("/categories", {"category": {"name": "A1", "parent_id": ids[0]}}).get_json()["id"]
    # Move A (with its child) under C.
    assert admin.put(f"/categories/{ids[0]}/move", {"parentId": ids[2]}).get_json() is True
    moved = admin.get(f"/categories/{child}").get_json()
    assert moved["path"] == f"1/2/{ids[2]}/{ids[0]}/{child}" and moved["level"] == 4
    tree = admin.get("/categories").get_json()
    assert [c["id"] for c in tree["children_data"]] == [ids[1], ids[2]]
    assert [c["position"] for c in tree["children_data"]] == [1, 2]
    c_attrs = {x["attribute_code"]: x["value"] for x in admin.get(f"/categories/{ids[2]}").get_json()["custom_attributes"]}
    assert c_attrs["children_count"] == "2"


def test_move_after_sibling(admin):
    ids = [admin.post("/categories", {"category": {"name": n}}).get_json()["id"] for n in ("A", "B", "C")]
    assert admin.put(f"/categories/{ids[2]}/move", {"parentId": 2, "afterId": ids[0]}).get_json() is True
    tree = admin.get("/categories").get_json()
    assert [c["id"] for c in tree["children_data"]] == [ids[0], ids[2], ids[1]]


def test_move_into_own_child_refused(admin):
    a = admin.post("/categories", {"category": {"name": "A"}}).get_json()["id"]
    b = admin.post("/categories", {"category": {"name": "B", "parent_id": a}}).get_json()["id"]
    resp = admin.put(f"/categories/{a}/move", {"parentId": b})
    assert resp.status_code == 400
    assert resp.get_json() == {
        "message": "Operation do not allow to move a parent category to any of children category"}


def test_move_requires_parent(admin):
    resp = admin.put("/categories/2/move", {})
    assert resp.status_code == 400 and resp.get_json()["parameters"] == {"fieldName": "parentId"}


def test_product_links_reflected(admin, backend, make_product):
    pid = make_product("LINK-1", qty=5)
    cid = admin.post("/categories", {"category": {"name": "Linked", "custom_attributes": [
        {"attribute_code": "is_anchor", "value": "1"}]}}).get_json()["id"]
    resp = admin.post(f"/categories/{cid}/products", {"productLink": {"sku": "LINK-1", "position": 3}})
    assert resp.status_code == 200 and resp.get_json() is True
    assert admin.get(f"/categories/{cid}/products").get_json() == [
        {"sku": "LINK-1", "position": 3, "category_id": str(cid)}]
    assert backend.category_links.links_for_product(pid) == [{"position": 3, "category_id": str(cid)}]
    assert backend.category_links.category_ids_for_product(pid) == [str(cid)]
    admin.put(f"/categories/{cid}/products", {"productLink": {"sku": "LINK-1", "position": 7}})
    assert backend.category_links.links_for_product(pid)[0]["position"] == 7
    tree = admin.get("/categories").get_json()
    assert [c["product_count"] for c in tree["children_data"] if c["id"] == cid] == [1]
    if hasattr(backend.catalog, "get_product"):
        product = admin.get("/products/LINK-1").get_json()
        assert product["extension_attributes"]["category_links"] == [{"position": 7, "category_id": str(cid)}]
    assert admin.delete(f"/categories/{cid}/products/LINK-1").get_json() is True
    assert backend.category_links.links_for_product(pid) == []


def test_unassign_not_assigned(admin, make_product):
    make_product("LINK-2")
    resp = admin.delete("/categories/2/products/LINK-2")
    assert resp.status_code == 400
    assert resp.get_json() == {"message": "The category doesn't contain the specified product."}


def test_assign_unknown_product_and_category(admin, make_product):
    make_product("LINK-3")
    resp = admin.post("/categories/2/products", {"productLink": {"sku": "NOPE"}})
    assert resp.status_code == 404
    assert resp.get_json() == {
        "message": "The product that was requested doesn't exist. Verify the product and try again."}
    resp = admin.post("/categories/777/products", {"productLink": {"sku": "LINK-3"}})
    assert resp.status_code == 404 and resp.get_json()["parameters"] == {"fieldName": "id", "fieldValue": "777"}


def test_set_product_links_replaces(backend, make_product, admin):
    pid = make_product("LINK-4")
    a = admin.post("/categories", {"category": {"name": "A"}}).get_json()["id"]
    backend.category_links.set_product_links(pid, [{"category_id": "2", "position": 1}, {"category_id": str(a)}],
                                         sku="LINK-4")
    assert backend.category_links.category_ids_for_product(pid) == ["2", str(a)]
    backend.category_links.set_product_links(pid, [{"category_id": str(a), "position": 2}])
    assert backend.category_links.links_for_product(pid) == [{"position": 2, "category_id": str(a)}]
    from fake_magento.errors import MagentoError

    with pytest.raises(MagentoError):
        backend.category_links.set_product_links(pid, [{"category_id": "999"}])
    backend.category_links.on_product_deleted(pid)
    assert backend.category_links.links_for_product(pid) == []


@pytest.mark.parametrize("entry, detail", [
    ({"attribute_code": {}, "value": None}, "An empty custom attribute is specified. Enter the attribute and try again."),
    ({"attribute_code": "", "value": "x"},
     "A custom attribute is specified with a missing attribute code. Verify the code and try again."),
    ({"attribute_code": "description"},
     'The "description" attribute code doesn\'t have a value set. Enter the value and try again.'),
    ("loose", "An empty custom attribute is specified. Enter the attribute and try again."),
])
@pytest.mark.parametrize("method", ["post", "put"])
def test_custom_attributes_are_checked_as_processCustomAttribute_does(admin, entry, detail, method):
    """ServiceInputProcessor::processCustomAttribute, as for products; nothing is written."""
    cid = admin.post("/categories", {"category": {"name": "Kept", "parent_id": 2}}).get_json()["id"]
    before = admin.get(f"/categories/{cid}").get_json()
    body = {"category": {"name": "Typed", "parent_id": 2, "custom_attributes": [entry]}}
    resp = admin.post("/categories", body) if method == "post" else admin.put(f"/categories/{cid}", body)
    assert resp.status_code == 400
    assert resp.get_json() == {"message": f'Error occurred during "custom_attributes" processing. {detail}'}
    assert admin.get(f"/categories/{cid}").get_json() == before
    listed = admin.get("/categories/list?searchCriteria[filter_groups][0][filters][0][field]=name"
                       "&searchCriteria[filter_groups][0][filters][0][value]=Typed").get_json()
    assert listed["total_count"] == 0
