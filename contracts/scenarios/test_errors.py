"""The error envelope and status codes (Fw/Webapi/ErrorProcessor::maskException, Rest/Response).

An error is ``{"message": ...}`` with ``%name`` / ``%1`` placeholders left in the message and their
values in ``parameters``; 400 input, 401 authentication and authorisation, 404 no route or no
entity, 405 method.
"""
from __future__ import annotations

import pytest

from contracts.target import Target


def test_unknown_route_is_404(target: Target) -> None:
    answer = target.client().get("/V1/no-such-route")
    assert answer.status == 404
    assert answer.body == {"message": "Request does not match any route."}


def test_no_credentials_is_401_naming_the_resource(target: Target) -> None:
    answer = target.anonymous().get("/V1/orders", query={"searchCriteria[pageSize]": 1})
    assert answer.status == 401
    assert answer.body == {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_Sales::actions_view"}}


def test_unknown_bearer_token_is_401(target: Target) -> None:
    answer = target.anonymous().with_token("not-a-token").get("/V1/store/storeViews")
    assert answer.status == 401
    assert answer.body == {"message": "The consumer isn't authorized to access %resources.",
                           "parameters": {"resources": "Magento_Backend::store"}}


def test_wrong_admin_password_is_401(target: Target) -> None:
    answer = target.anonymous().post("/V1/integration/admin/token",
                                     {"username": target.unique("nobody"), "password": "Wrong-Passw0rd"})
    assert answer.status == 401
    assert answer.body == {"message": "The account sign-in was incorrect or your account is disabled "
                                      "temporarily. Please wait and try again later."}


def test_missing_search_criteria_is_400_naming_the_field(target: Target) -> None:
    answer = target.client().get("/V1/products")
    assert answer.status == 400
    assert answer.body == {"message": '"%fieldName" is required. Enter and try again.',
                           "parameters": {"fieldName": "searchCriteria"}}


def test_missing_body_field_is_400(target: Target) -> None:
    answer = target.client().post("/V1/products", {})
    assert answer.status == 400
    assert answer.body == {"message": '"%fieldName" is required. Enter and try again.',
                           "parameters": {"fieldName": "product"}}


def test_malformed_json_is_400_decoding_error(target: Target) -> None:
    answer = target.client().request("POST", "/V1/products", raw_body="{not json")
    assert answer.status == 400
    assert answer.body == {"message": "Decoding error."}


def test_unsupported_method_is_405(target: Target) -> None:
    answer = target.client().request("PATCH", "/V1/products/{sku}", sku=target.unique("patch"))
    assert answer.status == 405
    assert answer.body == {"message": "The PATCH HTTP method is not supported."}


def test_missing_product_is_404_with_catalog_message(target: Target) -> None:
    answer = target.client().get("/V1/products/{sku}", sku=target.unique("missing"))
    assert answer.status == 404
    assert answer.body == {"message": "The product that was requested doesn't exist. "
                                      "Verify the product and try again."}


def test_missing_order_is_404_with_entity_message(target: Target) -> None:
    answer = target.client().get("/V1/orders/{id}", id=2_000_000_000)
    assert answer.status == 404
    assert answer.body == {"message": "The entity that was requested doesn't exist. Verify the entity and try again."}


def test_missing_customer_is_404_with_parameters(target: Target) -> None:
    answer = target.client().get("/V1/customers/{id}", id=2_000_000_000)
    assert answer.status == 404
    assert answer.body == {"message": "No such entity with %fieldName = %fieldValue",
                           "parameters": {"fieldName": "customerId", "fieldValue": 2_000_000_000}}


@pytest.mark.parametrize("path", ["/V1/orders/{id}", "/V1/invoices/{id}", "/V1/shipment/{id}",
                                  "/V1/creditmemo/{id}"])
def test_sales_documents_missing_are_404(target: Target, path: str) -> None:
    answer = target.client().get(path, id=2_000_000_000)
    assert answer.status == 404
    assert answer.body["message"] == "The entity that was requested doesn't exist. Verify the entity and try again."
