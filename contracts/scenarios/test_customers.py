"""Customers (Customer/Api/CustomerRepositoryInterface, AccountManagementInterface).

Accounts are created with a password and a default address, found by e-mail, updated, given a
token, and deleted; an e-mail is unique per website (account sharing scope "per website").
"""
from __future__ import annotations

from typing import Any

import pytest

from contracts.builders import ADDRESS, PASSWORD, create_customer, customer_token, ok, search
from contracts.target import Target


@pytest.fixture(scope="module")
def customer(target: Target) -> dict[str, Any]:
    return create_customer(target, "customer")


def test_created_customer_shape(target: Target, customer: dict[str, Any]) -> None:
    found = ok(target.client().get("/V1/customers/{id}", id=customer["id"]))
    assert found["email"] == customer["email"] and isinstance(found["id"], int)
    assert found["website_id"] == 1 and found["store_id"] == 1 and found["group_id"] == 1
    assert found["firstname"] == "Kit" and found["lastname"] == "Customer"
    (address,) = found["addresses"]
    assert found["default_billing"] == found["default_shipping"] == str(address["id"])
    assert address["customer_id"] == found["id"]
    assert address["default_billing"] is True and address["default_shipping"] is True
    assert address["region"] == {"region_code": "TX", "region": "Texas", "region_id": 57}
    assert address["street"] == ADDRESS["street"] and address["country_id"] == "US"
    assert "password" not in found and "password_hash" not in found


def test_search_by_email(target: Target, customer: dict[str, Any]) -> None:
    found = ok(target.client().get("/V1/customers/search", query=search(("email", customer["email"], "eq"))))
    assert found["total_count"] == 1
    assert [c["id"] for c in found["items"]] == [customer["id"]]


def test_search_by_email_like_and_sort(target: Target, customer: dict[str, Any]) -> None:
    other = create_customer(target, "customer-z", with_address=False)
    found = ok(target.client().get("/V1/customers/search", query=search(
        ("email", f"{target.prefix}-customer%", "like"), sort=[("email", "DESC")])))
    # "-customer@..." sorts after "-customer-z@..." ('@' > '-' in MySQL's collation too)
    assert [c["email"] for c in found["items"]] == [customer["email"], other["email"]]


def test_duplicate_email_in_the_same_website_is_refused(target: Target, customer: dict[str, Any]) -> None:
    answer = target.client().post("/V1/customers", {"customer": {
        "email": customer["email"], "firstname": "Kit", "lastname": "Again", "website_id": 1}})
    assert answer.status == 400
    assert answer.body == {"message": "A customer with the same email address already exists in an "
                                      "associated website."}


def test_same_email_on_another_website(target: Target, customer: dict[str, Any],
                                       second_view: dict[str, Any]) -> None:
    client = target.client()
    created = ok(client.post("/V1/customers", {"customer": {
        "email": customer["email"], "firstname": "Kit", "lastname": "Abroad",
        "website_id": second_view["website_id"], "store_id": second_view["id"]}}))
    target.ledger.add("customer", f"{customer['email']} (website {second_view['website_id']})",
                      lambda: client.delete("/V1/customers/{id}", id=created["id"]))
    assert created["id"] != customer["id"] and created["website_id"] == second_view["website_id"]
    found = ok(client.get("/V1/customers/search", query=search(("email", customer["email"], "eq"),
                                                               sort=[("website_id", "ASC")])))
    assert [c["website_id"] for c in found["items"]] == [1, second_view["website_id"]]


def test_update_keeps_what_is_not_sent(target: Target, customer: dict[str, Any]) -> None:
    client = target.client()
    current = ok(client.get("/V1/customers/{id}", id=customer["id"]))
    current["lastname"] = "Renamed"
    saved = ok(client.put("/V1/customers/{id}", {"customer": current}, id=customer["id"]))
    assert saved["lastname"] == "Renamed" and saved["email"] == customer["email"]
    assert len(saved["addresses"]) == 1


def test_customer_token_reads_own_account(target: Target, customer: dict[str, Any]) -> None:
    token = customer_token(target, customer["email"])
    me = ok(target.anonymous().with_token(token, "customer-token").get("/V1/customers/me"))
    assert me["id"] == customer["id"] and me["email"] == customer["email"]


def test_customer_token_cannot_call_admin_resources(target: Target, customer: dict[str, Any]) -> None:
    token = customer_token(target, customer["email"])
    answer = target.anonymous().with_token(token, "customer-token").get("/V1/customers/{id}", id=customer["id"])
    assert answer.status == 401
    assert answer.body == {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_Customer::customer"}}


def test_wrong_customer_password_is_401(target: Target, customer: dict[str, Any]) -> None:
    answer = target.anonymous().post("/V1/integration/customer/token",
                                     {"username": customer["email"], "password": PASSWORD + "x"})
    assert answer.status == 401
    assert answer.body == {"message": "The account sign-in was incorrect or your account is disabled "
                                      "temporarily. Please wait and try again later."}


def test_address_read_and_delete(target: Target) -> None:
    created = create_customer(target, "customer-address")
    client = target.client()
    address_id = created["addresses"][0]["id"]
    address = ok(client.get("/V1/customers/addresses/{addressId}", addressId=address_id))
    assert address["id"] == address_id and address["customer_id"] == created["id"]
    assert ok(client.delete("/V1/addresses/{addressId}", addressId=address_id)) is True
    assert ok(client.get("/V1/customers/{id}", id=created["id"]))["addresses"] == []


def test_delete_then_404(target: Target) -> None:
    client = target.client()
    email = f"{target.unique('customer-gone')}@example.com"
    created = ok(client.post("/V1/customers", {"customer": {
        "email": email, "firstname": "Kit", "lastname": "Gone", "website_id": 1}}))
    assert ok(client.delete("/V1/customers/{id}", id=created["id"])) is True
    answer = client.get("/V1/customers/{id}", id=created["id"])
    assert answer.status == 404
    assert answer.body == {"message": "No such entity with %fieldName = %fieldValue",
                           "parameters": {"fieldName": "customerId", "fieldValue": created["id"]}}


def test_groups(target: Target) -> None:
    client = target.client()
    general = ok(client.get("/V1/customerGroups/{id}", id=1))
    assert general == {"id": 1, "code": "General", "tax_class_id": 3, "tax_class_name": "Retail Customer"}
    default = ok(client.get("/V1/customerGroups/default"))
    assert default["id"] == 1
