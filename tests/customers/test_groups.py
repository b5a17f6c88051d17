"""Customer groups (Customer/Model/ResourceModel/GroupRepository, GroupManagement)."""
from __future__ import annotations

from tests.support import search_query


def _not_found(value: int) -> dict:
    return {"message": "No such entity with %fieldName = %fieldValue",
            "parameters": {"fieldName": "id", "fieldValue": value}}


def test_get_group_and_default(admin):
    general = {"id": 1, "code": "General", "tax_class_id": 3, "tax_class_name": "Retail Customer"}
    assert admin.get("/customerGroups/1").get_json() == general
    assert admin.get("/customerGroups/default").get_json() == general
    assert admin.get("/customerGroups/0").get_json()["code"] == "NOT LOGGED IN"
    resp = admin.get("/customerGroups/77")
    assert (resp.status_code, resp.get_json()) == (404, _not_found(77))


def test_search_groups_flat(admin):
    body = admin.get("/customerGroups/search?searchCriteria").get_json()
    assert [g["code"] for g in body["items"]] == ["NOT LOGGED IN", "General", "Wholesale", "Retailer"]
    assert body["total_count"] == 4
    query = search_query([[("code", "%ale%", "like")]], [("id", "DESC")])
    assert [g["id"] for g in admin.get("/customerGroups/search?" + query).get_json()["items"]] == [2]
    resp = admin.get("/customerGroups/search")
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "searchCriteria"}}


def test_create_update_delete_group(admin):
    created = admin.post("/customerGroups", {"group": {"code": "VIP"}})
    assert created.status_code == 200
    group = created.get_json()
    assert group == {"id": 4, "code": "VIP", "tax_class_id": 3, "tax_class_name": "Retail Customer"}
    updated = admin.put("/customerGroups/4", {"group": {"id": 1, "code": "VIP Gold", "tax_class_id": 3}}).get_json()
    assert updated["id"] == 4 and updated["code"] == "VIP Gold"
    assert admin.get("/customerGroups/1").get_json()["code"] == "General"
    resp = admin.delete("/customerGroups/4")
    assert (resp.status_code, resp.get_json()) == (200, True)
    assert admin.delete("/customerGroups/4").get_json() == _not_found(4)


def test_group_messages(admin):
    resp = admin.post("/customerGroups", {"group": {"code": "General"}})
    assert (resp.status_code, resp.get_json()) == (400, {"message": "Customer Group already exists."})
    resp = admin.post("/customerGroups", {"group": {"code": ""}})
    assert resp.get_json() == {"message": '"%fieldName" is required. Enter and try again.',
                               "parameters": {"fieldName": "code"}}
    resp = admin.post("/customerGroups", {"group": {"code": "Taxed", "tax_class_id": 2}})
    assert (resp.status_code, resp.get_json()) == (400, {
        "message": 'Invalid value of "%value" provided for the %fieldName field.',
        "parameters": {"fieldName": "taxClassId", "value": "2"}})
    resp = admin.put("/customerGroups/55", {"group": {"code": "X", "tax_class_id": 3}})
    assert (resp.status_code, resp.get_json()) == (404, _not_found(55))


def test_system_and_default_groups_cannot_be_deleted(admin):
    for group_id in (0, 1):
        resp = admin.delete(f"/customerGroups/{group_id}")
        assert (resp.status_code, resp.get_json()) == (400, {"message": "Cannot delete group."})


def test_deleting_a_group_moves_its_customers_to_default(admin):
    created = admin.post("/customers", {"customer": {"email": "w@example.com", "firstname": "W", "lastname": "S",
                                                     "group_id": 2}, "password": "Secret-Pass1"}).get_json()
    assert created["group_id"] == 2
    assert admin.delete("/customerGroups/2").get_json() is True
    assert admin.get(f"/customers/{created['id']}").get_json()["group_id"] == 1


def test_groups_need_acl(anon):
    assert anon.get("/customerGroups/1").get_json() == {
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": {"resources": "Magento_Customer::group"}}
